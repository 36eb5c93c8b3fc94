import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { uniqueName } from "./autoname";
import { describeValue, ValueError } from "./errors";
import { resolveActivation, resolveInitializer, type ActivationName, type InitializerObject } from "./names";
import { normalizeOptions, readBoolean, readPositiveInteger, readShape, readString } from "./options";

/** Options that every layer accepts. */
export interface BaseLayerOptions {
  /** Layer name. Default: the class name in snake_case, numbered per process ("dense", "dense_1"). */
  name?: string;
  /**
   * Shape of one input sample, without the batch size, for the first layer of a model: [4] for four
   * features, [28, 28] for a 28x28 image. With it the model is built as soon as the layer is added.
   * Default: none, and the model is built from the data of the first fit(), evaluate() or predict().
   */
  inputShape?: number[];
  /** Same as inputShape, in Keras's spelling. */
  input_shape?: number[];
  /** Whether fit() updates the layer's weights. Default: true. */
  trainable?: boolean;
}

/** A layer of the Keras facade: a named TF.js layer with Keras's naming and options. */
export abstract class Layer {
  /** The layer's name, unique within a model. */
  readonly name: string;
  /** Shape of one input sample given through inputShape, or undefined. */
  readonly inputShape: number[] | undefined;
  /** The TensorFlow.js layer that owns the weights and computes the output. */
  readonly tfjsLayer: tf.layers.Layer;

  protected constructor(name: string, inputShape: number[] | undefined, tfjsLayer: tf.layers.Layer) {
    this.name = name;
    this.inputShape = inputShape;
    this.tfjsLayer = tfjsLayer;
  }

  /** The class name that summaries show, such as "Dense". */
  abstract get className(): string;

  /** True once the layer's weights exist, which happens when its model is built. */
  get built(): boolean {
    return this.tfjsLayer.built;
  }

  /** Output shape with null for the batch size, such as [null, 64], or undefined before the layer is built. */
  get outputShape(): Array<number | null> | undefined {
    if (!this.built) return undefined;
    return [...(this.tfjsLayer.outputShape as Array<number | null>)];
  }

  /** Returns the number of weights of the layer. Raises ValueError before the layer is built. */
  countParams(): number {
    if (!this.built) throw new ValueError(messages().keras.layerNotBuilt(this.name));
    return this.tfjsLayer.countParams();
  }

  /** Returns the number of weights that fit() updates, which is 0 for a layer created with trainable: false. */
  countTrainableParams(): number {
    return this.built ? sumSizes(this.tfjsLayer.trainableWeights) : 0;
  }
}

function sumSizes(weights: Array<{ shape: Array<number | null> }>): number {
  return weights.reduce((total, weight) => total + weight.shape.reduce((size: number, dim) => size * (dim ?? 1), 1), 0);
}

/** Option names that every layer accepts, in camelCase. */
export const baseOptionNames = ["name", "inputShape", "trainable"] as const;

/** The options of BaseLayerOptions, read and checked, with the automatic name filled in. */
export interface BaseSettings {
  name: string;
  inputShape: number[] | undefined;
  trainable: boolean;
}

/** Reads the options that every layer accepts. The prefix is the automatic name's stem, such as "dense". */
export function readBaseSettings(owner: string, prefix: string, options: Record<string, unknown>): BaseSettings {
  return {
    name: options.name === undefined ? uniqueName(prefix) : readString(owner, "name", options.name),
    inputShape: options.inputShape === undefined ? undefined : readShape(owner, "inputShape", options.inputShape),
    trainable: options.trainable === undefined ? true : readBoolean(owner, "trainable", options.trainable),
  };
}

/** Options of the layers with a kernel and a bias (Dense, Conv1D, Conv2D, the recurrent layers), in either spelling. */
export interface KernelLayerOptions extends BaseLayerOptions {
  /**
   * Activation function applied to the output, such as "relu" for hidden layers, "softmax" for
   * class probabilities or "sigmoid" for one yes/no probability. Default: null, which means linear.
   */
  activation?: ActivationName | (string & {}) | null;
  /** Whether the layer adds a bias vector to its output. Default: true. */
  useBias?: boolean;
  /** Same as useBias, in Keras's spelling. */
  use_bias?: boolean;
  /**
   * Initializer of the weight matrix (the kernel): a Keras name such as "glorot_uniform", "he_normal"
   * or "zeros", or a TF.js initializer object. Default: "glorot_uniform".
   */
  kernelInitializer?: string | InitializerObject;
  /** Same as kernelInitializer, in Keras's spelling. */
  kernel_initializer?: string | InitializerObject;
  /** Initializer of the bias vector, a Keras name such as "zeros" or "ones", or a TF.js initializer object. Default: "zeros". */
  biasInitializer?: string | InitializerObject;
  /** Same as biasInitializer, in Keras's spelling. */
  bias_initializer?: string | InitializerObject;
}

