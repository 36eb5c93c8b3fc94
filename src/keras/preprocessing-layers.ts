/** Preprocessing layers: Rescaling, and Normalization with adapt(). */
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import { buildLayer, type LayerDefinition, type OptionReader } from "./layer-definition";
import { Layer, type BaseLayerOptions } from "./layers";
import { readBoolean } from "./options";
import { prepareTensor, type DataInput } from "./data";

/** Reads any finite number, such as a scale or an offset. */
const finiteNumber: OptionReader = (owner, key, value) => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "number"));
};

/** Options of Rescaling, in Keras's snake_case or TF.js's camelCase. */
export interface RescalingOptions extends BaseLayerOptions {
  /** Factor that multiplies every input, such as 1 / 255 for pixel values. Required. */
  scale?: number;
  /** Value added after the scaling. Default: 0. */
  offset?: number;
}

const rescalingDefinition: LayerDefinition = {
  className: "Rescaling",
  namePrefix: "rescaling",
  positional: ["scale", "offset"],
  required: ["scale"],
  example: "new Rescaling(1 / 255)",
  options: { scale: finiteNumber, offset: finiteNumber },
  create: (config) => tf.layers.rescaling(config as never),
};

/**
 * Multiplies its inputs by scale and adds offset, as keras.layers.Rescaling; it has no weights.
 *
 *     new Rescaling(1 / 255, { inputShape: [28, 28, 1] })
 */
export class Rescaling extends Layer {
  /** Factor that multiplies every input. */
  readonly scale: number;
  /** Value added after the scaling. */
  readonly offset: number;

  constructor(scale: number, offset?: number, options?: Omit<RescalingOptions, "scale" | "offset">);
  constructor(scale: number, options?: Omit<RescalingOptions, "scale">);
  constructor(options: RescalingOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(rescalingDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.scale = built.config.scale as number;
    this.offset = (built.config.offset as number | undefined) ?? 0;
  }

  get className(): string {
    return "Rescaling";
  }
}

/** Options of Normalization, in Keras's snake_case or TF.js's camelCase. */
export interface NormalizationLayerOptions extends BaseLayerOptions {
  /** Axis that keeps its own mean and variance, one per feature; other axes are averaged over. Default: -1, the last. */
  axis?: number;
  /** Mean of each feature, when known; otherwise adapt() computes it from data. */
  mean?: number | number[];
  /** Variance of each feature, when known; otherwise adapt() computes it from data. */
  variance?: number | number[];
  /** Whether to undo the normalization, turning normalized values back into the data's scale. Default: false. */
  invert?: boolean;
}

/** Keras's backend epsilon: the smallest standard deviation divided by, so a constant feature does not give NaN. */
const EPSILON = 1e-7;

const integerAxis: OptionReader = (owner, key, value) => {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "axis"));
};

const statistics: OptionReader = (owner, key, value) => {
  const isNumber = (item: unknown) => typeof item === "number" && Number.isFinite(item);
  if (isNumber(value) || (Array.isArray(value) && value.length > 0 && value.every(isNumber))) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "number"));
};

interface NormalizationConfig {
  axis: number;
  mean?: number | number[];
  variance?: number | number[];
  invert: boolean;
}

/**
 * The TF.js layer behind Normalization, which TensorFlow.js 4.22 does not have. Its weights are
 * Keras's three non-trainable ones: mean and variance per feature, and the count of values that
 * adapt() read.
 */
class NormalizationTfjsLayer extends tf.layers.Layer {
  static readonly className = "Normalization";
  private readonly settings: NormalizationConfig;
  private meanWeight: tf.LayerVariable | undefined;
  private varianceWeight: tf.LayerVariable | undefined;
  private countWeight: tf.LayerVariable | undefined;

  constructor(config: Partial<NormalizationConfig> & Record<string, unknown>) {
    super(config as never);
    this.settings = { axis: config.axis ?? -1, mean: config.mean, variance: config.variance, invert: config.invert ?? false };
  }

