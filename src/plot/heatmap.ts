import * as tf from "@tensorflow/tfjs";
import type { Chart, VegaLiteSpec } from "../display/chart";
import { messages } from "../i18n";
import { ValueError } from "../keras/errors";
import { checkField, checkNumericField, readNested, readPlotData, shapeText, type DataRecord, type PlotData } from "./data";
import { chartOptionKinds, readOptions, type ChartOptions } from "./options";
import { buildSpec, categoryAxis, makeChart } from "./spec";

/** Options of plot.heatmap(). */
export interface HeatmapOptions extends ChartOptions {
  /** For records: the field whose values are the columns. Required with records. */
  x?: string;
  /** For records: the field whose values are the rows. Required with records. */
  y?: string;
  /** For records: the field of each cell's value, which sets its colour. Default: the number of records in each cell. */
  color?: string;
  /** For a matrix: the names of the columns, from the left. Default: the column indices, from 0. */
  xLabels?: ReadonlyArray<string | number>;
  /** For a matrix: the names of the rows, from the top. Default: the row indices, from 0. */
  yLabels?: ReadonlyArray<string | number>;
  /** Writes each cell's value in it. Default: true up to 400 cells (20 x 20), false above. */
  showValues?: boolean;
  /** Vega colour scheme of the cells, such as "blues", "viridis" or "redblue". Default: "blues". */
  scheme?: string;
  /** Title of the x axis. Default: the x field's name, or "column" in the learner's language for a matrix. */
  xTitle?: string;
  /** Title of the y axis. Default: the y field's name, or "row" in the learner's language for a matrix. */
  yTitle?: string;
}

/** The cells of a heatmap as records, with the fields that place and colour them. */
export interface HeatmapCells {
  records: DataRecord[];
  x: string;
  y: string;
  value: string;
  /** Order of the columns and rows; null keeps the order in which they first appear. */
  xOrder: Array<string | number> | null;
  yOrder: Array<string | number> | null;
  /** Number of columns and rows, for the default size. */
  columns: number;
  rows: number;
}

/** Options of heatmapLayers(), the layout that heatmaps and confusion matrices share. */
export interface HeatmapLayout {
  /** Width of the chart in pixels, for the labels of the x axis. */
  width: number;
  showValues?: boolean;
  scheme?: string;
  xTitle?: string;
  yTitle?: string;
  /** Title of the colour legend. Default: the value field's name. */
  legendTitle?: string;
  /** d3 format of the values written in the cells. Default: "d" for integers, else 3 significant digits. */
  format?: string;
  /**
   * Values at the two ends of the colour scale, such as [-1, 1] for correlations. Default: the data's
   * smallest and largest values. A range centred on 0 writes values white near both ends.
   */
  domain?: [number, number];
}

const maxCellsWithValues = 400;
// The longer side of a heatmap's default size, in pixels, and the bounds of a cell's side.
const heatmapSide = 400;
const largestCell = 40;
const smallestCell = 4;

function fail(message: string): never {
  throw new ValueError(message);
}

/** Returns the default width and height: square cells that fit the longer side in heatmapSide pixels. */
function defaultHeatmapSize(columns: number, rows: number): { width: number; height: number } {
  const cell = Math.min(largestCell, Math.max(smallestCell, Math.floor(heatmapSide / Math.max(columns, rows))));
  return { width: cell * columns, height: cell * rows };
}

/** Reads a matrix, as a 2-D array or tensor, into one record per cell. */
function matrixCells(owner: string, data: unknown, options: HeatmapOptions): HeatmapCells {
  const text = messages().plot;
  const { shape, values } = readNested(owner, "data", data, "matrix");
  if (shape.length !== 2) fail(text.matrixShape(owner, "data", shapeText(shape)));
  const [rows, columns] = shape;
  if (rows === 0 || columns === 0) fail(text.emptyData(owner, "data"));

  const xLabels = options.xLabels === undefined ? undefined : [...options.xLabels];
  const yLabels = options.yLabels === undefined ? undefined : [...options.yLabels];
  if (xLabels && xLabels.length !== columns) fail(text.nameCountMismatch(owner, "xLabels", xLabels.length, columns, "columns"));
  if (yLabels && yLabels.length !== rows) fail(text.nameCountMismatch(owner, "yLabels", yLabels.length, rows, "rows"));

  const x = text.heatmapColumnField();
  const y = text.heatmapRowField();
  const value = text.valueField();
  const records: DataRecord[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = values[row * columns + column];
      records.push({ [y]: yLabels ? yLabels[row] : row, [x]: xLabels ? xLabels[column] : column, [value]: Number.isFinite(cell) ? cell : null });
    }
  }
  return { records, x, y, value, xOrder: xLabels ?? null, yOrder: yLabels ?? null, columns, rows };
}

