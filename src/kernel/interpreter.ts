import ts from "typescript";
import { currentLanguage, messages } from "../i18n";
import type { CellOutputEvent, ErrorReport, TypecheckMode } from "../runtime/ipc";
import type { ExecutorHost } from "./executor-host";
import type { Logger } from "./log";
import type { ExecutionOutcome, Interpreter } from "./session";
import { CellChecker, MODULE_NOT_FOUND, type CellDiagnostic, type CheckResult } from "./typescript/checker";
import { compileCell } from "./typescript/compile";

const RED = "\u001b[0;31m";
const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";

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

/** Runs TypeScript cells: checks and compiles them here, runs them in the executor process. */
export class TypeScriptInterpreter implements Interpreter {
  private readonly checker: CellChecker;
  private typecheck: TypecheckMode;

  constructor(
    private readonly executor: ExecutorHost,
    private readonly options: InterpreterOptions,
  ) {
    this.checker = new CellChecker(options.folder, options.packageRoot);
    this.typecheck = options.typecheck;
    // TypeScript ships its diagnostics in Spanish too.
    if (currentLanguage() === "es") ts.validateLocaleAndSetLanguage("es", ts.sys);
  }

  setTypecheck(mode: TypecheckMode): void {
    this.options.log.info(`typecheck set to ${mode}`);
    this.typecheck = mode;
  }

  async kernelInfo(): Promise<Record<string, unknown>> {
    const backend = await this.executor.start();
    return {
      implementation: "tskeras",
      implementation_version: this.options.version,
      language_info: {
        name: "typescript",
        version: ts.version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
      },
      banner: messages().kernel.banner(this.options.version, backend),
      help_links: [
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
        { text: "Keras", url: "https://keras.io/api/" },
      ],
    };
  }

  async execute(code: string, executionCount: number, requestId: string): Promise<ExecutionOutcome> {
    // 1. Check types against the preloaded API and the earlier cells.
    const check = this.typecheck === "off" ? undefined : this.checkTypes(code);
    if (check && check.syntaxErrors.length > 0) return { status: "error", error: syntaxErrorReport(code, check.syntaxErrors) };
    if (check && check.typeErrors.length > 0) {
      if (this.typecheck === "error") return { status: "error", error: typeErrorReport(code, check.typeErrors, this.options.folder) };
      this.options.publish({ type: "stream", requestId, name: "stderr", text: typeWarningText(code, check.typeErrors) });
    }

    // 2. Rewrite and transpile the cell, which also catches syntax errors when checking is off.
    const compiled = compileCell(code, executionCount);
    if (!compiled.ok) return { status: "error", error: syntaxErrorReport(code, compiled.diagnostics) };

    // 3. Run it; its declarations then exist, so later cells are checked against them.
    const done = await this.executor.execute(requestId, compiled.cell);
    if (check) check.commit();
    else this.checker.recordUnchecked(code);

    if (done.error) return { status: "error", error: done.error };
    return { status: "ok", result: done.result };
  }

  interrupt(): void {
    this.executor.interrupt();
  }

  shutdown(): Promise<void> {
    return this.executor.shutdown();
  }

  private checkTypes(code: string): CheckResult | undefined {
    try {
      return this.checker.check(code);
    } catch (error) {
      // A failure of the checker itself must not keep the learner from running cells.
      this.options.log.error("type checking failed; running the cell unchecked", error);
      return undefined;
    }
  }
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
  const hints = diagnostics.some((d) => d.code === MODULE_NOT_FOUND) ? [text.moduleNotFoundHint(folder)] : [];
  const traceback = [`${RED}${BOLD}TypeCheckError${RESET}: ${evalue}`, ...diagnosticLines(code, diagnostics), "", ...hints, text.typecheckHint()];
  return { ename: "TypeCheckError", evalue, traceback };
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
  ]);
}

function codeExcerpt(code: string, diagnostic: CellDiagnostic): string[] {
  const line = code.split("\n")[diagnostic.line - 1] ?? "";
  return [`  ${line}`, `  ${" ".repeat(Math.max(0, diagnostic.column - 1))}${RED}^${RESET}`];
}
