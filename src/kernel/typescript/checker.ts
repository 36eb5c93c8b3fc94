import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import ts from "typescript";
import { ARQUERO_PACKAGES, isPathSpecifier, TENSORFLOW_PACKAGES, type CellPosition, type CompiledCell } from "../../runtime/ipc";
import { cellFileName, compileCell, emitCell, toCellDiagnostic } from "./compile";
import { collectBindingIdentifiers, collectTopLevelNames, existsAtRunTime, isUsingDeclaration, statementBindings } from "./declarations";
import { IMPLICIT_ANY_DIAGNOSTICS, IMPORT_ASSIGNMENT_IN_ES_MODULE, MODULE_NOT_FOUND, type CellDiagnostic } from "./diagnostics";
import { DeclarationHistory, type ImportMeanings } from "./history";
import { bundleDeclarations } from "./declaration-bundle";
import { NodeTypes } from "./node-types";
import { bundleLibraries } from "./script-bundle";
import { buildPrelude } from "./prelude";

/** The outcome of checking one cell; commit() records its declarations once the cell has run. */
/** The module of TensorFlow.js that the preloaded API re-exports as `tf`. */
const TENSORFLOW_MODULE = "@tensorflow/tfjs";

/** The table library that the preloaded API re-exports as `aq`. */
const ARQUERO_MODULE = "arquero";

export interface CheckResult {
  syntaxErrors: CellDiagnostic[];
  typeErrors: CellDiagnostic[];
  /** Compiles the checked cell to JavaScript from the same program, which saves parsing it again. */
  compile(executionCount: number): CompiledCell;
  /** Records the cell's declarations once it has run. stoppedAt, for a cell that threw, leaves out what it never assigned. */
  commit(stoppedAt?: CellPosition): void;
}

/** The options, host and root files that let a language service read the checker's files. */
export interface CheckerGlobals {
  options: ts.CompilerOptions;
  host: ts.CompilerHost;
  /** The prelude, the declaration bundle and the history; the cell is not among them. */
  rootNames: string[];
  /** The generated file of earlier cells' declarations, which changes as cells run. */
  historyPath: string;
  /** Returns a number that changes whenever one of the learner's files that programs read is edited. */
  ownFilesVersion(): number;
}

const EXPORT = "export ";

