import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { Dense } from "../../src/keras/layers";
import { resolveOptimizer } from "../../src/keras/names";
import { Adagrad, Adam, RMSprop, SGD } from "../../src/keras/optimizers";
import { Sequential } from "../../src/keras/sequential";
import { clearSession } from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  clearSession();
});

function tfjsConfig(optimizer: tf.Optimizer): Record<string, unknown> {
  return optimizer.getConfig() as Record<string, unknown>;
}

describe("Adam", () => {
  it("has Keras's defaults", () => {
    const optimizer = new Adam().createTfjsOptimizer();
    expect(optimizer.getClassName()).toBe("Adam");
    expect(tfjsConfig(optimizer)).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
  });

  it("takes learning_rate by position or in either spelling", () => {
    expect(new Adam(0.01).learningRate).toBe(0.01);
    expect(new Adam({ learning_rate: 0.02 }).learningRate).toBe(0.02);
    expect(new Adam({ learningRate: 0.03 }).learningRate).toBe(0.03);
    expect(new Adam(0.01, { beta_1: 0.8 }).beta1).toBe(0.8);
  });

  it("rejects a learning rate of 0", () => {
    expect(errorMessage("en", () => new Adam({ learning_rate: 0 }))).toBe(
      "Adam: learningRate must be a number greater than 0, but got 0.",
    );
    expect(errorMessage("es", () => new Adam(0))).toContain("learningRate debe ser un número mayor que 0");
  });

  it("suggests the closest option name", () => {
    expect(errorMessage("en", () => new Adam({ learning_rat: 0.1 } as never))).toContain('Did you mean "learning_rate"?');
  });

  it("rejects learning_rate given twice", () => {
    expect(errorMessage("en", () => new Adam(0.1, { learning_rate: 0.2 } as never))).toContain(
      'Adam received both "learningRate" and "learning_rate"',
    );
  });

  it("rejects a beta_1 of 1", () => {
    expect(() => new Adam({ beta_1: 1 })).toThrow(ValueError);
  });
});

describe("SGD", () => {
  it("is plain SGD without momentum", () => {
    const optimizer = new SGD().createTfjsOptimizer();
    expect(optimizer.getClassName()).toBe("SGD");
    expect(tfjsConfig(optimizer).learningRate).toBe(0.01);
  });

  it("uses TF.js's momentum optimizer with momentum", () => {
    const optimizer = new SGD({ learning_rate: 0.1, momentum: 0.9, nesterov: true }).createTfjsOptimizer();
    expect(optimizer.getClassName()).toBe("Momentum");
    expect(tfjsConfig(optimizer)).toMatchObject({ learningRate: 0.1, momentum: 0.9, useNesterov: true });
  });

  it("rejects a momentum above 1", () => {
    expect(errorMessage("en", () => new SGD({ momentum: 1.5 }))).toContain("SGD: momentum must be a number from 0");
  });
});

describe("RMSprop", () => {
  it("maps rho to TF.js's decay", () => {
    const optimizer = new RMSprop({ rho: 0.8, centered: true }).createTfjsOptimizer();
    expect(optimizer.getClassName()).toBe("RMSProp");
    expect(tfjsConfig(optimizer)).toMatchObject({ learningRate: 0.001, decay: 0.8, momentum: 0, epsilon: 1e-7, centered: true });
  });
});

describe("Adagrad", () => {
  it("has Keras's defaults", () => {
    const optimizer = new Adagrad().createTfjsOptimizer();
    expect(tfjsConfig(optimizer)).toMatchObject({ learningRate: 0.001, initialAccumulatorValue: 0.1 });
  });

  it("rejects a negative initial_accumulator_value", () => {
    expect(errorMessage("en", () => new Adagrad({ initial_accumulator_value: -1 }))).toBe(
      "Adagrad: initialAccumulatorValue must be a number from 0 up, but got -1.",
    );
  });
});

describe("compile() with an optimizer object", () => {
  it("creates a fresh TF.js optimizer each time", () => {
    const adam = new Adam(0.05);
    const first = resolveOptimizer(adam);
    const second = resolveOptimizer(adam);
    expect(first).not.toBe(second);
    expect(tfjsConfig(first).learningRate).toBe(0.05);
  });

  it("trains with the given learning rate", async () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    model.compile({ optimizer: new SGD({ learning_rate: 0.05, momentum: 0.9 }), loss: "mse" });
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
    const y = tf.tensor2d([[1], [1], [2], [0]]);
    const history = await model.fit(x, y, { epochs: 3, verbose: 0 });
    const optimizer = model.tfjsModel?.optimizer as tf.Optimizer;
    expect(optimizer.getClassName()).toBe("Momentum");
    expect(tfjsConfig(optimizer).learningRate).toBe(0.05);
    expect(history.history.loss).toHaveLength(3);
    tf.dispose([x, y]);
    model.tfjsModel?.dispose();
  });
});
