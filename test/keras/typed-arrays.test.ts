import * as tf from "@tensorflow/tfjs";
import { Dense } from "../../src/keras/layers";
import { Sequential } from "../../src/keras/sequential";
import * as utils from "../../src/keras/utils";
import { selectTestBackend } from "./helpers";

// Typed arrays as data: a Float32Array from dataSync(), an Int32Array of labels, rows as typed arrays.

beforeAll(async () => {
  await selectTestBackend();
});

const rows = [new Float32Array([0, 0]), new Float32Array([0, 1]), new Float32Array([1, 0]), new Float32Array([1, 1])];
const labels = new Int32Array([0, 1, 1, 0]);

describe("typed arrays as data", () => {
  it("train, evaluate and predict as nested arrays do", async () => {
    const model = new Sequential([new Dense(4, { activation: "relu", inputShape: [2] }), new Dense(2, { activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    const history = await model.fit(rows, labels, { epochs: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    const loss = (await model.evaluate(rows, labels)) as number;
    expect(Number.isFinite(loss)).toBe(true);
    const fromTyped = model.predict(rows);
    const fromNested = model.predict(rows.map((row) => Array.from(row)));
    expect(fromTyped.shape).toEqual([4, 2]);
    expect(Array.from(fromTyped.dataSync())).toEqual(Array.from(fromNested.dataSync()));
    tf.dispose([fromTyped, fromNested]);
  });

  it("convert to one-hot and split", () => {
    const oneHot = utils.toCategorical(labels, 2);
    expect(oneHot.arraySync()).toEqual([[1, 0], [0, 1], [0, 1], [1, 0]]);
    const [xTrain, xTest, yTrain, yTest] = utils.trainTestSplit(rows, labels, { testSize: 0.5, seed: 1, stratify: true });
    expect([xTrain.length, xTest.length]).toEqual([2, 2]);
    expect(yTrain).toBeInstanceOf(Int32Array);
    expect(Array.from(yTrain).sort()).toEqual([0, 1]);
    expect(Array.from(yTest).sort()).toEqual([0, 1]);
    oneHot.dispose();
  });

  it("scale rows given as typed arrays", () => {
    const scaled = new utils.StandardScaler().fitTransform([new Float64Array([1, 10]), new Float64Array([3, 30])]);
    expect(scaled.map((row) => Array.from(row))).toEqual([[-1, -1], [1, 1]]);
  });
});
