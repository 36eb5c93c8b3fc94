/** Pooling layers, over tf.layers' max, average and global average pooling. */
import * as tf from "@tensorflow/tfjs";
import { buildLayer, dataFormat, padding, sizes, type LayerDefinition } from "./layer-definition";
import { Layer, type BaseLayerOptions } from "./layers";

/** Options of MaxPooling1D, MaxPooling2D and AveragePooling2D, in Keras's snake_case or TF.js's camelCase. */
export interface PoolingOptions extends BaseLayerOptions {
  /** Size of the pooling window: 2 or [2, 2]. Default: 2 on each axis. */
  poolSize?: number | number[];
  /** Same as poolSize, in Keras's spelling. */
  pool_size?: number | number[];
  /** Step of the window. Default: poolSize. */
  strides?: number | number[];
  /** "valid" or "same". Default: "valid". */
  padding?: "valid" | "same";
  /** "channels_last" or "channels_first". Default: "channels_last". */
  dataFormat?: "channels_last" | "channels_first" | "channelsLast" | "channelsFirst";
  /** Same as dataFormat, in Keras's spelling. */
  data_format?: PoolingOptions["dataFormat"];
}

function poolingDefinition(
  className: string,
  namePrefix: string,
  axes: 1 | 2,
  create: (config: Record<string, unknown>) => tf.layers.Layer,
): LayerDefinition {
  return {
    className,
    namePrefix,
    positional: ["poolSize"],
    required: [],
    example: `new ${className}(2)`,
    options: { poolSize: sizes(axes), strides: sizes(axes), padding, dataFormat },
    create,
  };
}

const maxPooling1dDefinition = poolingDefinition("MaxPooling1D", "max_pooling1d", 1, (config) =>
  tf.layers.maxPooling1d(config as never),
);
const maxPooling2dDefinition = poolingDefinition("MaxPooling2D", "max_pooling2d", 2, (config) =>
  tf.layers.maxPooling2d(config as never),
);
const averagePooling2dDefinition = poolingDefinition("AveragePooling2D", "average_pooling2d", 2, (config) =>
  tf.layers.averagePooling2d(config as never),
);

/** Max pooling over steps of sequences, as keras.layers.MaxPooling1D: new MaxPooling1D(2). */
export class MaxPooling1D extends Layer {
  constructor(poolSize?: number | number[], options?: PoolingOptions);
  constructor(options: PoolingOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(maxPooling1dDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "MaxPooling1D";
  }
}

/** Max pooling over height and width, as keras.layers.MaxPooling2D: new MaxPooling2D() halves each side. */
export class MaxPooling2D extends Layer {
  constructor(poolSize?: number | number[], options?: PoolingOptions);
  constructor(options: PoolingOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(maxPooling2dDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "MaxPooling2D";
  }
}

/** Average pooling over height and width, as keras.layers.AveragePooling2D. */
export class AveragePooling2D extends Layer {
  constructor(poolSize?: number | number[], options?: PoolingOptions);
  constructor(options: PoolingOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(averagePooling2dDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "AveragePooling2D";
  }
}

/** Options of GlobalAveragePooling1D and GlobalAveragePooling2D. */
export interface GlobalPoolingOptions extends BaseLayerOptions {
  /** "channels_last" or "channels_first". Default: "channels_last". */
  dataFormat?: "channels_last" | "channels_first" | "channelsLast" | "channelsFirst";
  /** Same as dataFormat, in Keras's spelling. */
  data_format?: GlobalPoolingOptions["dataFormat"];
}

// TF.js's GlobalAveragePooling1D takes no dataFormat, so only the 2-D layer offers it.
const globalAveragePooling1dDefinition: LayerDefinition = {
  className: "GlobalAveragePooling1D",
  namePrefix: "global_average_pooling1d",
  positional: [],
  required: [],
  example: "new GlobalAveragePooling1D()",
  options: {},
  create: (config) => tf.layers.globalAveragePooling1d(config as never),
};

const globalAveragePooling2dDefinition: LayerDefinition = {
  className: "GlobalAveragePooling2D",
  namePrefix: "global_average_pooling2d",
  positional: [],
  required: [],
  example: "new GlobalAveragePooling2D()",
  options: { dataFormat },
  create: (config) => tf.layers.globalAveragePooling2d(config as never),
};

/** The mean over all steps of each channel, as keras.layers.GlobalAveragePooling1D. */
export class GlobalAveragePooling1D extends Layer {
  constructor(options?: BaseLayerOptions) {
    const built = buildLayer(globalAveragePooling1dDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "GlobalAveragePooling1D";
  }
}

/** The mean over height and width of each channel, as keras.layers.GlobalAveragePooling2D. */
export class GlobalAveragePooling2D extends Layer {
  constructor(options?: GlobalPoolingOptions) {
    const built = buildLayer(globalAveragePooling2dDefinition, [options]);
    super(built.name, built.inputShape, built.tfjsLayer);
  }

  get className(): string {
    return "GlobalAveragePooling2D";
  }
}
