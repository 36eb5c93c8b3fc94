import { inspect, types } from "node:util";
import { messages, type Language } from "../i18n";
import { escapeHtml } from "./html";
import type { MimeBundle } from "./mime";

/**
 * A table reduced to what its display needs. The display reads only the cells it shows, so a table
 * of a million rows costs no more to show than one of twenty.
 */
export interface TableView {
  /** Column names, in order. */
  columns: string[];
  /** Type of each column, such as "number" or "number | string", shown under its name. Omitted: no type row. */
  types?: string[];
  rowCount: number;
  /** Returns the value at a row position, counted from 0, and a column index. */
  cell(row: number, column: number): unknown;
  /** Text under the table. Default: its size, such as "150 rows × 5 columns", in the learner's language. */
  caption?: string;
}

/** How many rows and columns a table display shows. */
export interface TableLimits {
  /** Tables with up to this many rows show them all. Default 20. */
  maxRows: number;
  /** Rows shown at each end of a longer table, around a truncation mark. Default 5. */
  edgeRows: number;
  /** Tables with up to this many columns show them all. Default 20. */
  maxColumns: number;
  /** Columns shown at each end of a wider table, around a truncation mark. Default 10. */
  edgeColumns: number;
}

export const defaultTableLimits: TableLimits = { maxRows: 20, edgeRows: 5, maxColumns: 20, edgeColumns: 10 };

// Longer text in a cell is cut, so one long value does not widen the whole column.
const maxCellLength = 50;

/** One cell as shown: its text, and whether it is a number (right-aligned) or a missing value (dimmed). */
interface ShownCell {
  text: string;
  kind: "number" | "text" | "missing";
}

// Type names in the order a column of several types lists them, as in "number | string".
const typeOrder = ["number", "bigint", "boolean", "string", "Date", "array", "object", "function", "symbol"];

/**
 * Returns the name of a value's type as a table shows it: number (NaN too), bigint, boolean, string,
 * Date, array, object, function or symbol. Returns undefined for null and undefined.
 */
export function typeName(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (types.isDate(value)) return "Date";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Returns the type of a column from its values, as TypeScript writes a union: "number", or
 * "number | string" for a column of both. Nulls and undefined values are left out, so a column
 * that contains only those has the type "null".
 */
export function columnType(values: Iterable<unknown>): string {
  const found = new Set<string>();
  for (const value of values) {
    const name = typeName(value);
    if (name !== undefined) found.add(name);
  }
  if (found.size === 0) return "null";
  return typeOrder.filter((name) => found.has(name)).join(" | ");
}

/** Returns the positions shown along an axis of `size`: all of them, or the first and last `edge` ones. */
function shownPositions(size: number, max: number, edge: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  return size <= max ? all : [...all.slice(0, edge), ...all.slice(size - edge)];
}

/** Formats one value for a table cell: numbers to 6 significant digits, dates in ISO 8601, long text cut. */
export function formatCell(value: unknown): ShownCell {
  if (value === null || value === undefined) return { text: String(value), kind: "missing" };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { text: "NaN", kind: "missing" };
    const text = Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
    return { text, kind: "number" };
  }
  if (typeof value === "bigint") return { text: String(value), kind: "number" };
  if (typeof value === "boolean") return { text: String(value), kind: "text" };
  if (typeof value === "string") return { text: shorten(value.replace(/\r?\n/g, "\\n").replace(/\t/g, "\\t")), kind: "text" };
  if (types.isDate(value)) return { text: formatDate(value), kind: "text" };
  return { text: shorten(inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 10, colors: false })), kind: "text" };
}

/** Formats a date in ISO 8601, as its date alone when it falls on midnight UTC, as dates read from files do. */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function shorten(text: string): string {
  return text.length <= maxCellLength ? text : `${text.slice(0, maxCellLength - 1)}…`;
}

/** The rows and columns a display shows, with their cells formatted. */
interface TableLayout {
  columns: number[];
  rows: number[];
  columnsCut: boolean;
  rowsCut: boolean;
  cells: ShownCell[][];
  /** Whether each shown column is right-aligned: its type is number, or all its shown cells are numbers. */
  numeric: boolean[];
  caption: string;
}

function layOut(view: TableView, limits: TableLimits, language?: Language): TableLayout {
  const columns = shownPositions(view.columns.length, limits.maxColumns, limits.edgeColumns);
  const rows = shownPositions(view.rowCount, limits.maxRows, limits.edgeRows);
  const cells = rows.map((row) => columns.map((column) => formatCell(view.cell(row, column))));
  const numeric = columns.map((column, i) => {
    if (view.types) return view.types[column] === "number";
    const kinds = cells.map((row) => row[i].kind).filter((kind) => kind !== "missing");
    return kinds.length > 0 && kinds.every((kind) => kind === "number");
  });
  return {
    columns,
    rows,
    columnsCut: columns.length < view.columns.length,
    rowsCut: rows.length < view.rowCount,
    cells,
    numeric,
    caption: view.caption ?? messages(language).data.tableShape(view.rowCount, view.columns.length),
  };
}