/** An import of a path relative to the notebook's folder, in the history's text. */
const RELATIVE_IMPORT = /from ["']\.\.?\//;

/**
 * How many cells one standalone program checks before it is built again. Its type checker keeps
 * what it learned of each cell, such as the cell's symbols and so its syntax tree.
 */
export const STANDALONE_CELLS = 100;

interface StandaloneProgram {
  program: ts.Program;
  /** The history's text that the program contains. */
  history: string | undefined;
  filesVersion: number;
  ownFilesVersion: number;
  /** How many cells it has checked. */
  cells: number;
}

/** TypeScript's binder, which a program runs on each of its files as its type checker starts. It is not in TypeScript 5.9's public declarations. */
const internals = ts as unknown as { bindSourceFile?(file: ts.SourceFile, options: ts.CompilerOptions): void };

/**
 * The compiler host's hook for `/// <reference lib>` resolutions, and the function behind it. Both are
 * in TypeScript 5.9's JavaScript but not in its public declarations.
 */
type ResolveLibrary = (libraryName: string, resolveFrom: string, options: ts.CompilerOptions) => ts.ResolvedModuleWithFailedLookupLocations;
export type LibraryResolvingHost = ts.CompilerHost & { resolveLibrary?: ResolveLibrary };
interface InternalResolveLibrary {
  resolveLibrary(libraryName: string, resolveFrom: string, options: ts.CompilerOptions, host: ts.ModuleResolutionHost, cache: ts.ModuleResolutionCache): ts.ResolvedModuleWithFailedLookupLocations;
}


/**
 * Type-checks cells against the preloaded API and the declarations of the cells run before.
 *
 * The program has a prelude that declares the preloaded globals, one bundle of TensorFlow.js's
 * declarations, the generated history of earlier cells, and the cell, in the notebook's folder so its
 * imports resolve from there. Every file is a module (moduleDetection "force"), so the cell's own
 * declarations shadow the history's globals of the same name instead of clashing with them. Once the
 * cell has run, a copy with every top-level declaration exported gives the declaration emit that
 * becomes its history entry.
 */
export class CellChecker {
  private history = new DeclarationHistory();
  private readonly options: ts.CompilerOptions;
  private readonly host: ts.CompilerHost;
  private readonly cachedFiles = new Map<string, ts.SourceFile>();
  /** Modification times of the parsed files that are neither a library's nor a package's, by file name. */
  private readonly ownFileTimes = new Map<string, number>();
  private fixedFolders: string[] | undefined;
  /** How many edits of the learner's files have been found, by their modification times. */
  private ownFileEdits = 0;
  /** The modification time of each edited file when its edit was counted. */
  private readonly countedEdits = new Map<string, number>();
  private readonly virtualFiles = new Map<string, string>();
  private readonly preludePath: string;
  private readonly bundlePath: string;
  private readonly libraryPath: string;
  private readonly historyPath: string;
  private bundledModules = new Set<string>();
  private nodeTypes: NodeTypes | undefined;
  /**
   * The files of @types/node loaded after start, each on its own, so loading a module parses only its
   * file. The files loaded at start are part of the library's file. A cell that first imports path, os, zlib or
   * inspector then took 11-38 ms to check, against 160-210 ms with every loaded file in one.
   */
  private readonly nodeTypesPaths: string[] = [];
  private readonly pendingModulesPath: string;
  private coreNodeFiles = new Set<number>();
  /** Files whose imports have been looked at for modules of @types/node; each parsed file is looked at once. */
  private readonly scannedFiles = new WeakSet<ts.SourceFile>();
  private readonly cellPath: string;
  private program: ts.Program | undefined;
  private cachedGlobals: CheckerGlobals | undefined;
  private lastCheck: { source: string; historyVersion: number; ownFilesVersion: number; result: CheckResult } | undefined;
  private resolutionCaches: { clear(): void }[] = [];
  /** Names that the cell being checked declares inside `declare global`, which the history then leaves out. */
  private redeclaredGlobals: ReadonlySet<string> = new Set();
  private standalone: StandaloneProgram | undefined;
  private preloaded: ReadonlySet<string> | undefined;
  /** How many cells standaloneCell() has parsed, for their file names. */
  private standaloneCells = 0;
  /** Changes whenever a file other than the history and the cell is added to the programs. */
  private filesVersion = 0;
  /** The options that the program passed to the host for the cell's file, module detection among them. */
  private cellFileOptions: ts.CreateSourceFileOptions | undefined;

  constructor(
    folder: string,
    private readonly packageRoot: string,
  ) {
    this.preludePath = join(folder, "__tskeras_prelude__.ts");
    // Beside the package's node_modules, so packages that the bundled declarations import resolve.
    this.bundlePath = join(packageRoot, "__tskeras_declarations__.d.ts");
    this.libraryPath = join(packageRoot, "__tskeras_library__.d.ts");
    this.pendingModulesPath = join(packageRoot, "__tskeras_node_modules__.d.ts");
    this.historyPath = join(folder, "__tskeras_history__.ts");
    this.cellPath = join(folder, "__tskeras_cell__.ts");
    this.options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      // The ES2022 library and @types/node come bundled in one file (see prepare()).
      noLib: true,
      types: [],
      paths: { tskeras: [join(packageRoot, "dist", "index.d.ts")] },
      strict: true,
      // On for the types of `const xs = []` and `let x;`. Its "implicitly has an 'any' type" errors are
      // dropped (IMPLICIT_ANY_DIAGNOSTICS), because notebook code often leaves parameters unannotated.
      noImplicitAny: true,
      // Default imports of CommonJS modules type-check as they run, because the executor's imports
      // follow esModuleInterop. esModuleInterop itself stays off. With it, each new type checker
      // resolves every export of a module on the first use of a namespace import of it. The preloaded
      // API imports TensorFlow.js that way, which made a completion request 2 ms slower.
      allowSyntheticDefaultImports: true,
      esModuleInterop: false,
      resolveJsonModule: true,
      allowImportingTsExtensions: true,
      allowUnreachableCode: true,
      skipLibCheck: true,
      moduleDetection: ts.ModuleDetectionKind.Force,
      // Turned on for the history's declaration emit only (see commit()).
      declaration: false,
      sourceMap: true,
      inlineSources: true,
      // NOTE: TypeScript reports allowImportingTsExtensions without noEmit as an options error, which the
      // kernel does not read; emit works with it in TypeScript 5.9.
    };
    this.host = this.createHost();
  }

  /** Checks a cell's source; the diagnostics are empty when it may run. */
  check(source: string): CheckResult {
    // A cell run again unchanged, against the same history and the same versions of the learner's
    // files, with nothing to load from disk, has the same diagnostics, so the last result is reused.
    // Re-running a cell is common in notebooks.
    const ownFiles = this.ownFilesVersion();
    const last = this.lastCheck;
    if (last && last.source === source && last.historyVersion === this.history.version && last.ownFilesVersion === ownFiles) return last.result;

    // A cell that declares names is checked with each top-level declaration exported, so the same
    // program gives the declaration file of its history entry. A second program and type checker
    // for that took as long as the check itself, 8 ms for a cell that uses `tf.`.
    const parsed = parse(source);
    const names = collectTopLevelNames(parsed);
    // Interfaces, type aliases, type-only imports and `declare` statements declare names too, though none exists at run time.
    const declares = names.length > 0 || parsed.statements.some((statement) => ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isImportDeclaration(statement) || isRequireImport(statement) || !existsAtRunTime(statement));
    const checked = declares ? exportTopLevelDeclarations(source) : { text: source, insertions: [], exportsByName: false };
    const reads = fileReads(source);
    // The history leaves out what the cell declares again inside `declare global`, which would clash.
    this.redeclaredGlobals = globalAugmentationNames(parsed);
    let opened: { program: ts.Program; cell: ts.SourceFile };
    try {
      this.prepare();
      opened = (!reads.any && this.standaloneCell(checked.text, ownFiles)) || this.cellProgram(checked.text, reads.moduleNames);
    } finally {
      this.redeclaredGlobals = new Set();
    }
    const { program, cell } = opened;

    const errorsOf = (diagnostics: readonly ts.Diagnostic[]) =>
      diagnostics
        .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.code !== IMPORT_ASSIGNMENT_IN_ES_MODULE && !IMPLICIT_ANY_DIAGNOSTICS.has(diagnostic.code))
        .map((diagnostic) => toCellDiagnostic(diagnostic, source, (offset) => sourceOffset(offset, checked.insertions)));
    const syntaxErrors = errorsOf(program.getSyntacticDiagnostics(cell));
    // Types are not worth checking in code that does not parse.
    const typeErrors = syntaxErrors.length ? [] : errorsOf(this.semanticDiagnostics(program, cell, checked.exportsByName));
    // A module not found now may be installed before the next cell, so failed lookups are not kept.
    if (typeErrors.some((diagnostic) => diagnostic.code === MODULE_NOT_FOUND)) this.forgetResolutions();

    // A cell run again unchanged reuses its JavaScript under its new execution count: an emit took 0.1-0.25 ms.
    let compiled: CompiledCell | undefined;
    const result: CheckResult = {
      syntaxErrors,
      typeErrors,
      compile: (executionCount) => {
        // The exported copy's positions differ from the cell's, so its JavaScript and source map come from the cell's own text.
        compiled ??= checked.text !== source ? compileChecked(source, executionCount) : emitCell(program, cell, executionCount);
        return { ...compiled, filename: cellFileName(executionCount) };
      },
      commit: (stoppedAt) => this.commit(program, cell, names, declares, stoppedAt ? unassignedNames(parsed, stoppedAt) : new Set()),
    };
    // A cell that reads other files is checked again each time, as they may have changed.
    this.lastCheck = reads.any ? undefined : { source, historyVersion: this.history.version, ownFilesVersion: ownFiles, result };
    return result;
  }

  /** Returns a new program that contains the cell, with the modules of @types/node it needs loaded. */
  private cellProgram(text: string, moduleNames: string[]): { program: ts.Program; cell: ts.SourceFile } {
    this.loadNodeModules(moduleNames);
    let program = this.createProgram(text);
    // A package's declarations may import a module of @types/node that is not loaded yet.
    if (this.loadNodeModulesOfNewFiles(program)) program = this.createProgram(text);
    return { program, cell: program.getSourceFile(this.cellPath)! };
  }

  /**
   * Returns the cell parsed on its own, to be checked and emitted by the standalone program, or
   * undefined when parseStandaloneCell() declines it.
   *
   * In one process, checking and emitting `1 + 1` took 0.56 ms, of which 0.5 ms went to a new program
   * and type checker. In the standalone program it takes 0.07 ms.
   */
  private standaloneCell(text: string, ownFiles: number): { program: ts.Program; cell: ts.SourceFile } | undefined {
    const standalone = this.standaloneProgram(ownFiles);
    const fileName = join(dirname(this.cellPath), `__tskeras_cell_${++this.standaloneCells}__.ts`);
    const cell = parseStandaloneCell(fileName, text, this.cellFileOptions, this.options);
    if (!cell) return undefined;
    standalone.cells++;
    return { program: standalone.program, cell };
  }

  /**
   * Returns a program of the preloaded files and the history with an empty cell. It is built again once
   * the history, a loaded file or one of the learner's files has changed, and after STANDALONE_CELLS
   * cells. Its type checker checks the cells that standaloneCell() parses.
   */
  private standaloneProgram(ownFiles: number): StandaloneProgram {
    const history = this.virtualFiles.get(this.historyPath);
    const current = this.standalone;
    const fresh =
      current &&
      current.history === history &&
      current.filesVersion === this.filesVersion &&
      current.cells < STANDALONE_CELLS &&
      current.ownFilesVersion === ownFiles;
    if (current && fresh) return current;

    let program = this.createProgram("");
    if (this.loadNodeModulesOfNewFiles(program)) program = this.createProgram("");
    this.standalone = { program, history, filesVersion: this.filesVersion, ownFilesVersion: this.ownFilesVersion(), cells: 0 };
    return this.standalone;
  }

  /**
   * Returns the options, host and root files, building the prelude and the bundle on first use. With
   * code, the modules of @types/node that code imports are loaded first.
   */
  globals(code?: string): CheckerGlobals {
    this.prepare();
    if (code !== undefined) this.loadNodeModules(moduleNamesIn(code, ts.preProcessFile(code, true, false)));
    this.cachedGlobals ??= {
      options: this.options,
      host: this.host,
      rootNames: [this.libraryPath, ...this.nodeTypesPaths, this.pendingModulesPath, this.bundlePath, this.preludePath, this.historyPath],
      historyPath: this.historyPath,
      ownFilesVersion: () => this.ownFilesVersion(),
    };
    return this.cachedGlobals;
  }

  /**
   * Returns a number that changes whenever one of the learner's parsed files is edited. The edited file
   * is parsed again when a program next reads it. Each program that read the file must then be built
   * again, so the number changes once per edit, whether a stat here or the host finds it first.
   */
  private ownFilesVersion(): number {
    for (const [fileName, parsedAt] of this.ownFileTimes) {
      const modified = statSync(fileName, { throwIfNoEntry: false })?.mtimeMs;
      this.countEdit(fileName, modified ?? 0, parsedAt);
      // A deleted file is forgotten, and so are the resolutions that found it: importing it is then an error.
      if (modified !== undefined) continue;
      this.cachedFiles.delete(fileName);
      this.ownFileTimes.delete(fileName);
      this.forgetResolutions();
    }
    return this.ownFileEdits;
  }

  /**
   * Forgets every module resolution, so the next program looks for each module again. The last
   * program goes too: a new program reuses the resolutions of its unchanged files, such as the
   * history's, and a cell's import of the same module from the same folder then got that resolution.
   */
  private forgetResolutions(): void {
    this.resolutionCaches.forEach((cache) => cache.clear());
    this.program = undefined;
    this.standalone = undefined;
  }

  private countEdit(fileName: string, modified: number, parsedAt: number | undefined): void {
    if (modified === parsedAt || this.countedEdits.get(fileName) === modified) return;
    this.countedEdits.set(fileName, modified);
    this.ownFileEdits++;
  }

  private prepare(): void {
    if (!this.virtualFiles.has(this.preludePath)) {
      // Fewer, larger files make each cell's program cheaper: about 2.1 ms to check `1 + 1` with the
      // ES library and @types/node as their 160 files, about 1.4 ms with them bundled (2 cores).
      const nodeTypesFolder = dirname(createRequire(join(this.packageRoot, "package.json")).resolve("@types/node/package.json"));
      this.nodeTypes = new NodeTypes(join(nodeTypesFolder, "index.d.ts"));
      const tensorflow = bundleDeclarations(this.packageRoot, TENSORFLOW_MODULE, TENSORFLOW_PACKAGES);
      const undici = bundleDeclarations(this.packageRoot, "undici-types", ["undici-types"]);
      // Bundled also so that the declaration emit can name a table's type in the history, as "arquero" does
      // not resolve from a notebook's folder.
      const arquero = bundleDeclarations(this.packageRoot, ARQUERO_MODULE, ARQUERO_PACKAGES);
      this.bundledModules = new Set([...tensorflow.moduleNames, ...undici.moduleNames, ...arquero.moduleNames]);
      const bundle = [tensorflow.text, undici.text, arquero.text].join("\n");
      this.virtualFiles.set(this.bundlePath, bundle);
      this.nodeTypes.load(ts.preProcessFile(bundle, true, false).importedFiles.map((file) => file.fileName));
      // In one file, the declarations that @types/node adds to the library's interfaces (Array, String,
      // ErrorConstructor...) merge once, when the file is bound. In two files, each new type checker copied
      // the 18 interfaces and merged them again: 5-8% of checking `1 + 1` and of completing `modelo.`.
      const coreNodeTypes = this.nodeTypes.loadedFiles().map((file) => file.text);
      this.virtualFiles.set(this.libraryPath, [bundleLibraries("es2022"), ...coreNodeTypes].join("\n"));
      this.virtualFiles.set(this.pendingModulesPath, this.nodeTypes.pendingModules());
      this.coreNodeFiles = new Set(this.nodeTypes.loadedFiles().map((file) => file.index));
      this.virtualFiles.set(this.preludePath, buildPrelude(this.options, this.host));
    }
    this.virtualFiles.set(this.historyPath, this.history.text(this.redeclaredGlobals));
  }

  /** Loads the modules of @types/node among moduleNames into the next program, and returns whether any was new. */
  private loadNodeModules(moduleNames: string[]): boolean {
    const nodeTypes = this.nodeTypes;
    if (!nodeTypes || !nodeTypes.load(moduleNames)) return false;
    for (const file of nodeTypes.loadedFiles()) {
      const path = join(this.packageRoot, `__tskeras_node_types_${file.index}__.d.ts`);
      if (this.coreNodeFiles.has(file.index) || this.virtualFiles.has(path)) continue;
      this.virtualFiles.set(path, file.text);
      this.nodeTypesPaths.push(path);
    }
    this.virtualFiles.set(this.pendingModulesPath, nodeTypes.pendingModules());
    this.cachedGlobals = undefined;
    this.filesVersion++;
    return true;
  }

  /** Loads the modules of @types/node that files new in program import, and returns whether any was loaded. */
  private loadNodeModulesOfNewFiles(program: ts.Program): boolean {
    const moduleNames: string[] = [];
    for (const file of program.getSourceFiles()) {
      if (this.scannedFiles.has(file)) continue;
      this.scannedFiles.add(file);
      // The import types of @types/node and the library's references are not imports that need a file,
      // and check() loaded the cell's own imports before it created the program.
      if (this.nodeTypesPaths.includes(file.fileName) || file.fileName === this.libraryPath || file.fileName === this.cellPath) continue;
      for (const imported of ts.preProcessFile(file.text, true, false).importedFiles) {
        if (this.nodeTypes?.isUnloadedModule(imported.fileName)) moduleNames.push(imported.fileName);
      }
    }
    return this.loadNodeModules(moduleNames);
  }

  private createProgram(cellText: string): ts.Program {
    this.prepare();
    this.virtualFiles.set(this.cellPath, cellText);
    this.program = ts.createProgram({
      rootNames: [...this.globals().rootNames, this.cellPath],
      options: this.options,
      host: this.host,
      oldProgram: this.program,
    });
    return this.program;
  }

  /** Returns the names of the preloaded API, which the prelude declares and the executor makes global. */
  preloadedNames(): ReadonlySet<string> {
    if (!this.preloaded) {
      if (!this.virtualFiles.has(this.preludePath)) this.prepare();
      const prelude = this.virtualFiles.get(this.preludePath) ?? "";
      this.preloaded = new Set([...prelude.matchAll(/^\s*export import (\w+) =/gm)].map((match) => match[1]));
    }
    return this.preloaded;
  }

  /** Forgets every earlier cell's declarations, when the executor that held their values is gone. */
  resetHistory(): void {
    this.history = new DeclarationHistory();
    this.lastCheck = undefined;
  }

  /** Returns whether an earlier cell declared name, which then shadows a preloaded global of that name. */
  declares(name: string): boolean {
    return this.history.has(name);
  }

  /**
   * Returns the type errors of cell. A cell that exports names at its end is checked with declaration
   * output on, because only then does TypeScript mark the declarations of those names for the
   * declaration emit of commit(), which would otherwise leave them out.
   */
  private semanticDiagnostics(program: ts.Program, cell: ts.SourceFile, exportsByName: boolean): readonly ts.Diagnostic[] {
    if (!exportsByName) return program.getSemanticDiagnostics(cell);
    this.options.declaration = true;
    try {
      return program.getSemanticDiagnostics(cell);
    } finally {
      this.options.declaration = false;
    }
  }

  /** Records the names a cell declares without their types, for cells that ran unchecked. */
  recordUnchecked(source: string): void {
    for (const name of collectTopLevelNames(parse(source))) this.history.recordUntyped(name);
  }

  private commit(program: ts.Program, cell: ts.SourceFile, names: string[], declares: boolean, unassigned: ReadonlySet<string>): void {
    if (!declares) return;

    // The declaration emit of a module keeps exported declarations only, and check() exported them all.
    // Declaration output is on for this emit only. With it on, each cell's JavaScript emit also built
    // an unused declaration file: 0.14 ms of 0.44 ms. The program reads this same options object.
    let declarationFile = "";
    this.options.declaration = true;
    try {
      program.emit(cell, (fileName, text) => {
        if (fileName.endsWith(".d.ts")) declarationFile = text;
      }, undefined, true);
    } finally {
      this.options.declaration = false;
    }
    this.history.recordDeclarationFile(declarationFile, unassigned);

    const checker = program.getTypeChecker();
    for (const statement of cell.statements) {
      if (statementBindings(statement).some((identifier) => unassigned.has(identifier.text))) continue;
      if (ts.isImportDeclaration(statement)) this.recordImport(statement, checker);
      if (isRequireImport(statement)) this.recordRequireImport(statement, checker);
    }

    // A name the declaration emit could not describe stays usable, typed any.
    for (const name of names) {
      if (!this.history.has(name) && !unassigned.has(name)) this.history.recordUntyped(name);
    }
  }

  private recordImport(statement: ts.ImportDeclaration, checker: ts.TypeChecker): void {
    const clause = statement.importClause;
    if (!clause) return;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;

    // An import whose module does not resolve is recorded untyped, so later cells still run.
    const resolved = checker.getSymbolAtLocation(statement.moduleSpecifier) !== undefined;
    const record = (local: ts.Identifier, imported: string, typeOnly: boolean) => this.recordBinding(checker, local, specifier, imported, typeOnly, resolved);

    if (clause.name) record(clause.name, "default", clause.isTypeOnly);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) record(bindings.name, "*", clause.isTypeOnly);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) record(element.name, (element.propertyName ?? element.name).text, clause.isTypeOnly || element.isTypeOnly);
    }
  }

  /** Records `import x = require("m")` as the import of what module m exports as a whole. */
  private recordRequireImport(statement: ts.ImportEqualsDeclaration, checker: ts.TypeChecker): void {
    const specifier = ((statement.moduleReference as ts.ExternalModuleReference).expression as ts.StringLiteral).text;
    this.recordBinding(checker, statement.name, specifier, "=", statement.isTypeOnly, true);
  }

  /** Records one imported name with its meanings, or untyped when its module or export is not found. */
  private recordBinding(checker: ts.TypeChecker, local: ts.Identifier, specifier: string, imported: string, typeOnly: boolean, resolved: boolean): void {
    const meanings = resolved ? importMeanings(checker, local, typeOnly) : undefined;
    if (meanings) this.history.recordImport(local.text, specifier, imported, meanings);
    else if (!typeOnly) this.history.recordUntyped(local.text);
  }

  /** Returns whether fileName is the learner's file: not in node_modules, TypeScript's libraries or tskeras's dist. */
  private isOwnFile(fileName: string): boolean {
    this.fixedFolders ??= [dirname(ts.getDefaultLibFilePath(this.options)), join(this.packageRoot, "dist")].map((folder) => folder + sep);
    return !fileName.includes(`${sep}node_modules${sep}`) && !this.fixedFolders.some((folder) => fileName.startsWith(folder));
  }

  private createHost(): ts.CompilerHost {
    const host = ts.createCompilerHost(this.options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);

    // Module and type reference resolutions, and the package.json files they read, are kept across
    // programs. Without this, each cell's program would read them again for every declaration file.
    const moduleCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), host.getCanonicalFileName, this.options);
    const typeReferenceCache = ts.createTypeReferenceDirectiveResolutionCache(
      host.getCurrentDirectory(),
      host.getCanonicalFileName,
      this.options,
      moduleCache.getPackageJsonInfoCache(),
    );
    // Without a resolveLibrary hook, each program makes its own cache for `/// <reference lib>`, and V8's
    // young-generation collections kept each of those until a full collection. One cache serves all.
    const libraryCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), host.getCanonicalFileName, this.options, moduleCache.getPackageJsonInfoCache());
    this.resolutionCaches = [moduleCache, typeReferenceCache, libraryCache];
    host.getModuleResolutionCache = () => moduleCache;
    (host as LibraryResolvingHost).resolveLibrary = (libraryName, resolveFrom, options) =>
      (ts as unknown as InternalResolveLibrary).resolveLibrary(libraryName, resolveFrom, options, host, libraryCache);
    // A bundled module stays unresolved, so its files are not loaded and the bundle's declaration is used.
    // A relative import names a file of the learner's, which may be deleted or created between cells,
    // so its resolution is not cached, and the history's are made again for each program.
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, options, containingSourceFile) =>
      literals.map((literal) => {
        if (this.bundledModules.has(literal.text)) return { resolvedModule: undefined };
        const cache = isPathSpecifier(literal.text) ? undefined : moduleCache;
        return ts.resolveModuleName(literal.text, containingFile, options, host, cache, redirected, ts.getModeForUsageLocation(containingSourceFile, literal, options));
      });
    host.hasInvalidatedResolutions = (path) => path === this.historyPath && RELATIVE_IMPORT.test(this.virtualFiles.get(this.historyPath) ?? "");
    host.resolveTypeReferenceDirectiveReferences = (references, containingFile, redirected, options, containingSourceFile) =>
      references.map((reference) => {
        const name = typeof reference === "string" ? reference : reference.fileName.toLowerCase();
        // @types/node is in the library's file already. Its own files would declare every global twice
        // and add 85 files to the program: 0.6 s for the first cell with `/// <reference types="node" />`.
        if (name === "node") return { resolvedTypeReferenceDirective: { primary: true, resolvedFileName: this.libraryPath } };
        const mode = containingSourceFile && typeof reference !== "string" ? ts.getModeForFileReference(reference, containingSourceFile.impliedNodeFormat) : undefined;
        return ts.resolveTypeReferenceDirective(name, containingFile, options, host, redirected, typeReferenceCache, mode);
      });

    host.fileExists = (fileName) => this.virtualFiles.has(fileName) || fileExists(fileName);
    host.readFile = (fileName) => this.virtualFiles.get(fileName) ?? readFile(fileName);
    host.getSourceFile = (fileName, languageVersion, onError) => {
      const virtual = this.virtualFiles.get(fileName);
      if (fileName === this.cellPath && typeof languageVersion === "object") this.cellFileOptions = languageVersion;
      if (virtual !== undefined) {
        // An unchanged virtual file keeps its SourceFile, so the old program's work on it is reused.
        const previous = this.cachedFiles.get(fileName);
        if (previous?.text === virtual) return previous;
        const file = ts.createSourceFile(fileName, virtual, languageVersion, true);
        this.cachedFiles.set(fileName, file);
        return file;
      }
      // Library and package declarations do not change while the kernel runs, so each is parsed once.
      // The learner's own files, such as a helpers.ts next to the notebook, are parsed again once edited.
      let file = this.cachedFiles.get(fileName);
      const modified = file && this.isOwnFile(fileName) ? statSync(fileName, { throwIfNoEntry: false })?.mtimeMs : undefined;
      if (file && modified !== undefined && modified !== this.ownFileTimes.get(fileName)) {
        this.countEdit(fileName, modified, this.ownFileTimes.get(fileName));
        file = undefined;
      }
      if (!file) {
        file = getSourceFile(fileName, languageVersion, onError);
        if (file) this.cachedFiles.set(fileName, file);
        if (file && this.isOwnFile(fileName)) this.ownFileTimes.set(fileName, modified ?? statSync(fileName, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      }
      return file;
    };
    return host;
  }
}

