import { messages, type Language } from "../i18n";
import { escapeHtml } from "./html";
import type { MimeBundle } from "./mime";
import { formatBytes, formatCount } from "./numbers";

/** One layer of a model summary, as plain data. */
export interface SummaryLayer {
  /** The layer's name, such as "dense_1". */
  name: string;
  /** The layer's class, such as "Dense". */
  className: string;
  /** Output shape with null for the batch dimension, or undefined while the model is unbuilt. */
  outputShape?: ReadonlyArray<number | null>;
  /** Number of weights, or undefined while the model is unbuilt. */
  params?: number;
}

/** The content of a model summary, as plain data, so that this module needs no model class. */
export interface ModelSummary {
  modelName: string;
  layers: SummaryLayer[];
  /** False until the model's weights exist. Until then shapes and counts are unknown. */
  built: boolean;
  trainableParams: number;
  nonTrainableParams: number;
  /** Bytes per weight for the memory sizes after the totals. Default: 4 (float32). */
  bytesPerParam?: number;
}

interface SummaryCells {
  title: string;
  headings: [string, string, string];
  rows: Array<[string, string, string]>;
  totals: string[];
  note?: string;
}

/** Formats a shape the way Keras prints it, with None for unknown sizes: (None, 64). */
export function formatShape(shape: ReadonlyArray<number | null>): string {
  const parts = shape.map((size) => (size === null ? "None" : String(size)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
}

function summaryCells(summary: ModelSummary, language?: Language): SummaryCells {
  const text = messages(language).keras;
  const unbuilt = text.summaryUnbuilt();
  const rows = summary.layers.map((layer): [string, string, string] => [
    `${layer.name} (${layer.className})`,
    layer.outputShape === undefined ? "?" : formatShape(layer.outputShape),
    layer.params === undefined ? `0 (${unbuilt})` : formatCount(layer.params),
  ]);

  const bytesPerParam = summary.bytesPerParam ?? 4;
  const total = summary.trainableParams + summary.nonTrainableParams;
  const withSize = (count: number) => `${formatCount(count)} (${formatBytes(count * bytesPerParam)})`;
  const totals = [
    `${text.summaryTotalParams()}: ${withSize(total)}`,
    `${text.summaryTrainableParams()}: ${withSize(summary.trainableParams)}`,
    `${text.summaryNonTrainableParams()}: ${withSize(summary.nonTrainableParams)}`,
  ];

  return {
    title: text.summaryTitle(summary.modelName),
    headings: [text.summaryLayerColumn(), text.summaryOutputShapeColumn(), text.summaryParamsColumn()],
    rows,
    totals,
    note: summary.built ? undefined : text.summaryNotBuiltNote(),
  };
}

/**
 * Lays out a summary as text in the shape of Keras's `model.summary()`: a title, a rule, the
 * column headings, one line per layer with the parameter count right-aligned, then the totals.
 */
export function summaryText(summary: ModelSummary, language?: Language): string {
  const cells = summaryCells(summary, language);
  const columns = [cells.headings, ...cells.rows];
  const widths = [0, 1, 2].map((i) => Math.max(...columns.map((row) => row[i].length)));
  widths[0] = Math.max(widths[0] + 2, 28);
  widths[1] = Math.max(widths[1] + 2, 26);
  widths[2] = Math.max(widths[2], 9);

  const line = ([layer, shape, params]: [string, string, string]) =>
    ` ${layer.padEnd(widths[0])}${shape.padEnd(widths[1])}${params.padStart(widths[2])}`;
  const width = 1 + widths[0] + widths[1] + widths[2] + 1;

  const lines = [cells.title, "_".repeat(width), line(cells.headings), "=".repeat(width)];
  lines.push(...cells.rows.map(line));
  lines.push("=".repeat(width));
  lines.push(...cells.totals.map((total) => ` ${total}`));
  lines.push("_".repeat(width));
  if (cells.note) lines.push(cells.note);
  return lines.join("\n");
}

/** Lays out a summary as an HTML table with the title as caption and the totals below. */
export function summaryHtml(summary: ModelSummary, language?: Language): string {
  const cells = summaryCells(summary, language);
  const right = ' style="text-align: right"';
  const left = ' style="text-align: left"';

  const head =
    `<tr><th${left}>${escapeHtml(cells.headings[0])}</th><th${left}>${escapeHtml(cells.headings[1])}</th>` +
    `<th${right}>${escapeHtml(cells.headings[2])}</th></tr>`;
  const body = cells.rows
    .map(
      ([layer, shape, params]) =>
        `<tr><td${left}>${escapeHtml(layer)}</td><td${left}>${escapeHtml(shape)}</td>` +
        `<td${right}>${escapeHtml(params)}</td></tr>`,
    )
    .join("\n");
  const totals = cells.totals.map(escapeHtml).join("<br>\n");
  const note = cells.note ? `\n<p>${escapeHtml(cells.note)}</p>` : "";

  return (
    `<div class="tskeras-summary">\n<table>\n<caption${left}><strong>${escapeHtml(cells.title)}</strong></caption>\n` +
    `<thead>\n${head}\n</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n<p>${totals}</p>${note}\n</div>`
  );
}

/** Builds the MIME bundle of a model summary: an HTML table and its text layout. */
export function summaryBundle(summary: ModelSummary, language?: Language): MimeBundle {
  return { "text/html": summaryHtml(summary, language), "text/plain": summaryText(summary, language) };
}
