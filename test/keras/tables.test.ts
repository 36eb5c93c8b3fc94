import * as tf from "@tensorflow/tfjs";
import { aq } from "../../src/eda";
import { MinMaxScaler, StandardScaler, trainTestSplit } from "../../src/keras/preprocessing";
import { errorMessage, compiledXorModel, inLanguageAsync, xorInputs, xorTargets } from "./helpers";
import { selectBackend } from "../../src/runtime/backend";

// The Keras facade takes arquero tables where it takes tensors and arrays.

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

const xorTable = () => aq.table({ a: xorInputs.map((row) => row[0]), b: xorInputs.map((row) => row[1]) });
const xorTargetTable = () => aq.table({ target: xorTargets.map((row) => row[0]) });

describe("Sequential with table inputs", () => {
  it("fits, evaluates and predicts as with arrays", async () => {
    const model = compiledXorModel();
    const history = await model.fit(xorTable(), xorTargetTable(), { epochs: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);

    const fromTable = await model.evaluate(xorTable(), xorTargetTable(), { verbose: 0 });
    const fromArrays = await model.evaluate(xorInputs, xorTargets, { verbose: 0 });
    expect(fromTable).toEqual(fromArrays);

    const predictions = model.predict(xorTable());
    expect(predictions.shape).toEqual([4, 1]);
    const expected = model.predict(xorInputs);
    expect(predictions.arraySync()).toEqual(expected.arraySync());
    tf.dispose([predictions, expected]);
  });

  it("leaves no tensor behind", async () => {
    const model = compiledXorModel();
    await model.fit(xorTable(), xorTargetTable(), { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(xorTable(), xorTargetTable(), { epochs: 1, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("names the column of a text value in x", async () => {
    const model = compiledXorModel();
    const x = xorTable().derive({ b: () => "high" });
    await expect(inLanguageAsync("en", () => model.fit(x, xorTargets, { epochs: 1, verbose: 0 }))).rejects.toThrow(
      "x: column \"b\" contains 'high' at row 0, which is not a number.",
    );
    await expect(inLanguageAsync("es", () => model.fit(x, xorTargets, { epochs: 1, verbose: 0 }))).rejects.toThrow(
      "x: la columna \"b\" contiene 'high' en la fila 0, que no es un número.",
    );
  });

  it("names the column of a missing value in y", async () => {
    const model = compiledXorModel();
    const y = aq.table({ target: [0, 1, null, 0] });
    await expect(inLanguageAsync("en", () => model.fit(xorTable(), y, { epochs: 1, verbose: 0 }))).rejects.toThrow(
      'y: column "target" has a missing value (null) at row 2.',
    );
  });

  it("rejects an empty table", () => {
    const model = compiledXorModel();
    expect(errorMessage("en", () => model.predict(aq.table({ a: [], b: [] })))).toContain("x: the table has no rows.");
  });
});

describe("trainTestSplit() with tables", () => {
  const x = aq.table({ id: Array.from({ length: 8 }, (_, i) => i), value: Array.from({ length: 8 }, (_, i) => i * 10) });
  const y = aq.table({ label: ["a", "a", "a", "a", "b", "b", "b", "b"], id: Array.from({ length: 8 }, (_, i) => i) });

  it("returns tables whose rows stay together", () => {
    const split = trainTestSplit(x, y, { testSize: 0.25, seed: 3 });
    expect(split.xTrain.numRows()).toBe(6);
    expect(split.xTest.numRows()).toBe(2);
    expect(split.xTrain.columnNames()).toEqual(["id", "value"]);
    expect(Array.from(split.yTrain.array("id"))).toEqual(Array.from(split.xTrain.array("id")));
    expect(Array.from(split.yTest.array("id"))).toEqual(Array.from(split.xTest.array("id")));
    const ids = [...Array.from(split.xTrain.array("id")), ...Array.from(split.xTest.array("id"))] as number[];
    expect(ids.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("stratifies by a table of labels", () => {
    const labels = aq.table({ label: Array.from(y.array("label")) });
    const split = trainTestSplit(x, y, { testSize: 0.5, seed: 1, stratify: labels });
    expect(Array.from(split.yTest.array("label")).sort()).toEqual(["a", "a", "b", "b"]);
  });

  it("takes rows in a filtered table's order", () => {
    const filtered = x.filter((row: { id: number }) => row.id >= 4).orderby(aq.desc("id"));
    const labels = aq.table({ n: [7, 6, 5, 4] });
    const split = trainTestSplit(filtered, labels, { testSize: 0.5, seed: 2 });
    expect(Array.from(split.xTrain.array("id"))).toEqual(Array.from(split.yTrain.array("n")));
  });
});

describe("scalers with tables", () => {
  const table = aq.table({ a: [1, 2, 3], b: [10, 10, 40] });

  it("StandardScaler returns a table with the same columns", () => {
    const scaler = new StandardScaler();
    const scaled = scaler.fitTransform(table);
    expect(scaled.columnNames()).toEqual(["a", "b"]);
    const a = Array.from(scaled.array("a")) as number[];
    const spread = Math.sqrt(2 / 3);
    [-1 / spread, 0, 1 / spread].forEach((value, i) => expect(a[i]).toBeCloseTo(value, 10));
    expect(scaler.mean).toEqual([2, 20]);

    const restored = scaler.inverseTransform(scaled);
    (Array.from(restored.array("b")) as number[]).forEach((value, i) => expect(value).toBeCloseTo([10, 10, 40][i], 10));
  });

  it("MinMaxScaler maps each column to [0, 1]", () => {
    const scaled = new MinMaxScaler().fitTransform(table);
    expect(scaled.objects()).toEqual([
      { a: 0, b: 0 },
      { a: 0.5, b: 0 },
      { a: 1, b: 1 },
    ]);
  });

  it("reads a table fitted from arrays", () => {
    const scaler = new MinMaxScaler().fit([
      [0, 0],
      [4, 40],
    ]);
    expect(scaler.transform(table).objects()).toEqual([
      { a: 0.25, b: 0.25 },
      { a: 0.5, b: 0.25 },
      { a: 0.75, b: 1 },
    ]);
  });

  it("names a text column", () => {
    const text = aq.table({ a: [1, 2], city: ["Lima", "Quito"] });
    expect(errorMessage("en", () => new StandardScaler().fit(text))).toContain("x: column \"city\" contains 'Lima' at row 0");
    expect(errorMessage("es", () => new StandardScaler().fit(text))).toContain("x: la columna \"city\" contiene 'Lima' en la fila 0");
  });
});
