import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import {
  kerasName,
  resolveActivation,
  resolveInitializer,
  resolveLoss,
  resolveMetric,
  resolveOptimizer,
} from "../../src/keras/names";
import { camelCase, normalizeOptions, snakeCase } from "../../src/keras/options";
import { closestName } from "../../src/keras/suggest";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

describe("camelCase() and snakeCase()", () => {
  it("converts between Keras and TF.js spellings", () => {
    expect(camelCase("input_shape")).toBe("inputShape");
    expect(camelCase("validation_split")).toBe("validationSplit");
    expect(camelCase("epochs")).toBe("epochs");
    expect(snakeCase("batchSize")).toBe("batch_size");
    expect(snakeCase("MSE")).toBe("mse");
    expect(kerasName("sparseCategoricalCrossentropy")).toBe("sparse_categorical_crossentropy");
  });
});

describe("resolveOptimizer()", () => {
  const cases: Array<[string, string, number]> = [
    ["adam", "Adam", 0.001],
    ["Adam", "Adam", 0.001],
    ["sgd", "SGD", 0.01],
    ["SGD", "SGD", 0.01],
    ["rmsprop", "RMSProp", 0.001],
    ["RMSProp", "RMSProp", 0.001],
    ["adagrad", "Adagrad", 0.001],
    ["adadelta", "Adadelta", 0.001],
    ["adamax", "Adamax", 0.001],
  ];

  it.each(cases)("makes %s with Keras's default learning rate", (name, className, learningRate) => {
    const optimizer = resolveOptimizer(name);
    expect(optimizer.getClassName()).toBe(className);
    expect(optimizer.getConfig().learningRate).toBeCloseTo(learningRate);
  });

  it("makes a new optimizer per call", () => {
    expect(resolveOptimizer("adam")).not.toBe(resolveOptimizer("adam"));
  });

  it("passes an optimizer object through", () => {
    const optimizer = tf.train.adam(0.05);
    expect(resolveOptimizer(optimizer)).toBe(optimizer);
  });

  it("rejects an unknown name with a suggestion", () => {
    const english = errorMessage("en", () => resolveOptimizer("adma"));
    expect(english).toContain('Unknown optimizer "adma".');
    expect(english).toContain('Did you mean "adam"?');
    expect(english).toContain("adam, sgd, rmsprop, adagrad");
    const spanish = errorMessage("es", () => resolveOptimizer("adma"));
    expect(spanish).toContain('Optimizador desconocido: "adma".');
    expect(spanish).toContain('¿Quisiste decir "adam"?');
  });

  it("raises ValueError", () => {
    expect(() => resolveOptimizer("nope")).toThrow(ValueError);
  });
});

describe("resolveLoss()", () => {
  const cases: Array<[string, string, string]> = [
    ["categorical_crossentropy", "categoricalCrossentropy", "categorical_crossentropy"],
    ["categoricalCrossentropy", "categoricalCrossentropy", "categorical_crossentropy"],
    ["sparse_categorical_crossentropy", "sparseCategoricalCrossentropy", "sparse_categorical_crossentropy"],
    ["binary_crossentropy", "binaryCrossentropy", "binary_crossentropy"],
    ["mse", "meanSquaredError", "mean_squared_error"],
    ["mean_squared_error", "meanSquaredError", "mean_squared_error"],
    ["meanSquaredError", "meanSquaredError", "mean_squared_error"],
    ["mae", "meanAbsoluteError", "mean_absolute_error"],
    ["mean_absolute_error", "meanAbsoluteError", "mean_absolute_error"],
  ];

  it.each(cases)("maps %s to TF.js's %s", (name, tfjsName, canonical) => {
    expect(resolveLoss(name)).toEqual({ kerasName: canonical, tfjs: tfjsName });
  });

  it("passes a loss function through", () => {
    const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.meanSquaredError(yTrue, yPred);
    expect(resolveLoss(loss)).toEqual({ tfjs: loss });
  });

  it("rejects an unknown loss in both languages", () => {
    const english = errorMessage("en", () => resolveLoss("categorical_crosentropy"));
    expect(english).toContain('Unknown loss "categorical_crosentropy".');
    expect(english).toContain('Did you mean "categorical_crossentropy"?');
    expect(english).toContain("Available losses:");
    const spanish = errorMessage("es", () => resolveLoss("categorical_crosentropy"));
    expect(spanish).toContain('Función de pérdida (loss) desconocida: "categorical_crosentropy".');
    expect(spanish).toContain("Funciones de pérdida disponibles:");
  });

  it("rejects a value that is not a name", () => {
    expect(errorMessage("en", () => resolveLoss(42))).toContain("Unknown loss 42.");
  });
});

