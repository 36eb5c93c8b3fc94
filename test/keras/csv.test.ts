import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasets } from "../../src/keras";
import { parseCsv, readCSV } from "../../src/keras/csv";
import { errorMessage, selectTestBackend } from "./helpers";

let folder: string;

beforeAll(async () => {
  await selectTestBackend();
  folder = mkdtempSync(join(tmpdir(), "tskeras-csv-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes text to a file in the test's temporary folder and returns its path. */
function writeCsv(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("parseCsv()", () => {
  it("splits a header and records", () => {
    const table = parseCsv("a,b\n1,2\n3,4\n", "t.csv");
    expect(table.header).toEqual(["a", "b"]);
    expect(table.records.map((record) => record.cells)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("reads quoted commas, quotes and line breaks", () => {
    const table = parseCsv('name,note\n"Smith, J.","said ""hi""\nand left"\nLee,ok\n', "t.csv");
    expect(table.records[0].cells).toEqual(["Smith, J.", 'said "hi"\nand left']);
    expect(table.records[1].cells).toEqual(["Lee", "ok"]);
    expect(table.records[1].line).toBe(4);
  });

  it("accepts CRLF, a byte order mark and blank lines", () => {
    const table = parseCsv("\ufeffa,b\r\n1,2\r\n\r\n3,4", "t.csv");
    expect(table.header).toEqual(["a", "b"]);
    expect(table.records.map((record) => record.line)).toEqual([2, 4]);
  });

  it("keeps empty cells", () => {
    expect(parseCsv("a,b,c\n1,,\n", "t.csv").records[0].cells).toEqual(["1", "", ""]);
  });

  it("rejects an unclosed quote", () => {
    expect(errorMessage("en", () => parseCsv('a,b\n1,"2\n3,4\n', "t.csv"))).toContain(
      "in t.csv, the quoted field that starts on line 2 is never closed",
    );
  });

  it("rejects a record with extra values", () => {
    expect(errorMessage("en", () => parseCsv("a,b\n1,2\n3,4,5\n", "t.csv"))).toContain(
      "in t.csv, line 3 has 3 values, but the header has 2 columns",
    );
    expect(errorMessage("es", () => parseCsv("a,b\n1,2\n3,4,5\n", "t.csv"))).toContain("la línea 3 tiene 3 valores");
  });
});

describe("datasets.readCSV()", () => {
  it("reads numeric features and text labels", () => {
    const path = writeCsv("flowers.csv", "width,species,height\n1.5,rose,2\n0.5,daisy,1\n2.5,rose,3e0\n");
    const data = readCSV(path, { label: "species" });
    expect(data.x.shape).toEqual([3, 2]);
    expect(data.x.dtype).toBe("float32");
    expect(data.x.arraySync()).toEqual([
      [1.5, 2],
      [0.5, 1],
      [2.5, 3],
    ]);
    expect(data.featureNames).toEqual(["width", "height"]);
    expect(data.classNames).toEqual(["daisy", "rose"]);
    expect(data.y.dtype).toBe("int32");
    expect(data.y.arraySync()).toEqual([1, 0, 1]);
  });

  it("reads numeric labels as float32", () => {
    const path = writeCsv("prices.csv", "rooms,area,price\n3,70,210.5\n2,45,150\n");
    const data = readCSV(path, { label: "price" });
    expect(data.y.dtype).toBe("float32");
    expect(data.y.arraySync()).toEqual([210.5, 150]);
    expect(data.classNames).toBeUndefined();
    expect(data.featureNames).toEqual(["rooms", "area"]);
  });

  it("keeps only the requested features, in order", () => {
    const path = writeCsv("select.csv", 'id,"city, country",b,a,label\n7,"Lima, Peru",1,2,x\n8,"Quito, Ecuador",3,4,y\n');
    const data = readCSV(path, { label: "label", features: ["a", "b"] });
    expect(data.featureNames).toEqual(["a", "b"]);
    expect(data.x.arraySync()).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(data.classNames).toEqual(["x", "y"]);
  });

  it("reads a quoted label with a comma", () => {
    const path = writeCsv("quoted.csv", 'size,place\n1,"Lima, Peru"\n2,Quito\n3,"Lima, Peru"\n');
    const data = readCSV(path, { label: "place" });
    expect(data.classNames).toEqual(["Lima, Peru", "Quito"]);
    expect(data.y.arraySync()).toEqual([0, 1, 0]);
  });

  it("names a missing file", () => {
    const path = join(folder, "absent.csv");
    expect(errorMessage("en", () => readCSV(path, { label: "y" }))).toContain(`the file "${path}" was not found at ${path}`);
    expect(errorMessage("es", () => readCSV(path, { label: "y" }))).toContain(`no se encontró el archivo "${path}"`);
  });

  it("lists the columns when the label is missing", () => {
    const path = writeCsv("columns.csv", "width,height,kind\n1,2,a\n");
    const message = errorMessage("en", () => readCSV(path, { label: "species" }));
    expect(message).toContain(`${path} has no column "species"`);
    expect(message).toContain('Its columns are: "width", "height", "kind".');
    expect(errorMessage("es", () => readCSV(path, { label: "species" }))).toContain('no tiene la columna "species"');
  });

  it("names a missing feature column", () => {
    const path = writeCsv("features.csv", "width,height,kind\n1,2,a\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind", features: ["width", "depth"] }))).toContain(
      'has no column "depth"',
    );
  });

  it("names the row and column of a non-numeric value", () => {
    const path = writeCsv("text.csv", "width,height,kind\n1,2,a\n3,tall,b\n");
    const message = errorMessage("en", () => readCSV(path, { label: "kind" }));
    expect(message).toContain(`in ${path}, line 3, column "height" contains "tall", which is not a number`);
    expect(errorMessage("es", () => readCSV(path, { label: "kind" }))).toContain('línea 3, la columna "height" contiene "tall"');
  });

  it.each([[""], ["0x10"], ["Infinity"], ["NaN"], ["1,5"]])("rejects feature value %p", (value) => {
    const path = writeCsv("values.csv", `width,kind\n"${value}",a\n`);
    expect(errorMessage("en", () => readCSV(path, { label: "kind" }))).toContain('line 2, column "width"');
  });

  it("rejects an empty label", () => {
    const path = writeCsv("empty-label.csv", "width,kind\n1,a\n2,\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind" }))).toContain('line 3 has no value in the label column "kind"');
  });

  it("rejects a header without rows", () => {
    const path = writeCsv("header.csv", "width,kind\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind" }))).toContain("has a header row but no data rows");
  });

  it("rejects an empty file", () => {
    const path = writeCsv("empty.csv", "");
    expect(errorMessage("en", () => readCSV(path, { label: "kind" }))).toContain("is empty");
  });

  it("rejects the label among the features", () => {
    const path = writeCsv("both.csv", "width,kind\n1,a\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind", features: ["width", "kind"] }))).toContain(
      'the label column "kind" is also listed in features',
    );
  });

  it("rejects a file with only the label", () => {
    const path = writeCsv("only-label.csv", "kind\na\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind" }))).toContain('no feature columns are left besides the label "kind"');
  });

  it("rejects features that are not names", () => {
    const path = writeCsv("names.csv", "width,kind\n1,a\n");
    expect(errorMessage("en", () => readCSV(path, { label: "kind", features: "width" as never }))).toContain(
      "features must be an array of column names",
    );
  });

  it("requires the label option", () => {
    const path = writeCsv("no-label.csv", "width,kind\n1,a\n");
    expect(errorMessage("en", () => readCSV(path, {} as never))).toContain("needs the name of the label column");
    expect(errorMessage("es", () => readCSV(path, {} as never))).toContain("necesita el nombre de la columna de etiquetas");
  });
});

describe("datasets.readCSV export", () => {
  it("is the CSV reader", () => {
    expect(datasets.readCSV).toBe(readCSV);
  });
});