/** Reads records into cells: each record is a cell with a color field, or, without one, the records of a cell are counted. */
function recordCells(owner: string, data: unknown, options: HeatmapOptions): HeatmapCells {
  const keras = messages().keras;
  const input = readPlotData(owner, data);
  const example = 'plot.heatmap(records, { x: "day", y: "hour", color: "temperature" })';
  if (options.x === undefined) fail(keras.missingArgument(owner, "x", example));
  if (options.y === undefined) fail(keras.missingArgument(owner, "y", example));
  const x = checkField(owner, "x", options.x, input);
  const y = checkField(owner, "y", options.y, input);

  const columnsOf = (field: string) => new Set(input.records.map((record) => record[field] as string | number)).size;
  if (options.color !== undefined) {
    const value = checkField(owner, "color", options.color, input);
    checkNumericField(owner, "color", value, input);
    return { records: input.records, x, y, value, xOrder: null, yOrder: null, columns: columnsOf(x), rows: columnsOf(y) };
  }

  // Without a color field, each cell counts its records, as a 2-D histogram of two categories.
  const value = messages().plot.countTitle();
  const counts = new Map<string, DataRecord>();
  for (const record of input.records) {
    const key = JSON.stringify([record[x], record[y]]);
    const cell = counts.get(key) ?? { [y]: record[y], [x]: record[x], [value]: 0 };
    cell[value] = (cell[value] as number) + 1;
    counts.set(key, cell);
  }
  return { records: [...counts.values()], x, y, value, xOrder: null, yOrder: null, columns: columnsOf(x), rows: columnsOf(y) };
}

/**
 * Builds the layers of a heatmap: coloured rectangles, and the value written in each cell in a colour
 * that stays readable on it (white on the darker half of the scale).
 */
export function heatmapLayers(cells: HeatmapCells, layout: HeatmapLayout): VegaLiteSpec {
  const numbers = cells.records.map((record) => record[cells.value]).filter((value): value is number => typeof value === "number");
  const allIntegers = numbers.every(Number.isInteger);
  const middle = numbers.length > 0 ? (Math.min(...numbers) + Math.max(...numbers)) / 2 : 0;
  const showValues = layout.showValues ?? cells.records.length <= maxCellsWithValues;

  const field = `datum[${JSON.stringify(cells.value)}]`;
  const diverging = layout.domain !== undefined && layout.domain[0] === -layout.domain[1];
  // On a scale centred on 0 both ends are dark; on the others only the upper half is.
  const darkCell = diverging ? `abs(${field}) > ${0.6 * layout.domain![1]}` : `${field} > ${middle}`;
  const rect = {
    mark: { type: "rect", tooltip: true },
    encoding: {
      color: {
        field: cells.value,
        type: "quantitative",
        title: layout.legendTitle ?? cells.value,
        scale: { scheme: layout.scheme ?? "blues", ...(layout.domain ? { domain: layout.domain } : {}) },
      },
    },
  };
  const labels = {
    mark: { type: "text" },
    encoding: {
      text: { field: cells.value, type: "quantitative", format: layout.format ?? (allIntegers ? "d" : ".3~g") },
      color: { condition: { test: darkCell, value: "white" }, value: "black" },
    },
  };

  const axis = categoryAxis(cells.records.map((record) => record[cells.x]), layout.width);
  return {
    encoding: {
      x: { field: cells.x, type: "ordinal", sort: cells.xOrder, title: layout.xTitle ?? cells.x, ...(axis ? { axis } : {}) },
      y: { field: cells.y, type: "ordinal", sort: cells.yOrder, title: layout.yTitle ?? cells.y },
    },
    layer: showValues ? [rect, labels] : [rect],
  };
}

/** Returns the default size of a heatmap with the given cells. */
export function heatmapSize(cells: HeatmapCells): { width: number; height: number } {
  return defaultHeatmapSize(cells.columns, cells.rows);
}

function isRecordsInput(data: unknown): boolean {
  if (data instanceof tf.Tensor) return false;
  if (Array.isArray(data)) return data.length > 0 && typeof data[0] === "object" && data[0] !== null && !Array.isArray(data[0]);
  return typeof data === "object" && data !== null && typeof (data as { objects?: unknown }).objects === "function";
}

/**
 * Draws a heatmap: a grid of cells coloured by value, with the values written in them. Takes a
 * matrix (a 2-D array or tensor, such as a correlation matrix or a layer's weights) or an array of
 * records with the options x and y naming the fields of columns and rows. Raises ValueError for
 * empty data, data that is not a matrix, and label arrays whose length differs from the matrix's.
 *
 * @example plot.heatmap([[1, 0.8], [0.8, 1]], { xLabels: ["a", "b"], yLabels: ["a", "b"] })
 */
export function heatmap(data: PlotData, options: HeatmapOptions = {}): Chart {
  const owner = "plot.heatmap()";
  const read = readOptions<HeatmapOptions>(owner, options, {
    ...chartOptionKinds,
    x: "string",
    y: "string",
    color: "string",
    xLabels: "names",
    yLabels: "names",
    showValues: "boolean",
    scheme: "string",
    xTitle: "string",
    yTitle: "string",
  });
  const cells = isRecordsInput(data) ? recordCells(owner, data, read) : matrixCells(owner, data, read);
  const size = heatmapSize(cells);
  const spec = buildSpec(read, size, cells.records, heatmapLayers(cells, { ...read, width: read.width ?? size.width }));
  return makeChart("heatmap", spec, cells.records.length, read);
}
