import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { History } from "../../src/keras/history";
import { Input } from "../../src/keras/input";
import { Activation, Dense } from "../../src/keras/layers";
import { Conv2D } from "../../src/keras/convolutional";
import { Sequential } from "../../src/keras/sequential";
import { clearSession, toCategorical } from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  clearSession();
});

/** Builds a model of the tutorial's shape: 4 inputs, 64 relu units, 3 softmax outputs. */
function tutorialModel(): Sequential {
  const model = new Sequential();
  model.add(new Dense({ units: 64, activation: "relu", inputShape: [4] }));
  model.add(new Dense({ units: 3, activation: "softmax" }));
  return model;
}

/** Returns twelve samples of 4 features in 3 separable classes, as nested arrays. */
function smallData(): { x: number[][]; labels: number[] } {
  const x: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 12; i++) {
    const label = i % 3;
    x.push([label, label * 2, 1 - label, i / 12]);
    labels.push(label);
  }
  return { x, labels };
}

describe("Sequential construction", () => {
  it("counts the tutorial model's 515 parameters", () => {
    const model = tutorialModel();
    expect(model.countParams()).toBe(4 * 64 + 64 + 64 * 3 + 3);
    expect(model.countParams()).toBe(515);
    expect(model.layers.map((layer) => layer.countParams())).toEqual([320, 195]);
  });

  it("names models and layers like Keras", () => {
    const first = tutorialModel();
    const second = tutorialModel();
    expect(first.name).toBe("sequential");
    expect(second.name).toBe("sequential_1");
    expect(first.layers.map((layer) => layer.name)).toEqual(["dense", "dense_1"]);
    expect(second.layers.map((layer) => layer.name)).toEqual(["dense_2", "dense_3"]);
  });

  it("takes a list of layers and a name", () => {
    const model = new Sequential([new Dense(8, { inputShape: [2] }), new Activation("relu"), new Dense(1)], { name: "mine" });
    expect(model.name).toBe("mine");
    expect(model.layers.map((layer) => layer.className)).toEqual(["Dense", "Activation", "Dense"]);
    expect(model.countParams()).toBe(2 * 8 + 8 + 8 + 1);
  });

  it("takes TF.js-style options", () => {
    const model = new Sequential({ name: "opts", layers: [new Dense(2, { inputShape: [3] })] });
    expect(model.name).toBe("opts");
    expect(model.countParams()).toBe(8);
  });

  it("builds at once when the first layer has input_shape or inputShape", () => {
    const snake = new Sequential([new Dense(5, { input_shape: [4] })]);
    const camel = new Sequential([new Dense(5, { inputShape: [4] })]);
    expect(snake.built).toBe(true);
    expect(camel.built).toBe(true);
    expect(snake.layers[0].outputShape).toEqual([null, 5]);
    expect(snake.countParams()).toBe(camel.countParams());
  });

  it("waits for data when no layer has an input shape", () => {
    const model = new Sequential([new Dense(4), new Dense(2)]);
    expect(model.built).toBe(false);
    expect(() => model.countParams()).toThrow(ValueError);
    expect(errorMessage("en", () => model.countParams())).toContain('Model "sequential" is not built yet');
    const output = model.predict([[1, 2, 3]]);
    expect(model.built).toBe(true);
    expect(output.shape).toEqual([1, 2]);
    expect(model.countParams()).toBe(3 * 4 + 4 + 4 * 2 + 2);
    output.dispose();
  });

  it("builds from an explicit input shape", () => {
    const model = new Sequential([new Dense(4)]);
    model.build([null, 6]);
    expect(model.countParams()).toBe(28);
  });

  it("rejects something that is not a layer", () => {
    const model = new Sequential();
    expect(() => model.add(tf.layers.dense({ units: 1 }) as never)).toThrow(ValueError);
    expect(errorMessage("en", () => model.add(42 as never))).toBe(
      "Sequential.add() expects a layer such as new Dense(3), but got 42.",
    );
    expect(errorMessage("es", () => model.add("dense" as never))).toBe(
      "Sequential.add() espera una capa como new Dense(3), pero recibió 'dense'.",
    );
  });

  it("lists layers as a copy", () => {
    const model = tutorialModel();
    model.layers.pop();
    expect(model.layers).toHaveLength(2);
  });
});