/**
 * Returns what an imported name means (a namespace, a value, a type and its number of type
 * parameters), or undefined when TypeScript finds no export of that name.
 */
function importMeanings(checker: ts.TypeChecker, local: ts.Identifier, typeOnly: boolean): ImportMeanings | undefined {
  const alias = checker.getSymbolAtLocation(local);
  if (!alias) return undefined;
  const target = alias.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(alias) : alias;
  const flags = target.flags;
  if (!(flags & (ts.SymbolFlags.Value | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace))) return undefined;

  let typeParameters = 0;
  if (flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) {
    typeParameters = (checker.getDeclaredTypeOfSymbol(target) as ts.InterfaceType).typeParameters?.length ?? 0;
  } else if (flags & ts.SymbolFlags.TypeAlias) {
    typeParameters = target.declarations?.find(ts.isTypeAliasDeclaration)?.typeParameters?.length ?? 0;
  }
  return {
    namespace: (flags & ts.SymbolFlags.Namespace) !== 0,
    value: !typeOnly && (flags & ts.SymbolFlags.Value) !== 0,
    type: (flags & ts.SymbolFlags.Type) !== 0,
    typeParameters,
    typeOnly,
  };
}

/**
 * Returns the modules that code imports, and those it names in `process.getBuiltinModule("…")`, whose
 * types come from the same declarations as an import's.
 */
