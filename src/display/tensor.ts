import { messages, type Language } from "../i18n";
import { escapeHtml } from "./html";
import type { MimeBundle } from "./mime";

/** One element of a tensor as the formatter receives it. Complex elements arrive already formatted. */
export type TensorElement = number | boolean | string;

/** Nested arrays of elements, one level per axis, as `tensor.arraySync()` returns them. */
export type NestedElements = TensorElement | NestedElements[];

/**
 * A tensor reduced to what its display needs. Along each axis longer than 2 * edgeItems, `values`
 * holds only the first and the last edgeItems entries (see keptIndices), so a huge tensor is never
 * read whole.
 */
export interface TensorPreview {
  dtype: string;
  shape: number[];
  /** True when the tensor was disposed, in which case `values` is absent. */
  disposed: boolean;
  values?: NestedElements;
}

/** Entries kept at each end of a long axis, as NumPy's default `edgeitems`: 3 first, 3 last. */
export const defaultEdgeItems = 3;

/** Returns the indices along an axis of `size` that a preview keeps: all, or the first and last edgeItems. */
export function keptIndices(size: number, edgeItems = defaultEdgeItems): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= 2 * edgeItems) return all;
  return [...all.slice(0, edgeItems), ...all.slice(size - edgeItems)];
}

/** Returns the header line of a tensor's text form: `Tensor float32 shape=[30, 3]`. */
export function tensorHeader(preview: TensorPreview, language?: Language): string {
  const header = `Tensor ${preview.dtype} shape=[${preview.shape.join(", ")}]`;
  return preview.disposed ? `${header} (${messages(language).keras.tensorDisposed()})` : header;
}

/**
 * Formats a tensor like NumPy's repr: a header with dtype and shape, then nested brackets with
 * aligned columns, "..." where a long axis was cut, and blank lines between blocks of rank 3 and up.
 */
export function tensorText(preview: TensorPreview, language?: Language, edgeItems = defaultEdgeItems): string {
  const header = tensorHeader(preview, language);
  if (preview.disposed || preview.values === undefined) return header;

  const formatted = formatElements(preview.dtype, flatten(preview.values));
  // Numbers and booleans are right-aligned to a shared width, but strings are not padded, as in NumPy.
  const width = preview.dtype === "string" ? 0 : Math.max(0, ...formatted.map((text) => text.length));
  let next = 0;
  const leaf = () => formatted[next++].padStart(width);

  const body = formatBlock(preview.values, preview.shape, 0, edgeItems, leaf);
  return `${header}\n${body}`;
}

function formatBlock(
  values: NestedElements,
  shape: number[],
  axis: number,
  edgeItems: number,
  leaf: () => string,
): string {
  if (axis === shape.length) return leaf();

  const entries = values as NestedElements[];
  const cut = shape[axis] > 2 * edgeItems;
  const parts = entries.map((entry) => formatBlock(entry, shape, axis + 1, edgeItems, leaf));
  if (cut) parts.splice(edgeItems, 0, "...");

  if (axis === shape.length - 1) return `[${parts.join(", ")}]`;

  // Inner blocks start under the opening bracket, one blank line more per axis above the last two.
  const indent = " ".repeat(axis + 1);
  const separator = "," + "\n".repeat(shape.length - axis - 1) + indent;
  return `[${parts.join(separator)}]`;
}

function flatten(values: NestedElements): TensorElement[] {
  if (!Array.isArray(values)) return [values];
  return values.flatMap((entry) => flatten(entry));
}

/** Formats all elements with one shared style, so columns line up as in NumPy. */
function formatElements(dtype: string, elements: TensorElement[]): string[] {
  if (dtype === "string") return elements.map((element) => JSON.stringify(String(element)));
  if (dtype === "bool") return elements.map((element) => String(Boolean(element)));
  if (dtype === "complex64") return elements.map(String);
  const numbers = elements.map(Number);
  if (dtype === "int32") return numbers.map(String);
  return formatFloats(numbers);
}