  /** Returns the number of features along the axis of an input of the given shape. */
  featureCount(inputShape: ReadonlyArray<number | null>): number {
    const index = this.axisIndex(inputShape.length);
    const size = inputShape[index];
    if (size === null || size === undefined) throw new ValueError(messages().keras.normalizationUnknownFeatures(this.name));
    return size;
  }

  axisIndex(rank: number): number {
    const index = this.settings.axis < 0 ? rank + this.settings.axis : this.settings.axis;
    if (index < 1 || index >= rank) throw new ValueError(messages().keras.normalizationInvalidAxis(this.name, this.settings.axis, rank));
    return index;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Array<number | null>;
    const features = this.featureCount(shape);
    const constant = (value: number | number[] | undefined, fallback: number) =>
      tf.initializers.constant({ value: typeof value === "number" ? value : fallback });
    this.meanWeight = this.addWeight("mean", [features], "float32", constant(this.settings.mean, 0), undefined, false);
    this.varianceWeight = this.addWeight("variance", [features], "float32", constant(this.settings.variance, 1), undefined, false);
    this.countWeight = this.addWeight("count", [], "float32", tf.initializers.zeros(), undefined, false);
    // Statistics given per feature as lists replace the constant starting values.
    for (const [weight, value] of [[this.meanWeight, this.settings.mean], [this.varianceWeight, this.settings.variance]] as const) {
      if (Array.isArray(value)) {
        if (value.length !== features) throw new ValueError(messages().keras.normalizationStatisticLength(this.name, value.length, features));
        weight.write(tf.tensor1d(value));
      }
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const broadcast = x.shape.map((size, index) => (index === this.axisIndex(x.rank) ? size : 1));
      const mean = this.meanWeight!.read().reshape(broadcast);
      const deviation = tf.maximum(tf.sqrt(this.varianceWeight!.read()), EPSILON).reshape(broadcast);
      return this.settings.invert ? x.mul(deviation).add(mean) : x.sub(mean).div(deviation);
    });
  }

  /** Sets the mean, variance and count from data, reducing over every axis but the feature axis. */
  adapt(data: tf.Tensor): void {
    // Building through apply() names the weights under the layer's name (normalization/mean), as
    // a model that loads them expects.
    if (!this.built) tf.tidy(() => void this.apply(tf.zeros([1, ...data.shape.slice(1)])));
    const features = this.featureCount([null, ...data.shape.slice(1)]);
    const axisIndex = this.axisIndex(data.rank);
    const reduced = data.shape.map((_, index) => index).filter((index) => index !== axisIndex);
    tf.tidy(() => {
      const { mean, variance } = tf.moments(data, reduced);
      this.meanWeight!.write(mean.reshape([features]));
      this.varianceWeight!.write(variance.reshape([features]));
      this.countWeight!.write(tf.scalar(data.size / features));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.settings.axis, invert: this.settings.invert };
  }
}
tf.serialization.registerClass(NormalizationTfjsLayer);

const normalizationDefinition: LayerDefinition = {
  className: "Normalization",
  namePrefix: "normalization",
  positional: [],
  required: [],
  example: "new Normalization()",
  options: { axis: integerAxis, mean: statistics, variance: statistics, invert: readBoolean },
  create: (config) => new NormalizationTfjsLayer(config),
};

/**
 * Shifts and scales each feature to mean 0 and variance 1, as keras.layers.Normalization. Call
 * adapt(data) with the training data first, or give mean and variance. It has 2 weights per feature
 * and a count, none of which fit() trains.
 *
 *     const normalizer = new Normalization({ inputShape: [4] });
 *     normalizer.adapt(xTrain);
 */
export class Normalization extends Layer {
  constructor(options?: NormalizationLayerOptions) {
    const built = buildLayer(normalizationDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "Normalization";
  }

  /**
   * Computes each feature's mean and variance from data (a tensor or nested arrays, one row per
   * sample), as Keras's adapt(). Call it before fit(); calling it again replaces the statistics.
   */
  adapt(data: DataInput): void {
    const prepared = prepareTensor("x", data);
    try {
      (this.tfjsLayer as NormalizationTfjsLayer).adapt(prepared.tensor);
    } finally {
      if (prepared.created) prepared.tensor.dispose();
    }
  }
}
