/** Checks of the tables and column names that the analysis functions receive, and helpers over columns. */
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { closestName } from "../keras/suggest";
import { isTable, type ColumnTable } from "./arquero";

/** Returns whether a value counts as missing: null, undefined or NaN, as arquero's op.is_valid() and pandas see it. */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Returns value if it is an arquero table, else raises ValueError naming owner. */
export function requireTable(owner: string, value: unknown): ColumnTable {
  if (isTable(value)) return value;
  throw new ValueError(messages().data.tableExpected(owner, describeValue(value)));
}

/** Raises ValueError unless the table has at least one column and one row. */
export function requireRowsAndColumns(owner: string, table: ColumnTable): void {
  if (table.numCols() === 0) throw new ValueError(messages().data.tableWithoutColumns(owner));
  if (table.numRows() === 0) throw new ValueError(messages().data.tableWithoutRows(owner));
}

/** Raises ValueError, with the closest column name as a suggestion, unless the table has a column of this name. */
export function requireColumn(owner: string, table: ColumnTable, name: string): void {
  const available = table.columnNames();
  if (available.includes(name)) return;
  throw new ValueError(messages().data.columnMissing(owner, name, available, closestName(name, available)));
}

/**
 * Returns the column names that a `columns` argument selects: every column of the table when it is
 * undefined, else the given names, each of which must exist.
 */
export function selectColumns(owner: string, table: ColumnTable, columns: unknown): string[] {
  if (columns === undefined) return table.columnNames();
  if (!Array.isArray(columns) || !columns.every((name) => typeof name === "string")) {
    throw new ValueError(messages().data.invalidColumns(owner, describeValue(columns)));
  }
  for (const name of columns) requireColumn(owner, table, name);
  return [...columns];
}

/** Returns a column's values in the table's row order, leaving out rows that a filter removed. */
export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  return table.array(name);
}

/** Returns base, or base with underscores in front when a column of that name exists, so a new column does not replace one. */
export function freeName(base: string, existing: readonly string[]): string {
  let name = base;
  while (existing.includes(name)) name = `_${name}`;
  return name;
}
