import { BOLD, RED, RESET, caretUnder } from "../display/ansi";
import { currentLanguage, messages } from "../i18n";
import { isPathSpecifier, type CellOutputEvent, type CommEnvelope, type CompiledCell, type ErrorReport, type TypecheckMode } from "../runtime/ipc";
import { EXECUTOR_DIED, type ExecutorHost } from "./executor-host";
import type { Logger } from "./log";
import type { Completeness, Completions, MimeBundle } from "./protocol/introspection";
import type { ExecutionOutcome, Interpreter } from "./session";
import type { CellChecker, CheckResult } from "./typescript/checker";
import type { cellPosition, compileCell } from "./typescript/compile";
import type { findReplacedGlobals, ReplacedGlobal } from "./typescript/declarations";
import type { CellIntrospection } from "./typescript/introspection";
import { MODULE_NOT_FOUND, type CellDiagnostic } from "./typescript/diagnostics";


/** The modifier letter prime (U+02B9) that the history adds to the earlier definition of a type defined again. */
const EARLIER_TYPE_MARK = "\u02b9";

/** How many type errors a traceback lists; the rest are counted in its first line. */
const MAX_LISTED_DIAGNOSTICS = 5;

export interface InterpreterOptions {
  version: string;
  /** Folder of the notebook: imports in cells resolve from there. */
  folder: string;
  /** Root of the tskeras package, for the declarations of the preloaded API. */
  packageRoot: string;
  typecheck: TypecheckMode;
  log: Logger;
  /** Publishes output of a cell outside the executor, such as type warnings. */
  publish: (event: CellOutputEvent) => void;
}

/** The parts of the kernel that need the typescript package, which takes about 160 ms to load. */
interface Toolchain {
  checker: CellChecker;
  compileCell: typeof compileCell;
  introspection: CellIntrospection;
  findReplacedGlobals: typeof findReplacedGlobals;
  cellPosition: typeof cellPosition;
  /**
   * Names of the globals that JavaScript and Node.js define, read from this process, which runs the same
   * Node.js as the executor, and the name of the helpers that compiled cells call.
   */
  builtInGlobals: ReadonlySet<string>;
}

/** How long after the process started kernel_info may wait for the executor to name its backend. */
const BANNER_WAIT_DEADLINE_MS = 250;

/** Runs TypeScript cells: checks and compiles them here, runs them in the executor process. */
export class TypeScriptInterpreter implements Interpreter {
  private toolchainLoaded: Toolchain | undefined;
  private shuttingDown = false;
  private typecheck: TypecheckMode;

  constructor(
    private readonly executor: ExecutorHost,
    private readonly options: InterpreterOptions,
  ) {
    this.typecheck = options.typecheck;
  }

  /**
   * Loads the typescript package, and builds the type checker's prelude and the first program of
   * completion ahead of the first cell, in steps; the session starts it after its first kernel_info reply.
   */
  warmUp(): void {
    // Each step blocks the event loop for up to about half a second on a 2-core machine, so they run
    // one per macrotask: requests that arrive meanwhile, such as an interrupt, are handled between them.
    const steps: [string, () => void][] = [
      ["loading TypeScript", () => this.toolchain()],
      ["bundling declarations", () => this.toolchain().checker.globals()],
      ["warming up the type checker", () => this.toolchain().checker.check("")],
      // The first completion builds the language service's program: about 0.1 s on a 2-core machine.
      ["warming up completion", () => this.toolchain().introspection.complete("", 0)],
    ];
    const runNext = (index: number) => {
      const step = steps[index];
      if (!step || this.shuttingDown) return;
      try {
        step[1]();
      } catch (error) {
        this.options.log.error(`${step[0]} failed`, error);
      }
      setImmediate(() => runNext(index + 1));
    };
    runNext(0);
  }

  setTypecheck(mode: TypecheckMode): void {
    this.options.log.info(`typecheck set to ${mode}`);
    this.typecheck = mode;
  }

  async kernelInfo(): Promise<Record<string, unknown>> {
    // The reply does not wait for TensorFlow.js past a deadline: a client connecting to a kernel that
    // is still starting gets its reply at once, and a banner that says the backend is loading.
    const waitMs = Math.max(0, BANNER_WAIT_DEADLINE_MS - process.uptime() * 1000);
    const backend = await Promise.race([this.executor.start(), delay(waitMs).then(() => undefined)]);
    return {
      implementation: "tskeras",
      implementation_version: this.options.version,
      language_info: {
        name: "typescript",
        version: (require("typescript/package.json") as { version: string }).version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
      },
      banner: messages().kernel.banner(this.options.version, backend ?? messages().kernel.backendLoading()),
      help_links: [
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
        { text: "Keras", url: "https://keras.io/api/" },
      ],
    };
  }

