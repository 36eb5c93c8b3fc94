import { messages, type Language } from "../i18n";
import { chartBundle, chartConfig, vegaLiteMimeType, vegaLiteSchema, type ChartBundleOptions } from "./chart";
import type { MimeBundle } from "./mime";
import { formatLogs } from "./numbers";

export { vegaLiteMimeType, vegaLiteSchema } from "./chart";

/** A training history as plain data: epoch indices from 0 and one array of values per series. */
export interface TrainingHistory {
  epoch: number[];
  /** Series such as loss, accuracy, val_loss and val_accuracy, each with one value per epoch. */
  history: Record<string, number[]>;
}

/** One point of the chart: one series at one epoch. */
export interface HistoryPoint {
  /** Epoch number from 1, as the progress line counts them. */
  epoch: number;
  /** The series' own name, such as "val_loss". */
  series: string;
  /** The quantity the series measures, such as "loss" for both loss and val_loss. */
  metric: string;
  /** Null for NaN and infinite values, which JSON cannot carry. */
  value: number | null;
}

// Above this many epochs the chart draws lines without a dot per epoch, which would hide the lines.
const maxEpochsWithDots = 60;

/** Returns the quantity a series measures: "val_accuracy" measures "accuracy". */
function metricOf(series: string): string {
  return series.startsWith("val_") ? series.slice("val_".length) : series;
}

/** Orders series as Keras prints them: loss, then metrics, then their validation series. */
export function orderedSeries(history: Record<string, unknown>): string[] {
  const names = Object.keys(history);
  const rank = (name: string) => (name.startsWith("val_") ? 2 : 0) + (metricOf(name) === "loss" ? 0 : 1);
  return names
    .map((name, index) => ({ name, index }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.index - b.index)
    .map(({ name }) => name);
}

/** Flattens a history into chart points, one per epoch per series. */
export function historyPoints(history: TrainingHistory): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (const series of orderedSeries(history.history)) {
    const values = history.history[series];
    history.epoch.forEach((epoch, index) => {
      const value = values[index];
      if (value === undefined) return;
      points.push({ epoch: epoch + 1, series, metric: metricOf(series), value: Number.isFinite(value) ? value : null });
    });
  }
  return points;
}

/**
 * Builds a Vega-Lite 5 spec of the training curves: one panel per quantity (loss, accuracy...), each
 * with its own y scale, and one coloured line per series so training and validation sit side by side.
 */
export function historyChartSpec(history: TrainingHistory, language?: Language): Record<string, unknown> {
  const series = orderedSeries(history.history);
  const metrics = [...new Set(series.map(metricOf))];
  const showDots = history.epoch.length <= maxEpochsWithDots;

  return {
    $schema: vegaLiteSchema,
    title: messages(language).keras.historyChartTitle(),
    data: { values: historyPoints(history) },
    facet: { column: { field: "metric", type: "nominal", title: null, sort: metrics } },
    spec: {
      width: 260,
      height: 180,
      mark: { type: "line", point: showDots, tooltip: true },
      encoding: {
        x: { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1, format: "d" } },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: { field: "series", type: "nominal", title: null, sort: series },
      },
    },
    resolve: { scale: { y: "independent" } },
    config: chartConfig(),
  };
}

/** Summarises a history in one line: the number of epochs and the last epoch's values. */
export function historyText(history: TrainingHistory, language?: Language): string {
  const text = messages(language).keras;
  const last = history.epoch.length - 1;
  if (last < 0) return text.historyEmpty();

  const logs: Record<string, number> = {};
  for (const series of orderedSeries(history.history)) {
    const value = history.history[series][last];
    if (value !== undefined) logs[series] = value;
  }
  return text.historyText(history.epoch.length, formatLogs(logs));
}

/**
 * Display metadata of a training chart that is redrawn while it trains. JupyterLab 4 passes a Vega
 * output's embed_options to vega-embed, which draws on a canvas by default. In SVG each point is an
 * element with an ARIA label ("epoch: 3; value: 0.91; series: loss") for screen readers and browser tests.
 */
export const liveHistoryChartMetadata = { [vegaLiteMimeType]: { embed_options: { renderer: "svg" } } };

/** Builds the MIME bundle of a training history: the Vega-Lite chart, its PNG image and its text summary. */
export function historyBundle(history: TrainingHistory, language?: Language, options: ChartBundleOptions = {}): MimeBundle {
  return chartBundle(historyChartSpec(history, language), historyText(history, language), options);
}
