import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { MinMaxScaler, StandardScaler, trainTestSplit } from "../../src/keras/preprocessing";
import { clearRandomSeed, setRandomSeed } from "../../src/keras/seed";
import * as utils from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

afterEach(() => {
  clearRandomSeed();
});

/** Ten samples whose x row i is [i, 10 i] and whose y is i, so a split shows which rows went where. */
const x = Array.from({ length: 10 }, (_, i) => [i, 10 * i]);
const y = Array.from({ length: 10 }, (_, i) => i);

function expectRowsClose(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(expected[i][j], 6)));
}

describe("utils.trainTestSplit()", () => {
  it("keeps a quarter for testing by default", () => {
    const [xTrain, xTest, yTrain, yTest] = trainTestSplit(x, y, { seed: 1 });
    expect(xTrain).toHaveLength(7);
    expect(yTrain).toHaveLength(7);
    expect(xTest).toHaveLength(3);
    expect(yTest).toHaveLength(3);
  });

  it("keeps x and y rows together", () => {
    const split = trainTestSplit(x, y, { seed: 3 });
    split.xTrain.forEach((row, i) => expect(row).toEqual([split.yTrain[i], 10 * split.yTrain[i]]));
    split.xTest.forEach((row, i) => expect(row).toEqual([split.yTest[i], 10 * split.yTest[i]]));
  });

  it("uses every sample exactly once", () => {
    const { yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.3, seed: 5 });
    expect([...yTrain, ...yTest].sort((a, b) => a - b)).toEqual(y);
  });

  it("repeats a split with the same seed", () => {
    const first = trainTestSplit(x, y, { seed: 42 });
    const second = trainTestSplit(x, y, { seed: 42 });
    const other = trainTestSplit(x, y, { seed: 43 });
    expect(second.yTest).toEqual(first.yTest);
    expect(other.yTrain).not.toEqual(first.yTrain);
  });

  it("follows setRandomSeed() without a seed", () => {
    setRandomSeed(9);
    const first = trainTestSplit(x, y);
    setRandomSeed(9);
    const second = trainTestSplit(x, y);
    expect(second.yTrain).toEqual(first.yTrain);
  });

  it("accepts a test size in samples", () => {
    const { xTest, xTrain } = trainTestSplit(x, y, { test_size: 4, seed: 0 });
    expect(xTest).toHaveLength(4);
    expect(xTrain).toHaveLength(6);
  });

  it("splits tensors into tensors", () => {
    const xs = tf.tensor2d(x);
    const ys = tf.tensor1d(y, "int32");
    const [xTrain, xTest, yTrain, yTest] = trainTestSplit(xs, ys, { testSize: 0.2, seed: 2 });
    expect(xTrain.shape).toEqual([8, 2]);
    expect(xTest.shape).toEqual([2, 2]);
    expect(yTrain.dtype).toBe("int32");
    expect(yTest.shape).toEqual([2]);

    const rows = xTest.arraySync() as number[][];
    expect(rows.map((row) => row[0])).toEqual(yTest.arraySync());
    tf.dispose([xs, ys, xTrain, xTest, yTrain, yTest]);
  });

  it("stratifies by string labels", () => {
    const labels = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b"];
    const { yTest } = trainTestSplit(x, y, { testSize: 0.5, seed: 4, stratify: labels });
    const testLabels = yTest.map((i) => labels[i]);
    expect(testLabels.filter((label) => label === "a")).toHaveLength(3);
    expect(testLabels.filter((label) => label === "b")).toHaveLength(2);
  });

  it("stratifies by one-hot y with stratify: true", () => {
    const oneHot = y.map((i) => (i < 8 ? [1, 0] : [0, 1]));
    const { yTest, yTrain } = trainTestSplit(x, oneHot, { testSize: 0.5, seed: 6, stratify: true });
    expect(yTest.filter((row) => row[1] === 1)).toHaveLength(1);
    expect(yTrain.filter((row) => row[1] === 1)).toHaveLength(1);
  });

  it("raises ValueError for mismatched or empty parts", () => {
    expect(() => trainTestSplit(x, y.slice(1))).toThrow(ValueError);
    expect(() => trainTestSplit(x, y, { testSize: 10 })).toThrow(ValueError);
    expect(() => trainTestSplit(x, y, { testSize: 1.5 })).toThrow(ValueError);
    expect(() => trainTestSplit(x, y, { stratify: [0, 1] })).toThrow(ValueError);
    expect(errorMessage("en", () => trainTestSplit(x, y, { stratify: [0, 1] }))).toBe(
      "trainTestSplit(): stratify has 2 labels but x has 10 samples. Pass one label per sample.",
    );
    expect(errorMessage("es", () => trainTestSplit(x, y, { testSize: 10 }))).toContain("10 de 10 muestras");
  });

  it("is exported from utils", () => {
    expect(utils.trainTestSplit).toBe(trainTestSplit);
  });
});

