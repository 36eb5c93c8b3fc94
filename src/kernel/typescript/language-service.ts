import { join } from "node:path";
import ts from "typescript";
import { parseStandaloneCell, readsModules, STANDALONE_CELLS, type CheckerGlobals, type LibraryResolvingHost } from "./checker";

/** A LanguageServiceHost with the resolution hooks that TypeScript's language service also reads. */
type CachingHost = ts.LanguageServiceHost &
  Pick<LibraryResolvingHost, "resolveLibrary"> & {
    getModuleResolutionCache?(): ts.ModuleResolutionCache | undefined;
    hasInvalidatedResolutions?(path: ts.Path): boolean;
  };

/**
 * A ts.LanguageService for the cell being edited, compiled against the same files as the type
 * checker (the prelude of preloaded globals and the history of earlier cells) through the checker's
 * compiler host. The declarations of the TypeScript library and of packages that the checker parsed
 * are therefore reused as they are, and so are its module resolutions.
 *
 * The edited cell is a module, so its top-level declarations shadow the history's globals of the
 * same name, as they do when the cell is checked before it runs. A cell that reads no other file is
 * parsed on its own and read through the program of an empty cell (see open()). A new program is
 * built only when a file of the checker changed since the last request, or the cell imports something
 * and changed.
 */
export class CellLanguageService {
  /** Name of the edited cell's file, in the notebook's folder so that its imports resolve from there. */
  readonly fileName: string;
  readonly service: ts.LanguageService;
  private globals: CheckerGlobals | undefined;
  private options: ts.CompilerOptions | undefined;
  private cellText = "";
  private cellFile: ts.SourceFile | undefined;
  // The text of each of the checker's root files when the current program was built.
  private readonly rootTexts = new Map<string, string | undefined>();
  // Files known to exist, remembered to save a stat per file per program. It is cleared when one of
  // the learner's files is edited or deleted.
  private readonly existingFiles = new Set<string>();
  private version = 0;
  /** The checker's ownFilesVersion() when the current program was built. */
  private ownFilesVersion = 0;
  /** The options that the program passed for the edited cell's file, module detection among them. */
  private cellFileOptions: ts.CreateSourceFileOptions | undefined;
  /** The last cell parsed on its own, and how many such cells the program has read. */
  private standalone: { program: ts.Program; code: string; file: ts.SourceFile; cells: number } | undefined;
  private standaloneNames = 0;
  /** Programs whose getSourceFile() also returns the cell parsed on its own. */
  private readonly opened = new WeakSet<ts.Program>();

  constructor(
    private readonly folder: string,
    /** Returns the checker's globals for the edited cell's code, with the modules of @types/node that it imports. */
    private readonly loadGlobals: (code: string) => CheckerGlobals,
  ) {
    this.fileName = join(folder, "__tskeras_edited_cell__.ts");
    this.service = ts.createLanguageService(this.createHost(), this.createRegistry());
  }

  /**
   * Makes code the text of the edited cell and returns the program and the cell's file, which the
   * language service then finds under its file name.
   *
   * Code that reads no other file is parsed on its own (parseStandaloneCell()) and read through the
   * program of an empty cell, so that program's type checker serves each such cell until a file of the
   * checker changes. A new program and type checker took most of the 0.8 ms that completing `modelo.`
   * took in one process.
   */
  open(code: string): { program: ts.Program; file: ts.SourceFile } {
    if (readsModules(code)) {
      const program = this.update(code, false);
      return { program, file: this.ownFile(program) };
    }

    const last = this.standalone;
    const program = this.update("", last !== undefined && last.cells >= STANDALONE_CELLS);
    if (last?.program === program && last.code === code) return { program, file: last.file };
    const fileName = join(this.folder, `__tskeras_edited_cell_${++this.standaloneNames}__.ts`);
    const file = parseStandaloneCell(fileName, code, this.cellFileOptions, this.options ?? {});
    if (!file) {
      const own = this.update(code, false);
      return { program: own, file: this.ownFile(own) };
    }

    this.standalone = { program, code, file, cells: last?.program === program ? last.cells + 1 : 1 };
    if (!this.opened.has(program)) {
      const getSourceFile = program.getSourceFile;
      program.getSourceFile = (name) => (name === this.standalone?.file.fileName ? this.standalone.file : getSourceFile(name));
      this.opened.add(program);
    }
    return { program, file };
  }

  /**
   * Makes code the text of the program's own edited cell and returns the program, the previous one
   * when neither the cell nor the checker's files changed and renew is false.
   */
  private update(code: string, renew: boolean): ts.Program {
    const globals = this.loadGlobals(code);
    if (globals !== this.globals) {
      this.globals = globals;
      // Every file that is not a declaration file is a module, so the edited cell is one without an added `export {}`.
      this.options = { ...globals.options, moduleDetection: ts.ModuleDetectionKind.Force };
    }

    // An edited file that a cell imports changes the program too, though no root file changed.
    const ownFiles = globals.ownFilesVersion();
    let changed = renew || code !== this.cellText || ownFiles !== this.ownFilesVersion;
    // An edit may be a deletion, so each file's existence is looked up again.
    if (ownFiles !== this.ownFilesVersion) this.existingFiles.clear();
    this.ownFilesVersion = ownFiles;
    for (const root of globals.rootNames) {
      const text = globals.host.readFile(root);
      if (this.rootTexts.get(root) !== text) changed = true;
      this.rootTexts.set(root, text);
    }
    this.cellText = code;
    if (changed) this.version++;

    const program = this.service.getProgram();
    if (!program) throw new Error("the TypeScript language service has no program");
    return program;
  }

