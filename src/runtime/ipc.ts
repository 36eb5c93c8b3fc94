import type { DisplayOutput, MimeBundle } from "../display/mime";

/** A cell compiled to JavaScript by the kernel process, ready to run in the executor. */
export interface CompiledCell {
  /** JavaScript that evaluates to a Promise of the cell's last value. */
  code: string;
  /** Name of the cell in stack traces, e.g. "cell[3]". */
  filename: string;
  /** Source map (JSON) from code back to the cell's TypeScript. */
  sourceMap: string;
}

/** An error as Jupyter's error message carries it. */
export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Requests the kernel process sends to the executor over IPC. */
export type ExecutorRequest =
  | { type: "execute"; requestId: string; cell: CompiledCell }
  | { type: "shutdown" };

/** Events the executor sends back; each names the request whose code caused it. */
export type ExecutorEvent =
  | { type: "ready"; backend: string }
  | { type: "stream"; requestId: string; name: "stdout" | "stderr"; text: string }
  | { type: "display"; requestId: string; output: DisplayOutput }
  | { type: "error"; requestId: string; error: ErrorReport }
  | { type: "done"; requestId: string; result?: MimeBundle; error?: ErrorReport };
