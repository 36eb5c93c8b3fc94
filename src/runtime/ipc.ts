import { isAbsolute } from "node:path";
import type { DisplayOutput, MimeBundle } from "../display/mime";

/** Whether type errors stop a cell ("error"), are shown while it runs ("warn"), or are not looked for ("off"). */
export type TypecheckMode = "error" | "warn" | "off";

export const TYPECHECK_MODES: readonly TypecheckMode[] = ["error", "warn", "off"];

/**
 * Packages, by name or by scope ending in "/", whose declarations the kernel's type checker bundles
 * from tskeras's own dependencies. A cell that imports one gets tskeras's copy, which those
 * declarations describe, and TensorFlow.js's packages then share the engine of the preloaded `tf`.
 */
export const TENSORFLOW_PACKAGES: readonly string[] = ["@tensorflow/"];
export const ARQUERO_PACKAGES: readonly string[] = ["arquero", "@uwdata/flechette"];

/** Returns whether a module specifier is a file's path, relative (`./`, `../`) or absolute, not a package's name. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith(".") || isAbsolute(specifier);
}

/** Returns whether a module specifier names one of packages, or a file of one. */
export function isInPackages(specifier: string, packages: readonly string[]): boolean {
  return packages.some((name) => specifier === name || specifier.startsWith(name.endsWith("/") ? name : name + "/"));
}

/** A cell compiled to JavaScript by the kernel process, ready to run in the executor. */
export interface CompiledCell {
  /** JavaScript that evaluates to a Promise of the cell's last value. */
  code: string;
  /** Name of the cell in stack traces, e.g. "cell[3]". */
  filename: string;
  /** Source map (JSON) from code back to the cell's TypeScript. */
  sourceMap: string;
  /**
   * Whether the cell's top level contains a loop, a call or another construct that can keep it busy
   * without end, so that SIGINT must be able to stop its synchronous part.
   */
  mayBlock: boolean;
}

/** An error as Jupyter's error message carries it. */
export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The kind of a comm message: Jupyter's comm_open, comm_msg or comm_close. */
export type CommAction = "open" | "msg" | "close";

/** A comm message between the kernel process and the executor, in either direction. */
export interface CommEnvelope {
  type: "comm";
  /** The request it belongs to: the shell message that brought it, or the cell whose code sent it. */
  requestId: string;
  action: CommAction;
  commId: string;
  targetName?: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Requests the kernel process sends to the executor over IPC. */
export type ExecutorRequest =
  | { type: "execute"; requestId: string; cell: CompiledCell }
  | { type: "input_reply"; requestId: string; value?: string; error?: string }
  | CommEnvelope
  | { type: "shutdown" };

/** Events the executor sends back; each names the request whose code caused it. */
export type ExecutorEvent =
  | { type: "ready"; backend: string; warnings: string[] }
  | { type: "stream"; requestId: string; name: "stdout" | "stderr"; text: string }
  | { type: "display"; requestId: string; output: DisplayOutput }
  | { type: "error"; requestId: string; error: ErrorReport }
  | { type: "clear"; requestId: string; wait: boolean }
  | { type: "input_request"; requestId: string; prompt: string; password: boolean }
  | CommEnvelope
  | { type: "option"; name: "typecheck"; value: TypecheckMode }
  | { type: "done"; requestId: string; result?: MimeBundle; error?: ErrorReport; stoppedAt?: CellPosition };

/**
 * A position in a cell's TypeScript, 1-based: for a cell that threw, the outermost frame in the cell,
 * which is the top-level statement that was running.
 */
export interface CellPosition {
  line: number;
  column: number;
}

/** Events that carry output of a cell, published on iopub under the cell's request. */
export type CellOutputEvent = Extract<ExecutorEvent, { type: "stream" | "display" | "error" | "clear" | "comm" }>;
