import * as tf from "@tensorflow/tfjs";
import { aq, toTensor } from "../../src/eda";
import { selectBackend } from "../../src/runtime/backend";
import { errorMessage } from "../keras/helpers";
import { smallTable } from "./fixtures";

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

describe("toTensor()", () => {
  it("makes a float32 [rows, columns] tensor", () => {
    const table = aq.table({ a: [1, 2, 3], b: [0.5, 1.5, 2.5], c: [7, 8, 9] });
    const tensor = toTensor(table, ["c", "a"]);
    expect(tensor.dtype).toBe("float32");
    expect(tensor.shape).toEqual([3, 2]);
    expect(tensor.arraySync()).toEqual([
      [7, 1],
      [8, 2],
      [9, 3],
    ]);
    tensor.dispose();
  });

  it("takes every column by default, booleans as 1 and 0", () => {
    const tensor = toTensor(aq.table({ a: [1, 2], flag: [true, false] }));
    expect(tensor.shape).toEqual([2, 2]);
    expect(tensor.arraySync()).toEqual([
      [1, 1],
      [2, 0],
    ]);
    tensor.dispose();
  });

  it("keeps one column 2-D", () => {
    const tensor = toTensor(aq.table({ a: [1, 2, 3] }), ["a"]);
    expect(tensor.shape).toEqual([3, 1]);
    tensor.dispose();
  });

  it("follows a filter and an order", () => {
    const table = aq.table({ a: [3, 1, 2, 5] }).filter((row: { a: number }) => row.a < 5).orderby("a");
    const tensor = toTensor(table);
    expect(tensor.arraySync()).toEqual([[1], [2], [3]]);
    tensor.dispose();
  });

  it("names the column and row of a text value", () => {
    expect(errorMessage("en", () => toTensor(smallTable(), ["city", "weight"]))).toBe(
      "toTensor(): column \"city\" contains 'Lima' at row 0, which is not a number. " +
        "Leave the column out, or turn its values into numbers first, for example with table.derive().",
    );
    expect(errorMessage("es", () => toTensor(smallTable(), ["city", "weight"]))).toBe(
      "toTensor(): la columna \"city\" contiene 'Lima' en la fila 0, que no es un número. " +
        "Deja fuera esa columna, o convierte antes sus valores en números, por ejemplo con table.derive().",
    );
  });

  it("names the column and row of a missing value", () => {
    expect(errorMessage("en", () => toTensor(smallTable(), ["height"]))).toBe(
      'toTensor(): column "height" has a missing value (null) at row 2. ' +
        "Remove those rows with table.filter() or fill them with table.impute() first.",
    );
    expect(errorMessage("es", () => toTensor(smallTable(), ["weight"]))).toBe(
      'toTensor(): la columna "weight" tiene un valor faltante (NaN) en la fila 3. ' +
        "Elimina antes esas filas con table.filter() o complétalas con table.impute().",
    );
  });

  it("rejects a missing column", () => {
    expect(errorMessage("en", () => toTensor(smallTable(), ["heigth"]))).toBe(
      'toTensor(): the table has no column "heigth". Did you mean "height"? Its columns are: "height", "weight", "city", "member".',
    );
  });

  it("rejects an empty table and an empty list of columns", () => {
    expect(errorMessage("en", () => toTensor(aq.table({ a: [] })))).toContain("toTensor(): the table has no rows.");
    expect(errorMessage("es", () => toTensor(aq.table({})))).toContain("toTensor(): la tabla no tiene columnas.");
    expect(errorMessage("en", () => toTensor(aq.table({ a: [1] }), []))).toContain("toTensor(): the table has no columns.");
  });

  it("leaves no tensor behind when it fails", () => {
    const before = tf.memory().numTensors;
    expect(() => toTensor(smallTable())).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
