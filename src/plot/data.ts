import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import type { ExpectedData } from "../i18n/catalogue";
import { flattenNested } from "../keras/data";
import { describeValue, ValueError } from "../keras/errors";
import { closestName } from "../keras/suggest";

/** One record of a data set: field name to value, such as { epoch: 1, loss: 0.52 }. */
export type DataRecord = Record<string, unknown>;

/** A table that lists its rows as records, such as an arquero table, whose objects() returns object[]. */
export interface RecordTable {
  objects(): object[];
}

/**
 * Data that the plot helpers accept: an array of records, or a table with an objects() method such as
 * an arquero table. Also an array of numbers or of strings, a 2-D array of numbers (one row per
 * sample) and a tf.Tensor of rank 1 or 2.
 */
export type PlotData = readonly DataRecord[] | readonly number[] | readonly string[] | readonly (readonly number[])[] | tf.Tensor | RecordTable;

/** Data read into records, with the form it came in. */
export interface ReadData {
  records: DataRecord[];
  /** Every field of the records, in the order they first appear. */
  fields: string[];
  /**
   * Input form: "records" for records and tables. "values" for a 1-D array or tensor, whose records
   * have the fields index and value. "matrix" for 2-D numbers, whose records have index and one field
   * per column.
   */
  form: "records" | "values" | "matrix";
}

/** Formats a shape as TensorFlow.js prints it, such as [2, 28, 28]. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Vega-Lite's measurement types that the helpers infer from values. */
export type FieldType = "quantitative" | "temporal" | "nominal";

function fail(message: string): never {
  throw new ValueError(message);
}

/** Returns the values of a tensor as nested arrays, after checking that it was not disposed. */
export function tensorValues(role: string, tensor: tf.Tensor): unknown[] | number {
  if (tensor.isDisposed) fail(messages().keras.disposedInput(role));
  return tensor.arraySync() as unknown[] | number;
}

function isTable(value: unknown): value is RecordTable {
  return typeof value === "object" && value !== null && typeof (value as RecordTable).objects === "function";
}

function isRecord(value: unknown): value is DataRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Flattens nested arrays of numbers, with the owner before the message of a ValueError. */
function flatten(owner: string, role: string, values: unknown[]): { shape: number[]; values: number[] } {
  try {
    return flattenNested(role, values);
  } catch (error) {
    if (error instanceof ValueError) fail(`${owner}: ${error.message}`);
    throw error;
  }
}

/** Returns the fields of the records in the order they first appear. */
function fieldsOf(records: readonly DataRecord[]): string[] {
  const fields = new Set<string>();
  for (const record of records) for (const field of Object.keys(record)) fields.add(field);
  return [...fields];
}

/**
 * Reads any PlotData into records. Raises ValueError, naming role, for empty data, for a value of
 * another kind, for arrays that mix kinds and for tensors of rank 0 or above 2.
 */
// NOTE: every record goes inline into the spec, and so into the notebook file. No limit is applied, so
// a chart of a 60,000 x 784 tensor reads all of it and writes it into the notebook.
export function readPlotData(owner: string, data: unknown, role = "data"): ReadData {
  const text = messages().plot;
  const invalid = (): never => fail(text.invalidData(owner, role, describeValue(data), "data"));

  let values: unknown = data;
  if (data instanceof tf.Tensor) {
    if (data.rank < 1 || data.rank > 2) fail(text.invalidData(owner, role, `tf.Tensor shape=${shapeText(data.shape)}`, "data"));
    values = tensorValues(role, data);
  } else if (isTable(data)) {
    values = data.objects();
  }
  if (!Array.isArray(values)) return invalid();
  if (values.length === 0) fail(text.emptyData(owner, role));

  const first = values[0];
  if (isRecord(first)) {
    values.forEach((record, position) => {
      if (!isRecord(record)) fail(text.invalidData(owner, `${role}[${position}]`, describeValue(record), "data"));
    });
    const records = values as DataRecord[];
    return { records, fields: fieldsOf(records), form: "records" };
  }

  if (Array.isArray(first)) {
    const { shape, values: flat } = flatten(owner, role, values);
    if (shape.length !== 2) return invalid();
    const [rows, columns] = shape;
    if (columns === 0) fail(text.emptyData(owner, role));
    if (columns === 1) return valuesData(flat);
    const names = Array.from({ length: columns }, (_, column) => text.columnField(column));
    const records = Array.from({ length: rows }, (_, row) => {
      const record: DataRecord = { [text.indexField()]: row };
      names.forEach((name, column) => (record[name] = flat[row * columns + column]));
      return record;
    });
    return { records, fields: [text.indexField(), ...names], form: "matrix" };
  }

  if (typeof first === "number" || typeof first === "boolean" || first === null) {
    return valuesData(readNumbers(owner, role, values));
  }
  if (typeof first === "string") {
    values.forEach((value, position) => {
      if (typeof value !== "string" && value !== null) fail(text.invalidData(owner, `${role}[${position}]`, describeValue(value), "data"));
    });
    return valuesData(values as string[]);
  }
  return invalid();
}