/**
 * Formats floats as NumPy does by default, in outline: integers as "1.", else up to 4 decimals shared
 * by all elements, else exponent notation when magnitudes reach 1e8 or fall below 1e-4.
 */
export function formatFloats(values: number[]): string[] {
  const finite = values.filter(Number.isFinite);
  const magnitudes = finite.map(Math.abs).filter((magnitude) => magnitude > 0);
  const largest = Math.max(0, ...magnitudes);
  const smallest = Math.min(Infinity, ...magnitudes);

  if (largest >= 1e8 || smallest < 1e-4) {
    return values.map((value) => (Number.isFinite(value) ? value.toExponential(4) : special(value)));
  }
  if (finite.every(Number.isInteger)) {
    return values.map((value) => (Number.isFinite(value) ? `${value}.` : special(value)));
  }

  const decimals = Math.max(...finite.map(decimalsNeeded));
  return values.map((value) => (Number.isFinite(value) ? value.toFixed(decimals) : special(value)));
}

function special(value: number): string {
  if (Number.isNaN(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

function decimalsNeeded(value: number): number {
  const fixed = value.toFixed(4).replace(/0+$/, "");
  return fixed.length - fixed.indexOf(".") - 1;
}

/**
 * Lays out a 1-D or 2-D tensor as an HTML table with row and column indices, and a row or column
 * of ellipses where an axis was cut. Returns undefined for other ranks and for disposed tensors.
 */
export function tensorHtml(preview: TensorPreview, language?: Language, edgeItems = defaultEdgeItems): string | undefined {
  const rank = preview.shape.length;
  if (preview.disposed || preview.values === undefined || rank < 1 || rank > 2) return undefined;

  const matrix = (rank === 1 ? [preview.values] : preview.values) as TensorElement[][];
  const formatted = formatElements(preview.dtype, flatten(matrix));
  const columnCount = rank === 1 ? preview.shape[0] : preview.shape[1];
  const rowCount = rank === 1 ? 1 : preview.shape[0];
  const columns = keptIndices(columnCount, edgeItems);
  const rows = rank === 1 ? [0] : keptIndices(rowCount, edgeItems);
  const columnsCut = columnCount > 2 * edgeItems;
  const rowsCut = rowCount > 2 * edgeItems;

  // Header: an empty corner for 2-D, then one cell per kept column with "…" at the cut.
  const headerCells = columns.map((column) => `<th>${column}</th>`);
  if (columnsCut) headerCells.splice(edgeItems, 0, "<th>…</th>");
  const corner = rank === 2 ? "<th></th>" : "";
  const head = `<tr>${corner}${headerCells.join("")}</tr>`;

  let next = 0;
  const bodyRows = rows.map((row) => {
    const cells = columns.map(() => `<td>${escapeHtml(formatted[next++])}</td>`);
    if (columnsCut) cells.splice(edgeItems, 0, "<td>…</td>");
    const label = rank === 2 ? `<th>${row}</th>` : "";
    return `<tr>${label}${cells.join("")}</tr>`;
  });
  if (rowsCut) {
    const dots = Array.from({ length: columns.length + (columnsCut ? 1 : 0) }, () => "<td>⋮</td>").join("");
    bodyRows.splice(edgeItems, 0, `<tr><th>⋮</th>${dots}</tr>`);
  }

  const caption = escapeHtml(tensorHeader(preview, language));
  return (
    `<table class="tskeras-tensor">\n<caption style="text-align: left; white-space: nowrap"><code>${caption}</code></caption>\n` +
    `<thead>\n${head}\n</thead>\n<tbody>\n${bodyRows.join("\n")}\n</tbody>\n</table>`
  );
}

/** Builds a tensor's MIME bundle: text/plain always, text/html for 1-D and 2-D tensors. */
export function tensorBundle(preview: TensorPreview, language?: Language): MimeBundle {
  const html = tensorHtml(preview, language);
  const text = tensorText(preview, language);
  return html === undefined ? { "text/plain": text } : { "text/html": html, "text/plain": text };
}
