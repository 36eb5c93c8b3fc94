/**
 * Optimizer classes with Keras's names, arguments and defaults, over TF.js's optimizers:
 * `model.compile({ optimizer: new Adam({ learning_rate: 0.01 }), ... })`.
 */
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { KerasAdam } from "./adam";
import { describeValue, ValueError } from "./errors";
import { normalizeOptions, readBoolean, readClosedFraction, readPositiveNumber } from "./options";

/** Checks one option's value and returns it. Raises ValueError naming owner and key. */
type OptionReader = (owner: string, key: string, value: unknown) => unknown;

const boolean: OptionReader = readBoolean;
const closedFraction: OptionReader = readClosedFraction;
const positiveNumber: OptionReader = readPositiveNumber;

/** Options that every optimizer accepts, in Keras's snake_case or TF.js's camelCase. */
export interface OptimizerOptions {
  /** Step size of each update. Default: 0.001, except 0.01 for SGD. */
  learningRate?: number;
  /** Same as learningRate, in Keras's spelling. */
  learning_rate?: number;
}

/** Reads a fraction in [0, 1), such as beta_1 or rho. */
const openFraction: OptionReader = (owner, key, value) => {
  if (typeof value === "number" && value >= 0 && value < 1) return value;
  throw new ValueError(messages().keras.invalidFraction(owner, key, describeValue(value), true));
};

/** Reads a number from 0 up, such as Adagrad's initial_accumulator_value. */
const nonNegativeNumber: OptionReader = (owner, key, value) => {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "nonNegativeNumber"));
};

/**
 * Reads an optimizer's arguments, `(learningRate?, options?)` or `(options)`, into checked values keyed
 * in camelCase, with Keras's defaults for what is not given.
 */
function readOptimizerArguments(
  owner: string,
  args: readonly unknown[],
  readers: Record<string, OptionReader>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const [first, second] = args;
  const fromArguments = typeof first === "number" ? { ...(second as object | undefined), learningRate: first } : first;
  if (typeof first === "number" && second !== undefined && (typeof second !== "object" || second === null)) {
    throw new ValueError(messages().keras.invalidOptionType(owner, "options", describeValue(second), "options"));
  }
  if (typeof first === "number" && typeof second === "object" && second !== null) {
    const duplicateKey = Object.keys(second).find((key) => key === "learningRate" || key === "learning_rate");
    if (duplicateKey !== undefined) throw new ValueError(messages().keras.optionGivenTwice(owner, "learningRate", duplicateKey));
  }

  const allReaders: Record<string, OptionReader> = { learningRate: positiveNumber, ...readers };
  const options = normalizeOptions(owner, fromArguments, Object.keys(allReaders));
  const values: Record<string, unknown> = { ...defaults };
  for (const [key, read] of Object.entries(allReaders)) {
    if (options[key] !== undefined) values[key] = read(owner, key, options[key]);
  }
  return values;
}

/** An optimizer of the Keras facade, which compile() accepts beside names and TF.js optimizers. */
export abstract class Optimizer {
  /** Step size of each update. */
  readonly learningRate: number;

  protected constructor(learningRate: number) {
    this.learningRate = learningRate;
  }

  /** Keras's class name, such as "Adam". */
  abstract get className(): string;

  /** Returns a new TF.js optimizer with these settings, so that each compile() starts with fresh state. */
  abstract createTfjsOptimizer(): tf.Optimizer;
}

/** Options of Adam. */
export interface AdamOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimates. Default: 0.9. */
  beta1?: number;
  /** Same as beta1, in Keras's spelling. */
  beta_1?: number;
  /** Decay rate of the second-moment estimates. Default: 0.999. */
  beta2?: number;
  /** Same as beta2, in Keras's spelling. */
  beta_2?: number;
  /** Small number added to the denominator for numerical stability. Default: 1e-7. */
  epsilon?: number;
}

