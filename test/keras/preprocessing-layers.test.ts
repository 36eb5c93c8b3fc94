import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dense } from "../../src/keras/layers";
import { loadModel } from "../../src/keras/models";
import { Normalization, Rescaling } from "../../src/keras/preprocessing-layers";
import { Bidirectional, GRU, LSTM } from "../../src/keras/recurrent";
import { Sequential } from "../../src/keras/sequential";
import { clearSession } from "../../src/keras/utils";
import { selectBackend } from "../../src/runtime/backend";
import { errorMessage } from "./helpers";

let folder: string;

beforeAll(async () => {
  await selectBackend(tf, "cpu");
  folder = mkdtempSync(join(tmpdir(), "tskeras-preprocessing-test-"));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

beforeEach(() => clearSession());

/** Runs a single layer on rows and returns the output as nested arrays. */
function apply(layer: { tfjsLayer: tf.layers.Layer }, rows: number[][]): number[][] {
  const input = tf.tensor2d(rows);
  const output = layer.tfjsLayer.apply(input) as tf.Tensor;
  const values = output.arraySync() as number[][];
  tf.dispose([input, output]);
  return values;
}

describe("Rescaling", () => {
  it("multiplies by scale and adds offset", () => {
    expect(apply(new Rescaling(1 / 255), [[0, 255, 51]])[0]).toEqual([0, 1, expect.closeTo(0.2, 6)]);
    expect(apply(new Rescaling(2, -1), [[0, 1]])[0]).toEqual([-1, 1]);
    expect(apply(new Rescaling({ scale: 0.5, offset: 1 }), [[4]])[0]).toEqual([3]);
  });

  it("rejects a scale that is not a number", () => {
    expect(errorMessage("en", () => new Rescaling("1/255" as never))).toBe("Rescaling: scale must be a number, but got '1/255'.");
    expect(errorMessage("en", () => new Rescaling({} as never))).toContain("scale");
  });
});

describe("Normalization", () => {
  const rows = [
    [1, 2, 3, 4],
    [3, 4, 5, 8],
  ];

  it("learns each feature's mean and variance with adapt()", () => {
    const layer = new Normalization({ inputShape: [4] });
    layer.adapt(rows);
    expect(apply(layer, [[2, 3, 4, 6], [1, 2, 3, 4]])).toEqual([
      [0, 0, 0, 0],
      [-1, -1, -1, -1],
    ]);
    const [mean, variance, count] = layer.tfjsLayer.getWeights().map((weight) => Array.from(weight.dataSync()));
    expect(mean).toEqual([2, 3, 4, 6]);
    expect(variance).toEqual([1, 1, 1, 4]);
    expect(count).toEqual([2]);
  });

  it("adapts before it has an input shape", () => {
    const layer = new Normalization();
    layer.adapt(tf.tensor2d(rows));
    expect(apply(layer, [[3, 4, 5, 8]])[0]).toEqual([1, 1, 1, 1]);
  });

  it("keeps one mean per feature of sequences on the last axis", () => {
    const layer = new Normalization();
    // Two samples of two steps: feature 0 takes 0, 2, 4, 6 and feature 1 takes 10 four times.
    layer.adapt(tf.tensor3d([[[0, 10], [2, 10]], [[4, 10], [6, 10]]]));
    const [mean, variance] = layer.tfjsLayer.getWeights().map((weight) => Array.from(weight.dataSync()));
    expect(mean).toEqual([3, 10]);
    expect(variance).toEqual([5, 0]);
  });

  it("divides a constant feature by a tiny deviation, not by zero", () => {
    const layer = new Normalization();
    layer.adapt([[1, 5], [3, 5]]);
    const [row] = apply(layer, [[2, 5]]);
    expect(row).toEqual([0, 0]);
  });

  it("takes a known mean and variance, and inverts", () => {
    const layer = new Normalization({ mean: [1, 2], variance: [4, 9], inputShape: [2] });
    new Sequential([layer]);
    expect(apply(layer, [[3, 8]])[0]).toEqual([1, 2]);
    const inverse = new Normalization({ mean: 1, variance: 4, invert: true, inputShape: [2] });
    new Sequential([inverse]);
    expect(apply(inverse, [[1, 2]])[0]).toEqual([3, 5]);
  });

  it("rejects statistics of the wrong length and a batch axis", () => {
    const wrongLength = new Normalization({ mean: [1, 2, 3], variance: 1, inputShape: [2] });
    expect(errorMessage("en", () => new Sequential([wrongLength]).summary())).toContain(
      "mean and variance need one value per feature (2), or a single number, but a list has 3.",
    );
    const batchAxis = new Normalization({ axis: 0 });
    expect(errorMessage("en", () => batchAxis.adapt(rows))).toContain("axis 0 does not fit inputs with 2 axes");
    expect(errorMessage("es", () => batchAxis.adapt(rows))).toContain("el eje 0 no sirve para entradas con 2 ejes");
  });

  it("trains inside a model and survives save and load", async () => {
    const normalizer = new Normalization({ inputShape: [4] });
    normalizer.adapt(rows);
    const model = new Sequential([normalizer, new Dense(2, { activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    await model.fit(rows, [0, 1], { epochs: 2, verbose: 0 });

    await model.save(join(folder, "normalized"));
    const loaded = await loadModel(join(folder, "normalized"));
    const expected = model.predict(rows);
    const actual = loaded.predict(rows);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([expected, actual]);
  });
});

describe("Bidirectional", () => {
  it("doubles the wrapped layer's outputs, or merges them", () => {
    const concat = new Sequential([new Bidirectional(new GRU(3), { inputShape: [5, 2] })]);
    expect(concat.layers[0].outputShape).toEqual([null, 6]);
    const summed = new Sequential([new Bidirectional(new GRU(3, { inputShape: [5, 2] }), { merge_mode: "sum" })]);
    expect(summed.layers[0].outputShape).toEqual([null, 3]);
    const averaged = new Sequential([new Bidirectional(new GRU(3), { mergeMode: "ave", inputShape: [5, 2] })]);
    expect(averaged.layers[0].outputShape).toEqual([null, 3]);
  });

  it("rejects a layer that is not recurrent, and an unknown merge mode", () => {
    expect(errorMessage("en", () => new Bidirectional(new Dense(3) as never))).toContain("Bidirectional wraps a recurrent layer");
    expect(errorMessage("en", () => new Bidirectional(new LSTM(3), { mergeMode: "max" as never }))).toContain(
      'mergeMode must be one of "concat", "sum", "mul", "ave"',
    );
  });

  it("predicts the same after save and load", async () => {
    const model = new Sequential([new Bidirectional(new LSTM(4), { inputShape: [3, 2] }), new Dense(1)]);
    const sequences = tf.randomNormal([2, 3, 2], 0, 1, "float32", 7);
    await model.save(join(folder, "bidirectional"));
    const loaded = await loadModel(join(folder, "bidirectional"));
    const expected = model.predict(sequences);
    const actual = loaded.predict(sequences);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([sequences, expected, actual]);
  });
});