describe("utils.StandardScaler", () => {
  const data = [
    [1, 10],
    [2, 20],
    [3, 30],
    [4, 40],
  ];
  // Mean 2.5 and population standard deviation sqrt(1.25) in the first column, ten times both in the second.
  const a = 1.5 / Math.sqrt(1.25);
  const b = 0.5 / Math.sqrt(1.25);
  const scaled = [
    [-a, -a],
    [-b, -b],
    [b, b],
    [a, a],
  ];

  it("learns the mean and population scale", () => {
    const scaler = new StandardScaler().fit(data);
    expect(scaler.mean).toEqual([2.5, 25]);
    expect(scaler.scale?.[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(scaler.scale?.[1]).toBeCloseTo(Math.sqrt(125), 12);
  });

  it("scales arrays to mean 0 and deviation 1", () => {
    expectRowsClose(new StandardScaler().fitTransform(data), scaled);
  });

  it("scales tensors into new tensors", () => {
    const input = tf.tensor2d(data);
    const output = new StandardScaler().fitTransform(input);
    expect(output).toBeInstanceOf(tf.Tensor);
    expect(output.dtype).toBe("float32");
    expectRowsClose(output.arraySync() as number[][], scaled);
    tf.dispose([input, output]);
  });

  it("inverts transform()", () => {
    const scaler = new StandardScaler().fit(data);
    expectRowsClose(scaler.inverseTransform(scaler.transform([[5, 0]])), [[5, 0]]);
  });

  it("only centres a constant column", () => {
    const scaler = new StandardScaler().fit([[5], [5]]);
    expect(scaler.scale).toEqual([1]);
    expect(scaler.transform([[7]])).toEqual([[2]]);
  });

  it("skips centring with withMean: false", () => {
    const scaler = new StandardScaler({ with_mean: false }).fit([[0], [2]]);
    expect(scaler.transform([[2]])).toEqual([[2]]);
  });

  it("raises ValueError before fit() and for other columns", () => {
    expect(() => new StandardScaler().transform(data)).toThrow(ValueError);
    expect(errorMessage("en", () => new StandardScaler().fit(data).transform([[1]]))).toBe(
      "StandardScaler was fitted on 2 features (columns), but x has 1.",
    );
    expect(errorMessage("es", () => new StandardScaler().transform(data))).toContain("todavía no está ajustado");
  });
});

describe("utils.MinMaxScaler", () => {
  const data = [
    [1, -2],
    [3, 0],
    [5, 6],
  ];

  it("maps each column onto [0, 1]", () => {
    const scaler = new MinMaxScaler();
    expectRowsClose(scaler.fitTransform(data), [
      [0, 0],
      [0.5, 0.25],
      [1, 1],
    ]);
    expect(scaler.dataMin).toEqual([1, -2]);
    expect(scaler.dataMax).toEqual([5, 6]);
  });

  it("maps onto another featureRange", () => {
    expectRowsClose(new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(data), [
      [-1, -1],
      [0, -0.5],
      [1, 1],
    ]);
  });

  it("does not clip values outside the fitted range", () => {
    expectRowsClose(new MinMaxScaler().fit(data).transform([[7, 10]]), [[1.5, 1.5]]);
  });

  it("inverts transform() on tensors", () => {
    const scaler = new MinMaxScaler({ feature_range: [2, 4] }).fit(tf.tensor2d(data));
    const back = scaler.inverseTransform(scaler.transform(tf.tensor2d(data)));
    expectRowsClose(back.arraySync() as number[][], data);
  });

  it("maps a constant column to the range's minimum", () => {
    expect(new MinMaxScaler().fitTransform([[3], [3]])).toEqual([[0], [0]]);
  });

  it("raises ValueError for an invalid featureRange", () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(ValueError);
    expect(errorMessage("en", () => new MinMaxScaler({ featureRange: [1, 0] }))).toContain("featureRange must be two numbers");
  });

  it("raises ValueError for 1-D input", () => {
    expect(() => new MinMaxScaler().fit([1, 2, 3] as unknown as number[][])).toThrow(ValueError);
  });
});