describe("Sequential.summaryData()", () => {
  it("describes the tutorial model", () => {
    expect(tutorialModel().summaryData()).toEqual({
      modelName: "sequential",
      built: true,
      layers: [
        { name: "dense", className: "Dense", outputShape: [null, 64], params: 320 },
        { name: "dense_1", className: "Dense", outputShape: [null, 3], params: 195 },
      ],
      trainableParams: 515,
      nonTrainableParams: 0,
    });
  });

  it("counts frozen layers as non-trainable", () => {
    const model = new Sequential([new Dense(64, { inputShape: [4], trainable: false }), new Dense(3)]);
    const summary = model.summaryData();
    expect(summary.trainableParams).toBe(195);
    expect(summary.nonTrainableParams).toBe(320);
  });

  it("leaves shapes and counts out before the model is built", () => {
    const summary = new Sequential([new Dense(4)]).summaryData();
    expect(summary.built).toBe(false);
    expect(summary.layers[0].outputShape).toBeUndefined();
    expect(summary.layers[0].params).toBeUndefined();
  });
});

describe("Sequential.compile()", () => {
  it("rejects unknown names at once", () => {
    const model = tutorialModel();
    expect(() => model.compile({ optimizer: "adamm" })).toThrow(ValueError);
    expect(() => model.compile({ loss: "categorical" })).toThrow(ValueError);
    expect(() => model.compile({ loss: "mse", metrics: ["acuracy"] })).toThrow(ValueError);
  });

  it("rejects an unknown option", () => {
    expect(errorMessage("en", () => tutorialModel().compile({ lr: 0.1 } as never))).toContain(
      'compile() does not accept the option "lr".',
    );
  });

  it("accepts TF.js names and a single metric string", () => {
    const model = tutorialModel();
    model.compile({ optimizer: "Adam", loss: "categoricalCrossentropy", metrics: "accuracy" });
    expect(model.metricsNames()).toEqual(["loss", "accuracy"]);
  });
});

