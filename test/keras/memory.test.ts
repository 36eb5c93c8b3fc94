import * as tf from "@tensorflow/tfjs";
import { formatValue } from "../../src/display/formatters";
import { iris } from "../../src/keras/datasets";
import "../../src/keras/index";
import { Dense } from "../../src/keras/layers";
import { Sequential } from "../../src/keras/sequential";
import { toCategorical } from "../../src/keras/utils";
import { captureOutputs, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

function trainedSetup() {
  const data = iris();
  const model = new Sequential([new Dense(16, { activation: "relu", inputShape: [4] }), new Dense(3, { activation: "softmax" })]);
  model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
  return { data, model };
}

describe("tensor memory", () => {
  it("does not grow over repeated evaluate and predict-display calls", async () => {
    const { data, model } = trainedSetup();
    const yTest = toCategorical(data.yTest, 3);
    const xRows = data.xTest.arraySync() as number[][];
    const yRows = yTest.arraySync() as number[][];

    // Warm up: the first calls build the model and compile TF.js's functions.
    await model.evaluate(data.xTest, yTest);
    formatValue(model.predict(xRows).dispose());
    const before = tf.memory().numTensors;

    const predictions: tf.Tensor[] = [];
    for (let round = 0; round < 5; round++) {
      await model.evaluate(data.xTest, yTest);
      await model.evaluate(xRows, yRows, { returnDict: true });
      await model.evaluate(data.xTest, data.yTest.arraySync().map((label) => [0, 1, 2].map((c) => Number(c === label))));
      const prediction = model.predict(xRows);
      formatValue(prediction);
      formatValue(prediction);
      predictions.push(prediction);
      predictions.push(model.predict(data.xTest, { batchSize: 7 }));
    }

    expect(tf.memory().numTensors).toBe(before + predictions.length);
    tf.dispose(predictions);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("does not grow over repeated fits", async () => {
    const { data, model } = trainedSetup();
    const yTrainRows = toCategorical(data.yTrain, 3).arraySync() as number[][];
    const yTestRows = toCategorical(data.yTest, 3).arraySync() as number[][];
    const xTrainRows = data.xTrain.arraySync() as number[][];

    // The first fit creates the optimizer's slots, which stay for later fits.
    await model.fit(xTrainRows, yTrainRows, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;

    for (let round = 0; round < 3; round++) {
      await model.fit(xTrainRows, yTrainRows, { epochs: 2, batchSize: 16, validationSplit: 0.1, verbose: 0 });
      await model.fit(data.xTrain, data.yTrain.arraySync().map((label) => [0, 1, 2].map((c) => Number(c === label))), {
        epochs: 1,
        validationData: [data.xTest, yTestRows],
        verbose: 0,
      });
    }
    await captureOutputs(() => model.fit(xTrainRows, yTrainRows, { epochs: 2, verbose: 1 }));

    expect(tf.memory().numTensors).toBe(before);
  });

  it("keeps a failed call from leaving tensors behind", () => {
    const { model } = trainedSetup();
    const before = tf.memory().numTensors;
    expect(() => model.fit([[1, 2, 3, 4]], [[1, 0, 0], [0, 1, 0]])).toThrow();
    expect(() => model.predict([[1, 2, 3]])).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("displays a tensor without disposing it or leaving copies", () => {
    const tensor = tf.randomNormal([200, 50]);
    const before = tf.memory().numTensors;
    formatValue(tensor);
    formatValue(tf.tensor([1, 2, 3], undefined, "int32").dispose());
    expect(tensor.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    tensor.dispose();
  });

  it("keeps only toCategorical()'s result", () => {
    const labels = tf.tensor1d([0, 1, 2], "int32");
    const before = tf.memory().numTensors;
    const oneHot = toCategorical(labels, 3);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([oneHot, labels]);
  });
});
