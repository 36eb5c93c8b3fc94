import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads modules for the notebook's `import` and `require`, resolved from the notebook's folder
 * (the kernel's working directory) and the folders above it, as Node resolves packages.
 */
export class ModuleLoader {
  readonly require: NodeRequire;

  constructor(
    readonly folder: string,
    private readonly preloaded: Record<string, unknown>,
  ) {
    this.require = createRequire(join(folder, "notebook.ts"));
  }

  /** Loads a module for an import statement; ES-module-only packages load through import(). */
  async importModule(specifier: string): Promise<unknown> {
    if (specifier in this.preloaded) return this.preloaded[specifier];
    if (builtinModules.includes(specifier.replace(/^node:/, ""))) return this.require(specifier);

    try {
      return this.require(specifier);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ERR_REQUIRE_ESM") return import(pathToFileURL(this.require.resolve(specifier)).href);
      if (code === "MODULE_NOT_FOUND") {
        throw new Error(`Cannot find module "${specifier}" from ${this.folder}. Install it there with: npm install ${specifier}`);
      }
      throw error;
    }
  }

  /** Returns what a default import binds, matching TypeScript's esModuleInterop. */
  defaultExport(module: unknown): unknown {
    if (module === null || typeof module !== "object") return module;
    const record = module as Record<string | symbol, unknown>;
    if (record.__esModule || record[Symbol.toStringTag] === "Module") return record.default;
    return module;
  }
}
