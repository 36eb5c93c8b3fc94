import * as tf from "@tensorflow/tfjs";
import { KerasAdam } from "../../src/keras/adam";
import { LambdaCallback, ReduceLROnPlateau } from "../../src/keras/callbacks";
import { prepareGraphTraining } from "../../src/keras/graph-training";
import { Input } from "../../src/keras/input";
import { Dense } from "../../src/keras/layers";
import { resolveLoss, resolveMetric } from "../../src/keras/names";
import { SGD } from "../../src/keras/optimizers";
import { Dropout, Flatten } from "../../src/keras/reshaping";
import { Sequential } from "../../src/keras/sequential";
import { selectBackend } from "../../src/runtime/backend";
import { GraphSession } from "../../src/runtime/tf-graph/session";
import { describeWithNative } from "../environment/native-backend";

// On tfjs-node, fit() runs each batch of a Dense stack as one TensorFlow graph call. These tests train
// the same models with graph steps and with TF.js's eager steps (TSKERAS_GRAPH_TRAINING=0) and expect
// the same numbers. They need tfjs-node (scripts/tfjs-node-offline.sh) and are skipped without it.

/** Makes deterministic values in [-1, 1] of a shape. */
function values(shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((product, size) => product * size, 1);
  return tf.tensor(Array.from({ length: size }, (_, i) => Math.sin(seed * 13.7 + i * 0.37)), shape);
}

/** Makes one-hot rows of n samples over classes. */
function oneHot(n: number, classes: number): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7) % classes), "int32"), classes).toFloat());
}

/** Runs train with graph steps on or off and counts the graph calls it made. */
async function withGraphSteps<T>(enabled: boolean, train: () => Promise<T>): Promise<{ result: T; graphCalls: number }> {
  const before = process.env.TSKERAS_GRAPH_TRAINING;
  process.env.TSKERAS_GRAPH_TRAINING = enabled ? "1" : "0";
  const run = jest.spyOn(GraphSession.prototype, "run");
  try {
    const result = await train();
    return { result, graphCalls: run.mock.calls.length };
  } finally {
    run.mockRestore();
    if (before === undefined) delete process.env.TSKERAS_GRAPH_TRAINING;
    else process.env.TSKERAS_GRAPH_TRAINING = before;
  }
}

/** Runs train with graph steps, then with eager steps. */
async function bothWays<T>(train: () => Promise<T>) {
  const graph = await withGraphSteps(true, train);
  const eager = await withGraphSteps(false, train);
  return { graph, eager };
}

/** Returns the largest absolute difference between two lists of numbers of the same length. */
function maxDifference(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(0, ...a.map((value, i) => Math.abs(value - b[i])));
}

/** Builds the tutorial's model at a small size, with fixed starting weights. */
function tutorialModel(inputs = 12, classes = 4): Sequential {
  const model = new Sequential([new Dense({ units: 16, activation: "relu", inputShape: [inputs] }), new Dense({ units: classes, activation: "softmax" })]);
  model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
  model.setWeights([values([inputs, 16], 1).mul(0.5), values([16], 2).mul(0.1), values([16, classes], 3).mul(0.5), values([classes], 4).mul(0.1)]);
  return model;
}

/** Returns every weight of a model, flattened into one list. */
function flatWeights(model: Sequential): number[] {
  const weights = model.getWeights();
  const flat = weights.flatMap((weight) => Array.from(weight.dataSync()));
  tf.dispose(weights);
  return flat;
}