function moduleNamesIn(code: string, references: ts.PreProcessedFileInfo): string[] {
  const names = references.importedFiles.map((file) => file.fileName);
  for (const match of code.matchAll(/getBuiltinModule\s*\(\s*(["'`])([^"'`]+)\1/g)) names.push(match[2]);
  return names;
}

/**
 * Returns whether code reads other files: an import, an `import()`, a triple-slash reference, or a
 * module of @types/node named in `process.getBuiltinModule("…")`.
 */
export function readsModules(code: string): boolean {
  return fileReads(code).any;
}

/** Returns the modules that code imports (see moduleNamesIn()), and whether it reads any other file. */
function fileReads(code: string): { moduleNames: string[]; any: boolean } {
  const references = ts.preProcessFile(code, true, false);
  const moduleNames = moduleNamesIn(code, references);
  return { moduleNames, any: references.referencedFiles.length + references.typeReferenceDirectives.length > 0 || moduleNames.length > 0 };
}

/**
 * Parses code that reads no other file (see readsModules()) as a cell that a program's type checker can
 * check and emit, though the program does not contain it. fileOptions are those the program gave its own
 * cell. Returns undefined when the cell augments the global scope or a module, which a type checker
 * merges only as it starts, or when TypeScript's binder is not where this TypeScript version kept it.
 *
 * Checking a cell this way reuses the type checker, whose creation is most of the work of checking a
 * small cell. The checker keeps what it learns of each such cell, so its program is built again after a
 * number of them.
 */
export function parseStandaloneCell(fileName: string, code: string, fileOptions: ts.CreateSourceFileOptions | undefined, options: ts.CompilerOptions): ts.SourceFile | undefined {
  if (typeof internals.bindSourceFile !== "function") return undefined;
  const cell = ts.createSourceFile(fileName, code, fileOptions ?? ts.ScriptTarget.ES2022, true);
  if (cell.statements.some(isAugmentation)) return undefined;

  // What a program sets on each file it reads, for a file that imports nothing.
  Object.assign(cell, { path: fileName, resolvedPath: fileName, originalFileName: fileName, imports: [], moduleAugmentations: [], ambientModuleNames: [] });
  internals.bindSourceFile(cell, options);
  return cell;
}

/** Returns whether statement is `declare global { ... }` or `declare module "m" { ... }`. */
function isAugmentation(statement: ts.Statement): boolean {
  return isGlobalAugmentation(statement) || (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name));
}

/** Returns the names that the `declare global { ... }` blocks of a cell declare. */
function globalAugmentationNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!isGlobalAugmentation(statement) || !statement.body || !ts.isModuleBlock(statement.body)) continue;
    for (const inner of statement.body.statements) {
      if (ts.isVariableStatement(inner)) {
        const bound: ts.Identifier[] = [];
        inner.declarationList.declarations.forEach((declaration) => collectBindingIdentifiers(declaration.name, bound));
        bound.forEach((identifier) => names.add(identifier.text));
      } else if ((ts.isFunctionDeclaration(inner) || ts.isClassDeclaration(inner) || ts.isInterfaceDeclaration(inner) || ts.isTypeAliasDeclaration(inner) || ts.isEnumDeclaration(inner) || ts.isModuleDeclaration(inner)) && inner.name && ts.isIdentifier(inner.name)) {
        names.add(inner.name.text);
      }
    }
  }
  return names;
}

/** Returns whether statement is `declare global { ... }`. */
function isGlobalAugmentation(statement: ts.Statement): statement is ts.ModuleDeclaration {
  return ts.isModuleDeclaration(statement) && (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0;
}

/**
 * Returns the names that a cell which threw at position never assigned: those that the statement
 * running there and the statements after it bind. Functions are bound before the cell runs, so
 * theirs are not among them, and a type needs no run.
 */
function unassignedNames(file: ts.SourceFile, position: CellPosition): Set<string> {
  const lineStarts = file.getLineStarts();
  const offset = (lineStarts[position.line - 1] ?? file.text.length) + position.column - 1;
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (statement.end <= offset || ts.isFunctionDeclaration(statement)) continue;
    for (const identifier of statementBindings(statement)) names.add(identifier.text);
  }
  return names;
}

/** Returns whether statement is `import x = require("m")`. */
export function isRequireImport(statement: ts.Statement): statement is ts.ImportEqualsDeclaration {
  return ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression);
}

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, false);
}