/**
 * Lays out a table as text: the column names, a row of column types, one line per row with its
 * position in front, "..." where rows or columns were left out, and the caption below. Numbers are
 * right-aligned and everything else left-aligned.
 */
export function tableText(view: TableView, language?: Language, limits: TableLimits = defaultTableLimits): string {
  const layout = layOut(view, limits, language);
  if (view.columns.length === 0) return layout.caption;
  const mark = "...";

  // Each text column is a list of lines, from the heading down; the first is the row labels.
  const labelColumn = ["", ...(view.types ? [""] : []), ...layout.rows.map(String)];
  const dataColumns = layout.columns.map((column, i) => [
    view.columns[column],
    ...(view.types ? [view.types[column]] : []),
    ...layout.cells.map((row) => row[i].text),
  ]);
  const headerLines = view.types ? 2 : 1;
  if (layout.rowsCut) {
    for (const lines of [labelColumn, ...dataColumns]) lines.splice(headerLines + limits.edgeRows, 0, mark);
  }

  const aligned = dataColumns.map((lines, i) => align(lines, layout.numeric[i]));
  if (layout.columnsCut) aligned.splice(limits.edgeColumns, 0, align(labelColumn.map((_, row) => (row < headerLines ? "" : mark)), false));
  const columns = [align(labelColumn, false), ...aligned];

  const lines = labelColumn.map((_, line) => columns.map((column) => column[line]).join("  ").trimEnd());
  return [...lines, layout.caption].join("\n");
}

function align(lines: string[], right: boolean): string[] {
  const width = Math.max(...lines.map((line) => line.length));
  return lines.map((line) => (right ? line.padStart(width) : line.padEnd(width)));
}

/**
 * Lays out a table as HTML: a header row of column names, a row of column types, then one row per table
 * row with its position as the row heading. "…" and "⋮" mark where columns and rows were left out, and
 * the caption comes below. Every name and value is escaped.
 */
export function tableHtml(view: TableView, language?: Language, limits: TableLimits = defaultTableLimits): string {
  const layout = layOut(view, limits, language);
  const style = (numeric: boolean, extra = "") => ` style="text-align: ${numeric ? "right" : "left"}${extra}"`;
  const withColumnMark = (cells: string[], mark: string) => {
    if (layout.columnsCut) cells.splice(limits.edgeColumns, 0, mark);
    return cells.join("");
  };

  const names = layout.columns.map((column, i) => `<th${style(layout.numeric[i])}>${escapeHtml(view.columns[column])}</th>`);
  const head = [`<tr><th></th>${withColumnMark(names, "<th>…</th>")}</tr>`];
  if (view.types) {
    const types = view.types;
    const typeCells = layout.columns.map(
      (column, i) => `<th${style(layout.numeric[i], "; font-weight: normal; font-style: italic")}>${escapeHtml(types[column])}</th>`,
    );
    head.push(`<tr><th></th>${withColumnMark(typeCells, "<th></th>")}</tr>`);
  }

  const body = layout.rows.map((row, r) => {
    const cells = layout.cells[r].map((cell, i) => {
      const text = escapeHtml(cell.text);
      return cell.kind === "missing"
        ? `<td${style(layout.numeric[i], "; opacity: 0.6")}><em>${text}</em></td>`
        : `<td${style(layout.numeric[i])}>${text}</td>`;
    });
    return `<tr><th>${row}</th>${withColumnMark(cells, "<td>…</td>")}</tr>`;
  });
  if (layout.rowsCut) {
    const marks = layout.columns.map(() => "<td>⋮</td>");
    body.splice(limits.edgeRows, 0, `<tr><th>⋮</th>${withColumnMark(marks, "<td></td>")}</tr>`);
  }

  return (
    `<div class="tskeras-table">\n<table>\n<thead>\n${head.join("\n")}\n</thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>\n` +
    `<p>${escapeHtml(layout.caption)}</p>\n</div>`
  );
}

/** Builds a table's MIME bundle: an HTML table and its text layout. */
export function tableBundle(view: TableView, language?: Language, limits: TableLimits = defaultTableLimits): MimeBundle {
  return { "text/html": tableHtml(view, language, limits), "text/plain": tableText(view, language, limits) };
}