describeWithNative("graph training on tfjs-node", () => {
  beforeAll(async () => {
    await selectBackend(tf, "tensorflow");
  });

  it("trains the tutorial's model as eager steps do", async () => {
    const x = values([50, 12], 5);
    const y = oneHot(50, 4);
    // 45 training samples in batches of 16: two full batches and one of 13, three epochs.
    const train = async () => {
      const model = tutorialModel();
      const history = await model.fit(x, y, { epochs: 3, batchSize: 16, shuffle: false, validationSplit: 0.1, verbose: 0 });
      return { history: history.history, weights: flatWeights(model) };
    };

    const { graph, eager } = await bothWays(train);
    expect(graph.graphCalls).toBe(9);
    expect(eager.graphCalls).toBe(0);
    for (const series of ["loss", "accuracy", "val_loss", "val_accuracy"]) {
      expect(maxDifference(graph.result.history[series], eager.result.history[series])).toBeLessThan(1e-5);
    }
    expect(maxDifference(graph.result.weights, eager.result.weights)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it("shares Adam's state with eager steps", async () => {
    const x = values([32, 12], 6);
    const y = oneHot(32, 4);
    const eagerOnly = tutorialModel();
    await withGraphSteps(false, () => eagerOnly.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 }));

    const mixed = tutorialModel();
    await withGraphSteps(true, () => mixed.fit(x, y, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 }));
    await withGraphSteps(false, () => mixed.fit(x, y, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 }));

    expect(maxDifference(flatWeights(mixed), flatWeights(eagerOnly))).toBeLessThan(1e-5);
    const optimizer = mixed.tfjsModel?.optimizer as KerasAdam;
    expect(optimizer.iterations).toBe(8);
    tf.dispose([x, y]);
  });

  it("follows a learning rate that callbacks change", async () => {
    const x = values([40, 12], 7);
    const y = oneHot(40, 4);
    const train = async () => {
      const model = tutorialModel();
      const halve = new LambdaCallback({
        on_epoch_end: () => {
          const optimizer = model.tfjsModel?.optimizer as unknown as { learningRate: number };
          optimizer.learningRate /= 2;
        },
      });
      await model.fit(x, y, { epochs: 3, batchSize: 10, shuffle: false, verbose: 0, callbacks: [halve, new ReduceLROnPlateau({ monitor: "loss" })] });
      return flatWeights(model);
    };
    const { graph, eager } = await bothWays(train);
    expect(graph.graphCalls).toBe(12);
    expect(maxDifference(graph.result, eager.result)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it("trains mean squared error after a Flatten", async () => {
    const x = values([24, 3, 4], 8);
    const y = values([24, 2], 9);
    const train = async () => {
      const model = new Sequential([
        new Flatten({ inputShape: [3, 4] }),
        new Dense({ units: 8, activation: "sigmoid" }),
        new Dense({ units: 8, activation: "tanh" }),
        new Dense({ units: 2, useBias: false }),
      ]);
      model.compile({ optimizer: "adam", loss: "mse", metrics: ["mse"] });
      model.setWeights([values([12, 8], 10), values([8], 11), values([8, 8], 12), values([8], 13), values([8, 2], 14)]);
      const history = await model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
      return { history: history.history, weights: flatWeights(model) };
    };
    const { graph, eager } = await bothWays(train);
    expect(graph.graphCalls).toBe(6);
    expect(maxDifference(graph.result.history.loss, eager.result.history.loss)).toBeLessThan(1e-5);
    expect(maxDifference(graph.result.history.mse, eager.result.history.mse)).toBeLessThan(1e-5);
    expect(maxDifference(graph.result.weights, eager.result.weights)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it("trains a smaller last batch", async () => {
    const x = values([20, 12], 19);
    const y = oneHot(20, 4);
    const train = async () => {
      const model = new Sequential([Input([12], { batchSize: 8 }), new Dense({ units: 4, activation: "softmax" })]);
      model.compile({ optimizer: "adam", loss: "categorical_crossentropy" });
      model.setWeights([values([12, 4], 20), values([4], 21)]);
      const history = await model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
      return history.history.loss;
    };
    const { graph, eager } = await bothWays(train);
    expect(graph.graphCalls).toBe(6);
    expect(maxDifference(graph.result, eager.result)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it("reuses its graph until recompiled", async () => {
    const x = values([16, 12], 22);
    const y = oneHot(16, 4);
    const backend = tf.backend() as unknown as { loadSavedModelMetaGraph(path: string, tags: string): number };
    const loads = jest.spyOn(backend, "loadSavedModelMetaGraph");
    try {
      const model = tutorialModel();
      const { graphCalls } = await withGraphSteps(true, async () => {
        await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
        await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
      });
      expect(graphCalls).toBe(4);
      expect(loads).toHaveBeenCalledTimes(1);

      model.compile({ optimizer: "adam", loss: "mse" });
      await withGraphSteps(true, () => model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }));
      expect(loads).toHaveBeenCalledTimes(2);
    } finally {
      loads.mockRestore();
      tf.dispose([x, y]);
    }
  });

  it("leaves no more tensors than eager steps", async () => {
    const x = values([40, 12], 15);
    const y = oneHot(40, 4);
    const tensorsAdded = async (enabled: boolean) => {
      const model = tutorialModel();
      const before = tf.memory().numTensors;
      await withGraphSteps(enabled, () => model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 }));
      return tf.memory().numTensors - before;
    };
    expect(await tensorsAdded(true)).toBe(await tensorsAdded(false));
    tf.dispose([x, y]);
  });

  it("takes batches with sample weights eagerly", async () => {
    const x = values([30, 12], 16);
    const y = oneHot(30, 4);
    const train = async () => {
      const model = tutorialModel();
      await model.fit(x, y, { epochs: 1, batchSize: 10, shuffle: false, verbose: 0, classWeight: { 0: 1, 1: 2, 2: 1, 3: 0.5 } });
      return flatWeights(model);
    };
    const { graph, eager } = await bothWays(train);
    expect(graph.graphCalls).toBe(0);
    expect(maxDifference(graph.result, eager.result)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
  });

  it.each([
    ["a Dropout layer", () => [new Dense({ units: 4, inputShape: [3] }), new Dropout({ rate: 0.5 }), new Dense({ units: 2, activation: "softmax" })], "adam", "categorical_crossentropy", /is a Dropout/],
    ["an optimizer other than Adam", () => [new Dense({ units: 2, activation: "softmax", inputShape: [3] })], new SGD(), "categorical_crossentropy", /not the facade's Adam/],
    ["a loss without a graph form", () => [new Dense({ units: 2, activation: "softmax", inputShape: [3] })], "adam", "sparse_categorical_crossentropy", /sparse_categorical_crossentropy has no graph form/],
    ["an activation without a graph form", () => [new Dense({ units: 2, activation: "elu", inputShape: [3] })], "adam", "mse", /activation elu/],
  ])("names why a model with %s trains in eager mode", async (_name, layers, optimizer, loss, reason) => {
    const model = new Sequential(layers());
    model.compile({ optimizer: optimizer as "adam", loss, metrics: [] });
    const x = values([6, 3], 17);
    const y = loss === "sparse_categorical_crossentropy" ? tf.zeros([6, 1]) : oneHot(6, 2);
    const { graphCalls } = await withGraphSteps(true, () => model.fit(x, y, { epochs: 1, verbose: 0 }));
    expect(graphCalls).toBe(0);
    const tfModel = model.tfjsModel as tf.Sequential;
    expect(prepareGraphTraining(tfModel, { loss: resolveLoss(loss).kerasName, metrics: [] })).toMatch(reason);
    tf.dispose([x, y]);
  });

  it("names regularizers, frozen layers and metrics", () => {
    const compiled = (model: tf.Sequential) => {
      model.compile({ optimizer: new KerasAdam(0.001, 0.9, 0.999, 1e-7), loss: "categoricalCrossentropy" });
      return model;
    };
    const regularized = compiled(tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelRegularizer: tf.regularizers.l2() })] }));
    expect(prepareGraphTraining(regularized, { loss: "categorical_crossentropy", metrics: [] })).toMatch(/regularizer or a constraint/);

    const frozen = compiled(tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], trainable: false }), tf.layers.dense({ units: 2 })] }));
    expect(prepareGraphTraining(frozen, { loss: "categorical_crossentropy", metrics: [] })).toMatch(/is frozen/);

    const plain = compiled(tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] }));
    expect(prepareGraphTraining(plain, { loss: "categorical_crossentropy", metrics: [resolveMetric("mae")] })).toMatch(/metric mae/);
    const ready = prepareGraphTraining(plain, { loss: "categorical_crossentropy", metrics: [resolveMetric("accuracy")] });
    expect(typeof ready).not.toBe("string");
    if (typeof ready !== "string") ready.dispose();
  });

  it("stays off when disabled or on cpu", async () => {
    const model = tutorialModel();
    const x = values([8, 12], 18);
    const y = oneHot(8, 4);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const tfModel = model.tfjsModel as tf.Sequential;
    const settings = { loss: "categorical_crossentropy", metrics: [resolveMetric("accuracy")] };

    process.env.TSKERAS_GRAPH_TRAINING = "0";
    try {
      expect(prepareGraphTraining(tfModel, settings)).toBe("TSKERAS_GRAPH_TRAINING is 0");
    } finally {
      delete process.env.TSKERAS_GRAPH_TRAINING;
    }
    await tf.setBackend("cpu");
    try {
      expect(prepareGraphTraining(tfModel, settings)).toBe("the backend is cpu");
    } finally {
      await tf.setBackend("tensorflow");
    }
    tf.dispose([x, y]);
  });
});
