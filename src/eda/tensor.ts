import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import type { ColumnTable } from "./arquero";
import { columnValues, isMissing, requireRowsAndColumns, requireTable, selectColumns } from "./columns";

/** The numbers of some columns of a table, row by row. */
export interface NumberMatrix {
  /** Values in row-major order: the first row's columns, then the second row's. */
  values: Float64Array;
  rows: number;
  /** The columns, in the order of each row's values. */
  columns: string[];
}

/**
 * Reads columns of a table as numbers, with true and false as 1 and 0. Raises ValueError, naming owner,
 * the column and the row, for a table without rows or columns, a column not in the table, a missing
 * value (null, undefined, NaN) and a value of another kind, such as text.
 */
export function readNumberMatrix(owner: string, value: unknown, columns?: string[]): NumberMatrix {
  const table = requireTable(owner, value);
  requireRowsAndColumns(owner, table);
  const names = selectColumns(owner, table, columns);
  if (names.length === 0) throw new ValueError(messages().data.tableWithoutColumns(owner));

  const rows = table.numRows();
  const values = new Float64Array(rows * names.length);
  names.forEach((name, j) => {
    const column = columnValues(table, name);
    for (let row = 0; row < rows; row++) values[row * names.length + j] = numberAt(owner, name, row, column[row]);
  });
  return { values, rows, columns: names };
}

function numberAt(owner: string, column: string, row: number, value: unknown): number {
  if (typeof value === "number" && !Number.isNaN(value)) return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const text = messages().data;
  if (isMissing(value)) throw new ValueError(text.columnHasMissing(owner, column, row, String(value)));
  throw new ValueError(text.columnNotNumeric(owner, column, row, describeValue(value)));
}

/** Returns the rows of a number matrix as arrays. */
export function matrixRows(matrix: NumberMatrix): number[][] {
  const width = matrix.columns.length;
  return Array.from({ length: matrix.rows }, (_, row) => Array.from(matrix.values.subarray(row * width, (row + 1) * width)));
}

/**
 * Turns columns of a table into a 2-D float32 tensor of shape [rows, columns], one row per table row,
 * for the step from analysis to a model. true and false become 1 and 0.
 *
 *     const x = toTensor(penguins, ["Beak Length (mm)", "Flipper Length (mm)"]);
 *
 * @param columns the columns, in the order of the tensor's columns. Default: every column of the table.
 * @throws ValueError naming the column and row of a missing value (null, undefined, NaN) or of a value
 * that is not a number, such as text. Also ValueError for a column not in the table or a table without rows.
 */
export function toTensor(table: ColumnTable, columns?: string[]): tf.Tensor2D {
  return tableTensor("toTensor()", table, columns);
}

/** Reads columns of a table into a float32 tensor [rows, columns], as toTensor() does; owner names the caller in errors. */
export function tableTensor(owner: string, table: unknown, columns?: string[]): tf.Tensor2D {
  const matrix = readNumberMatrix(owner, table, columns);
  return tf.tensor2d(Float32Array.from(matrix.values), [matrix.rows, matrix.columns.length], "float32");
}
