import type { DataMessages } from "./data.catalogue";

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The English side of the messages about data. */
export const dataEn: DataMessages = {
  infoCaption: (shape) => `Columns of a table of ${shape}`,
  tableShape: (rows, columns) => `${plural(rows, "row", "rows")} × ${plural(columns, "column", "columns")}`,
  infoHeadings: () => ["column", "type", "non-missing", "missing"],
  describeLabel: () => "statistic",
  corrLabel: () => "column",
  errorCausedBy: () => "Caused by",
  errorStackTrace: () => "Stack trace",

  tableExpected: (owner, value) =>
    `${owner} expects an arquero table, such as readCSV("data.csv") or aq.table({ x: [1, 2] }) returns, but got ${value}.`,
  tableWithoutRows: (owner) =>
    `${owner}: the table has no rows. Check the file it was read from, or the filter that removed every row.`,
  tableWithoutColumns: (owner) => `${owner}: the table has no columns. Check the file it was read from, or the columns selected.`,
  columnMissing: (owner, column, available, suggestion) =>
    `${owner}: the table has no column "${column}".` +
    (suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`) +
    ` Its columns are: ${quoted(available)}.`,
  invalidColumns: (owner, value) =>
    `${owner}: columns must be an array of column names, such as ["width", "height"], but got ${value}.`,
  columnNotNumeric: (owner, column, row, value) =>
    `${owner}: column "${column}" contains ${value} at row ${row}, which is not a number. ` +
    "Leave the column out, or turn its values into numbers first, for example with table.derive().",
  columnHasMissing: (owner, column, row, missingValue) =>
    `${owner}: column "${column}" has a missing value (${missingValue}) at row ${row}. ` +
    "Remove those rows with table.filter() or fill them with table.impute() first.",
  noNumberColumns: (owner, columns) =>
    `${owner}: none of the columns ${quoted(columns)} contains only numbers. Pass the columns to use, and convert text to numbers first.`,
  notACorrelationMatrix: (value) =>
    `corrHeatmapSpec() expects the table that corr() returns: a first column of names, then one number column per name. It got ${value}.`,
  unknownDataset: (name, known) => `datasets.table(): there is no data set "${name}". The data sets are: ${quoted(known)}.`,

  jsonFileNotFound: (path, file) =>
    `readJSON(): the file "${path}" was not found at ${file}. ` +
    "Check the path. A relative path starts from the kernel's working folder, which Jupyter sets to the notebook's folder.",
  jsonInvalid: (file, detail) => `readJSON(): ${file} is not valid JSON: ${detail}`,
  jsonLineInvalid: (file, line, detail) => `readJSON(): line ${line} of ${file} is not valid JSON: ${detail}`,
  jsonNotTabular: (file, found) =>
    `readJSON(): ${file} contains ${found}, but a table needs an array of records, such as [{ "x": 1 }, { "x": 2 }], ` +
    'or an object of column arrays, such as { "x": [1, 2] }.',
  jsonRecordNotObject: (file, index, value) =>
    `readJSON(): element ${index} of the array in ${file} is ${value}, but every element must be a record such as { "x": 1 }.`,
  jsonColumnLength: (file, column, length, expected) =>
    `readJSON(): in ${file}, column "${column}" has ${length} values, but the first column has ${expected}. Every column needs one value per row.`,
};