/** Builds the records of a 1-D array: { index, value } with the field names in the learner's language. */
function valuesData(values: readonly unknown[]): ReadData {
  const text = messages().plot;
  const index = text.indexField();
  const value = text.valueField();
  return { records: values.map((entry, position) => ({ [index]: position, [value]: entry })), fields: [index, value], form: "values" };
}

/**
 * Returns the numbers of a 1-D array, or of a tensor of shape [n] or [n, 1]. null stays null (a
 * missing value), booleans become 0 and 1. Raises ValueError naming role and the first other value.
 */
export function readNumbers(owner: string, role: string, data: unknown): Array<number | null> {
  const text = messages().plot;
  let values: unknown = data;
  if (data instanceof tf.Tensor) {
    const isColumn = data.rank === 1 || (data.rank === 2 && data.shape[1] === 1);
    if (!isColumn) fail(text.columnShape(owner, role, shapeText(data.shape)));
    values = data.rank === 1 ? tensorValues(role, data) : Array.from(data.dataSync());
  } else if (Array.isArray(data) && data.length > 0 && Array.isArray(data[0])) {
    const { shape, values: flat } = flatten(owner, role, data);
    if (shape.length !== 2 || shape[1] !== 1) fail(text.columnShape(owner, role, shapeText(shape)));
    values = flat;
  }
  if (!Array.isArray(values)) fail(text.invalidData(owner, role, describeValue(data), "numbers"));
  if (values.length === 0) fail(text.emptyData(owner, role));

  return values.map((value, position) => {
    if (typeof value === "number" || value === null) return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    return fail(text.nonNumericValue(owner, role, describeValue(value), position));
  });
}

/** Raises ValueError unless field is one of the data's fields, suggesting the closest one. */
export function checkField(owner: string, option: string, field: string, data: ReadData): string {
  if (data.fields.includes(field)) return field;
  return fail(messages().plot.fieldNotFound(owner, option, field, data.fields, closestName(field, data.fields)));
}

/** Returns true when every value of the field is a number or missing, and at least one is a number. */
function isNumericField(data: ReadData, field: string): boolean {
  let numbers = 0;
  for (const record of data.records) {
    const value = record[field];
    if (typeof value === "number") numbers++;
    else if (value !== null && value !== undefined) return false;
  }
  return numbers > 0;
}

/** Returns the fields whose values are all numbers, in field order, leaving out those in except. */
export function numericFields(data: ReadData, except: ReadonlyArray<string | undefined> = []): string[] {
  return data.fields.filter((field) => !except.includes(field) && isNumericField(data, field));
}

/** Raises ValueError unless every value of the field is a number or missing. */
export function checkNumericField(owner: string, option: string, field: string, data: ReadData): void {
  for (const record of data.records) {
    const value = record[field];
    if (typeof value !== "number" && value !== null && value !== undefined) {
      fail(messages().plot.nonNumericField(owner, option, field, describeValue(value)));
    }
  }
}

// Dates written as ISO 8601 text, such as "2024-03-01" or "2024-03-01T10:00:00Z".
const isoDate = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Infers a field's Vega-Lite type: numbers are quantitative, Date objects and ISO dates temporal, the rest nominal. */
export function fieldType(data: ReadData, field: string): FieldType {
  const present = data.records.map((record) => record[field]).filter((value) => value !== null && value !== undefined);
  if (present.length > 0 && present.every((value) => typeof value === "number")) return "quantitative";
  if (present.length > 0 && present.every((value) => value instanceof Date || (typeof value === "string" && isoDate.test(value)))) {
    return "temporal";
  }
  return "nominal";
}

/** Raises ValueError naming both roles unless the two lengths are equal. */
export function checkSameLength(owner: string, firstRole: string, first: number, secondRole: string, second: number): void {
  if (first !== second) fail(messages().plot.lengthMismatch(owner, firstRole, first, secondRole, second));
}

/** Returns the values of an array or tensor of any rank, with its shape; for messages and reading labels. */
export function readNested(owner: string, role: string, data: unknown, expected: ExpectedData): { shape: number[]; values: number[] } {
  const text = messages().plot;
  if (data instanceof tf.Tensor) {
    if (data.isDisposed) fail(messages().keras.disposedInput(role));
    if (data.dtype === "string") fail(text.invalidData(owner, role, "tf.Tensor<string>", expected));
    return { shape: [...data.shape], values: Array.from(data.dataSync() as ArrayLike<number>) };
  }
  if (!Array.isArray(data)) fail(text.invalidData(owner, role, describeValue(data), expected));
  if (data.length === 0) fail(text.emptyData(owner, role));
  return flatten(owner, role, data);
}
