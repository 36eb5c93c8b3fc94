import { existsSync, readFileSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { basename, dirname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { messages } from "../i18n";
import { registerImportedFile } from "./errors";
import { ARQUERO_PACKAGES, isInPackages, isPathSpecifier, TENSORFLOW_PACKAGES } from "./ipc";

/** Conditions of a package's "exports" map that a Node ES module import matches, in order. */
const IMPORT_CONDITIONS = ["node", "import", "default"];

/** Root of the tskeras package: this file is dist/runtime/modules.js, or src/runtime/modules.ts under jest. */
const PACKAGE_ROOT = join(__dirname, "..", "..");

/** Folders of tskeras's own modules: dist/, or src/ under jest. */
const TSKERAS_FOLDERS = ["dist", "src"].map((folder) => join(PACKAGE_ROOT, folder) + sep);

/** Packages whose declarations the type checker bundles, which load from tskeras's dependencies as well. */
const BUNDLED_PACKAGES = [...TENSORFLOW_PACKAGES, ...ARQUERO_PACKAGES];

/**
 * Loads modules for the notebook's `import` and `require`, resolved from the notebook's folder
 * (the kernel's working directory) and the folders above it, as Node resolves packages.
 */
export class ModuleLoader {
  /** The `require` of the notebook's cells: Node's, with errors that name the folder searched and the loader to use. */
  readonly require: NodeRequire;
  private readonly folderRequire: NodeRequire;
  private readonly packageRequire = createRequire(join(PACKAGE_ROOT, "package.json"));
  /** Modification times of the learner's modules in require's cache, by file name, when each loaded. */
  private readonly ownFileTimes = new Map<string, number>();
  /** Files in require's cache that belong to packages or to tskeras, which do not change. */
  private readonly otherFiles = new Set<string>();

  constructor(
    readonly folder: string,
    private readonly preloaded: Record<string, unknown>,
  ) {
    this.folderRequire = createRequire(join(folder, "notebook.ts"));
    this.require = this.cellRequire();
    registerTypeScriptFiles();
  }

  /** Returns a require for cells that loads edited files anew and explains the two failures learners meet. */
  private cellRequire(): NodeRequire {
    const inner = this.folderRequire;
    const require = ((id: string) => {
      this.forgetEditedFiles();
      try {
        return inner(id);
      } catch (error) {
        throw this.explainRequireError(error, id);
      } finally {
        this.rememberOwnFiles();
      }
    }) as NodeRequire;
    return Object.assign(require, { resolve: inner.resolve, cache: inner.cache, extensions: inner.extensions, main: inner.main });
  }

  /**
   * Replaces Node's message for a module that is not found, which names a notebook.ts that does not
   * exist, and for an ES module, which require cannot load in Node.js 20.
   */
  private explainRequireError(error: unknown, id: string): unknown {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing dependency of a module that was found keeps Node's message, which names both.
    const notFound = code === "MODULE_NOT_FOUND" && (error as Error).message.startsWith(`Cannot find module '${id}'`);
    const isPath = isPathSpecifier(id);
    let message: string | undefined;
    if (code === "ERR_REQUIRE_ESM" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || (notFound && !isPath && this.resolveImportEntry(id, this.folder))) {
      message = messages().kernel.requireOfEsModule(id);
    } else if (notFound) {
      message = isPath ? messages().kernel.fileNotFound(id, this.folder) : messages().kernel.moduleNotFound(id, this.folder);
    }
    if (!message) return error;
    return Object.assign(new Error(message), { code });
  }

  /**
   * Loads a module for an import statement: CommonJS packages, JSON files and .ts files through
   * require, ES-module-only packages through import().
   */
  async importModule(specifier: string): Promise<unknown> {
    if (specifier in this.preloaded) return this.preloaded[specifier];
    if (builtinModules.includes(specifier.replace(/^node:/, ""))) return this.folderRequire(specifier);
    this.forgetEditedFiles();
    try {
      return await this.importFromFolders(specifier);
    } finally {
      this.rememberOwnFiles();
    }
  }

  /**
   * Removes the learner's modules from require's cache once one of their files was edited since it
   * loaded, so an import runs the new code, as re-running a cell does. All of them go, because a module
   * that imports the edited one keeps its old exports.
   * NOTE: an ES module, which loads through import(), stays as it first loaded, because Node's cache
   * of ES modules cannot be cleared.
   */
  private forgetEditedFiles(): void {
    const edited = [...this.ownFileTimes].some(([file, loaded]) => statSync(file, { throwIfNoEntry: false })?.mtimeMs !== loaded);
    if (!edited) return;
    for (const file of this.ownFileTimes.keys()) delete require.cache[file];
    this.ownFileTimes.clear();
  }

  /** Notes when each of the learner's files in require's cache was modified: files outside node_modules and tskeras. */
  private rememberOwnFiles(): void {
    for (const file of Object.keys(require.cache)) {
      if (this.ownFileTimes.has(file) || this.otherFiles.has(file)) continue;
      if (file.includes(`${sep}node_modules${sep}`) || TSKERAS_FOLDERS.some((folder) => file.startsWith(folder))) {
        this.otherFiles.add(file);
        continue;
      }
      const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
      if (modified !== undefined) this.ownFileTimes.set(file, modified);
    }
  }

  private async importFromFolders(specifier: string): Promise<unknown> {
    if (isInPackages(specifier, BUNDLED_PACKAGES)) {
      try {
        return await this.load(specifier, this.packageRequire, PACKAGE_ROOT);
      } catch (error) {
        // A package of those scopes that tskeras does not depend on comes from the notebook's folder.
        if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      }
    }

    try {
      return await this.load(specifier, this.folderRequire, this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      const isPath = isPathSpecifier(specifier);
      throw new Error(isPath ? messages().kernel.fileNotFound(specifier, this.folder) : messages().kernel.moduleNotFound(specifier, this.folder));
    }
  }

  /** Loads specifier as require resolves it from folder, through import() when it is an ES module only. */
  private async load(specifier: string, require: NodeRequire, folder: string): Promise<unknown> {
    try {
      return require(specifier);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ERR_REQUIRE_ESM") return import(pathToFileURL(require.resolve(specifier)).href);
      // A package whose "exports" offer only an "import" entry cannot be required at all.
      const esmEntry = code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || code === "MODULE_NOT_FOUND" ? this.resolveImportEntry(specifier, folder) : undefined;
      if (esmEntry) return import(pathToFileURL(esmEntry).href);
      throw error;
    }
  }

  /**
   * Loads a module for an `import()` expression in a cell and returns a module namespace. A CommonJS
   * module's exports become its default export, and their properties its named exports, as in Node's
   * own import(). For a module marked `__esModule`, the default export is its `default` property, as
   * TypeScript types it and as a default import in a cell binds it.
   */
  async dynamicImport(specifier: string): Promise<unknown> {
    const module = await this.importModule(specifier);
    if (module !== null && typeof module === "object" && (module as Record<symbol, unknown>)[Symbol.toStringTag] === "Module") return module;
    const namespace: Record<string, unknown> = { default: this.defaultExport(module) };
    if (module !== null && (typeof module === "object" || typeof module === "function")) {
      for (const [name, value] of Object.entries(module)) if (name !== "default") namespace[name] = value;
    }
    return namespace;
  }

  /** Returns what a default import binds, matching TypeScript's esModuleInterop. */
  defaultExport(module: unknown): unknown {
    if (module === null || typeof module !== "object") return module;
    const record = module as Record<string | symbol, unknown>;
    if (record.__esModule || record[Symbol.toStringTag] === "Module") return record.default;
    return module;
  }

  /** Finds the file an ES module import of a bare package specifier loads from start, by the package's "exports". */
  private resolveImportEntry(specifier: string, start: string): string | undefined {
    if (isPathSpecifier(specifier)) return undefined;
    const parts = specifier.split("/");
    const packageName = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    const subpath = "." + specifier.slice(packageName.length);

    for (let folder = start; ; folder = dirname(folder)) {
      const packageFolder = join(folder, "node_modules", packageName);
      const manifestPath = join(packageFolder, "package.json");
      if (existsSync(manifestPath)) {
        const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: unknown; main?: string };
        const target = manifest.exports === undefined ? (subpath === "." ? (manifest.main ?? "index.js") : subpath) : exportTarget(manifest.exports, subpath);
        return target ? resolve(packageFolder, target) : undefined;
      }
      if (dirname(folder) === folder) return undefined;
    }
  }
}

/** Picks the target of subpath in an "exports" field, following the import conditions. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  const isSubpathMap = typeof exports === "object" && exports !== null && Object.keys(exports).some((key) => key.startsWith("."));
  const entry = isSubpathMap ? (exports as Record<string, unknown>)[subpath] : subpath === "." ? exports : undefined;
  return conditionalTarget(entry);
}

function conditionalTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) return entry.map(conditionalTarget).find((target) => target !== undefined);
  if (typeof entry !== "object" || entry === null) return undefined;
  for (const condition of IMPORT_CONDITIONS) {
    const target = conditionalTarget((entry as Record<string, unknown>)[condition]);
    if (target) return target;
  }
  return undefined;
}

let typeScriptFilesRegistered = false;

/**
 * Lets require() load .ts files next to the notebook by transpiling them to CommonJS. TypeScript is
 * loaded on the first such file, so notebooks that import none do not pay for it.
 */
function registerTypeScriptFiles(): void {
  if (typeScriptFilesRegistered) return;
  typeScriptFilesRegistered = true;
  require.extensions[".ts"] = (module, filename) => {
    const ts = require("typescript") as typeof import("typescript");
    const output = ts.transpileModule(readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: true, inlineSources: true },
      reportDiagnostics: true,
    });
    // Node's own SyntaxError for the transpiled code would name neither the file nor the line.
    const syntaxError = output.diagnostics?.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.file);
    if (syntaxError?.file) {
      const { line, character } = syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start ?? 0);
      const detail = `TS${syntaxError.code}: ${ts.flattenDiagnosticMessageText(syntaxError.messageText, "\n")}`;
      throw new SyntaxError(messages().kernel.importedFileSyntaxError(basename(filename), line + 1, character + 1, detail));
    }
    // Stack traces then show the file's TypeScript lines, as they do a cell's.
    if (output.sourceMapText) registerImportedFile(filename, output.sourceMapText);
    (module as unknown as { _compile(code: string, filename: string): void })._compile(output.outputText, filename);
  };
}
