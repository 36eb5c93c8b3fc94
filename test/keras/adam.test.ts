import * as tf from "@tensorflow/tfjs";
import { KerasAdam } from "../../src/keras/adam";
import { resolveOptimizer } from "../../src/keras/names";
import { Adam } from "../../src/keras/optimizers";

const GRADIENTS = [
  [0.5, -1, 2],
  [0.1, 0.2, -0.3],
  [-1, 0, 1],
];

/** Returns the values of w after each gradient, by Keras's Adam update written out with numbers. */
function kerasAdamByHand(start: number[], gradients: number[][], rate: number, beta1: number, beta2: number, epsilon: number): number[] {
  let m = start.map(() => 0);
  let v = start.map(() => 0);
  let w = [...start];
  gradients.forEach((g, k) => {
    const step = k + 1;
    const alpha = (rate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
    m = m.map((mi, i) => mi + (g[i] - mi) * (1 - beta1));
    v = v.map((vi, i) => vi + (g[i] ** 2 - vi) * (1 - beta2));
    w = w.map((wi, i) => wi - (alpha * m[i]) / (Math.sqrt(v[i]) + epsilon));
  });
  return w;
}

/** Returns the gradient of variable with the given values, as an optimizer takes it. */
function gradient(variable: tf.Variable, values: number[]): { name: string; tensor: tf.Tensor }[] {
  return [{ name: variable.name, tensor: tf.tensor1d(values) }];
}

describe("KerasAdam", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("updates a variable as Keras's formula does", () => {
    const weights = tf.variable(tf.tensor1d([1, -2, 3]));
    const optimizer = new KerasAdam(0.01, 0.9, 0.999, 1e-7);
    for (const values of GRADIENTS) optimizer.applyGradients(gradient(weights, values));

    const expected = kerasAdamByHand([1, -2, 3], GRADIENTS, 0.01, 0.9, 0.999, 1e-7);
    Array.from(weights.dataSync()).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
    optimizer.dispose();
    weights.dispose();
  });

  it("uses a learning rate changed between steps", () => {
    const weights = tf.variable(tf.tensor1d([1, -2, 3]));
    const optimizer = new KerasAdam(0.01, 0.9, 0.999, 1e-7);
    optimizer.applyGradients(gradient(weights, GRADIENTS[0]));
    const afterFirst = Array.from(weights.dataSync());
    // ReduceLROnPlateau changes the rate this way.
    (optimizer as unknown as { learningRate: number }).learningRate = 0;
    optimizer.applyGradients(gradient(weights, GRADIENTS[1]));

    expect(Array.from(weights.dataSync())).toEqual(afterFirst);
    optimizer.dispose();
    weights.dispose();
  });

  it("resumes from TF.js's weights", async () => {
    const first = tf.variable(tf.tensor1d([1, -2, 3]));
    const second = tf.variable(tf.tensor1d([1, -2, 3]));
    const running = new KerasAdam(0.01, 0.9, 0.999, 1e-7);
    const resumed = new KerasAdam(0.01, 0.9, 0.999, 1e-7);
    running.applyGradients(gradient(first, GRADIENTS[0]));
    running.applyGradients(gradient(first, GRADIENTS[1]));
    second.assign(first);

    const saved = await running.getWeights();
    expect(saved.map((weight) => weight.name)).toEqual(["iter", `${first.name}/m`, `${first.name}/v`]);
    await resumed.setWeights(saved);
    running.applyGradients(gradient(first, GRADIENTS[2]));
    resumed.applyGradients(gradient(second, GRADIENTS[2]));

    expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
    running.dispose();
    resumed.dispose();
    tf.dispose([first, second]);
  });

  it("frees its tensors when disposed", () => {
    const before = tf.memory().numTensors;
    const weights = tf.tidy(() => tf.variable(tf.tensor1d([1, 2])));
    const optimizer = new KerasAdam(0.01, 0.9, 0.999, 1e-7);
    tf.tidy(() => optimizer.applyGradients(gradient(weights, [0.5, 0.5])));
    optimizer.dispose();
    weights.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("backs both adam spellings", () => {
    expect(resolveOptimizer("adam")).toBeInstanceOf(KerasAdam);
    expect(resolveOptimizer(new Adam({ learning_rate: 0.01 }))).toBeInstanceOf(KerasAdam);
    expect(resolveOptimizer("adam").getClassName()).toBe("Adam");
  });
});