describe("Sequential.fit()", () => {
  it("returns a History with Keras's key names", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
    const history = await model.fit(x, toCategorical(labels, 3), { epochs: 3, batch_size: 4, validation_split: 0.25, verbose: 0 });
    expect(history).toBeInstanceOf(History);
    expect(Object.keys(history.history)).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
    expect(history.epoch).toEqual([0, 1, 2]);
    for (const values of Object.values(history.history)) {
      expect(values).toHaveLength(3);
      for (const value of values) expect(typeof value).toBe("number");
    }
    expect(history.params).toEqual({ epochs: 3, steps: 3, verbose: 0 });
    expect(model.history).toBe(history);
  });

  it("splits more samples than Input()'s batch size", async () => {
    const model = new Sequential([Input([4], { batchSize: 8 }), new Dense({ units: 3, activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy" });
    const x = tf.randomNormal([20, 4]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 20 }, (_, i) => i % 3), "int32"), 3);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    const predictions = model.predict(x) as tf.Tensor;
    expect(predictions.shape).toEqual([20, 3]);
    expect(typeof (await model.evaluate(x, y, { batchSize: 8 }))).toBe("number");
    tf.dispose([x, y, predictions]);
  });

  it("keeps the metric name as written", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["acc", "mse"] });
    const history = await model.fit(x, labels, { epochs: 1, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(["loss", "acc", "mse"]);
  });

  it("trains on integer labels with sparse_categorical_crossentropy", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
    const history = await model.fit(tf.tensor2d(x), tf.tensor1d(labels, "int32"), { epochs: 2, verbose: 0 });
    expect(history.history.accuracy).toHaveLength(2);
  });

  it("accepts validationData", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
    const y = toCategorical(labels, 3);
    const history = await model.fit(x, y, { epochs: 2, validationData: [x, y], verbose: 0 });
    expect(history.history.val_accuracy).toHaveLength(2);
  });

  it("builds a model without input shape from the data", async () => {
    const { x, labels } = smallData();
    const model = new Sequential([new Dense(8, { activation: "relu" }), new Dense(3, { activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    await model.fit(x, labels, { epochs: 1, verbose: 0 });
    expect(model.countParams()).toBe(4 * 8 + 8 + 8 * 3 + 3);
  });

  it("passes Keras log names to the user's callbacks", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
    const seen: string[][] = [];
    await model.fit(x, toCategorical(labels, 3), {
      epochs: 2,
      verbose: 0,
      callbacks: { onEpochEnd: async (_epoch, logs) => void seen.push(Object.keys(logs ?? {})) },
    });
    expect(seen).toEqual([
      ["loss", "accuracy"],
      ["loss", "accuracy"],
    ]);
  });

  it("stops when a callback sets stopTraining", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    const history = await model.fit(x, labels, {
      epochs: 10,
      verbose: 0,
      callbacks: { onEpochEnd: async (epoch) => void (model.stopTraining = epoch >= 1) },
    });
    expect(history.epoch).toEqual([0, 1]);
  });

  it("refuses to train before compile", () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    expect(() => model.fit(x, labels)).toThrow(ValueError);
    expect(errorMessage("en", () => model.fit(x, labels))).toContain("Compile the model before calling fit()");
    expect(errorMessage("es", () => model.fit(x, labels))).toContain("Compila el modelo antes de llamar a fit()");
  });

  it("refuses to train without a loss", () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam" });
    expect(errorMessage("en", () => model.fit(x, labels))).toContain("compile() needs a loss");
    expect(errorMessage("es", () => model.fit(x, labels))).toContain("compile() necesita una función de pérdida");
  });

  it("refuses to train a model without layers", () => {
    const model = new Sequential();
    model.compile({ loss: "mse" });
    expect(errorMessage("en", () => model.fit([[1]], [[1]]))).toContain("The model has no layers, so fit() cannot run.");
  });

  it("explains integer labels given to categorical_crossentropy", () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy" });
    const english = errorMessage("en", () => model.fit(x, labels));
    expect(english).toContain("The model's output has shape (None, 3), but y has shape (12,).");
    expect(english).toContain("utils.toCategorical(y, 3)");
    expect(english).toContain('"sparse_categorical_crossentropy"');
    const spanish = errorMessage("es", () => model.fit(x, labels));
    expect(spanish).toContain("La salida del modelo tiene forma (None, 3), pero y tiene forma (12,).");
    expect(spanish).toContain("utils.toCategorical(y, 3)");
  });

  it("suggests Flatten when a convolution's output meets 2-D labels", () => {
    const model = new Sequential([new Conv2D(4, 3, { inputShape: [8, 8, 1] }), new Dense(3, { activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy" });
    const images = tf.zeros([2, 8, 8, 1]);
    const labels = tf.oneHot([0, 1], 3);
    const english = errorMessage("en", () => model.fit(images, labels));
    expect(english).toContain("The model's output has shape (None, 6, 6, 3), but y has shape (2, 3).");
    expect(english).toContain("add new Flatten()");
    expect(errorMessage("es", () => model.fit(images, labels))).toContain("añade new Flatten()");
    tf.dispose([images, labels]);
  });

  it("rejects inputs of the wrong width", () => {
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    expect(errorMessage("en", () => model.fit([[1, 2, 3]], [0]))).toBe(
      "The model expects inputs of shape (None, 4), but x has shape (1, 3). Check the columns of x, or the inputShape of the first layer.",
    );
  });

  it("rejects x and y of different lengths", () => {
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    expect(errorMessage("en", () => model.fit([[1, 2, 3, 4]], [0, 1]))).toBe(
      "x has 1 samples but y has 2. Both need one row per sample.",
    );
  });

  it("rejects ragged and non-numeric data", () => {
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    expect(errorMessage("en", () => model.fit([[1, 2, 3, 4], [1, 2]], [0, 1]))).toContain(
      "x must be a tf.Tensor or an array of numbers whose rows all have the same length",
    );
    expect(errorMessage("en", () => model.fit([[1, 2, "3", 4]] as never, [0]))).toBe(
      "x must contain only numbers, but contains '3'.",
    );
    expect(errorMessage("en", () => model.fit("data" as never, [0]))).toContain("but got 'data'.");
  });

  it("rejects a disposed tensor", () => {
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    const x = tf.zeros([2, 4]);
    x.dispose();
    expect(errorMessage("en", () => model.fit(x, [0, 1]))).toContain("x is a tensor that was disposed");
  });

  it.each([
    [{ epochs: 0 }, "fit(): epochs must be a positive integer, but got 0."],
    [{ batchSize: 1.5 }, "fit(): batchSize must be a positive integer, but got 1.5."],
    [{ validationSplit: 1 }, "fit(): validationSplit must be a number from 0 and less than 1, but got 1."],
    [{ shuffle: "yes" }, "fit(): shuffle must be true or false, but got 'yes'."],
    [{ verbose: 3 }, 'fit(): verbose must be 0, 1, 2 or "auto", but got 3.'],
    [{ validationData: [1] }, "fit(): validationData must be an array [x, y] of inputs and targets, but got [ 1 ]."],
    [{ batch_size: 4, batchSize: 4 }, 'fit() received both "batch_size" and "batchSize", which are the same option. Keep only one of them.'],
  ])("rejects fit options %p", (options, message) => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    expect(errorMessage("en", () => model.fit(x, labels, options as never))).toBe(message);
  });
});

describe("Sequential.evaluate()", () => {
  it("returns [loss, accuracy] as plain numbers", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
    const [loss, accuracy] = await model.evaluate(x, toCategorical(labels, 3));
    expect(typeof loss).toBe("number");
    expect(typeof accuracy).toBe("number");
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
  });

  it("returns the loss alone without metrics", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    const loss = await model.evaluate(x, labels);
    expect(typeof loss).toBe("number");
    expect(Number.isFinite(loss)).toBe(true);
  });

  it("returns a record with returnDict", async () => {
    const { x, labels } = smallData();
    const model = tutorialModel();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
    const result = await model.evaluate(x, labels, { return_dict: true });
    expect(Object.keys(result)).toEqual(["loss", "accuracy"]);
  });

  it("refuses to run before compile", () => {
    const { x, labels } = smallData();
    expect(errorMessage("en", () => tutorialModel().evaluate(x, labels))).toContain("before calling evaluate()");
  });
});

