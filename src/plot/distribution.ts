import type { Chart, VegaLiteSpec } from "../display/chart";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { checkField, checkNumericField, fieldType, numericFields, readPlotData, type PlotData, type ReadData } from "./data";
import { chartOptionKinds, readOptions, type ChartOptions } from "./options";
import { buildSpec, categoryAxis, countAxis, defaultSize, makeChart } from "./spec";

/** Options of plot.histogram(). */
export interface HistogramOptions extends ChartOptions {
  /** Field of the records whose values are counted. Default: the first field of numbers. */
  x?: string;
  /** Field whose values split the records into overlaid histograms, with a legend. Default: none. */
  color?: string;
  /** Maximum number of bins. Vega-Lite picks round bin edges, so there may be fewer. Default: 20. */
  maxBins?: number;
  /** Title of the x axis. Default: the x field's name. */
  xTitle?: string;
  /** Title of the y axis. Default: "count" in the learner's language. */
  yTitle?: string;
}

/** Options of plot.box(). */
export interface BoxOptions extends ChartOptions {
  /** Field whose values group the records, one box per group. Default: one box; for a 2-D array or tensor, one box per column. */
  x?: string;
  /** Field of the values. Default: the first field of numbers other than x. */
  y?: string;
  /** Title of the x axis. Default: the x field's name. */
  xTitle?: string;
  /** Title of the y axis. Default: the y field's name. */
  yTitle?: string;
}

const defaultMaxBins = 20;

function fail(message: string): never {
  throw new ValueError(message);
}

/**
 * Returns the field of values to draw, the field of groups if any, and the group labels. A 2-D array
 * has its columns folded into one value field and one group (series) field. Other data use the given
 * or the first numeric field.
 */
function valueAndGroup(owner: string, input: ReadData, option: "x" | "y", field: string | undefined, group: string | undefined) {
  const text = messages().plot;
  if (input.form === "matrix") {
    const columns = numericFields(input, [text.indexField()]);
    return {
      value: text.valueField(),
      group: text.seriesField(),
      groupLabels: columns,
      transform: [{ fold: columns, as: [text.seriesField(), text.valueField()] }] as VegaLiteSpec[],
    };
  }

  if (input.form === "values") {
    const value = field === undefined ? text.valueField() : checkField(owner, option, field, input);
    const position = input.records.findIndex((record) => typeof record[value] !== "number" && record[value] !== null);
    if (position >= 0) fail(text.nonNumericValue(owner, "data", describeValue(input.records[position][value]), position));
    return { value, group: undefined, groupLabels: [], transform: [] as VegaLiteSpec[] };
  }

  const value = field === undefined ? numericFields(input, [group])[0] : checkField(owner, option, field, input);
  if (value === undefined) return fail(text.noNumericField(owner, option, input.fields));
  checkNumericField(owner, option, value, input);
  const groupLabels = group === undefined ? [] : input.records.map((record) => record[group]);
  return { value, group, groupLabels, transform: [] as VegaLiteSpec[] };
}

/**
 * Draws a histogram: how many values fall in each bin. Takes an array or 1-D tensor of numbers, an
 * array of records with the field to count in x, a 2-D array or tensor (one overlaid histogram per
 * column), or a table with an objects() method. Raises ValueError for empty data, unknown fields and
 * values that are not numbers.
 *
 * @example plot.histogram(predictions, { maxBins: 30, title: "Predicted values" })
 */
export function histogram(data: PlotData, options: HistogramOptions = {}): Chart {
  const owner = "plot.histogram()";
  const read = readOptions<HistogramOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    color: "string",
    maxBins: "positiveInteger",
    xTitle: "string",
    yTitle: "string",
  });
  const text = messages().plot;
  const input = readPlotData(owner, data);
  const color = read.color === undefined ? undefined : checkField(owner, "color", read.color, input);
  const { value, group, transform } = valueAndGroup(owner, input, "x", read.x, color);

  // Groups overlap instead of stacking, so each histogram keeps its own shape, and show through each other.
  const encoding: VegaLiteSpec = {
    x: { bin: { maxbins: read.maxBins ?? defaultMaxBins }, field: value, type: "quantitative", title: read.xTitle ?? value },
    y: { aggregate: "count", type: "quantitative", title: read.yTitle ?? text.countTitle(), axis: countAxis(), ...(group ? { stack: null } : {}) },
  };
  if (group !== undefined) encoding.color = { field: group, type: input.form === "matrix" ? "nominal" : fieldType(input, group), title: group };

  const spec = buildSpec(read, defaultSize, input.records, {
    ...(transform.length > 0 ? { transform } : {}),
    mark: { type: "bar", tooltip: true, ...(group ? { opacity: 0.6 } : {}) },
    encoding,
  });
  return makeChart("histogram", spec, input.records.length, read);
}

/**
 * Draws a box plot: the median, the quartiles and whiskers to the furthest values within 1.5 times
 * the interquartile range, with the values beyond as dots. Takes an array or 1-D tensor of numbers
 * (one box), an array of records with y and an optional group field x, a 2-D array or tensor (one box
 * per column), or a table with an objects() method. Raises ValueError for empty data, unknown fields
 * and values that are not numbers.
 *
 * @example plot.box(records, { x: "species", y: "petalLength" })
 */
export function box(data: PlotData, options: BoxOptions = {}): Chart {
  const owner = "plot.box()";
  const read = readOptions<BoxOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    y: "string",
    xTitle: "string",
    yTitle: "string",
  });
  const input = readPlotData(owner, data);
  const groupField = read.x === undefined ? undefined : checkField(owner, "x", read.x, input);
  const { value, group, groupLabels, transform } = valueAndGroup(owner, input, "y", read.y, groupField);

  const encoding: VegaLiteSpec = { y: { field: value, type: "quantitative", title: read.yTitle ?? value, scale: { zero: false } } };
  if (group !== undefined) {
    const axis = categoryAxis(groupLabels, read.width ?? defaultSize.width);
    encoding.x = { field: group, type: "nominal", title: read.xTitle ?? group, ...(axis ? { axis } : {}) };
  }

  const spec = buildSpec(read, defaultSize, input.records, {
    ...(transform.length > 0 ? { transform } : {}),
    mark: { type: "boxplot", extent: 1.5 },
    encoding,
  });
  return makeChart("box", spec, input.records.length, read);
}
