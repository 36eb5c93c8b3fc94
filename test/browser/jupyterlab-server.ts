import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/** A JupyterLab server that a test started, listening on 127.0.0.1 only. */
export interface JupyterLab {
  /** Base URL, such as http://127.0.0.1:45123. */
  url: string;
  token: string;
  /** Everything the server printed so far, for failure messages. */
  log(): string;
  /** Asks the server to shut down with its kernels, then kills its process if it has not exited. */
  stop(): Promise<void>;
}

export interface JupyterLabOptions {
  /** The jupyter command of the Python environment that has JupyterLab. */
  jupyter: string;
  /** Folder that the server shows as its root. */
  rootDir: string;
  /** Folder for Jupyter's data (kernelspecs), config, runtime files and JupyterLab's settings. */
  homeDir: string;
  /** Environment of the server and of the kernels it starts. */
  env: NodeJS.ProcessEnv;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Returns the folders that Jupyter and JupyterLab read and write, all under homeDir. */
export function jupyterFolders(homeDir: string): Record<string, string> {
  return {
    JUPYTER_DATA_DIR: join(homeDir, "data"),
    JUPYTER_CONFIG_DIR: join(homeDir, "config"),
    JUPYTER_RUNTIME_DIR: join(homeDir, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: join(homeDir, "lab-settings"),
    JUPYTERLAB_WORKSPACES_DIR: join(homeDir, "lab-workspaces"),
  };
}

/**
 * Writes the server's config and JupyterLab's settings: no request leaves 127.0.0.1 (no news feed, no
 * update check, no extension listing from PyPI), and no toast covers the notebook in screenshots.
 */
function writeConfig(homeDir: string, rootDir: string, port: number, token: string): void {
  const folders = jupyterFolders(homeDir);
  const config = {
    ServerApp: {
      ip: "127.0.0.1",
      port,
      port_retries: 0,
      open_browser: false,
      root_dir: rootDir,
      // CI runs as root, and Jupyter Server refuses to start as root without this.
      allow_root: true,
    },
    IdentityProvider: { token },
    LabApp: { news_url: null, check_for_updates_class: "jupyterlab.NeverCheckForUpdate", extension_manager: "readonly" },
  };
  mkdirSync(folders.JUPYTER_CONFIG_DIR, { recursive: true });
  writeFileSync(join(folders.JUPYTER_CONFIG_DIR, "jupyter_server_config.json"), JSON.stringify(config, null, 2));

  const notifications = join(folders.JUPYTERLAB_SETTINGS_DIR, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings");
  mkdirSync(dirname(notifications), { recursive: true });
  writeFileSync(notifications, JSON.stringify({ fetchNews: "false", checkForUpdates: false }));
}

/** Starts JupyterLab on a free port of 127.0.0.1 with a random token and waits until it responds. */
export async function startJupyterLab(options: JupyterLabOptions, timeoutMs = 120_000): Promise<JupyterLab> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  writeConfig(options.homeDir, options.rootDir, port, token);

  const env = { ...options.env, ...jupyterFolders(options.homeDir), JUPYTER_PLATFORM_DIRS: "1" };
  const server = spawn(options.jupyter, ["lab"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => server.once("exit", () => resolveExit()));

  const url = `http://127.0.0.1:${port}`;
  const lab: JupyterLab = { url, token, log: () => output, stop: () => stopServer(server, exited, url, token) };

  const deadline = Date.now() + timeoutMs;
  while (!(await responds(`${url}/api/status`, token))) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`jupyter lab exited with ${server.exitCode ?? server.signalCode} before it responded:\n${output}`);
    }
    if (Date.now() > deadline) {
      await lab.stop();
      throw new Error(`jupyter lab did not respond on ${url} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  return lab;
}

async function responds(url: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(url, { headers: { Authorization: `token ${token}` } });
    return response.ok;
  } catch {
    return false;
  }
}

/** Shuts the server down through its API, which also stops its kernels, and kills it by PID if that fails. */
async function stopServer(server: ChildProcess, exited: Promise<void>, url: string, token: string): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;

  const within = (milliseconds: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((wake) => setTimeout(() => wake(false), milliseconds).unref())]);

  await fetch(`${url}/api/shutdown`, { method: "POST", headers: { Authorization: `token ${token}` } }).catch(() => undefined);
  if (await within(30_000)) return;

  server.kill("SIGTERM");
  if (await within(10_000)) return;
  server.kill("SIGKILL");
  await exited;
}
