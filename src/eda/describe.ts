/** Summaries of a table for exploratory analysis, after pandas: describe(), info() and valueCounts(). */
import { types } from "node:util";
import { columnType, tableBundle } from "../display/table";
import type { MimeBundle } from "../display/mime";
import { messages } from "../i18n";
import { normalizeOptions, readBoolean } from "../keras/options";
import { arquero, type ColumnTable } from "./arquero";
import { columnValues, freeName, isMissing, requireColumn, requireRowsAndColumns, requireTable, selectColumns } from "./columns";

/** Statistics of number columns, in the order describe() lists them after the count. */
const numberStatistics = ["mean", "std", "min", "25%", "50%", "75%", "max"] as const;
/** Statistics of other columns, in the order describe() lists them after the count. */
const categoryStatistics = ["unique", "top", "freq"] as const;

/** Returns the values that are not missing. */
function presentValues(values: ArrayLike<unknown>): unknown[] {
  return Array.from(values).filter((value) => !isMissing(value));
}

/** Returns whether every present value is a number, as in a column that describe() and corr() treat as numeric. */
function isNumberColumn(present: unknown[]): present is number[] {
  return present.every((value) => typeof value === "number");
}

/** Returns the q-quantile of sorted numbers, interpolating linearly between the two nearest, as pandas does by default. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Returns count, mean, sample standard deviation (n - 1), minimum, quartiles and maximum of numbers. */
function numberSummary(values: number[]): Record<string, number> {
  const count = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count,
    mean: count === 0 ? NaN : mean,
    std: count < 2 ? NaN : Math.sqrt(squares / (count - 1)),
    min: count === 0 ? NaN : sorted[0],
    "25%": quantile(sorted, 0.25),
    "50%": quantile(sorted, 0.5),
    "75%": quantile(sorted, 0.75),
    max: count === 0 ? NaN : sorted[count - 1],
  };
}

/** A distinct value and how many times it occurs. */
interface Tally {
  value: unknown;
  count: number;
}

/** Returns the distinct values with their counts, in order of first appearance. Dates count as equal when their times are. */
export function countValues(values: Iterable<unknown>): Tally[] {
  const tallies: Tally[] = [];
  const byValue = new Map<unknown, Tally>();
  const byTime = new Map<unknown, Tally>();
  for (const value of values) {
    const isDate = types.isDate(value);
    const index = isDate ? byTime : byValue;
    const key = isDate ? (value as Date).getTime() : value;
    let tally = index.get(key);
    if (tally === undefined) {
      tally = { value, count: 0 };
      index.set(key, tally);
      tallies.push(tally);
    }
    tally.count += 1;
  }
  return tallies;
}

/** Returns count, number of distinct values, the most frequent value (the first seen on a tie) and its count. */
function categorySummary(values: unknown[]): Record<string, unknown> {
  const counts = countValues(values);
  const top = counts.reduce<Tally | undefined>((best, tally) => (best && best.count >= tally.count ? best : tally), undefined);
  return { count: values.length, unique: counts.length, top: top?.value ?? null, freq: top?.count ?? null };
}

/**
 * Summarises each column of a table, as pandas' `describe(include="all")`. A column whose values are all
 * numbers gets count, mean, std (the sample standard deviation, divided by n - 1), min, the quartiles
 * 25%, 50% and 75% (interpolated linearly between the two nearest values) and max. Any other column,
 * text, booleans or dates, gets count, unique (distinct values), top (the most frequent value, the first
 * seen on a tie) and freq (its count). Missing values (null, undefined, NaN) are left out of every
 * statistic, so count is the number of values present.
 *
 * Returns a table with a column naming each row's statistic ("statistic", or "estadístico" in
 * Spanish), then one column per described column.
 * A statistic that does not apply to a column is null there.
 *
 *     describe(readCSV("penguins.csv"))
 *
 * @param columns the columns to describe. Default: all of them.
 * @throws ValueError for a table without rows or columns, and for a column not in the table.
 */
