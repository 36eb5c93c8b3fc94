import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Language } from "../i18n";
import { KERNEL_ENVIRONMENT } from "../kernel/environment";
import type { TypecheckMode } from "../runtime/ipc";

/** The location of the installed kernelspec, named as `jupyter kernelspec install` names them. */
export type InstallScope = { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; folder: string };

export interface InstallOptions {
  scope: InstallScope;
  /** Language of the learner-facing text, set in the kernel's environment; omitted means the user's LANG. */
  language?: Language;
  /** Whether type errors stop a cell; omitted means the kernel's default, "error". */
  typecheck?: TypecheckMode;
  /** Kernel name, the folder under kernels/; "tskeras" unless a test needs another. */
  name?: string;
}

/** The package's root folder: dist/cli/ is two levels below it. */
const PACKAGE_ROOT = resolve(__dirname, "..", "..");

/**
 * Writes the kernelspec (kernel.json with absolute paths to this node and this package, and the
 * logos) so Jupyter lists the kernel. Needs no Python except to find --sys-prefix.
 */
export function installKernelspec(options: InstallOptions): string {
  const name = options.name ?? "tskeras";
  const folder = join(jupyterDataDir(options.scope), "kernels", name);
  mkdirSync(folder, { recursive: true });

  const template = JSON.parse(readFileSync(join(PACKAGE_ROOT, "kernel.json"), "utf8")) as {
    argv: string[];
    env?: Record<string, string>;
  };
  const entry = join(PACKAGE_ROOT, "dist", "cli", "index.js");
  const placeholders: Record<string, string> = { "{node}": process.execPath, "{entry}": entry };
  const spec = {
    ...template,
    argv: template.argv.map((arg) => placeholders[arg] ?? arg),
    env: {
      ...(template.env ?? {}),
      ...KERNEL_ENVIRONMENT,
      ...(options.language ? { TSKERAS_LANG: options.language } : {}),
      ...(options.typecheck ? { TSKERAS_TYPECHECK: options.typecheck } : {}),
    },
  };
  writeFileSync(join(folder, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");

  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    const source = join(PACKAGE_ROOT, "assets", logo);
    if (existsSync(source)) copyFileSync(source, join(folder, logo));
  }
  return folder;
}

/** Returns the Jupyter data folder of a scope, honouring JUPYTER_DATA_DIR for the user scope as Jupyter does. */
export function jupyterDataDir(scope: InstallScope, env: NodeJS.ProcessEnv = process.env): string {
  switch (scope.kind) {
    case "prefix":
      return join(resolve(scope.folder), "share", "jupyter");
    case "sys-prefix":
      return join(pythonPrefix(env), "share", "jupyter");
    case "user":
      if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
      if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
      if (process.platform === "win32") return join(env.APPDATA ?? homedir(), "jupyter");
      return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
  }
}

/** Returns the prefix of the Python environment Jupyter runs in: the active virtualenv or conda env, else python3's. */
function pythonPrefix(env: NodeJS.ProcessEnv): string {
  const active = env.VIRTUAL_ENV ?? env.CONDA_PREFIX;
  if (active) return active;
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
  } catch (error) {
    throw new Error(`--sys-prefix needs the Python environment that runs Jupyter, but python3 failed: ${(error as Error).message}. Use --prefix DIR or --user instead.`);
  }
}
