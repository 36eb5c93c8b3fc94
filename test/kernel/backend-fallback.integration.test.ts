import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KernelClient } from "../../src/notebook/client";
import { resultText } from "./fixture";

// Each case starts the compiled kernel from a copy of the package whose node_modules links every
// installed package except tfjs-node, and contains a fake, broken tfjs-node instead (or none). Whether
// the real tfjs-node is installed next to the tests changes nothing here.

const PACKAGE_ROOT = join(__dirname, "..", "..");
const TFJS_NODE_PACKAGES = new Set(["tfjs-node", "tfjs-node-gpu"]);

let install: string;
let notebookFolder: string;

beforeAll(() => {
  install = mkdtempSync(join(tmpdir(), "tskeras-backend-install-"));
  notebookFolder = mkdtempSync(join(tmpdir(), "tskeras-backend-notebook-"));
  // dist/ is copied: Node resolves a linked file's imports from its real folder, which would find the real node_modules.
  cpSync(join(PACKAGE_ROOT, "dist"), join(install, "dist"), { recursive: true });
  cpSync(join(PACKAGE_ROOT, "package.json"), join(install, "package.json"));
  for (const folder of ["data", "assets"]) symlinkSync(join(PACKAGE_ROOT, folder), join(install, folder));

  const modules = join(install, "node_modules");
  mkdirSync(join(modules, "@tensorflow"), { recursive: true });
  for (const name of readdirSync(join(PACKAGE_ROOT, "node_modules"))) {
    if (name.startsWith(".") || name === "@tensorflow") continue;
    symlinkSync(join(PACKAGE_ROOT, "node_modules", name), join(modules, name));
  }
  for (const name of readdirSync(join(PACKAGE_ROOT, "node_modules", "@tensorflow"))) {
    if (TFJS_NODE_PACKAGES.has(name)) continue;
    symlinkSync(join(PACKAGE_ROOT, "node_modules", "@tensorflow", name), join(modules, "@tensorflow", name));
  }
});

afterAll(() => {
  rmSync(install, { recursive: true, force: true });
  rmSync(notebookFolder, { recursive: true, force: true });
});

/** Replaces the fake tfjs-node with these files, or removes it when there are none. */
function writeFakeTfjsNode(files: Record<string, string>): void {
  const packageFolder = join(install, "node_modules", "@tensorflow", "tfjs-node");
  rmSync(packageFolder, { recursive: true, force: true });
  if (Object.keys(files).length === 0) return;
  const withManifest = { "package.json": JSON.stringify({ name: "@tensorflow/tfjs-node", version: "4.22.0", main: "index.js" }), ...files };
  for (const [file, content] of Object.entries(withManifest)) {
    mkdirSync(dirname(join(packageFolder, file)), { recursive: true });
    writeFileSync(join(packageFolder, file), content);
  }
}

interface KernelRun {
  banner: string;
  backend: string | undefined;
  /** The kernel's stderr, line by line. */
  log: string[];
}

/** Starts a kernel from the copied package, requests its banner and tf.getBackend(), and stops it. */
async function runKernel(requestedBackend: string): Promise<KernelRun> {
  let stderr = "";
  const client = await KernelClient.start({
    cwd: notebookFolder,
    cliEntry: join(install, "dist", "cli", "index.js"),
    env: { ...process.env, TSKERAS_LANG: "en", TSKERAS_TYPECHECK: "", TSKERAS_LOG_LEVEL: "warn", TSKERAS_BACKEND: requestedBackend },
    onStderr: (text) => (stderr += text),
  });
  try {
    // A cell waits for the executor, so the banner names the backend afterwards.
    const backend = resultText(await client.execute("tf.getBackend()"));
    const { reply } = await client.kernelInfo();
    return { banner: String(reply.banner), backend, log: stderr.split("\n").filter((line) => line !== "") };
  } finally {
    await client.shutdown();
  }
}

// The reason for each fake: the message that the kernel's log line must contain.
const CASES: { name: string; files: Record<string, string>; requested: string; reason: RegExp }[] = [
  {
    name: "tfjs-node not installed",
    files: {},
    requested: "",
    reason: /@tensorflow\/tfjs-node is not installed/,
  },
  {
    name: "install script denied",
    // Without its install script the package has no addon, and its main file throws on require.
    files: {
      "index.js": [
        'const binding = require("path").join(__dirname, "lib", "napi-v8", "tfjs_binding.node");',
        'if (!require("fs").existsSync(binding)) throw new Error(`no native addon at ${binding}\\nrun the install script`);',
        "module.exports = require(binding);",
      ].join("\n"),
    },
    requested: "",
    reason: /@tensorflow\/tfjs-node failed to load: no native addon at \S+tfjs_binding\.node;/,
  },
  {
    name: "native addon missing",
    files: { "index.js": 'module.exports = require("./lib/napi-v8/tfjs_binding.node");' },
    requested: "",
    reason: /@tensorflow\/tfjs-node failed to load: Cannot find module '\.\/lib\/napi-v8\/tfjs_binding\.node'/,
  },
  {
    name: "native addon that is no library",
    files: {
      "index.js": 'module.exports = require("./lib/napi-v8/tfjs_binding.node");',
      "lib/napi-v8/tfjs_binding.node": "not a shared library",
    },
    requested: "",
    reason: /@tensorflow\/tfjs-node failed to load: \S+tfjs_binding\.node: /,
  },
  {
    name: "TSKERAS_BACKEND=tensorflow, addon missing",
    files: { "index.js": 'module.exports = require("./lib/napi-v8/tfjs_binding.node");' },
    requested: "tensorflow",
    reason: /@tensorflow\/tfjs-node failed to load: Cannot find module '\.\/lib\/napi-v8\/tfjs_binding\.node'/,
  },
];

describe("kernel without a working tfjs-node", () => {
  it.each(CASES)("falls back to wasm: $name", async ({ files, requested, reason }) => {
    writeFakeTfjsNode(files);
    const run = await runKernel(requested);

    expect(run.backend).toBe("'wasm'");
    expect(run.banner).toContain("(backend: wasm)");
    const tensorflowLines = run.log.filter((line) => line.includes("tensorflow"));
    expect(tensorflowLines).toHaveLength(1);
    expect(tensorflowLines[0]).toMatch(/^\[tskeras \S+ WARN\] backend tensorflow not used: /);
    expect(tensorflowLines[0]).toMatch(reason);
    expect(tensorflowLines[0]).toMatch(/; using wasm$/);
  }, 120_000);
});
