import { BOLD, RED, RESET, caretUnder, codePointColumn } from "../display/ansi";
import { SourceMap } from "node:module";
import { basename } from "node:path";
import { inspect } from "node:util";
import { messages } from "../i18n";
import type { CellPosition, CompiledCell, ErrorReport } from "./ipc";


interface CellMapping {
  sourceMap?: SourceMap;
  /** Line of the compiled code that calls the cell's async wrapper; its frame is the kernel's, not the user's. */
  wrapperCallLine: number;
}

/**
 * Source maps of the cells run so far, by the cell's file name, and of the .ts files they imported, by
 * path, to show TypeScript lines in stack traces.
 */
const cellMappings = new Map<string, CellMapping>();

/** Registers the source map of a .ts file that a cell imported, which the module loader compiled. */
export function registerImportedFile(filename: string, sourceMap: string): void {
  cellMappings.set(filename, { sourceMap: new SourceMap(JSON.parse(sourceMap)), wrapperCallLine: -1 });
}

export function registerCell(cell: CompiledCell): void {
  cellMappings.set(cell.filename, {
    sourceMap: cell.sourceMap ? new SourceMap(JSON.parse(cell.sourceMap)) : undefined,
    wrapperCallLine: cell.code.trimEnd().split("\n").length,
  });
}

/** File name of a cell in stack traces, as the kernel names it. */
const CELL_FILENAME = /^cell\[(\d+)\]\.ts$/;

interface CellFrame {
  functionName: string;
  filename: string;
  line: number;
  column: number;
}

/**
 * Turns a thrown value into Jupyter's error content. The traceback keeps only frames in the
 * notebook's cells, at their TypeScript line and column, and shows the line that threw.
 */
export function errorReport(thrown: unknown): ErrorReport {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) {
    const evalue = typeof thrown === "string" ? thrown : safeString(thrown);
    return { ename: "Uncaught", evalue, traceback: [`${RED}Uncaught${RESET} ${evalue}`] };
  }

  if ((thrown as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
    const evalue = messages().kernel.interrupted();
    return { ename: "InterruptedError", evalue, traceback: [`${RED}${BOLD}InterruptedError${RESET}: ${evalue}`] };
  }

  const ename = thrown.name || "Error";
  const evalue = thrown.message ?? "";
  const frames = parseCellFrames(thrown.stack ?? "");
  const traceback = [`${RED}${BOLD}${ename}${RESET}: ${evalue}`];
  for (const frame of frames) {
    const count = CELL_FILENAME.exec(frame.filename)?.[1];
    const name = count !== undefined ? messages().kernel.cellLabel(count) : basename(frame.filename);
    const where = messages().kernel.frameLocation(name, frame.line, displayColumn(frame));
    traceback.push(`    ${messages().kernel.stackFrame(frame.functionName || undefined, where)}`);
  }
  const innermost = frames[0];
  if (innermost) traceback.push(...codeExcerpt(innermost));
  return { ename, evalue, traceback };
}

/** Returns the position of the top-level statement of cell filename that was running when thrown was thrown, if its stack shows it. */
export function stoppedAt(thrown: unknown, filename: string): CellPosition | undefined {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) return undefined;
  const frames = parseCellFrames(thrown.stack ?? "").filter((frame) => frame.filename === filename);
  const outermost = frames[frames.length - 1];
  return outermost && { line: outermost.line, column: outermost.column };
}

function parseCellFrames(stack: string): CellFrame[] {
  const frames: CellFrame[] = [];
  for (const text of stack.split("\n").slice(1)) {
    // V8 marks the frames of awaiting functions "at async", which shows the cell that awaited.
    const match = /^\s*at (?:async )?(?:(.*?) \()?(.+?\.ts):(\d+):(\d+)\)?$/.exec(text);
    if (!match) continue;
    const [, rawName = "", filename, line, column] = match;
    // Frames of the cells and of the .ts files they imported; others are the libraries' and the kernel's.
    if (!CELL_FILENAME.test(filename) && !cellMappings.has(filename)) continue;
    if (Number(line) === cellMappings.get(filename)?.wrapperCallLine) continue;
    const position = originalPosition(filename, Number(line), Number(column));
    // TypeScript's helpers for `using` and decorators are emitted without source positions.
    if (!position) continue;
    // The async wrapper around each cell is the kernel's, not the user's.
    const functionName = rawName === "async" || rawName.startsWith("async ") ? "" : rawName;
    frames.push({ functionName, filename, ...position });
  }
  return frames;
}

/**
 * Returns the cell's TypeScript line and column of a position in its compiled code, or undefined when
 * the compiled line maps to no TypeScript, as the helpers that TypeScript emits have no source.
 */
function originalPosition(filename: string, line: number, column: number): { line: number; column: number } | undefined {
  const sourceMap = cellMappings.get(filename)?.sourceMap;
  if (!sourceMap) return { line, column };
  const entry = sourceMap.findEntry(line - 1, column - 1) as { generatedLine?: number; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry || entry.originalLine === undefined || entry.generatedLine !== line - 1) return undefined;
  return { line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

/** Returns the TypeScript line of a frame in a cell, or undefined for a file whose source the kernel does not keep. */
function sourceLine(frame: CellFrame): string | undefined {
  const sources = (cellMappings.get(frame.filename)?.sourceMap?.payload as { sourcesContent?: string[] } | undefined)?.sourcesContent;
  return sources?.[0]?.split("\n")[frame.line - 1];
}

/** Returns a frame's column in code points, as Jupyter counts them, where the frame's line is known. */
function displayColumn(frame: CellFrame): number {
  const line = sourceLine(frame);
  return line === undefined ? frame.column : codePointColumn(line, frame.column);
}

function codeExcerpt(frame: CellFrame): string[] {
  const code = sourceLine(frame);
  if (code === undefined) return [];
  return ["", `  ${code}`, `  ${caretUnder(code, displayColumn(frame))}`];
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === "object" && value !== null && "message" in value && "stack" in value;
}

/** Returns a thrown value that is not an Error as Node.js prints it, so `throw { code: 42 }` shows its fields. */
function safeString(value: unknown): string {
  try {
    return inspect(value, { depth: 2, breakLength: Infinity });
  } catch {
    return Object.prototype.toString.call(value);
  }
}
