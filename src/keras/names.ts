/**
 * Keras string names and their TensorFlow.js counterparts: optimizers, losses, metrics, activations
 * and initializers. Keras's snake_case names and TF.js's camelCase names are both accepted.
 */
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import type { NameKind } from "../i18n/catalogue";
import { describeValue, ValueError } from "./errors";
import { KerasAdam } from "./adam";
import { Optimizer } from "./optimizers";
import { snakeCase } from "./options";
import { closestName } from "./suggest";

/** Optimizer names that compile() accepts, for editor completion. Every spelling in the tables below works too. */
export type OptimizerName = "adam" | "sgd" | "rmsprop" | "adagrad" | "adadelta" | "adamax";

/** Loss names that compile() accepts, for editor completion. */
export type LossName =
  | "categorical_crossentropy"
  | "sparse_categorical_crossentropy"
  | "binary_crossentropy"
  | "mse"
  | "mean_squared_error"
  | "mae"
  | "mean_absolute_error";

/** Metric names that compile() accepts, for editor completion. */
export type MetricName = "accuracy" | "mse" | "mae";

/** Activation names that layers accept, for editor completion. */
export type ActivationName = "relu" | "sigmoid" | "softmax" | "tanh" | "linear" | "elu" | "selu" | "softplus";

// Default hyperparameters of Keras's optimizers, as the tf.keras.optimizers documentation (TensorFlow 2.x)
// gives them. TF.js's string shortcuts differ in places: its "adagrad" uses a learning rate of 0.01, Keras 0.001.
const optimizerFactories: Record<string, () => tf.Optimizer> = {
  adam: () => new KerasAdam(0.001, 0.9, 0.999, 1e-7),
  sgd: () => tf.train.sgd(0.01),
  rmsprop: () => tf.train.rmsprop(0.001, 0.9, 0, 1e-7),
  adagrad: () => tf.train.adagrad(0.001, 0.1),
  adadelta: () => tf.train.adadelta(0.001, 0.95, 1e-7),
  adamax: () => tf.train.adamax(0.001, 0.9, 0.999, 1e-7),
};

// Keras loss name (and aliases) to the TF.js loss name.
const losses: Record<string, string> = {
  categorical_crossentropy: "categoricalCrossentropy",
  sparse_categorical_crossentropy: "sparseCategoricalCrossentropy",
  binary_crossentropy: "binaryCrossentropy",
  mean_squared_error: "meanSquaredError",
  mse: "meanSquaredError",
  mean_absolute_error: "meanAbsoluteError",
  mae: "meanAbsoluteError",
  mean_absolute_percentage_error: "meanAbsolutePercentageError",
  mape: "meanAbsolutePercentageError",
  mean_squared_logarithmic_error: "meanSquaredLogarithmicError",
  msle: "meanSquaredLogarithmicError",
  hinge: "hinge",
  squared_hinge: "squaredHinge",
  categorical_hinge: "categoricalHinge",
  log_cosh: "logcosh",
  logcosh: "logcosh",
  kl_divergence: "kullbackLeiblerDivergence",
  kullback_leibler_divergence: "kullbackLeiblerDivergence",
  kld: "kullbackLeiblerDivergence",
  poisson: "poisson",
};

/** A metric as TF.js's compile() takes it: a string shortcut or a metric function. */
export type TfjsMetric = string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

// Keras metric name (and aliases) to what TF.js accepts. TF.js resolves "accuracy" from the loss and
// the output size (binary, categorical or sparse categorical), as Keras does.
const metrics: Record<string, TfjsMetric> = {
  accuracy: "accuracy",
  acc: "accuracy",
  binary_accuracy: tf.metrics.binaryAccuracy,
  categorical_accuracy: tf.metrics.categoricalAccuracy,
  sparse_categorical_accuracy: tf.metrics.sparseCategoricalAccuracy,
  mean_squared_error: "mse",
  mse: "mse",
  mean_absolute_error: "mae",
  mae: "mae",
  mean_absolute_percentage_error: "mape",
  mape: "mape",
  binary_crossentropy: tf.metrics.binaryCrossentropy,
  categorical_crossentropy: "categoricalCrossentropy",
  sparse_categorical_crossentropy: "sparseCategoricalCrossentropy",
};

// Keras activation name to the TF.js activation name.
const activations: Record<string, string> = {
  relu: "relu",
  relu6: "relu6",
  sigmoid: "sigmoid",
  hard_sigmoid: "hardSigmoid",
  softmax: "softmax",
  tanh: "tanh",
  linear: "linear",
  elu: "elu",
  selu: "selu",
  softplus: "softplus",
  softsign: "softsign",
  swish: "swish",
  silu: "swish",
  mish: "mish",
  gelu: "gelu",
};

