import { Chart, chartConfig, vegaLiteSchema, type VegaLiteSpec } from "../display/chart";
import { messages } from "../i18n";
import type { ChartKind } from "../i18n/catalogue";
import type { DataRecord } from "./data";
import type { ChartOptions } from "./options";

/** Size of the plotting area of most charts, in pixels. */
export const defaultSize = { width: 400, height: 250 };

/** Size of the plotting area of charts whose axes share a scale, such as predictions against actual values. */
export const squareSize = { width: 300, height: 300 };

// Width of one character of an axis label in pixels: DejaVu Sans at Vega-Lite's default label size
// of 10 px averages about 6 px a character, and the extra pixel keeps a gap between labels.
const labelCharacterWidth = 7;

/**
 * Returns the axis of a category field on the x axis: horizontal labels when every label fits in its
 * band, because Vega-Lite otherwise turns the labels of nominal and ordinal fields by -90 degrees.
 */
export function categoryAxis(labels: readonly unknown[], width: number): { labelAngle: number } | undefined {
  const distinct = new Set(labels.map(String));
  const longest = Math.max(0, ...[...distinct].map((label) => label.length));
  return longest * labelCharacterWidth <= width / Math.max(1, distinct.size) ? { labelAngle: 0 } : undefined;
}

/** Returns the axis of a count: whole-number ticks only. */
export function countAxis(): { tickMinStep: number; format: string } {
  return { tickMinStep: 1, format: "d" };
}

/**
 * Builds a chart's spec around its marks and encodings: schema, title, size and inline data first,
 * the shared config last. body contains mark and encoding, or layer, and any transform.
 */
export function buildSpec(
  options: ChartOptions,
  size: { width: number; height: number },
  records: DataRecord[],
  body: VegaLiteSpec,
  defaultTitle?: string,
): VegaLiteSpec {
  const title = options.title ?? defaultTitle;
  return {
    $schema: vegaLiteSchema,
    ...(title ? { title } : {}),
    width: options.width ?? size.width,
    height: options.height ?? size.height,
    data: { values: records },
    ...body,
    config: chartConfig(),
  };
}

/**
 * Wraps a spec in a Chart whose text form names its kind, the title given in the options if any, and
 * its number of data rows. A default title is left out of the text, because the kind already names it.
 */
export function makeChart(kind: ChartKind, spec: VegaLiteSpec, rows: number, options: ChartOptions): Chart {
  return new Chart(spec, messages().plot.chartText(kind, options.title, rows));
}