/** Options of a Dense layer, in Keras's snake_case or TF.js's camelCase. */
export interface DenseOptions extends KernelLayerOptions {
  /** Number of output values per sample, the width of the layer: 64 in `new Dense(64)`. Required. */
  units?: number;
  /** Size of one input sample, for the first layer of a model: inputDim: 4 means inputShape: [4]. Give one of the two. */
  inputDim?: number;
  /** Same as inputDim, in Keras's spelling. */
  input_dim?: number;
}

const denseOptionNames = [
  "units",
  "activation",
  "useBias",
  "kernelInitializer",
  "biasInitializer",
  "inputDim",
  ...baseOptionNames,
];

/**
 * A fully connected layer: output = activation(input · kernel + bias), as keras.layers.Dense.
 *
 *     new Dense(64, { activation: "relu", inputShape: [4] })
 *     new Dense({ units: 3, activation: "softmax" })
 */
export class Dense extends Layer {
  /** Number of output values per sample. */
  readonly units: number;
  /** The activation's TF.js name, such as "relu" or "linear". */
  readonly activation: string;

  constructor(units: number, options?: Omit<DenseOptions, "units"> | ActivationName | (string & {}));
  constructor(options: DenseOptions);
  constructor(unitsOrOptions: number | DenseOptions, rest?: Omit<DenseOptions, "units"> | string) {
    const fromArguments =
      typeof unitsOrOptions === "number"
        ? { ...(typeof rest === "string" ? { activation: rest } : rest), units: unitsOrOptions }
        : unitsOrOptions;
    const options = normalizeOptions("Dense", fromArguments, denseOptionNames);

    if (options.units === undefined) throw new ValueError(messages().keras.missingUnits());
    const validUnits = typeof options.units === "number" && Number.isInteger(options.units) && options.units > 0;
    if (!validUnits) throw new ValueError(messages().keras.invalidUnits(describeValue(options.units)));
    const units = options.units as number;

    const base = readBaseSettings("Dense", "dense", options);
    let inputShape = base.inputShape;
    if (options.inputDim !== undefined) {
      if (inputShape !== undefined) throw new ValueError(messages().keras.optionGivenTwice("Dense", "inputShape", "inputDim"));
      inputShape = [readPositiveInteger("Dense", "inputDim", options.inputDim)];
    }

    const activation = resolveActivation(options.activation);
    const tfjsLayer = tf.layers.dense({
      units,
      activation: activation as Parameters<typeof tf.layers.dense>[0]["activation"],
      useBias: options.useBias === undefined ? true : readBoolean("Dense", "useBias", options.useBias),
      kernelInitializer: resolveInitializer(options.kernelInitializer ?? "glorot_uniform") as never,
      biasInitializer: resolveInitializer(options.biasInitializer ?? "zeros") as never,
      inputShape,
      name: base.name,
      trainable: base.trainable,
    });

    super(base.name, inputShape, tfjsLayer);
    this.units = units;
    this.activation = activation;
  }

  get className(): string {
    return "Dense";
  }
}

/** Options of an Activation layer. */
export interface ActivationOptions extends BaseLayerOptions {
  /** Name of the activation function, such as "relu". Required. */
  activation?: ActivationName | (string & {});
}

const activationOptionNames = ["activation", ...baseOptionNames];

/**
 * A layer that applies an activation function to its input and has no weights, as keras.layers.Activation.
 *
 *     new Activation("relu")
 */
export class Activation extends Layer {
  /** The activation's TF.js name, such as "relu". */
  readonly activation: string;

  constructor(activation: ActivationName | (string & {}), options?: Omit<ActivationOptions, "activation">);
  constructor(options: ActivationOptions);
  constructor(activationOrOptions: string | ActivationOptions, rest?: Omit<ActivationOptions, "activation">) {
    const fromArguments =
      typeof activationOrOptions === "string" ? { ...rest, activation: activationOrOptions } : activationOrOptions;
    const options = normalizeOptions("Activation", fromArguments, activationOptionNames);
    if (options.activation === undefined || options.activation === null) {
      throw new ValueError(messages().keras.missingActivation());
    }

    const activation = resolveActivation(options.activation);
    const base = readBaseSettings("Activation", "activation", options);
    const tfjsLayer = tf.layers.activation({
      activation: activation as Parameters<typeof tf.layers.activation>[0]["activation"],
      inputShape: base.inputShape,
      name: base.name,
      trainable: base.trainable,
    });

    super(base.name, base.inputShape, tfjsLayer);
    this.activation = activation;
  }

  get className(): string {
    return "Activation";
  }
}