// Keras initializer name to the TF.js initializer name.
const initializers: Record<string, string> = {
  glorot_uniform: "glorotUniform",
  glorot_normal: "glorotNormal",
  he_uniform: "heUniform",
  he_normal: "heNormal",
  lecun_uniform: "leCunUniform",
  lecun_normal: "leCunNormal",
  zeros: "zeros",
  ones: "ones",
  random_normal: "randomNormal",
  random_uniform: "randomUniform",
  truncated_normal: "truncatedNormal",
  orthogonal: "orthogonal",
};

/** Returns the Keras spelling of a name in either convention: "categoricalCrossentropy" gives "categorical_crossentropy". */
export function kerasName(name: string): string {
  return snakeCase(name.trim());
}

function lookUp<T>(kind: NameKind, table: Record<string, T>, name: unknown): { key: string; value: T } {
  const text = messages().keras;
  const known = Object.keys(table);
  if (typeof name !== "string") {
    throw new ValueError(text.unknownName(kind, describeValue(name), known));
  }

  const key = kerasName(name);
  // A camelCase name of one word, such as "AdaGrad", becomes "ada_grad" and matches without underscores.
  const match = key in table ? key : key.replace(/_/g, "") in table ? key.replace(/_/g, "") : undefined;
  if (match === undefined) {
    throw new ValueError(text.unknownName(kind, JSON.stringify(name), known, closestName(key, known)));
  }
  return { key: match, value: table[match] };
}

/**
 * Returns a new TF.js optimizer for a Keras or TF.js name (with Keras's default hyperparameters) or for a
 * facade optimizer such as `new Adam(0.01)`. A TF.js optimizer passes through unchanged.
 */
export function resolveOptimizer(optimizer: unknown): tf.Optimizer {
  if (optimizer instanceof tf.Optimizer) return optimizer;
  if (optimizer instanceof Optimizer) return optimizer.createTfjsOptimizer();
  return lookUp("optimizer", optimizerFactories, optimizer).value();
}

/** A loss resolved for TF.js, with the Keras name kept for messages and shape checks. */
export interface ResolvedLoss {
  /** Keras name such as "categorical_crossentropy", or undefined for a custom loss function. */
  kerasName?: string;
  tfjs: string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);
}

/** Resolves a Keras or TF.js loss name. A loss function passes through unchanged. */
export function resolveLoss(loss: unknown): ResolvedLoss {
  if (typeof loss === "function") return { tfjs: loss as ResolvedLoss["tfjs"] };
  const { key, value } = lookUp("loss", losses, loss);
  // Report the canonical Keras name of an alias: "mse" is checked like "mean_squared_error".
  const canonical = Object.keys(losses).find((name) => losses[name] === value && name.includes("_")) ?? key;
  return { kerasName: canonical, tfjs: value };
}

/** A metric resolved for TF.js, with the name that Keras gives its history key. */
export interface ResolvedMetric {
  /** History key: the name given to compile(), in Keras's snake_case ("accuracy", "mse"). */
  name: string;
  tfjs: TfjsMetric;
}

/** Resolves a Keras or TF.js metric name; a metric function passes through under its own name. */
export function resolveMetric(metric: unknown): ResolvedMetric {
  if (typeof metric === "function") {
    return { name: snakeCase(metric.name || "metric"), tfjs: metric as TfjsMetric };
  }
  const { value } = lookUp("metric", metrics, metric);
  return { name: kerasName(metric as string), tfjs: value };
}

/** Returns the TF.js activation name for a Keras or TF.js name. null and undefined mean "linear". */
export function resolveActivation(activation: unknown): string {
  if (activation === null || activation === undefined) return "linear";
  return lookUp("activation", activations, activation).value;
}

/** An initializer object such as `tf.initializers.heNormal({})`. TF.js does not export its base class. */
export type InitializerObject = ReturnType<typeof tf.initializers.zeros>;

/** Returns the TF.js initializer name for a Keras or TF.js name, or the given initializer object. */
export function resolveInitializer(initializer: unknown): string | InitializerObject {
  const isObject = typeof initializer === "object" && initializer !== null && typeof (initializer as InitializerObject).apply === "function";
  if (isObject) return initializer as InitializerObject;
  return lookUp("initializer", initializers, initializer).value;
}
