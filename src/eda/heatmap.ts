import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { normalizeOptions, readString } from "../keras/options";
import { heatmapLayers, heatmapSize, type HeatmapCells } from "../plot/heatmap";
import { buildSpec } from "../plot/spec";
import { isTable, type ColumnTable } from "./arquero";

/** Options of corrHeatmapSpec(). */
export interface CorrHeatmapOptions {
  /** Title above the chart. Default: none. */
  title?: string;
}

/**
 * Builds a Vega-Lite 5 spec of a correlation matrix as a heatmap: one square per pair of columns,
 * coloured from blue (-1) to orange (1), with the coefficient written on it to 2 decimals. NaN
 * coefficients are left blank. Show it with display.vegalite():
 *
 *     display.vegalite(corrHeatmapSpec(corr(penguins)));
 *
 * @param matrix a table as corr() returns it: a first column of names, then one number column per name.
 * @throws ValueError for any other value.
 */
export function corrHeatmapSpec(matrix: ColumnTable, options: CorrHeatmapOptions = {}): Record<string, unknown> {
  const owner = "corrHeatmapSpec()";
  const settings = normalizeOptions(owner, options, ["title"]);
  const title = settings.title === undefined ? undefined : readString(owner, "title", settings.title);
  const names = readMatrixNames(matrix);
  const columns = matrix.columnNames().slice(1);
  const records = columns.flatMap((column) => {
    const coefficients = Array.from(matrix.array(column));
    return names.map((row, i) => {
      const value = coefficients[i] as number | null | undefined;
      return { row, column, value: typeof value === "number" && Number.isFinite(value) ? value : null };
    });
  });

  const cells: HeatmapCells = { records, x: "column", y: "row", value: "value", xOrder: columns, yOrder: names, columns: columns.length, rows: names.length };
  const size = heatmapSize(cells);
  const layers = heatmapLayers(cells, { width: size.width, scheme: "blueorange", domain: [-1, 1], legendTitle: "r", format: ".2f", showValues: true, xTitle: "", yTitle: "" });
  return buildSpec({ title }, size, records, layers);
}

/** Returns the row names of a correlation matrix, raising ValueError unless the table has the shape corr() gives. */
function readMatrixNames(matrix: unknown): string[] {
  const invalid = () => new ValueError(messages().data.notACorrelationMatrix(describeValue(matrix)));
  if (!isTable(matrix) || matrix.numCols() < 2) throw invalid();

  const [label, ...columns] = matrix.columnNames();
  const names = Array.from(matrix.array(label));
  const square = names.length === columns.length && names.every((name, i) => name === columns[i]);
  if (!square) throw invalid();
  return names as string[];
}
