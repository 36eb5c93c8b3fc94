import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { arquero, type ColumnTable } from "./arquero";
import { columnValues, freeName, isMissing, requireRowsAndColumns, requireTable, selectColumns } from "./columns";

/**
 * Returns a column's values as numbers, with NaN for missing ones and 1 and 0 for true and false.
 * Raises ValueError, naming the column and the row, at the first value of another kind.
 */
function numericColumn(owner: string, table: ColumnTable, name: string): number[] {
  return Array.from(columnValues(table, name), (value, row) => {
    if (isMissing(value)) return NaN;
    if (typeof value === "number") return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    throw new ValueError(messages().data.columnNotNumeric(owner, name, row, describeValue(value)));
  });
}

/**
 * Returns Pearson's correlation of two columns over the rows where both are present, or NaN when fewer
 * than 2 such rows remain or either column is constant on them.
 */
export function pearson(a: number[], b: number[]): number {
  const rows = a.map((_, i) => i).filter((i) => !Number.isNaN(a[i]) && !Number.isNaN(b[i]));
  if (rows.length < 2) return NaN;

  const meanA = rows.reduce((sum, i) => sum + a[i], 0) / rows.length;
  const meanB = rows.reduce((sum, i) => sum + b[i], 0) / rows.length;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (const i of rows) {
    covariance += (a[i] - meanA) * (b[i] - meanB);
    varianceA += (a[i] - meanA) ** 2;
    varianceB += (b[i] - meanB) ** 2;
  }
  if (varianceA === 0 || varianceB === 0) return NaN;
  // Rounding can take the quotient a little past 1 for columns that are exact multiples of each other.
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceA * varianceB)));
}

/**
 * Computes the Pearson correlation of each pair of columns, as pandas' `corr()`. Each pair uses the rows
 * where both values are present (pairwise complete). A pair with fewer than 2 such rows, or with a
 * constant column, gets NaN. true and false count as 1 and 0.
 *
 * Returns the correlation matrix as a table: a column naming each row ("column", or "columna" in
 * Spanish), then one column per correlated column. corrHeatmapSpec() draws it.
 *
 *     const matrix = corr(penguins);
 *     display.vegalite(corrHeatmapSpec(matrix));
 *
 * @param columns the columns to correlate. Default: every column whose values are all numbers.
 * @throws ValueError for a table without rows or columns, a column not in the table, a column with a
 * value that is not a number, and a table without number columns when columns is omitted.
 */
export function corr(table: ColumnTable, columns?: string[]): ColumnTable {
  const owner = "corr()";
  requireTable(owner, table);
  requireRowsAndColumns(owner, table);

  let names: string[];
  if (columns === undefined) {
    names = table.columnNames().filter((name) => Array.from(columnValues(table, name)).every((value) => isMissing(value) || typeof value === "number"));
    if (names.length === 0) throw new ValueError(messages().data.noNumberColumns(owner, table.columnNames()));
  } else {
    names = selectColumns(owner, table, columns);
  }

  const values = names.map((name) => numericColumn(owner, table, name));
  const label = freeName(messages().data.corrLabel(), names);
  const data: Record<string, unknown[]> = { [label]: names };
  names.forEach((name, j) => {
    data[name] = values.map((row) => pearson(row, values[j]));
  });
  return arquero().table(data, [label, ...names]);
}
