/** Layers without weights that reshape or regularize: Dropout, Flatten and Reshape. */
import * as tf from "@tensorflow/tfjs";
import { buildLayer, dataFormat, fraction, positiveInteger, shape, type LayerDefinition } from "./layer-definition";
import { Layer, type BaseLayerOptions } from "./layers";

/** Options of Dropout, in Keras's snake_case or TF.js's camelCase. */
export interface DropoutOptions extends BaseLayerOptions {
  /** Fraction of the inputs set to 0 during training, from 0 up to but not including 1. Required. */
  rate?: number;
  /** Shape of the random mask, to drop the same features across an axis. Default: the input's shape. */
  noiseShape?: number[];
  /** Same as noiseShape, in Keras's spelling. */
  noise_shape?: number[];
  /** Seed of the random mask. Default: none. */
  seed?: number;
}

const dropoutDefinition: LayerDefinition = {
  className: "Dropout",
  namePrefix: "dropout",
  positional: ["rate"],
  required: ["rate"],
  example: "new Dropout(0.5)",
  options: { rate: fraction, noiseShape: shape, seed: positiveInteger },
  create: (config) => tf.layers.dropout(config as never),
};

/**
 * Sets a random fraction of its inputs to 0 during fit() and scales the rest up, as keras.layers.Dropout.
 * It changes nothing in evaluate() and predict().
 *
 *     new Dropout(0.2)
 */
export class Dropout extends Layer {
  /** Fraction of the inputs dropped during training. */
  readonly rate: number;

  constructor(rate: number, options?: Omit<DropoutOptions, "rate">);
  constructor(options: DropoutOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(dropoutDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.rate = built.config.rate as number;
  }

  get className(): string {
    return "Dropout";
  }
}

/** Options of Flatten. */
export interface FlattenOptions extends BaseLayerOptions {
  /** "channels_last" or "channels_first", the order of the values in the output. Default: "channels_last". */
  dataFormat?: "channels_last" | "channels_first" | "channelsLast" | "channelsFirst";
  /** Same as dataFormat, in Keras's spelling. */
  data_format?: FlattenOptions["dataFormat"];
}

const flattenDefinition: LayerDefinition = {
  className: "Flatten",
  namePrefix: "flatten",
  positional: [],
  required: [],
  example: "new Flatten()",
  options: { dataFormat },
  create: (config) => tf.layers.flatten(config as never),
};

/** Turns each sample into one row of values, as keras.layers.Flatten: (None, 28, 28) becomes (None, 784). */
export class Flatten extends Layer {
  constructor(options?: FlattenOptions) {
    const built = buildLayer(flattenDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "Flatten";
  }
}

/** Options of Reshape, in Keras's snake_case or TF.js's camelCase. */
export interface ReshapeOptions extends BaseLayerOptions {
  /** Shape of each output sample, without the batch size, such as [28, 28, 1]. Required. */
  targetShape?: number[];
  /** Same as targetShape, in Keras's spelling. */
  target_shape?: number[];
}

// One axis of the target shape may be -1, for the size that makes the value counts match, as in Keras.
// NOTE: TF.js 4.22 resolves that axis only when computing the output, so summaries show None for it
// where Keras shows the size.
const targetShape = (owner: string, key: string, value: unknown): unknown => {
  const inferredAxes = Array.isArray(value) ? value.filter((size) => size === -1).length : 0;
  if (inferredAxes !== 1) return shape(owner, key, value);

  const known = (value as number[]).filter((size) => size !== -1);
  if (known.length > 0) shape(owner, key, known);
  return [...(value as number[])];
};

const reshapeDefinition: LayerDefinition = {
  className: "Reshape",
  namePrefix: "reshape",
  positional: ["targetShape"],
  required: ["targetShape"],
  example: "new Reshape([28, 28, 1])",
  options: { targetShape },
  create: (config) => tf.layers.reshape(config as never),
};

/** Gives each sample a new shape with the same number of values, as keras.layers.Reshape: new Reshape([28, 28, 1]). */
export class Reshape extends Layer {
  /** Shape of each output sample, without the batch size. */
  readonly targetShape: number[];

  constructor(targetShape: number[], options?: Omit<ReshapeOptions, "targetShape">);
  constructor(options: ReshapeOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(reshapeDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.targetShape = built.config.targetShape as number[];
  }

  get className(): string {
    return "Reshape";
  }
}