describe("Sequential.predict()", () => {
  it("returns a tensor of one row per sample", () => {
    const { x } = smallData();
    const output = tutorialModel().predict(x);
    expect(output).toBeInstanceOf(tf.Tensor);
    expect(output.shape).toEqual([12, 3]);
    const rowSums = tf.tidy(() => output.sum(1).arraySync() as number[]);
    for (const sum of rowSums) expect(sum).toBeCloseTo(1, 5);
    output.dispose();
  });

  it("works without compile", () => {
    const output = tutorialModel().predict(tf.zeros([2, 4]));
    expect(output.shape).toEqual([2, 3]);
    output.dispose();
  });

  it("rejects a single sample without its batch axis", () => {
    expect(errorMessage("en", () => tutorialModel().predict([5.1, 3.5, 1.4, 0.2]))).toContain(
      "The model expects inputs of shape (None, 4), but x has shape (4,).",
    );
  });

  it("shows a flat sample as one row", () => {
    const english = errorMessage("en", () => tutorialModel().predict([5.1, 3.5, 1.4, 0.2]));
    expect(english).toContain("x looks like one sample");
    expect(english).toContain("[[5.1, 3.5, 1.4, 0.2]]");
    expect(english).toContain("x.reshape([1, 4])");
    const spanish = errorMessage("es", () => tutorialModel().predict([5.1, 3.5, 1.4, 0.2]));
    expect(spanish).toContain("x parece una sola muestra");
    expect(spanish).toContain("[[5.1, 3.5, 1.4, 0.2]]");
  });

  it("shows one value per sample as one column", () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    const message = errorMessage("en", () => model.predict(tf.tensor1d([1, 2, 3])));
    expect(message).toContain("x has shape (3,)");
    expect(message).toContain("x.reshape([3, 1])");
    expect(errorMessage("es", () => model.predict([1, 2, 3]))).toContain("conviértelo en una columna con x.reshape([3, 1])");
  });

  it("quotes no values of a long flat sample", () => {
    const model = new Sequential([new Dense(2, { inputShape: [20] })]);
    const message = errorMessage("en", () => model.predict(Array.from({ length: 20 }, (_, i) => i)));
    expect(message).toContain("write it as a list of rows, or use x.reshape([1, 20])");
  });
});