  /** Returns the program's own edited cell. */
  private ownFile(program: ts.Program): ts.SourceFile {
    const file = program.getSourceFile(this.fileName);
    if (!file) throw new Error(`the language service's program has no ${this.fileName}`);
    return file;
  }

  /** Returns whether fileName is an edited cell or the history of earlier cells, whose nodes are new in each program. */
  isCellOrHistory(fileName: string): boolean {
    return fileName === this.fileName || fileName === this.standalone?.file.fileName || fileName === this.checkerGlobals.historyPath;
  }

  private get checkerGlobals(): CheckerGlobals {
    if (!this.globals) throw new Error("CellLanguageService.update() must run before the service is used");
    return this.globals;
  }

  private createHost(): CachingHost {
    const checkerHost = () => this.checkerGlobals.host;
    return {
      getCompilationSettings: () => this.options ?? {},
      // While this version is unchanged, the service keeps its program and calls nothing else.
      getProjectVersion: () => String(this.version),
      getScriptFileNames: () => [...this.checkerGlobals.rootNames, this.fileName],
      getScriptVersion: () => String(this.version),
      getScriptSnapshot: (fileName) => {
        if (fileName === this.fileName) return ts.ScriptSnapshot.fromString(this.cellText);
        // The registry below takes the text from the checker's host, so an empty snapshot only marks that the file exists.
        return this.fileExistsOnce(fileName) ? EMPTY_SNAPSHOT : undefined;
      },
      getCurrentDirectory: () => this.folder,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
      fileExists: (fileName) => fileName === this.fileName || checkerHost().fileExists(fileName),
      readFile: (fileName) => (fileName === this.fileName ? this.cellText : checkerHost().readFile(fileName)),
      directoryExists: (directory) => checkerHost().directoryExists?.(directory) ?? ts.sys.directoryExists(directory),
      getDirectories: (directory) => checkerHost().getDirectories?.(directory) ?? ts.sys.getDirectories(directory),
      readDirectory: (path, extensions, exclude, include, depth) => ts.sys.readDirectory(path, extensions, exclude, include, depth),
      realpath: (path) => checkerHost().realpath?.(path) ?? path,
      resolveModuleNameLiterals: (...args) => {
        const resolve = checkerHost().resolveModuleNameLiterals;
        if (!resolve) throw new Error("the checker's compiler host does not resolve modules");
        return resolve(...args);
      },
      resolveTypeReferenceDirectiveReferences: (...args) => {
        const resolve = checkerHost().resolveTypeReferenceDirectiveReferences;
        if (!resolve) throw new Error("the checker's compiler host does not resolve type references");
        return resolve(...args);
      },
      // NOTE: not in the public LanguageServiceHost type, but TypeScript 5.9's language service passes
      // it to the program, which then reads each package.json once instead of once per program.
      getModuleResolutionCache: () => checkerHost().getModuleResolutionCache?.(),
      // The history's imports of the learner's files are resolved again for each program, as the checker's are.
      hasInvalidatedResolutions: (path) => checkerHost().hasInvalidatedResolutions?.(path) ?? false,
      resolveLibrary: (...args) => {
        const resolve = (checkerHost() as LibraryResolvingHost).resolveLibrary;
        if (!resolve) throw new Error("the checker's compiler host does not resolve libraries");
        return resolve(...args);
      },
    };
  }

  /** Creates a document registry that returns the checker's SourceFiles, and its own for the edited cell. */
  private createRegistry(): ts.DocumentRegistry {
    const sourceFile = (fileName: string, options: ts.CreateSourceFileOptions | ts.ScriptTarget | undefined): ts.SourceFile => {
      const languageVersion = options ?? ts.ScriptTarget.ES2022;
      if (fileName === this.fileName) {
        if (typeof options === "object") this.cellFileOptions = options;
        if (this.cellFile?.text !== this.cellText) this.cellFile = ts.createSourceFile(fileName, this.cellText, languageVersion, true);
        return this.cellFile;
      }
      const file = this.checkerGlobals.host.getSourceFile(fileName, languageVersion);
      if (!file) throw new Error(`failed to read ${fileName}`);
      return file;
    };
    return {
      acquireDocument: (fileName, _settings, _snapshot, _version, _kind, options) => sourceFile(fileName, options),
      acquireDocumentWithKey: (fileName, _path, _settings, _key, _snapshot, _version, _kind, options) => sourceFile(fileName, options),
      updateDocument: (fileName, _settings, _snapshot, _version, _kind, options) => sourceFile(fileName, options),
      updateDocumentWithKey: (fileName, _path, _settings, _key, _snapshot, _version, _kind, options) => sourceFile(fileName, options),
      getKeyForCompilationSettings: () => "tskeras" as ts.DocumentRegistryBucketKey,
      releaseDocument: () => undefined,
      releaseDocumentWithKey: () => undefined,
      reportStats: () => "[]",
    };
  }

  private fileExistsOnce(fileName: string): boolean {
    if (this.existingFiles.has(fileName)) return true;
    const exists = this.checkerGlobals.host.fileExists(fileName);
    if (exists) this.existingFiles.add(fileName);
    return exists;
  }
}

const EMPTY_SNAPSHOT = ts.ScriptSnapshot.fromString("");
