import * as tf from "@tensorflow/tfjs";
import type { Chart, VegaLiteSpec } from "../display/chart";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { checkField, checkNumericField, checkSameLength, fieldType, numericFields, readPlotData, shapeText, tensorValues, type PlotData, type ReadData } from "./data";
import { chartOptionKinds, readOptions, type ChartOptions } from "./options";
import { buildSpec, categoryAxis, countAxis, defaultSize, makeChart } from "./spec";

/** Options of plot.line(). */
export interface LineOptions extends ChartOptions {
  /** Field of the records for the x axis. Default: the position of each record, from 0 (the index). */
  x?: string;
  /**
   * Field of the records for the y axis, or several fields for one line each. Default: every field of
   * numbers other than x and color; for a 2-D array or tensor, every column.
   */
  y?: string | string[];
  /** Field whose values split the records into one line each, with a legend. Only with one y field. Default: none. */
  color?: string;
  /** Title of the x axis. Default: the x field's name. */
  xTitle?: string;
  /** Title of the y axis. Default: the y field's name, or "value" in the learner's language for several fields. */
  yTitle?: string;
  /** Draws a dot at each data point. Default: true up to 60 records, false above, where dots would hide the lines. */
  points?: boolean;
}

/** Options of plot.scatter(). */
export interface ScatterOptions extends ChartOptions {
  /** Field of the records for the x axis. Default: the first field of numbers; for a 2-D array or tensor, column 0. */
  x?: string;
  /** Field of the records for the y axis. Default: the next field of numbers after x; for a 2-D array or tensor, column 1. */
  y?: string;
  /**
   * Colours the points: the name of a field of the records, or one value per point as an array or a
   * 1-D tensor, such as class labels. Integers and strings get one colour each; other numbers a
   * colour gradient. Default: one colour for all points.
   */
  color?: string | ReadonlyArray<string | number> | tf.Tensor;
  /** Title of the x axis. Default: the x field's name. */
  xTitle?: string;
  /** Title of the y axis. Default: the y field's name. */
  yTitle?: string;
}

/** Options of plot.bar(). */
export interface BarOptions extends ChartOptions {
  /**
   * Field of the categories, one bar each. Default: the first field that does not contain numbers. An
   * array of numbers gets one bar per position (the index), and an array of strings one bar per string.
   */
  x?: string;
  /**
   * Field of the bar lengths, or several fields for grouped bars. Default: the first field of numbers
   * other than x and color. With no such field, each bar counts the records of its category.
   */
  y?: string | string[];
  /** Field whose values split each bar into stacked parts, with a legend. Only with one y field. Default: none. */
  color?: string;
  /** Draws the bars left to right, with the categories on the vertical axis. Default: false. */
  horizontal?: boolean;
  /** Title of the category axis, whatever the orientation. Default: the x field's name. */
  xTitle?: string;
  /** Title of the bar-length axis, whatever the orientation. Default: the y field's name, or "count" in the learner's language. */
  yTitle?: string;
}

// Above this many records a line chart leaves out the dot on each point.
const maxRecordsWithPoints = 60;

function fail(message: string): never {
  throw new ValueError(message);
}

/** Returns the data with an index field (the record's position) first, for records drawn against their order. */
function withIndex(data: ReadData): ReadData {
  const index = messages().plot.indexField();
  if (data.fields.includes(index)) return data;
  return {
    records: data.records.map((record, position) => ({ [index]: position, ...record })),
    fields: [index, ...data.fields],
    form: data.form,
  };
}

/** Returns the y fields: the ones given, checked to hold numbers, or every field of numbers not in except. */
function yFields(owner: string, data: ReadData, y: string | string[] | undefined, except: Array<string | undefined>): string[] {
  if (y === undefined) return numericFields(data, except);
  const fields = typeof y === "string" ? [y] : y;
  for (const field of fields) {
    checkField(owner, "y", field, data);
    checkNumericField(owner, "y", field, data);
  }
  return fields;
}

/**
 * Returns the y encoding of one or more fields, with the color encoding and the transform they need.
 * Several fields are folded into one value field, with a series field that names each field and
 * colours it. scale, when given, goes into the y encoding.
 */
function valueEncodings(ys: string[], yTitle: string | undefined, color: string | undefined, data: ReadData, scale?: VegaLiteSpec) {
  const text = messages().plot;
  const withScale = scale === undefined ? {} : { scale };
  if (ys.length === 1) {
    const encoding: VegaLiteSpec = { y: { field: ys[0], type: "quantitative", title: yTitle ?? ys[0], ...withScale } };
    if (color !== undefined) encoding.color = { field: color, type: fieldType(data, color), title: color };
    return { encoding, transform: [] as VegaLiteSpec[] };
  }

  const series = text.seriesField();
  const value = text.valueField();
  return {
    encoding: {
      y: { field: value, type: "quantitative", title: yTitle ?? value, ...withScale },
      color: { field: series, type: "nominal", title: series, sort: ys },
    } as VegaLiteSpec,
    transform: [{ fold: ys, as: [series, value] }],
  };
}