  async execute(code: string, executionCount: number, requestId: string): Promise<ExecutionOutcome> {
    // 0. A cell that is only `help(name)` shows the documentation in the pager, as IPython's `name?` does.
    //    A name that is not found goes on to the type check, which reports it.
    const toolchain = this.toolchain();
    const { checker, compileCell } = toolchain;
    const helpCursor = checker.declares("help") ? undefined : helpArgumentEnd(code);
    if (helpCursor !== undefined) {
      const page = toolchain.introspection.inspect(code, helpCursor, 1, true);
      if (page) return { status: "ok", payload: [{ source: "page", data: page, start: 0 }] };
    }

    // 1. A cell's top-level names become properties of the executor's global object, so declaring
    //    `process` or `setTimeout` there would break the executor's own code and TensorFlow.js.
    // NOTE: Python lets a module's names hide a built-in for that module only. Here the cell must rename
    // the variable, because giving it another global would mean rewriting every reference in later cells.
    const replaced = toolchain.findReplacedGlobals(code, toolchain.builtInGlobals, checker.preloadedNames())[0];
    if (replaced) return { status: "error", error: replacedGlobalReport(code, replaced, toolchain.cellPosition(code, replaced.identifier.getStart())) };

    // 2. Check types against the preloaded API and the earlier cells.
    const check = this.typecheck === "off" ? undefined : this.checkTypes(checker, code);
    if (check && check.syntaxErrors.length > 0) return { status: "error", error: syntaxErrorReport(code, check.syntaxErrors) };
    if (check && check.typeErrors.length > 0) {
      if (this.typecheck === "error") return { status: "error", error: typeErrorReport(code, check.typeErrors, this.options.folder) };
      this.options.publish({ type: "stream", requestId, name: "stderr", text: typeWarningText(code, check.typeErrors) });
    }

    // 3. Rewrite and compile the cell: from the checker's program when there is one, else on its own,
    //    which also catches syntax errors when checking is off.
    let cell: CompiledCell;
    if (check) {
      cell = check.compile(executionCount);
    } else {
      const compiled = compileCell(code, executionCount);
      if (!compiled.ok) return { status: "error", error: syntaxErrorReport(code, compiled.diagnostics) };
      cell = compiled.cell;
    }

    // 4. Run it; its declarations then exist, so later cells are checked against them. Those after the
    //    statement that threw were never assigned.
    const done = await this.executor.execute(requestId, cell);
    if (check) check.commit(done.error ? done.stoppedAt : undefined);
    else checker.recordUnchecked(code);

    if (done.error?.ename === EXECUTOR_DIED) checker.resetHistory();
    if (done.error) return { status: "error", error: done.error };
    return { status: "ok", result: done.result };
  }

  async complete(code: string, cursor: number): Promise<Completions> {
    return this.toolchain().introspection.complete(code, cursor);
  }

  async inspect(code: string, cursor: number, detailLevel: 0 | 1): Promise<MimeBundle | undefined> {
    return this.toolchain().introspection.inspect(code, cursor, detailLevel);
  }

  async isComplete(code: string): Promise<Completeness> {
    return this.toolchain().introspection.isComplete(code);
  }

  interrupt(): void {
    this.executor.interrupt();
  }

  comm(envelope: CommEnvelope): void {
    this.executor.forwardComm(envelope);
  }

  shutdown(): Promise<void> {
    this.shuttingDown = true;
    return this.executor.shutdown();
  }

  private toolchain(): Toolchain {
    if (!this.toolchainLoaded) {
      // Loaded before the modules below import it, so they get the patched compiler (see load.ts).
      const { typescript: ts, skipped } = (require("./typescript/load") as typeof import("./typescript/load")).loadTypeScript();
      for (const patch of skipped) this.options.log.info(`TypeScript ${ts.version} runs without the patch "${patch}": its text was not found, or the package was loaded before`);
      // TypeScript ships its diagnostics in Spanish too.
      if (currentLanguage() === "es") ts.validateLocaleAndSetLanguage("es", ts.sys);
      const { CellChecker } = require("./typescript/checker") as typeof import("./typescript/checker");
      const { CellIntrospection } = require("./typescript/introspection") as typeof import("./typescript/introspection");
      const checker = new CellChecker(this.options.folder, this.options.packageRoot);
      const compile = require("./typescript/compile") as typeof import("./typescript/compile");
      const declarations = require("./typescript/declarations") as typeof import("./typescript/declarations");
      this.toolchainLoaded = {
        checker,
        compileCell: compile.compileCell,
        introspection: new CellIntrospection(this.options.folder, (code) => checker.globals(code)),
        findReplacedGlobals: declarations.findReplacedGlobals,
        cellPosition: compile.cellPosition,
        builtInGlobals: new Set([...Object.getOwnPropertyNames(globalThis), declarations.RUNTIME_HELPERS]),
      };
    }
    return this.toolchainLoaded;
  }

