import { Chart } from "../display/chart";
import { historyChartSpec, historyText, type TrainingHistory } from "../display/history-chart";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { closestName } from "../keras/suggest";
import { readOptions, type ChartOptions } from "./options";

/** A training history as plot.trainingCurves() takes it. */
export type HistoryInput = { history: Record<string, number[]>; epoch?: number[] } | Record<string, number[]>;

/** Options of plot.trainingCurves(). */
export interface TrainingCurvesOptions extends ChartOptions {
  /**
   * Series to draw, such as ["loss", "val_loss"]. Default: every series of the history. Each metric
   * gets its own panel, with its training and validation series side by side.
   */
  series?: string[];
  /** Width of each panel in pixels. Default: 260. */
  width?: number;
  /** Height of each panel in pixels. Default: 180. */
  height?: number;
}

function fail(message: string): never {
  throw new ValueError(message);
}

function isSeriesRecord(value: unknown): value is Record<string, number[]> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((series) => Array.isArray(series) && series.every((entry) => typeof entry === "number"))
  );
}

/** Reads a History, an object with history and epoch, or an object of series into a TrainingHistory. */
function readHistory(owner: string, value: unknown): TrainingHistory {
  const text = messages().plot;
  const nested = typeof value === "object" && value !== null ? (value as { history?: unknown; epoch?: unknown }) : undefined;
  let series: Record<string, number[]>;
  let epoch: number[] | undefined;
  if (nested !== undefined && isSeriesRecord(nested.history)) {
    series = nested.history;
    epoch = Array.isArray(nested.epoch) ? (nested.epoch as number[]) : undefined;
  } else if (isSeriesRecord(value)) {
    series = value;
  } else {
    return fail(text.invalidData(owner, "history", describeValue(value), "history"));
  }

  const epochs = epoch?.length ?? Math.max(0, ...Object.values(series).map((values) => values.length));
  if (epochs === 0 || Object.keys(series).length === 0) fail(text.historyWithoutEpochs(owner));
  for (const [name, values] of Object.entries(series)) {
    if (values.length !== epochs) fail(text.seriesLengthMismatch(owner, name, values.length, epochs));
  }
  return { epoch: epoch ?? Array.from({ length: epochs }, (_, index) => index), history: series };
}

/**
 * Draws the training curves of a History, as its display does: one panel per metric (loss,
 * accuracy...), each with its training and validation series, against the epoch. Takes the History
 * that fit() returns (or model.history), or an object of series such as { loss: [0.9, 0.6, 0.4] }.
 * Raises ValueError for a history with no epoch, series of unequal lengths and unknown series names.
 *
 * @example plot.trainingCurves(history, { series: ["loss", "val_loss"] })
 */
export function trainingCurves(history: HistoryInput, options: TrainingCurvesOptions = {}): Chart {
  const owner = "plot.trainingCurves()";
  const text = messages().plot;
  const read = readOptions<TrainingCurvesOptions>(owner, options, { title: "string", width: "positiveInteger", height: "positiveInteger", series: "fields" });
  const full = readHistory(owner, history);

  const available = Object.keys(full.history);
  let selected = available;
  if (typeof read.series === "string") selected = [read.series];
  else if (read.series !== undefined) selected = read.series;
  for (const name of selected) {
    if (!available.includes(name)) fail(text.unknownSeries(owner, name, available, closestName(name, available)));
  }
  const chosen: TrainingHistory = { epoch: full.epoch, history: Object.fromEntries(selected.map((name) => [name, full.history[name]])) };

  const spec = historyChartSpec(chosen);
  if (read.title !== undefined) spec.title = read.title;
  const panel = spec.spec as Record<string, unknown>;
  if (read.width !== undefined) panel.width = read.width;
  if (read.height !== undefined) panel.height = read.height;
  return new Chart(spec, historyText(chosen));
}
