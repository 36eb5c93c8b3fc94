/**
 * Messages about data: tables and other values as they display, and the errors of readJSON(),
 * datasets.table() and the analysis functions (describe, info, valueCounts, corr, toTensor).
 * `owner` names the function that failed, such as "describe()". Column names and values arrive
 * unquoted unless a parameter's comment states otherwise.
 */
export interface DataMessages {
  // Displays.
  /** Caption of a table's display: its size, such as "150 rows × 5 columns". */
  tableShape(rows: number, columns: number): string;
  /** Caption of info()'s table, which lists the columns of a table of the given shape. */
  infoCaption(shape: string): string;
  /** Column headings of info()'s display, in the order column, type, non-missing count, missing count. */
  infoHeadings(): [string, string, string, string];
  /** Name of the first column of describe()'s table, which names the statistic of each row. */
  describeLabel(): string;
  /** Name of the first column of corr()'s table, which names the column of each row. */
  corrLabel(): string;
  /** Introduces the error in a displayed error's `cause` property, the error that caused it. */
  errorCausedBy(): string;
  /** Label of the collapsed stack trace under a displayed error. */
  errorStackTrace(): string;

  // Tables given to the analysis functions and to the Keras facade.
  /** value arrives formatted for display, with strings already in quotes. */
  tableExpected(owner: string, value: string): string;
  tableWithoutRows(owner: string): string;
  tableWithoutColumns(owner: string): string;
  /** A column not in the table; available lists the table's columns. */
  columnMissing(owner: string, column: string, available: string[], suggestion?: string): string;
  /** The columns argument is not an array of column names; value arrives formatted for display. */
  invalidColumns(owner: string, value: string): string;
  /** A column that must contain numbers contains value (formatted for display) at row, counted from 0. */
  columnNotNumeric(owner: string, column: string, row: number, value: string): string;
  /** A column that must be complete has a missing value (null, undefined or NaN, as missingValue shows it) at row. */
  columnHasMissing(owner: string, column: string, row: number, missingValue: string): string;
  /** corr() without columns, on a table where no column contains only numbers. */
  noNumberColumns(owner: string, columns: string[]): string;
  /** corrHeatmapSpec() given a table that corr() did not make. */
  notACorrelationMatrix(value: string): string;
  /** datasets.table() with a name it does not know. */
  unknownDataset(name: string, known: string[]): string;

  // readJSON(). path is the argument as given, and file the absolute path it resolves to.
  jsonFileNotFound(path: string, file: string): string;
  /** The file is not valid JSON; detail is the parser's message. */
  jsonInvalid(file: string, detail: string): string;
  /** A line of a JSON Lines file (.jsonl, .ndjson) that is not valid JSON; line counts from 1. */
  jsonLineInvalid(file: string, line: number, detail: string): string;
  /** The file's value is neither an array of records nor an object of column arrays; found names what it is. */
  jsonNotTabular(file: string, found: string): string;
  /** An element of the records array that is not an object, at index from 0. */
  jsonRecordNotObject(file: string, index: number, value: string): string;
  /** Column arrays of unequal length: column has length, while the first column has expected. */
  jsonColumnLength(file: string, column: string, length: number, expected: number): string;
}