  private checkTypes(checker: CellChecker, code: string): CheckResult | undefined {
    try {
      return checker.check(code);
    } catch (error) {
      // A failure of the checker itself must not keep the learner from running cells.
      this.options.log.error("type checking failed; running the cell unchecked", error);
      return undefined;
    }
  }
}

/** Reports a top-level declaration of a built-in or preloaded global, with a caret under its name. */
function replacedGlobalReport(code: string, replaced: ReplacedGlobal, position: { line: number; column: number }): ErrorReport {
  const name = replaced.identifier.text;
  const text = messages().kernel;
  const evalue = replaced.declared ? text.declaredGlobal(name, position.line, position.column) : text.replacedGlobal(name, position.line, position.column);
  return { ename: "NameError", evalue, traceback: [`${RED}${BOLD}NameError${RESET}: ${evalue}`, ...codeExcerpt(code, position)] };
}

/** Reports the first syntax error with the cell's line and a caret under the fault. */
function syntaxErrorReport(code: string, diagnostics: CellDiagnostic[]): ErrorReport {
  const first = diagnostics[0];
  const evalue = messages().kernel.syntaxError(first.line, first.column, `TS${first.code}: ${first.message}`);
  return { ename: "SyntaxError", evalue, traceback: [`${RED}SyntaxError${RESET}: ${evalue}`, ...codeExcerpt(code, first)] };
}

/** Reports type errors: the first in the error's value, up to five in the traceback with their code lines. */
function typeErrorReport(code: string, diagnostics: CellDiagnostic[], folder: string): ErrorReport {
  const text = messages().kernel;
  const first = diagnostics[0];
  const evalue = text.typeErrors(diagnostics.length, first.line, first.column, `TS${first.code}: ${first.message}`);
  const hints = typeErrorHints(diagnostics, folder);
  const hintLines = hints.flatMap((hint) => [hint, ""]);
  const traceback = [`${RED}${BOLD}TypeCheckError${RESET}: ${evalue}`, ...diagnosticLines(code, diagnostics), "", ...hintLines, text.typecheckHint()];
  return { ename: "TypeCheckError", evalue, traceback };
}

/** Returns the hints that follow type errors: where modules and files are looked for, what a primed type is. */
function typeErrorHints(diagnostics: CellDiagnostic[], folder: string): string[] {
  const text = messages().kernel;
  const hints: string[] = [];
  // TypeScript quotes the specifier: Cannot find module './data' in English, "./data" in Spanish (5.9).
  const missing = diagnostics.filter((d) => d.code === MODULE_NOT_FOUND).map((d) => /['"]([^'"]*)['"]/.exec(d.message)?.[1] ?? "");
  if (missing.some((specifier) => !isPathSpecifier(specifier))) hints.push(text.moduleNotFoundHint(folder));
  if (missing.some(isPathSpecifier)) hints.push(text.fileNotFoundHint(folder));
  if (diagnostics.some((d) => [d.message, ...d.related].some((message) => message.includes(EARLIER_TYPE_MARK)))) hints.push(text.earlierTypeHint());
  return hints;
}

function typeWarningText(code: string, diagnostics: CellDiagnostic[]): string {
  return [messages().kernel.typeWarnings(diagnostics.length), ...diagnosticLines(code, diagnostics), ""].join("\n");
}

function diagnosticLines(code: string, diagnostics: CellDiagnostic[]): string[] {
  const text = messages().kernel;
  return diagnostics.slice(0, MAX_LISTED_DIAGNOSTICS).flatMap((diagnostic) => [
    "",
    `${RED}TS${diagnostic.code}${RESET} ${text.typeErrorAt(diagnostic.line, diagnostic.column, diagnostic.message)}`,
    ...codeExcerpt(code, diagnostic),
    ...diagnostic.related.map((note) => `  ${note}`),
  ]);
}

function codeExcerpt(code: string, diagnostic: Pick<CellDiagnostic, "line" | "column">): string[] {
  const line = code.split("\n")[diagnostic.line - 1] ?? "";
  return [`  ${line}`, `  ${caretUnder(line, diagnostic.column)}`];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Returns the offset just after the argument when the whole cell is one call `help(expression)`,
 * else undefined. Inspecting there finds the expression's last name, e.g. `summary` in `help(m.summary)`.
 */
function helpArgumentEnd(code: string): number | undefined {
  const match = /^\s*help\(\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\)\s*;?\s*$/.exec(code);
  if (!match) return undefined;
  return code.indexOf(match[1]) + match[1].length;
}