/** The Adam optimizer, as keras.optimizers.Adam: `new Adam(0.01)` or `new Adam({ learning_rate: 0.01 })`. */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(learningRate?: number, options?: Omit<AdamOptions, "learningRate" | "learning_rate">);
  constructor(options?: AdamOptions);
  constructor(...args: unknown[]) {
    const values = readOptimizerArguments(
      "Adam",
      args,
      { beta1: openFraction, beta2: openFraction, epsilon: positiveNumber },
      { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    );
    super(values.learningRate as number);
    this.beta1 = values.beta1 as number;
    this.beta2 = values.beta2 as number;
    this.epsilon = values.epsilon as number;
  }

  get className(): string {
    return "Adam";
  }

  createTfjsOptimizer(): tf.Optimizer {
    return new KerasAdam(this.learningRate, this.beta1, this.beta2, this.epsilon);
  }
}

/** Options of SGD. */
export interface SGDOptions extends OptimizerOptions {
  /** Fraction of the previous update added to each update, from 0 to 1. Default: 0, which is plain SGD. */
  momentum?: number;
  /** Whether to use Nesterov momentum. Default: false. */
  nesterov?: boolean;
}

/** Stochastic gradient descent, with optional momentum, as keras.optimizers.SGD: `new SGD({ learning_rate: 0.1, momentum: 0.9 })`. */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(learningRate?: number, options?: Omit<SGDOptions, "learningRate" | "learning_rate">);
  constructor(options?: SGDOptions);
  constructor(...args: unknown[]) {
    const values = readOptimizerArguments(
      "SGD",
      args,
      { momentum: closedFraction, nesterov: boolean },
      { learningRate: 0.01, momentum: 0, nesterov: false },
    );
    super(values.learningRate as number);
    this.momentum = values.momentum as number;
    this.nesterov = values.nesterov as boolean;
  }

  get className(): string {
    return "SGD";
  }

  createTfjsOptimizer(): tf.Optimizer {
    // TF.js splits Keras's SGD in two: sgd without momentum, and momentum with it.
    if (this.momentum === 0 && !this.nesterov) return tf.train.sgd(this.learningRate);
    return tf.train.momentum(this.learningRate, this.momentum, this.nesterov);
  }
}

/** Options of RMSprop. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Decay rate of the moving average of squared gradients. Default: 0.9. */
  rho?: number;
  /** Momentum, from 0 to 1. Default: 0. */
  momentum?: number;
  /** Small number added to the denominator for numerical stability. Default: 1e-7. */
  epsilon?: number;
  /** Whether to divide by the gradient's variance instead of its second moment. Default: false. */
  centered?: boolean;
}

/** The RMSprop optimizer, as keras.optimizers.RMSprop. */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(learningRate?: number, options?: Omit<RMSpropOptions, "learningRate" | "learning_rate">);
  constructor(options?: RMSpropOptions);
  constructor(...args: unknown[]) {
    const values = readOptimizerArguments(
      "RMSprop",
      args,
      { rho: openFraction, momentum: closedFraction, epsilon: positiveNumber, centered: boolean },
      { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
    );
    super(values.learningRate as number);
    this.rho = values.rho as number;
    this.momentum = values.momentum as number;
    this.epsilon = values.epsilon as number;
    this.centered = values.centered as boolean;
  }

  get className(): string {
    return "RMSprop";
  }

  createTfjsOptimizer(): tf.Optimizer {
    return tf.train.rmsprop(this.learningRate, this.rho, this.momentum, this.epsilon, this.centered);
  }
}

/** Options of Adagrad. */
export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the sum of squared gradients. Default: 0.1. */
  initialAccumulatorValue?: number;
  /** Same as initialAccumulatorValue, in Keras's spelling. */
  initial_accumulator_value?: number;
}

/**
 * The Adagrad optimizer, as keras.optimizers.Adagrad. Keras's epsilon option is not offered because TF.js's
 * Adagrad has no such parameter.
 */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;

  constructor(learningRate?: number, options?: Omit<AdagradOptions, "learningRate" | "learning_rate">);
  constructor(options?: AdagradOptions);
  constructor(...args: unknown[]) {
    const values = readOptimizerArguments(
      "Adagrad",
      args,
      { initialAccumulatorValue: nonNegativeNumber },
      { learningRate: 0.001, initialAccumulatorValue: 0.1 },
    );
    super(values.learningRate as number);
    this.initialAccumulatorValue = values.initialAccumulatorValue as number;
  }

  get className(): string {
    return "Adagrad";
  }

  createTfjsOptimizer(): tf.Optimizer {
    return tf.train.adagrad(this.learningRate, this.initialAccumulatorValue);
  }
}
