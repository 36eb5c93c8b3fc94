import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCSV, readJSON } from "../../src/eda";
import { datasets } from "../../src/keras";
import { errorMessage } from "../keras/helpers";

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-read-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes text to a file in the test's temporary folder and returns its path. */
function writeFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("readCSV() without options", () => {
  it("reads numbers, booleans and text into typed columns", () => {
    const path = writeFile("kinds.csv", "size,ok,name,day\n1.5,true,Ana,2024-01-01\n-2,FALSE,Luis,2024-01-02\n");
    const table = readCSV(path);
    expect(table.columnNames()).toEqual(["size", "ok", "name", "day"]);
    expect(table.objects()).toEqual([
      { size: 1.5, ok: true, name: "Ana", day: "2024-01-01" },
      { size: -2, ok: false, name: "Luis", day: "2024-01-02" },
    ]);
  });

  it("reads empty cells and NA as null", () => {
    const path = writeFile("missing.csv", "a,b\n1,x\n,NA\nNaN, y\n");
    const table = readCSV(path);
    expect(Array.from(table.array("a"))).toEqual([1, null, null]);
    expect(Array.from(table.array("b"))).toEqual(["x", null, " y"]);
  });

  it("keeps a column with a non-number as text", () => {
    const table = readCSV(writeFile("mixed.csv", "code\n7\n08\nA1\n"));
    expect(Array.from(table.array("code"))).toEqual(["7", "08", "A1"]);
  });

  it("renames repeated header names", () => {
    const table = readCSV(writeFile("repeated.csv", "x,x,x.1\n1,2,3\n"));
    expect(table.columnNames()).toEqual(["x", "x.2", "x.1"]);
  });

  it("reads quoted fields with the tensor reader's parser", () => {
    const table = readCSV(writeFile("quoted.csv", 'place,n\n"Lima, Peru",1\n"said ""hi""",2\n'));
    expect(Array.from(table.array("place"))).toEqual(["Lima, Peru", 'said "hi"']);
  });

  it("gives a table without rows for a header alone", () => {
    const table = readCSV(writeFile("header.csv", "a,b\n"));
    expect(table.numRows()).toBe(0);
    expect(table.columnNames()).toEqual(["a", "b"]);
  });

  it("names a missing file", () => {
    const path = join(folder, "absent.csv");
    expect(errorMessage("en", () => readCSV(path))).toContain(`the file "${path}" was not found`);
    expect(errorMessage("es", () => readCSV(path))).toContain(`no se encontró el archivo "${path}"`);
  });

  it("is datasets.readCSV", () => {
    expect(datasets.readCSV).toBe(readCSV);
  });
});

describe("readJSON()", () => {
  it("reads an array of records, with null for absent keys", () => {
    const table = readJSON(writeFile("records.json", '[{"a": 1, "b": "x"}, {"a": 2, "c": true}]'));
    expect(table.columnNames()).toEqual(["a", "b", "c"]);
    expect(table.objects()).toEqual([
      { a: 1, b: "x", c: null },
      { a: 2, b: null, c: true },
    ]);
  });

  it("reads an object of column arrays", () => {
    const table = readJSON(writeFile("columns.json", '{"a": [1, 2], "b": ["x", null]}'));
    expect(table.objects()).toEqual([
      { a: 1, b: "x" },
      { a: 2, b: null },
    ]);
  });

  it("reads JSON Lines", () => {
    const table = readJSON(writeFile("lines.jsonl", '{"a": 1}\n\n{"a": 2}\n'));
    expect(Array.from(table.array("a"))).toEqual([1, 2]);
  });

  it("names a missing file", () => {
    const path = join(folder, "absent.json");
    expect(errorMessage("en", () => readJSON(path))).toContain(`readJSON(): the file "${path}" was not found at ${path}.`);
    expect(errorMessage("es", () => readJSON(path))).toContain(`readJSON(): no se encontró el archivo "${path}"`);
  });

  it("rejects invalid JSON with the parser's message", () => {
    const path = writeFile("broken.json", "[{");
    expect(errorMessage("en", () => readJSON(path))).toMatch(new RegExp(`^readJSON\\(\\): ${path} is not valid JSON: `));
    const lines = writeFile("broken.jsonl", '{"a": 1}\n{"a": \n');
    expect(errorMessage("es", () => readJSON(lines))).toContain(`readJSON(): la línea 2 de ${lines} no es JSON válido`);
  });

  it("rejects JSON that is not a table", () => {
    const path = writeFile("number.json", "42");
    expect(errorMessage("en", () => readJSON(path))).toBe(
      `readJSON(): ${path} contains 42, but a table needs an array of records, such as [{ "x": 1 }, { "x": 2 }], ` +
        'or an object of column arrays, such as { "x": [1, 2] }.',
    );
    const scalars = writeFile("scalars.json", "[1, 2]");
    expect(errorMessage("en", () => readJSON(scalars))).toContain(`element 0 of the array in ${scalars} is 1`);
  });

  it("rejects columns of unequal length", () => {
    const path = writeFile("uneven.json", '{"a": [1, 2], "b": [1]}');
    expect(errorMessage("en", () => readJSON(path))).toContain('column "b" has 1 values, but the first column has 2');
    expect(errorMessage("es", () => readJSON(path))).toContain('la columna "b" tiene 1 valores, pero la primera columna tiene 2');
  });
});

describe("datasets.table()", () => {
  it("reads iris whole", () => {
    const iris = datasets.table("iris");
    expect(iris.numRows()).toBe(150);
    expect(iris.columnNames()).toEqual(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]);
  });

  it("reads every penguin, with missing values", () => {
    const penguins = datasets.table("penguins");
    expect(penguins.numRows()).toBe(344);
    expect(penguins.columnNames()).toEqual([
      "Species",
      "Island",
      "Beak Length (mm)",
      "Beak Depth (mm)",
      "Flipper Length (mm)",
      "Body Mass (g)",
      "Sex",
    ]);
    expect(Array.from(penguins.array("Body Mass (g)")).filter((value) => value === null)).toHaveLength(2);
  });

  it("reads the digits and the Seattle weather", () => {
    expect(datasets.table("digits").numCols()).toBe(65);
    const weather = datasets.table("seattleWeather");
    expect(weather.numRows()).toBe(1461);
    expect(weather.get("date", 0)).toBe("2012-01-01");
  });

  it("names the data sets for an unknown name", () => {
    expect(errorMessage("en", () => datasets.table("titanic" as never))).toBe(
      'datasets.table(): there is no data set "titanic". The data sets are: "iris", "penguins", "digits", "seattleWeather".',
    );
    expect(errorMessage("es", () => datasets.table("titanic" as never))).toContain('no existe el conjunto de datos "titanic"');
  });
});