describe("resolveMetric()", () => {
  it("keeps the name given as history key", () => {
    expect(resolveMetric("accuracy")).toEqual({ name: "accuracy", tfjs: "accuracy" });
    expect(resolveMetric("acc")).toEqual({ name: "acc", tfjs: "accuracy" });
    expect(resolveMetric("mse")).toEqual({ name: "mse", tfjs: "mse" });
  });

  it("writes TF.js names in snake_case", () => {
    expect(resolveMetric("binaryAccuracy").name).toBe("binary_accuracy");
    expect(resolveMetric("binaryAccuracy").tfjs).toBe(tf.metrics.binaryAccuracy);
  });

  it("rejects an unknown metric", () => {
    expect(errorMessage("en", () => resolveMetric("acuracy"))).toContain('Did you mean "accuracy"?');
    expect(errorMessage("es", () => resolveMetric("acuracy"))).toContain("Métrica desconocida");
  });
});

describe("resolveActivation()", () => {
  it("maps Keras names to TF.js names", () => {
    expect(resolveActivation("relu")).toBe("relu");
    expect(resolveActivation("softmax")).toBe("softmax");
    expect(resolveActivation("hard_sigmoid")).toBe("hardSigmoid");
    expect(resolveActivation("hardSigmoid")).toBe("hardSigmoid");
    expect(resolveActivation("silu")).toBe("swish");
  });

  it("treats null as linear, as Keras's None", () => {
    expect(resolveActivation(null)).toBe("linear");
    expect(resolveActivation(undefined)).toBe("linear");
  });

  it("rejects an unknown activation", () => {
    const english = errorMessage("en", () => resolveActivation("rellu"));
    expect(english).toContain('Unknown activation "rellu". Did you mean "relu"?');
    expect(errorMessage("es", () => resolveActivation("rellu"))).toContain('Activación desconocida: "rellu".');
  });
});

describe("resolveInitializer()", () => {
  it("maps Keras names to TF.js names", () => {
    expect(resolveInitializer("glorot_uniform")).toBe("glorotUniform");
    expect(resolveInitializer("he_normal")).toBe("heNormal");
    expect(resolveInitializer("heNormal")).toBe("heNormal");
  });

  it("passes an initializer object through", () => {
    const initializer = tf.initializers.zeros();
    expect(resolveInitializer(initializer)).toBe(initializer);
  });
});

describe("normalizeOptions()", () => {
  const known = ["inputShape", "units", "batchSize"];

  it("accepts snake_case and camelCase keys", () => {
    expect(normalizeOptions("Dense", { input_shape: [4], units: 2 }, known)).toEqual({ inputShape: [4], units: 2 });
    expect(normalizeOptions("Dense", { inputShape: [4] }, known)).toEqual({ inputShape: [4] });
  });

  it("drops undefined values", () => {
    expect(normalizeOptions("Dense", { units: undefined }, known)).toEqual({});
  });

  it("rejects an option given in both spellings", () => {
    const message = errorMessage("en", () => normalizeOptions("Dense", { input_shape: [4], inputShape: [4] }, known));
    expect(message).toBe('Dense received both "input_shape" and "inputShape", which are the same option. Keep only one of them.');
    expect(errorMessage("es", () => normalizeOptions("Dense", { input_shape: [4], inputShape: [4] }, known))).toContain(
      'Dense recibió "input_shape" y "inputShape"',
    );
  });

  it("rejects an unknown option with the closest one in the same spelling", () => {
    const camel = errorMessage("en", () => normalizeOptions("Dense", { unit: 3 }, known));
    expect(camel).toContain('Dense does not accept the option "unit". Did you mean "units"?');
    expect(camel).toContain("inputShape (input_shape)");
    const snake = errorMessage("en", () => normalizeOptions("fit()", { batch_sise: 3 }, known));
    expect(snake).toContain('Did you mean "batch_size"?');
    expect(errorMessage("es", () => normalizeOptions("Dense", { unit: 3 }, known))).toContain(
      'Dense no acepta la opción "unit". ¿Quisiste decir "units"?',
    );
  });

  it("rejects options that are not an object", () => {
    expect(errorMessage("en", () => normalizeOptions("fit()", 5, known))).toBe(
      "fit(): options must be an object of options such as { units: 64 }, but got 5.",
    );
  });
});

describe("closestName()", () => {
  it("finds near misses and ignores far ones", () => {
    expect(closestName("adma", ["adam", "sgd"])).toBe("adam");
    expect(closestName("xyz", ["adam", "sgd"])).toBeUndefined();
  });

  it("suggests nothing for a one-letter name unlike every candidate", () => {
    expect(closestName("z", ["a", "b"])).toBeUndefined();
    expect(closestName("A", ["a", "b"])).toBe("a");
    expect(closestName("ab", ["ac", "zz"])).toBe("ac");
    expect(closestName("unit", ["units", "activation"])).toBe("units");
  });
});
