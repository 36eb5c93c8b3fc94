/**
 * Content of the requests that help while a cell is edited (complete_request, inspect_request,
 * is_complete_request) and of their replies, in messaging protocol 5.4. The protocol counts
 * cursor_pos, cursor_start and cursor_end in Unicode code points. The interpreter works in UTF-16
 * offsets, as JavaScript strings count, so the functions here convert between the two.
 */
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "./codepoints";
import { isRecord } from "./messages";

/** A completion of the word at the cursor. */
export interface CompletionItem {
  /** The text that replaces the completed span. */
  text: string;
  /** Kind of the completed name, such as "method", "class" or "property". */
  type: string;
  /** Parameters and result of a function or constructor, such as "(units: number): Dense". */
  signature?: string;
}

/** Completions at a cursor, replacing the text from start to end (UTF-16 offsets into the code). */
export interface Completions {
  start: number;
  end: number;
  items: CompletionItem[];
}

/** Whether code is ready to run; indent is the text to start the next line with. */
export type Completeness = { status: "complete" | "invalid" | "unknown" } | { status: "incomplete"; indent: string };

/** A MIME bundle, such as { "text/plain": ..., "text/markdown": ... }. */
export type MimeBundle = Record<string, string>;

/** A complete_request's content, with the cursor as a UTF-16 offset into code. */
export interface CompleteRequest {
  code: string;
  cursor: number;
}

/** An inspect_request's content, with the cursor as a UTF-16 offset into code. */
export interface InspectRequest extends CompleteRequest {
  /** 0 for a signature and summary, 1 for the full documentation. */
  detailLevel: 0 | 1;
}

/**
 * Validates a complete_request's content, naming the property at fault. A missing cursor_pos means
 * the end of the code. Raises TypeError or RangeError.
 */
export function parseCompleteRequest(content: Record<string, unknown>): CompleteRequest {
  const code = readCode("complete_request", content);
  return { code, cursor: readCursor("complete_request", content, code) };
}

/** Validates an inspect_request's content; detail_level defaults to 0. Raises TypeError or RangeError. */
export function parseInspectRequest(content: Record<string, unknown>): InspectRequest {
  const code = readCode("inspect_request", content);
  const level = content.detail_level ?? 0;
  if (level !== 0 && level !== 1) throw new RangeError(`inspect_request content.detail_level must be 0 or 1, got ${JSON.stringify(level)}`);
  return { code, cursor: readCursor("inspect_request", content, code), detailLevel: level };
}

/** Validates an is_complete_request's content. Raises TypeError. */
export function parseIsCompleteRequest(content: Record<string, unknown>): { code: string } {
  return { code: readCode("is_complete_request", content) };
}

/** Builds a complete_reply's content, with the metadata that JupyterLab reads to show each match's type. */
export function completeReplyContent(code: string, completions: Completions): Record<string, unknown> {
  const start = utf16ToCodePoint(code, completions.start);
  const end = utf16ToCodePoint(code, completions.end);
  const types = completions.items.map((item) => ({
    start,
    end,
    text: item.text,
    type: item.type,
    ...(item.signature === undefined ? {} : { signature: item.signature }),
  }));
  return {
    status: "ok",
    matches: completions.items.map((item) => item.text),
    cursor_start: start,
    cursor_end: end,
    metadata: { _jupyter_types_experimental: types },
  };
}

/** Builds an inspect_reply's content; found is false when nothing describes the cursor's position. */
export function inspectReplyContent(bundle: MimeBundle | undefined): Record<string, unknown> {
  return { status: "ok", found: bundle !== undefined, data: bundle ?? {}, metadata: {} };
}

/** Builds an is_complete_reply's content, which has indent only when the status is "incomplete". */
export function isCompleteReplyContent(completeness: Completeness): Record<string, unknown> {
  return completeness.status === "incomplete" ? { status: "incomplete", indent: completeness.indent } : { status: completeness.status };
}

/** Builds the content of an error reply, which every reply type allows, from a thrown value. */
export function errorReplyContent(error: unknown): Record<string, unknown> {
  const ename = error instanceof Error ? error.name : "Error";
  const evalue = error instanceof Error ? error.message : String(error);
  return { status: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

function readCode(msgType: string, content: Record<string, unknown>): string {
  if (!isRecord(content)) throw new TypeError(`${msgType} content must be an object`);
  if (typeof content.code !== "string") throw new TypeError(`${msgType} content.code must be a string, got ${typeof content.code}`);
  return content.code;
}

function readCursor(msgType: string, content: Record<string, unknown>, code: string): number {
  const position = content.cursor_pos;
  if (position === undefined || position === null) return code.length;
  if (typeof position !== "number" || !Number.isInteger(position)) {
    throw new TypeError(`${msgType} content.cursor_pos must be an integer, got ${JSON.stringify(position)}`);
  }
  const length = codePointLength(code);
  if (position < 0 || position > length) {
    throw new RangeError(`${msgType} content.cursor_pos ${position} is outside the code, which has ${length} code points`);
  }
  return codePointToUtf16(code, position);
}
