import { registerFormatter } from "../display/formatters";
import { columnType, tableBundle, type TableView } from "../display/table";
import { isTable, type ColumnTable } from "./arquero";
import { recordKeys } from "./read";

/** Describes an arquero table for its display: its rows in the table's order, after any filter. */
export function tableView(table: ColumnTable): TableView {
  const columns = table.columnNames();
  // A getter takes a row's position in the filtered and ordered table.
  const getters = columns.map((name) => table.getter(name));
  return {
    columns,
    types: columns.map((name) => columnType(table.array(name) as Iterable<unknown>)),
    rowCount: table.numRows(),
    cell: (row, column) => getters[column](row),
  };
}

/** Returns whether value is a plain object: made by an object literal, JSON.parse() or Object.create(null), in any realm. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Returns whether value is a non-empty array of plain objects with at least one key among them, which displays as a table. */
export function isRecordArray(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject) && value.some((record) => Object.keys(record).length > 0);
}

/** Describes an array of records for its display: one row per record, one column per key found in any record. */
export function recordsView(records: ReadonlyArray<Record<string, unknown>>): TableView {
  const columns = recordKeys(records);
  return {
    columns,
    types: columns.map((name) => columnType(records.map((record) => record[name]))),
    rowCount: records.length,
    cell: (row, column) => records[row][columns[column]],
  };
}

let registered = false;

/** Registers the displays of arquero tables and arrays of records, once per process. */
export function registerTableFormatters(): void {
  if (registered) return;
  registered = true;

  registerFormatter((value) => (isRecordArray(value) ? tableBundle(recordsView(value)) : undefined));
  registerFormatter((value) => (isTable(value) ? tableBundle(tableView(value)) : undefined));
}
