import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { arquero, type ColumnTable } from "../eda/arquero";
import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import { normalizeOptions, readString } from "./options";

/** A parsed CSV file: the header cells, then one record per data row, with the file line each record starts on. */
export interface CsvTable {
  header: string[];
  records: Array<{ line: number; cells: string[] }>;
}

/**
 * Parses CSV text in the RFC 4180 format: fields separated by commas and records by CRLF, LF or CR. Fields
 * in double quotes may contain commas, line breaks and doubled quotes ("") for one quote. The first record
 * is the header. Blank lines are skipped, and a leading byte order mark is dropped. Raises ValueError, naming
 * `file`, when a quoted field is not closed or a record has another number of cells than the header.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 1;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRow = () => {
    cells.push(cell);
    // A blank line parses as one empty cell, so it is skipped rather than read as a record.
    if (cells.length > 1 || cells[0] !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };

  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line += 1;
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
      quoteLine = line;
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new ValueError(messages().keras.csvUnclosedQuote(file, quoteLine));
  if (cell !== "" || cells.length > 0) endRow();

  if (rows.length === 0) throw new ValueError(messages().keras.csvEmpty(file));
  const [header, ...records] = rows;
  for (const record of records) {
    if (record.cells.length !== header.cells.length) {
      throw new ValueError(messages().keras.csvCellCount(file, record.line, header.cells.length, record.cells.length));
    }
  }
  return { header: header.cells, records };
}

/** Returns the number in a CSV cell, or undefined when the cell is empty or not a finite decimal number. */
export function parseNumber(cell: string): number | undefined {
  const trimmed = cell.trim();
  // Number() also reads "0x1F", "Infinity" and "", which a data file should not contain as numbers.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** Options of datasets.readCSV(). */
export interface ReadCsvOptions {
  /** Name of the label column. */
  label: string;
  /** Names of the feature columns, in the order x gets them. Default: every column but the label. */
  features?: string[];
}

/** Features and labels read from a CSV file by datasets.readCSV(). */
export interface CsvData {
  /** Feature columns, one row per record: float32 [records, features]. */
  x: tf.Tensor2D;
  /**
   * Labels: the label column as float32 [records] when every value is a number, else class indices into
   * classNames as int32 [records].
   */
  y: tf.Tensor1D;
  /** Column names of x, in order. */
  featureNames: string[];
  /** Class names, indexed by label and sorted. Present only when the label column contains text. */
  classNames?: string[];
}

/** Cell texts that readCSV() turns into missing values (null) in a table, compared without surrounding spaces. */
export const missingCells: ReadonlySet<string> = new Set(["", "NA", "N/A", "NaN", "nan", "null", "NULL"]);

/**
 * Reads a CSV file with a header row into an arquero table, for exploratory analysis. A column whose
 * cells are all numbers contains numbers, and one whose cells are all true or false (in any case)
 * contains booleans. Any other column contains the cells' text, dates included. Cells listed in missingCells,
 * such as empty ones and "NA", become null. A name that repeats in the header gets ".1", ".2" and so on
 * from its second use, as pandas does. A relative path is resolved against process.cwd(), which
 * Jupyter sets to the notebook's folder.
 *
 *     const flowers = readCSV("flowers.csv");
 */
export function readCSV(path: string): ColumnTable;
/**
 * Reads a CSV file with a header row into a feature tensor and a label tensor. Every feature value must
 * be a number. A label column whose values are all numbers gives float32 labels, and any other label
 * column gives int32 class indices into classNames, which lists the distinct values in JavaScript's
 * default sort order (by UTF-16 code unit). Surrounding spaces of a text label are removed.
 * A relative path is resolved against process.cwd(), which Jupyter sets to the notebook's folder.
 *
 *     const { x, y, featureNames, classNames } = datasets.readCSV("flowers.csv", { label: "species" });
 */
export function readCSV(path: string, options: ReadCsvOptions): CsvData;
export function readCSV(path: string, options?: ReadCsvOptions): ColumnTable | CsvData {
  return options === undefined ? readCsvTable(path) : readCsvTensors(path, options);
}

function readCsvTable(path: string): ColumnTable {
  const file = resolve(readString("readCSV()", "path", path));
  if (!existsSync(file)) throw new ValueError(messages().keras.csvFileNotFound(path, file));
  return csvTable(parseCsv(readFileSync(file, "utf8"), file));
}

/** Makes a table of parsed CSV, converting each column's cells to numbers, booleans or null where they all allow it. */
export function csvTable(parsed: CsvTable): ColumnTable {
  const names = uniqueNames(parsed.header);
  const columns: Record<string, unknown[]> = {};
  names.forEach((name, j) => {
    columns[name] = typedColumn(parsed.records.map((record) => record.cells[j]));
  });
  return arquero().table(columns, names);
}

function typedColumn(cells: string[]): unknown[] {
  const missing = (cell: string) => missingCells.has(cell.trim());
  const present = cells.filter((cell) => !missing(cell));
  if (present.every((cell) => parseNumber(cell) !== undefined)) {
    return cells.map((cell) => (missing(cell) ? null : parseNumber(cell)));
  }
  if (present.every((cell) => /^(true|false)$/i.test(cell.trim()))) {
    return cells.map((cell) => (missing(cell) ? null : cell.trim().toLowerCase() === "true"));
  }
  return cells.map((cell) => (missing(cell) ? null : cell));
}

/** Renames the second and later uses of a header name to "name.1", "name.2", skipping names already taken. */
function uniqueNames(header: string[]): string[] {
  const used = new Set(header);
  const seen = new Set<string>();
  return header.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let suffix = 1;
    while (used.has(`${name}.${suffix}`)) suffix += 1;
    const renamed = `${name}.${suffix}`;
    used.add(renamed);
    return renamed;
  });
}

