import * as tf from "@tensorflow/tfjs";
import { Dense } from "../../src/keras/layers";
import { Sequential } from "../../src/keras/sequential";
import { selectBackend } from "../../src/runtime/backend";
import { describeWithNative } from "../environment/native-backend";

// The native TensorFlow backend (tfjs-node) against the WebAssembly backend that every offline install
// has: the same ops and the same training steps give the same numbers within float32 tolerance.
// tfjs-node is optional; scripts/tfjs-node-offline.sh installs it, and without it these tests are skipped.

beforeAll(async () => {
  await selectBackend(tf, "wasm");
});

/** Runs compute on a backend and returns its result as nested arrays, disposing every tensor it made. */
async function on<T>(backend: string, compute: () => tf.Tensor | Promise<T>): Promise<unknown> {
  await tf.setBackend(backend);
  const result = await compute();
  if (result instanceof tf.Tensor) {
    const values = result.arraySync();
    result.dispose();
    return values;
  }
  return result;
}

/** Returns the largest absolute difference between two nested arrays of numbers of the same shape. */
function maxDifference(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return Math.max(0, ...a.map((item, i) => maxDifference(item, b[i])));
  throw new Error(`different shapes: ${JSON.stringify(a)?.slice(0, 80)} and ${JSON.stringify(b)?.slice(0, 80)}`);
}

const values = (shape: number[], seed: number) => {
  const size = shape.reduce((product, size) => product * size, 1);
  return tf.tensor(Array.from({ length: size }, (_, i) => Math.sin(seed * 13.7 + i * 0.37)), shape);
};

const ops: Array<[string, () => tf.Tensor]> = [
  ["matMul", () => tf.tidy(() => tf.matMul(values([32, 784], 1), values([784, 64], 2)))],
  ["matMul with transposes", () => tf.tidy(() => tf.matMul(values([784, 32], 3), values([64, 784], 4), true, true))],
  ["conv2d", () => tf.tidy(() => tf.conv2d(values([2, 8, 8, 3], 5) as tf.Tensor4D, values([3, 3, 3, 4], 6) as tf.Tensor4D, 1, "same"))],
  ["softmax", () => tf.tidy(() => tf.softmax(values([4, 10], 7).mul(5)))],
  ["sum over an axis", () => tf.tidy(() => values([16, 50], 8).sum(1))],
  ["slice of rows", () => tf.tidy(() => values([100, 20], 9).slice([40, 0], [32, 20]))],
];

describeWithNative("tensorflow and wasm backends", () => {
  it.each(ops)("agree on %s", async (_name, compute) => {
    const native = await on("tensorflow", compute);
    const wasm = await on("wasm", compute);
    expect(maxDifference(native, wasm)).toBeLessThan(1e-3);
  });

  it("train the same model to the same losses", async () => {
    const train = async () => {
      const model = new Sequential([new Dense(8, { activation: "relu", inputShape: [4] }), new Dense(3, { activation: "softmax" })]);
      model.compile({ optimizer: "sgd", loss: "categorical_crossentropy" });
      // The same starting weights on both backends, whatever their random generators do.
      model.setWeights([values([4, 8], 10).mul(0.5), tf.zeros([8]), values([8, 3], 11).mul(0.5), tf.zeros([3])]);
      const x = values([24, 4], 12);
      const y = tf.oneHot(tf.tensor1d(Array.from({ length: 24 }, (_, i) => i % 3), "int32"), 3);
      const history = await model.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
      tf.dispose([x, y]);
      return history.history.loss;
    };
    const native = (await on("tensorflow", train)) as number[];
    const wasm = (await on("wasm", train)) as number[];
    expect(native).toHaveLength(5);
    expect(maxDifference(native, wasm)).toBeLessThan(1e-4);
  });
});