export function describe(table: ColumnTable, columns?: string[]): ColumnTable {
  const owner = "describe()";
  requireTable(owner, table);
  requireRowsAndColumns(owner, table);
  const names = selectColumns(owner, table, columns);

  const summaries = names.map((name) => {
    const present = presentValues(columnValues(table, name));
    return isNumberColumn(present) ? { numeric: true, values: numberSummary(present) } : { numeric: false, values: categorySummary(present) };
  });

  // The rows of pandas' describe(include="all"): count, then the statistics of other columns, then those of numbers.
  const statistics: string[] = ["count"];
  if (summaries.some((summary) => !summary.numeric)) statistics.push(...categoryStatistics);
  if (summaries.some((summary) => summary.numeric)) statistics.push(...numberStatistics);

  const label = freeName(messages().data.describeLabel(), names);
  const data: Record<string, unknown[]> = { [label]: statistics };
  names.forEach((name, i) => {
    data[name] = statistics.map((statistic) => summaries[i].values[statistic] ?? null);
  });
  return arquero().table(data, [label, ...names]);
}

/** One column in info(): its name, type, and how many values are present and missing. */
export interface ColumnInfo {
  name: string;
  /** Type of the present values, such as "number" or "number | string"; "null" when none is present. */
  type: string;
  /** Number of values present: neither null, undefined nor NaN. */
  count: number;
  /** Number of missing values: null, undefined or NaN. */
  missing: number;
}

/** The report of info() on a table, which a notebook displays as a table of its columns. */
export class TableInfo {
  constructor(
    /** Number of rows of the table, after any filter. */
    readonly rows: number,
    readonly columns: ColumnInfo[],
  ) {}

  /** Displays the columns as a table, with the table's size as caption. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const text = messages().data;
    return tableBundle({
      columns: text.infoHeadings(),
      rowCount: this.columns.length,
      cell: (row, column) => {
        const info = this.columns[row];
        return [info.name, info.type, info.count, info.missing][column];
      },
      caption: text.infoCaption(text.tableShape(this.rows, this.columns.length)),
    });
  }
}

/**
 * Describes a table's structure, as pandas' `info()`: the number of rows, and for each column its
 * type, the number of values present and the number missing (null, undefined or NaN). A table without
 * rows is accepted.
 *
 *     info(table)          // displays one line per column
 *     info(table).rows     // 344
 */
export function info(table: ColumnTable): TableInfo {
  requireTable("info()", table);
  const columns = table.columnNames().map((name) => {
    const values = Array.from(columnValues(table, name));
    const missing = values.filter(isMissing).length;
    return { name, type: columnType(values), count: values.length - missing, missing };
  });
  return new TableInfo(table.numRows(), columns);
}

/** Options of valueCounts(). */
export interface ValueCountsOptions {
  /** Report the share of each value, from 0 to 1, in a "proportion" column in place of "count". Default false. */
  normalize?: boolean;
  /** Leave missing values (null, undefined, NaN) out. With false they are counted together as null. Default true. */
  dropMissing?: boolean;
}

/**
 * Counts how often each distinct value occurs in a column, as pandas' `value_counts()`. Returns a table
 * with the column's name and a "count" column, most frequent value first. Values with equal counts stay
 * in order of first appearance. Dates count as equal when their times are, and other objects only when
 * they are the same object.
 *
 *     valueCounts(penguins, "Species")
 *
 * @throws ValueError for a table without rows and for a column not in the table.
 */
export function valueCounts(table: ColumnTable, column: string, options: ValueCountsOptions = {}): ColumnTable {
  const owner = "valueCounts()";
  requireTable(owner, table);
  requireRowsAndColumns(owner, table);
  requireColumn(owner, table, column);
  const settings = normalizeOptions(owner, options, ["normalize", "dropMissing"]);
  const normalize = settings.normalize === undefined ? false : readBoolean(owner, "normalize", settings.normalize);
  const dropMissing = settings.dropMissing === undefined ? true : readBoolean(owner, "dropMissing", settings.dropMissing);

  const values = Array.from(columnValues(table, column));
  const counted = dropMissing ? values.filter((value) => !isMissing(value)) : values.map((value) => (isMissing(value) ? null : value));
  // Array.prototype.sort is stable, so equal counts keep their order of first appearance.
  const counts = countValues(counted).sort((a, b) => b.count - a.count);

  const countName = freeName(normalize ? "proportion" : "count", [column]);
  return arquero().table(
    {
      [column]: counts.map((entry) => entry.value),
      [countName]: counts.map((entry) => (normalize ? entry.count / counted.length : entry.count)),
    },
    [column, countName],
  );
}