function readCsvTensors(path: string, options: ReadCsvOptions): CsvData {
  const owner = "readCSV()";
  const text = messages().keras;
  const file = resolve(readString(owner, "path", path));
  const settings = normalizeOptions(owner, options, ["label", "features"]);
  if (settings.label === undefined) throw new ValueError(text.csvLabelOptionMissing(file));
  const label = readString(owner, "label", settings.label);
  const requestedFeatures = readFeatureNames(settings.features);
  if (!existsSync(file)) throw new ValueError(text.csvFileNotFound(path, file));

  const table = parseCsv(readFileSync(file, "utf8"), file);
  const columnIndex = (name: string) => {
    const index = table.header.indexOf(name);
    if (index < 0) throw new ValueError(text.csvColumnMissing(file, name, table.header));
    return index;
  };
  const labelIndex = columnIndex(label);
  const featureNames = requestedFeatures ?? table.header.filter((_, i) => i !== labelIndex);
  if (featureNames.includes(label)) throw new ValueError(text.csvLabelAmongFeatures(file, label));
  if (featureNames.length === 0) throw new ValueError(text.csvNoFeatures(file, label));
  const featureIndices = featureNames.map(columnIndex);
  if (table.records.length === 0) throw new ValueError(text.csvNoRecords(file));

  const rows = table.records.map((record) =>
    featureIndices.map((column) => {
      const value = parseNumber(record.cells[column]);
      if (value === undefined) {
        throw new ValueError(text.csvNonNumericValue(file, record.line, table.header[column], record.cells[column]));
      }
      return value;
    }),
  );

  const labelCells = table.records.map((record) => record.cells[labelIndex].trim());
  const emptyLabel = table.records.find((record) => record.cells[labelIndex].trim() === "");
  if (emptyLabel !== undefined) throw new ValueError(text.csvLabelEmpty(file, emptyLabel.line, label));

  const x = tf.tensor2d(rows, [rows.length, featureNames.length], "float32");
  const numbers = labelCells.map(parseNumber);
  if (numbers.every((value): value is number => value !== undefined)) {
    return { x, y: tf.tensor1d(numbers, "float32"), featureNames: [...featureNames] };
  }

  const classNames = [...new Set(labelCells)].sort();
  const classIndex = new Map(classNames.map((name, index) => [name, index]));
  const y = tf.tensor1d(
    labelCells.map((cell) => classIndex.get(cell) as number),
    "int32",
  );
  return { x, y, featureNames: [...featureNames], classNames };
}

/** Returns the features option as a list of column names, or undefined when it is not given. */
function readFeatureNames(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((name) => typeof name === "string")) return [...(value as string[])];
  throw new ValueError(messages().keras.csvInvalidFeatures(describeValue(value)));
}
