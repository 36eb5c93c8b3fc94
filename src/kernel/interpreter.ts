import ts from "typescript";
import { messages } from "../i18n";
import type { ErrorReport } from "../runtime/ipc";
import type { ExecutorHost } from "./executor-host";
import type { ExecutionOutcome, Interpreter } from "./session";
import { compileCell, type CellDiagnostic } from "./typescript/compile";

const RED = "\u001b[0;31m";
const RESET = "\u001b[0m";

/** Runs TypeScript cells: compiles them here, runs them in the executor process. */
export class TypeScriptInterpreter implements Interpreter {
  constructor(
    private readonly executor: ExecutorHost,
    private readonly version: string,
  ) {}

  async kernelInfo(): Promise<Record<string, unknown>> {
    const backend = await this.executor.start();
    return {
      implementation: "tskeras",
      implementation_version: this.version,
      language_info: {
        name: "typescript",
        version: ts.version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
      },
      banner: messages().kernel.banner(this.version, backend),
      help_links: [
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
        { text: "Keras", url: "https://keras.io/api/" },
      ],
    };
  }

  async execute(code: string, executionCount: number, requestId: string): Promise<ExecutionOutcome> {
    const compiled = compileCell(code, executionCount);
    if (!compiled.ok) return { status: "error", error: syntaxErrorReport(code, compiled.diagnostics) };

    const done = await this.executor.execute(requestId, compiled.cell);
    if (done.error) return { status: "error", error: done.error };
    return { status: "ok", result: done.result };
  }

  interrupt(): void {
    this.executor.interrupt();
  }

  shutdown(): Promise<void> {
    return this.executor.shutdown();
  }
}

/** Reports the first syntax error with the cell's line and a caret under the fault. */
function syntaxErrorReport(code: string, diagnostics: CellDiagnostic[]): ErrorReport {
  const first = diagnostics[0];
  const evalue = messages().kernel.syntaxError(first.line, first.column, `TS${first.code}: ${first.message}`);
  const line = code.split("\n")[first.line - 1] ?? "";
  return {
    ename: "SyntaxError",
    evalue,
    traceback: [`${RED}SyntaxError${RESET}: ${evalue}`, "", `  ${line}`, `  ${" ".repeat(first.column - 1)}${RED}^${RESET}`],
  };
}