/** Compiles a cell whose check ran on its exported copy; the check already found no syntax errors. */
function compileChecked(source: string, executionCount: number): CompiledCell {
  const compiled = compileCell(source, executionCount);
  if (!compiled.ok) throw new Error(`the checked cell failed to compile: ${compiled.diagnostics[0]?.message}`);
  return compiled.cell;
}

/** Converts an offset in the exported copy of a cell to the offset in the cell's own text. */
function sourceOffset(offset: number, insertions: readonly number[]): number {
  let shift = 0;
  // Each insertion, an offset in the cell's text, added EXPORT there; they are in order.
  for (const insertion of insertions) {
    if (insertion + shift + EXPORT.length > offset) break;
    shift += EXPORT.length;
  }
  return offset - shift;
}

/**
 * Puts `export` before each top-level declaration that lacks it, and returns where, in the cell's
 * offsets. A variable statement whose type TypeScript infers from later assignments is exported by
 * name at the end instead, because TypeScript infers that type only for a variable without the
 * export modifier: `const xs = []` followed by `xs.push(1)` would otherwise be a never[].
 */
function exportTopLevelDeclarations(source: string): { text: string; insertions: number[]; exportsByName: boolean } {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const insertions: number[] = [];
  const exportedByName: string[] = [];
  const repeatedVars = repeatedVarNames(file);
  for (const statement of file.statements) {
    if (!isExportable(statement)) continue;
    const modifiers = ts.getModifiers(statement as ts.HasModifiers) ?? [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement) && !modifiers.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      const bound: ts.Identifier[] = [];
      statement.declarationList.declarations.forEach((declaration) => collectBindingIdentifiers(declaration.name, bound));
      // TypeScript rejects a `var` declared again only when it is exported, so such a `var` is exported once by name.
      if (statement.declarationList.declarations.some(isAutoTyped) || bound.some((identifier) => repeatedVars.has(identifier.text))) {
        exportedByName.push(...bound.map((identifier) => identifier.text));
        continue;
      }
    }
    insertions.push(statement.getStart(file));
  }

  let text = "";
  let last = 0;
  for (const offset of insertions) {
    text += source.slice(last, offset) + EXPORT;
    last = offset;
  }
  text += source.slice(last);
  // After the cell's own text, so no offset of the cell moves.
  if (exportedByName.length > 0) text += `\n${EXPORT}{ ${[...new Set(exportedByName)].join(", ")} };`;
  return { text, insertions, exportsByName: exportedByName.length > 0 };
}

