import { readFileSync } from "node:fs";

// Reading executed notebooks in the notebook tests.

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
}

export interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

/** Returns the text of a cell's source or of a stream output, which nbformat may store as a list of lines. */
export function joined(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

/** Returns the code cells of the notebook at path. */
export function codeCells(path: string): Cell[] {
  const notebook = JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] };
  return notebook.cells.filter((cell) => cell.cell_type === "code");
}

/** Returns the first code cell whose source contains fragment; raises when there is none. */
export function cellWith(cells: Cell[], fragment: string): Cell {
  const cell = cells.find((candidate) => joined(candidate.source).includes(fragment));
  if (!cell) throw new Error(`no code cell contains ${fragment}`);
  return cell;
}
