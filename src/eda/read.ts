import { existsSync, readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { readString } from "../keras/options";
import { arquero, type ColumnTable } from "./arquero";

/** Returns whether value is a record: an object that is neither null nor an array. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns the column names of records: every key of every record, in order of first appearance.
 * arquero's from() takes the first record's keys only, which drops a key that it lacks.
 */
export function recordKeys(records: ReadonlyArray<Record<string, unknown>>): string[] {
  const names = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) names.add(key);
  return [...names];
}

/** Makes a table of records, one row per record, with null where a record lacks a key that others have. */
export function tableFromRecords(records: ReadonlyArray<Record<string, unknown>>): ColumnTable {
  const names = recordKeys(records);
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = records.map((record) => (name in record ? record[name] : null));
  return arquero().table(columns, names);
}

/**
 * Reads a JSON file into a table. The file contains an array of records, `[{ "x": 1, "y": "a" }, ...]`,
 * which gives one row per record and one column per key found in any record. Or it contains an object of
 * column arrays of equal length, `{ "x": [1, 2], "y": ["a", "b"] }`. A file named *.jsonl or *.ndjson
 * contains one record per line (JSON Lines). Values keep their JSON types, so dates stay text. A relative path is resolved
 * against process.cwd(), which Jupyter sets to the notebook's folder.
 *
 *     const penguins = readJSON("penguins.json");
 *
 * @throws ValueError for a file that is not found, is not valid JSON, or has another shape.
 */
export function readJSON(path: string): ColumnTable {
  const text = messages().data;
  const file = resolve(readString("readJSON()", "path", path));
  if (!existsSync(file)) throw new ValueError(text.jsonFileNotFound(path, file));
  const content = readFileSync(file, "utf8");

  const jsonLines = [".jsonl", ".ndjson"].includes(extname(file).toLowerCase());
  const value = jsonLines ? parseJsonLines(content, file) : parseJson(content, file);
  if (Array.isArray(value)) {
    value.forEach((record, index) => {
      if (!isRecord(record)) throw new ValueError(text.jsonRecordNotObject(file, index, describeValue(record)));
    });
    return tableFromRecords(value as Array<Record<string, unknown>>);
  }

  const isColumnObject = isRecord(value) && Object.values(value).every(Array.isArray);
  if (!isColumnObject) throw new ValueError(text.jsonNotTabular(file, describeValue(value)));
  const names = Object.keys(value);
  const columns = value as Record<string, unknown[]>;
  const length = names.length > 0 ? columns[names[0]].length : 0;
  for (const name of names) {
    if (columns[name].length !== length) throw new ValueError(text.jsonColumnLength(file, name, columns[name].length, length));
  }
  return arquero().table(columns, names);
}

function parseJson(content: string, file: string): unknown {
  try {
    // A byte order mark is valid at the start of a file, but JSON.parse() rejects it.
    return JSON.parse(content.replace(/^\ufeff/, ""));
  } catch (error) {
    throw new ValueError(messages().data.jsonInvalid(file, (error as Error).message));
  }
}

/** Parses one JSON value per non-blank line. */
function parseJsonLines(content: string, file: string): unknown[] {
  const values: unknown[] = [];
  content
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === "") return;
      try {
        values.push(JSON.parse(line));
      } catch (error) {
        throw new ValueError(messages().data.jsonLineInvalid(file, index + 1, (error as Error).message));
      }
    });
  return values;
}