/**
 * Returns the encoding of a position channel: quantitative (with the scale spanning the data, not
 * from 0, when spanData is true), temporal, or ordinal in data order for text categories. width is
 * the chart's, for the labels of categories on the x axis.
 */
function positionEncoding(data: ReadData, field: string, title: string | undefined, spanData: boolean, width?: number): VegaLiteSpec {
  const type = fieldType(data, field);
  if (type === "nominal") {
    const axis = width === undefined ? undefined : categoryAxis(data.records.map((record) => record[field]), width);
    return { field, type: "ordinal", title: title ?? field, sort: null, ...(axis ? { axis } : {}) };
  }
  if (type === "quantitative" && spanData) return { field, type, title: title ?? field, scale: { zero: false } };
  return { field, type, title: title ?? field };
}

/**
 * Draws a line chart: one line per y field, or per value of the color field. Takes an array of
 * records, an array of numbers (drawn against their positions), a 2-D array or tensor (one line per
 * column), or a table with an objects() method. Raises ValueError for empty data and unknown fields.
 *
 * @example plot.line(records, { x: "epoch", y: ["loss", "val_loss"], title: "Loss" })
 */
export function line(data: PlotData, options: LineOptions = {}): Chart {
  const owner = "plot.line()";
  const read = readOptions<LineOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    y: "fields",
    color: "string",
    xTitle: "string",
    yTitle: "string",
    points: "boolean",
  });
  let input = readPlotData(owner, data);

  // Records are drawn against their position unless x names a field.
  if (read.x === undefined) input = withIndex(input);
  const x = read.x === undefined ? messages().plot.indexField() : checkField(owner, "x", read.x, input);
  const color = read.color === undefined ? undefined : checkField(owner, "color", read.color, input);
  const ys = yFields(owner, input, read.y, [x, color]);
  if (ys.length === 0) fail(messages().plot.noNumericField(owner, "y", input.fields));
  if (color !== undefined && ys.length > 1) fail(messages().plot.colorWithSeveralFields(owner));

  // Curves such as a loss change little next to their size, so the y scale spans the data instead of starting at 0.
  const values = valueEncodings(ys, read.yTitle, color, input, { zero: false });
  const spec = buildSpec(read, defaultSize, input.records, {
    ...(values.transform.length > 0 ? { transform: values.transform } : {}),
    mark: { type: "line", point: read.points ?? input.records.length <= maxRecordsWithPoints, tooltip: true },
    encoding: { x: positionEncoding(input, x, read.xTitle, true, read.width ?? defaultSize.width), ...values.encoding },
  });
  return makeChart("line", spec, input.records.length, read);
}

/** Reads scatter's color option given as values: one per point, from an array or a 1-D tensor. */
function readColorValues(owner: string, color: unknown, points: number): Array<string | number | null> {
  const text = messages().plot;
  let values: unknown = color;
  if (color instanceof tf.Tensor) {
    const isColumn = color.rank === 1 || (color.rank === 2 && color.shape[1] === 1);
    if (!isColumn) fail(text.columnShape(owner, "color", shapeText(color.shape)));
    values = color.rank === 1 ? tensorValues("color", color) : Array.from(color.dataSync());
  }
  if (!Array.isArray(values)) return fail(text.invalidData(owner, "color", describeValue(color), "color"));
  values.forEach((value, position) => {
    if (typeof value !== "string" && typeof value !== "number" && value !== null) {
      fail(text.invalidData(owner, `color[${position}]`, describeValue(value), "color"));
    }
  });
  checkSameLength(owner, "data", points, "color", values.length);
  return values as Array<string | number | null>;
}

/**
 * Draws a scatter plot of two fields of numbers, one point per record. Takes an array of records, a
 * 2-D array or tensor (column 0 against column 1, such as two features), an array of numbers (drawn
 * against their positions), or a table with an objects() method. Raises ValueError for empty data,
 * unknown fields and a color array whose length differs from the data's.
 *
 * @example plot.scatter(xTrain, { color: yTrain, xTitle: "petal length", yTitle: "petal width" })
 */
