/** Normalization layers: BatchNormalization and LayerNormalization. */
import * as tf from "@tensorflow/tfjs";
import { axis, boolean, buildLayer, closedFraction, initializer, positiveNumber, type LayerDefinition } from "./layer-definition";
import { Layer, type BaseLayerOptions } from "./layers";
import type { InitializerObject } from "./names";

/** Options shared by BatchNormalization and LayerNormalization, in Keras's snake_case or TF.js's camelCase. */
export interface NormalizationOptions extends BaseLayerOptions {
  /** Axis or axes to normalize: the features axis for BatchNormalization. Default: -1, the last axis. */
  axis?: number | number[];
  /** Small number added to the variance to avoid dividing by zero. Default: 0.001. */
  epsilon?: number;
  /** Whether to learn an offset (beta) added after normalizing. Default: true. */
  center?: boolean;
  /** Whether to learn a scale (gamma) applied after normalizing. Default: true. */
  scale?: boolean;
  /** Initializer of beta. Default: "zeros". */
  betaInitializer?: string | InitializerObject;
  /** Same as betaInitializer, in Keras's spelling. */
  beta_initializer?: string | InitializerObject;
  /** Initializer of gamma. Default: "ones". */
  gammaInitializer?: string | InitializerObject;
  /** Same as gammaInitializer, in Keras's spelling. */
  gamma_initializer?: string | InitializerObject;
}

/** Options of BatchNormalization. */
export interface BatchNormalizationOptions extends NormalizationOptions {
  /** Weight of the old value in the moving mean and variance, from 0 to 1. Default: 0.99. */
  momentum?: number;
  /** Initializer of the moving mean. Default: "zeros". */
  movingMeanInitializer?: string | InitializerObject;
  /** Same as movingMeanInitializer, in Keras's spelling. */
  moving_mean_initializer?: string | InitializerObject;
  /** Initializer of the moving variance. Default: "ones". */
  movingVarianceInitializer?: string | InitializerObject;
  /** Same as movingVarianceInitializer, in Keras's spelling. */
  moving_variance_initializer?: string | InitializerObject;
}

const normalizationOptions = {
  axis,
  epsilon: positiveNumber,
  center: boolean,
  scale: boolean,
  betaInitializer: initializer,
  gammaInitializer: initializer,
};

// Keras's defaults (keras.layers.BatchNormalization, Keras 3): momentum 0.99, epsilon 0.001, as in TF.js.
const batchNormalizationDefinition: LayerDefinition = {
  className: "BatchNormalization",
  namePrefix: "batch_normalization",
  positional: [],
  required: [],
  example: "new BatchNormalization()",
  options: {
    ...normalizationOptions,
    momentum: closedFraction,
    movingMeanInitializer: initializer,
    movingVarianceInitializer: initializer,
  },
  kerasDefaults: { momentum: 0.99, epsilon: 0.001 },
  create: (config) => tf.layers.batchNormalization(config as never),
};

const layerNormalizationDefinition: LayerDefinition = {
  className: "LayerNormalization",
  namePrefix: "layer_normalization",
  positional: [],
  required: [],
  example: "new LayerNormalization()",
  options: normalizationOptions,
  kerasDefaults: { epsilon: 0.001 },
  create: (config) => tf.layers.layerNormalization(config as never),
};

/**
 * Normalizes each feature over the batch, as keras.layers.BatchNormalization. It learns gamma and beta,
 * and keeps a moving mean and variance for evaluate() and predict(), which fit() does not train:
 * 4 weights per feature, of which 2 are non-trainable.
 */
export class BatchNormalization extends Layer {
  constructor(options?: BatchNormalizationOptions) {
    const built = buildLayer(batchNormalizationDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "BatchNormalization";
  }
}

/** Normalizes each sample over its features, as keras.layers.LayerNormalization: 2 weights per feature. */
export class LayerNormalization extends Layer {
  constructor(options?: NormalizationOptions) {
    const built = buildLayer(layerNormalizationDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "LayerNormalization";
  }
}