/** Returns the names that more than one top-level `var` declaration of file declares. */
function repeatedVarNames(file: ts.SourceFile): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || statement.declarationList.flags & ts.NodeFlags.BlockScoped) continue;
    const bound: ts.Identifier[] = [];
    statement.declarationList.declarations.forEach((declaration) => collectBindingIdentifiers(declaration.name, bound));
    for (const { text } of bound) {
      if (seen.has(text)) repeated.add(text);
      seen.add(text);
    }
  }
  return repeated;
}

/**
 * Returns whether TypeScript, with noImplicitAny, types a variable by what the code later assigns to
 * it. It does for a `let` or `var` without an initializer or with null or undefined, and for `= []`.
 */
function isAutoTyped(declaration: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(declaration.name) || declaration.type) return false;
  const initializer = declaration.initializer;
  if (initializer && ts.isArrayLiteralExpression(initializer) && initializer.elements.length === 0) return true;
  const constant = (declaration.parent.flags & ts.NodeFlags.Constant) !== 0;
  const empty = !initializer || initializer.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(initializer) && initializer.text === "undefined");
  return !constant && empty;
}

function isExportable(statement: ts.Statement): boolean {
  return (
    (ts.isVariableStatement(statement) && !isUsingDeclaration(statement)) ||
    // Overload signatures too: TypeScript requires all of a function's declarations to be exported or none.
    (ts.isFunctionDeclaration(statement) && statement.name !== undefined) ||
    (ts.isClassDeclaration(statement) && statement.name !== undefined) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    // `declare global` is not exported: its declarations are the global ones that the history records.
    (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && !isGlobalAugmentation(statement))
  );
}