export function scatter(data: PlotData, options: ScatterOptions = {}): Chart {
  const owner = "plot.scatter()";
  const read = readOptions<ScatterOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    y: "string",
    color: "other",
    xTitle: "string",
    yTitle: "string",
  });
  const text = messages().plot;
  const input = readPlotData(owner, data);

  // For arrays, the index field is a default only when there is no second column to plot.
  const candidates = input.form === "values" ? input.fields : numericFields(input, input.form === "matrix" ? [text.indexField()] : []);
  const x = read.x === undefined ? candidates[0] : checkField(owner, "x", read.x, input);
  const y = read.y === undefined ? candidates.find((field) => field !== x) : checkField(owner, "y", read.y, input);
  if (x === undefined || y === undefined) return fail(text.noNumericField(owner, x === undefined ? "x" : "y", input.fields));

  let records = input.records;
  let colorEncoding: VegaLiteSpec | undefined;
  if (typeof read.color === "string") {
    const color = checkField(owner, "color", read.color, input);
    colorEncoding = { field: color, type: colorType(records.map((record) => record[color])), title: color };
  } else if (read.color !== undefined) {
    const colors = readColorValues(owner, read.color, records.length);
    const label = text.labelField();
    records = records.map((record, position) => ({ ...record, [label]: colors[position] }));
    colorEncoding = { field: label, type: colorType(colors), title: label };
  }

  const spec = buildSpec(read, defaultSize, records, {
    mark: { type: "point", filled: true, tooltip: true },
    encoding: {
      x: positionEncoding(input, x, read.xTitle, true, read.width ?? defaultSize.width),
      y: positionEncoding(input, y, read.yTitle, true),
      ...(colorEncoding ? { color: colorEncoding } : {}),
    },
  });
  return makeChart("scatter", spec, records.length, read);
}

/** Integers and text name classes, so they get one colour each; other numbers get a gradient. */
function colorType(values: unknown[]): "nominal" | "quantitative" {
  const numbers = values.filter((value) => value !== null && value !== undefined);
  const continuous = numbers.length > 0 && numbers.every((value) => typeof value === "number") && numbers.some((value) => !Number.isInteger(value));
  return continuous ? "quantitative" : "nominal";
}

/**
 * Draws a bar chart: one bar per category, grouped bars for several y fields, stacked bars with
 * color. Takes an array of records, or a table with an objects() method. Also takes an array of
 * numbers (one bar per value), an array of strings (one bar per distinct string, counting how often
 * it occurs) and a 2-D array or tensor (one group per row). Raises ValueError for empty data and
 * unknown fields.
 *
 * @example plot.bar(records, { x: "species", y: "petalLength" })
 */
export function bar(data: PlotData, options: BarOptions = {}): Chart {
  const owner = "plot.bar()";
  const read = readOptions<BarOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    y: "fields",
    color: "string",
    horizontal: "boolean",
    xTitle: "string",
    yTitle: "string",
  });
  const text = messages().plot;
  let input = readPlotData(owner, data);

  // Categories: the x field, else the first field that is not numbers, else the record's position.
  const color = read.color === undefined ? undefined : checkField(owner, "color", read.color, input);
  let x = read.x === undefined ? undefined : checkField(owner, "x", read.x, input);
  if (x === undefined && input.form === "values" && fieldType(input, text.valueField()) !== "quantitative") x = text.valueField();
  if (x === undefined && input.form === "records") x = input.fields.find((field) => field !== color && fieldType(input, field) !== "quantitative");
  if (x === undefined) {
    input = withIndex(input);
    x = text.indexField();
  }

  // Lengths: the y fields, else the first field of numbers, else the count of records per category.
  const numeric = numericFields(input, [x, color, input.form === "records" ? undefined : text.indexField()]);
  const ys = read.y === undefined ? numeric.slice(0, input.form === "matrix" ? numeric.length : 1) : yFields(owner, input, read.y, []);
  if (color !== undefined && ys.length > 1) fail(text.colorWithSeveralFields(owner));

  const categoryField = x;
  const axis = read.horizontal === true ? undefined : categoryAxis(input.records.map((record) => record[categoryField]), read.width ?? defaultSize.width);
  const categories = { field: x, type: "ordinal" as const, title: read.xTitle ?? x, sort: null, ...(axis ? { axis } : {}) };
  let encoding: VegaLiteSpec;
  let transform: VegaLiteSpec[] = [];
  if (ys.length === 0) {
    encoding = { x: categories, y: { aggregate: "count", type: "quantitative", title: read.yTitle ?? text.countTitle(), axis: countAxis() } };
    if (color !== undefined) encoding.color = { field: color, type: fieldType(input, color), title: color };
  } else {
    const values = valueEncodings(ys, read.yTitle, color, input);
    encoding = { ...values.encoding, x: categories };
    transform = values.transform;
    // Several fields stand side by side within each category instead of stacking.
    if (ys.length > 1) encoding.xOffset = { field: text.seriesField(), sort: ys };
  }
  if (read.horizontal === true) encoding = swapAxes(encoding);

  const spec = buildSpec(read, defaultSize, input.records, {
    ...(transform.length > 0 ? { transform } : {}),
    mark: { type: "bar", tooltip: true },
    encoding,
  });
  return makeChart("bar", spec, input.records.length, read);
}

/** Swaps the x and y channels, and their offsets, to draw bars left to right. */
function swapAxes(encoding: VegaLiteSpec): VegaLiteSpec {
  const { x, y, xOffset, ...rest } = encoding;
  return { ...rest, x: y, y: x, ...(xOffset === undefined ? {} : { yOffset: xOffset }) };
}
