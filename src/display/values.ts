/**
 * Displays of JavaScript's built-in values that Node's inspect() shows poorly in a notebook. Maps and sets
 * show their first and last entries, and an HTML table. Dates show in ISO 8601, typed arrays as NumPy
 * shows arrays, and errors without their internal fields, with the stack folded away in HTML.
 */
import { inspect, types } from "node:util";
import { messages, type Language } from "../i18n";
import { registerFormatter } from "./formatters";
import { escapeHtml } from "./html";
import type { MimeBundle } from "./mime";
import { columnType, defaultTableLimits, formatDate, tableHtml } from "./table";
import { formatFloats, keptIndices } from "./tensor";

// A collection whose entries fit on one line of this many characters is shown on one line.
const lineWidth = 80;

/** Formats a key or value of a collection on one line, as inspect() does, cut to 50 characters. */
function entryText(value: unknown): string {
  const text = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 10, colors: false });
  return text.length <= 50 ? text : `${text.slice(0, 49)}…`;
}

/** Returns the indices shown of a collection of `size` entries: all, or the first and last ones around a -1 mark. */
function shownIndices(size: number): number[] {
  const { maxRows, edgeRows } = defaultTableLimits;
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= maxRows) return all;
  return [...all.slice(0, edgeRows), -1, ...all.slice(size - edgeRows)];
}

/** Lays out a collection as Node does, `Map(2) { 'a' => 1, 'b' => 2 }`, one entry a line when they do not fit on one. */
function collectionText(header: string, entries: string[]): string {
  if (entries.length === 0) return `${header} {}`;
  const oneLine = `${header} { ${entries.join(", ")} }`;
  if (oneLine.length <= lineWidth) return oneLine;
  return `${header} {\n${entries.map((entry) => `  ${entry}`).join(",\n")}\n}`;
}

/** Builds the bundle of a Map: text like Node's, and an HTML table of keys and values. */
export function mapBundle(map: Map<unknown, unknown>, language?: Language): MimeBundle {
  const entries = [...map.entries()];
  const header = `Map(${map.size})`;
  const text = collectionText(
    header,
    shownIndices(entries.length).map((i) => (i < 0 ? "..." : `${entryText(entries[i][0])} => ${entryText(entries[i][1])}`)),
  );
  const html = tableHtml(
    {
      columns: ["key", "value"],
      types: [columnType(map.keys()), columnType(map.values())],
      rowCount: entries.length,
      cell: (row, column) => entries[row][column],
      caption: header,
    },
    language,
  );
  return { "text/html": html, "text/plain": text };
}

/** Builds the bundle of a Set: text like Node's, and an HTML table of its values. */
export function setBundle(set: Set<unknown>, language?: Language): MimeBundle {
  const values = [...set];
  const header = `Set(${set.size})`;
  const text = collectionText(
    header,
    shownIndices(values.length).map((i) => (i < 0 ? "..." : entryText(values[i]))),
  );
  const html = tableHtml(
    { columns: ["value"], types: [columnType(values)], rowCount: values.length, cell: (row) => values[row], caption: header },
    language,
  );
  return { "text/html": html, "text/plain": text };
}

/** Formats a date in ISO 8601 with its time, in UTC. */
export function dateBundle(date: Date): MimeBundle {
  return { "text/plain": Number.isNaN(date.getTime()) ? "Invalid Date" : date.toISOString() };
}

/**
 * Formats a typed array as NumPy formats a 1-D array, `Float32Array(1000) [0.1, 0.2, 0.3, ..., 0.7, 0.8, 0.9]`:
 * the first and last 3 elements when it has more than 6, float elements with shared decimals.
 */
export function typedArrayText(array: NodeJS.TypedArray): string {
  const shown = keptIndices(array.length);
  const values = shown.map((i) => array[i]);
  const float = types.isFloat32Array(array) || types.isFloat64Array(array);
  const texts = float ? formatFloats(values as number[]) : values.map(String);
  if (shown.length < array.length) texts.splice(shown.length / 2, 0, "...");
  return `${array.constructor.name}(${array.length}) [${texts.join(", ")}]`;
}

/** Returns an error's first line, `TypeError: message`, followed by its causes and, for an AggregateError, its errors. */
export function errorText(error: Error, language?: Language, depth = 0): string {
  const text = messages(language).data;
  const lines = [error.message ? `${error.name}: ${error.message}` : error.name];
  if (depth < 5 && error instanceof AggregateError) {
    error.errors.forEach((inner, i) => lines.push(`  [${i}] ${describeCause(inner, language, depth)}`));
  }
  if (depth < 5 && error.cause !== undefined) lines.push(`${text.errorCausedBy()}: ${describeCause(error.cause, language, depth)}`);
  return lines.join("\n");
}

function describeCause(cause: unknown, language: Language | undefined, depth: number): string {
  return types.isNativeError(cause) || cause instanceof Error ? errorText(cause as Error, language, depth + 1) : entryText(cause);
}

/** Builds the bundle of an error: its name, message and causes, and in HTML its stack trace folded away. */
export function errorBundle(error: Error, language?: Language): MimeBundle {
  const text = errorText(error, language);
  const stack = typeof error.stack === "string" ? error.stack : "";
  const details = stack
    ? `\n<details><summary>${escapeHtml(messages(language).data.errorStackTrace())}</summary><pre>${escapeHtml(stack)}</pre></details>`
    : "";
  return { "text/html": `<div class="tskeras-error">\n<pre>${escapeHtml(text)}</pre>${details}\n</div>`, "text/plain": text };
}

let registered = false;

/** Registers the displays of maps, sets, dates, typed arrays and errors, once per process. */
export function registerValueFormatters(): void {
  if (registered) return;
  registered = true;

  registerFormatter((value) => (types.isMap(value) ? mapBundle(value as Map<unknown, unknown>) : undefined));
  registerFormatter((value) => (types.isSet(value) ? setBundle(value as Set<unknown>) : undefined));
  registerFormatter((value) => (types.isDate(value) ? dateBundle(value as Date) : undefined));
  // A Buffer is a Uint8Array, but Node's own `<Buffer 68 69>` reads better for bytes.
  registerFormatter((value) =>
    types.isTypedArray(value) && !Buffer.isBuffer(value) ? { "text/plain": typedArrayText(value as NodeJS.TypedArray) } : undefined,
  );
  registerFormatter((value) => (types.isNativeError(value) || value instanceof Error ? errorBundle(value as Error) : undefined));
}
