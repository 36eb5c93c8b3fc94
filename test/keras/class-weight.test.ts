import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { Dense } from "../../src/keras/layers";
import { Adam } from "../../src/keras/optimizers";
import type { FitOptions } from "../../src/keras/sequential";
import { Sequential } from "../../src/keras/sequential";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

// Nine samples of class 0 and one of class 1, all with the same feature, so a trained model can only
// learn the class frequency: 0.1 unweighted, and 20 / (20 + 9) = 0.69 with class 1 weighing 20.
const x = Array.from({ length: 10 }, () => [1]);
const labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

type Setup = { loss: string; units: number; activation: "sigmoid" | "softmax"; y: number[][] | number[] };

const setups: Record<string, Setup> = {
  binary_crossentropy: { loss: "binary_crossentropy", units: 1, activation: "sigmoid", y: labels.map((label) => [label]) },
  categorical_crossentropy: {
    loss: "categorical_crossentropy",
    units: 2,
    activation: "softmax",
    y: labels.map((label) => (label === 1 ? [0, 1] : [1, 0])),
  },
  sparse_categorical_crossentropy: { loss: "sparse_categorical_crossentropy", units: 2, activation: "softmax", y: labels },
};

function compiledModel(setup: Setup): Sequential {
  const model = new Sequential([
    new Dense(setup.units, { activation: setup.activation, inputShape: [1], kernelInitializer: "zeros" }),
  ]);
  model.compile({ optimizer: new Adam(0.1), loss: setup.loss });
  return model;
}

/** Trains a fresh model and returns its predicted probability of class 1. */
async function probabilityOfClass1(setup: Setup, options: FitOptions = {}): Promise<number> {
  const model = compiledModel(setup);
  await model.fit(x, setup.y, { epochs: 150, batch_size: 10, verbose: 0, ...options });
  const output = model.predict([[1]]);
  const values = Array.from(output.dataSync());
  output.dispose();
  return setup.units === 1 ? values[0] : values[1];
}

describe("fit() class_weight", () => {
  it.each(Object.keys(setups))("weights the minority class with %s", async (loss) => {
    const setup = setups[loss];

    const unweighted = await probabilityOfClass1(setup);
    const weighted = await probabilityOfClass1(setup, { class_weight: { 0: 1, 1: 20 } });

    expect(unweighted).toBeCloseTo(0.1, 1);
    expect(weighted).toBeCloseTo(20 / 29, 1);
    expect(weighted).toBeGreaterThan(0.5);
  });

  it("weighs classes left out as 1", async () => {
    const weighted = await probabilityOfClass1(setups.binary_crossentropy, { classWeight: { 1: 20 } });

    expect(weighted).toBeCloseTo(20 / 29, 1);
  });

  it("works beside validation_split", async () => {
    const model = compiledModel(setups.binary_crossentropy);
    const history = await model.fit(x, setups.binary_crossentropy.y, {
      epochs: 2,
      verbose: 0,
      validation_split: 0.2,
      class_weight: { 0: 1, 1: 5 },
    });

    expect(history.history.val_loss).toHaveLength(2);
  });

  it("rejects a loss that cannot weight classes", () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: "sgd", loss: "mse" });

    expect(() => model.fit(x, labels, { class_weight: { 1: 2 } })).toThrow(ValueError);
    expect(errorMessage("en", () => model.fit(x, labels, { class_weight: { 1: 2 } }))).toBe(
      "fit(): class_weight works only with the losses categorical_crossentropy, sparse_categorical_crossentropy, " +
        'binary_crossentropy, but the model was compiled with loss "mean_squared_error". Compile with one of those losses, or leave class_weight out.',
    );
    expect(errorMessage("es", () => model.fit(x, labels, { class_weight: { 1: 2 } }))).toContain(
      "class_weight solo funciona con las funciones de pérdida categorical_crossentropy",
    );
  });

  it("rejects a custom loss function", () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: "sgd", loss: (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred) });

    expect(errorMessage("en", () => model.fit(x, labels, { classWeight: { 1: 2 } }))).toContain(
      "the model was compiled with a custom loss function.",
    );
  });

  it("rejects invalid weights", () => {
    const model = compiledModel(setups.binary_crossentropy);

    for (const classWeight of [{ 1: -1 }, { a: 2 }, { "1.5": 2 }, { 1: Number.NaN }, { 1: "2" }, 3]) {
      expect(() => model.fit(x, labels, { class_weight: classWeight as never })).toThrow(ValueError);
    }
    expect(errorMessage("en", () => model.fit(x, labels, { class_weight: { 1: -1 } }))).toBe(
      "fit(): classWeight must be an object from class index to a weight from 0 up, such as { 0: 1, 1: 5 }, but got { '1': -1 }.",
    );
  });

  it("suggests class_weight for a misspelling", () => {
    const model = compiledModel(setups.binary_crossentropy);

    expect(errorMessage("en", () => model.fit(x, labels, { class_weights: { 1: 2 } } as never))).toContain(
      'Did you mean "class_weight"?',
    );
  });
});
