/** Convolution layers: Conv1D and Conv2D, over tf.layers.conv1d and tf.layers.conv2d. */
import * as tf from "@tensorflow/tfjs";
import {
  activation,
  boolean,
  buildLayer,
  choice,
  dataFormat,
  initializer,
  padding,
  positiveInteger,
  sizes,
  type LayerDefinition,
} from "./layer-definition";
import { Layer, type KernelLayerOptions } from "./layers";

/** Options of Conv1D and Conv2D, in Keras's snake_case or TF.js's camelCase. */
export interface ConvOptions extends KernelLayerOptions {
  /** Step of the kernel along each spatial axis: 1 or [1, 1]. Default: 1. */
  strides?: number | number[];
  /** "valid" (no padding, the output shrinks) or "same" (zero padding, the output keeps its size); Conv1D also takes "causal". Default: "valid". */
  padding?: "valid" | "same" | "causal";
  /** "channels_last" (samples, ..., channels) or "channels_first". Default: "channels_last". */
  dataFormat?: "channels_last" | "channels_first" | "channelsLast" | "channelsFirst";
  /** Same as dataFormat, in Keras's spelling. */
  data_format?: ConvOptions["dataFormat"];
  /** Spacing between kernel elements, for dilated convolution. Default: 1. */
  dilationRate?: number | number[];
  /** Same as dilationRate, in Keras's spelling. */
  dilation_rate?: number | number[];
}

/** Options of a convolution with filters and kernelSize given by name. */
export interface ConvNamedOptions extends ConvOptions {
  /** Number of filters, which is the number of output channels. Required. */
  filters?: number;
  /** Size of the convolution window: 3 or [3, 3]. Required. */
  kernelSize?: number | number[];
  /** Same as kernelSize, in Keras's spelling. */
  kernel_size?: number | number[];
}

function convDefinition(axes: 1 | 2): LayerDefinition {
  const className = `Conv${axes}D`;
  return {
    className,
    namePrefix: `conv${axes}d`,
    positional: ["filters", "kernelSize"],
    required: ["filters", "kernelSize"],
    example: `new ${className}(32, 3)`,
    options: {
      filters: positiveInteger,
      kernelSize: sizes(axes),
      strides: sizes(axes),
      padding: axes === 1 ? choice({ valid: "valid", same: "same", causal: "causal" }) : padding,
      dataFormat,
      dilationRate: sizes(axes),
      activation,
      useBias: boolean,
      kernelInitializer: initializer,
      biasInitializer: initializer,
    },
    kerasDefaults: { kernelInitializer: "glorotUniform", biasInitializer: "zeros" },
    create: (config) => (axes === 1 ? tf.layers.conv1d(config as never) : tf.layers.conv2d(config as never)),
  };
}

const conv1dDefinition = convDefinition(1);
const conv2dDefinition = convDefinition(2);

/**
 * A 1-D convolution over sequences of shape (steps, channels), as keras.layers.Conv1D.
 *
 *     new Conv1D(16, 3, { activation: "relu", inputShape: [100, 8] })
 */
export class Conv1D extends Layer {
  /** Number of filters. */
  readonly filters: number;

  constructor(filters: number, kernelSize: number | number[], options?: ConvOptions);
  constructor(options: ConvNamedOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(conv1dDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.filters = built.config.filters as number;
  }

  get className(): string {
    return "Conv1D";
  }
}

/**
 * A 2-D convolution over images of shape (height, width, channels), as keras.layers.Conv2D.
 *
 *     new Conv2D(32, 3, { activation: "relu", inputShape: [28, 28, 1] })
 *     new Conv2D({ filters: 32, kernelSize: [3, 3] })
 */
export class Conv2D extends Layer {
  /** Number of filters. */
  readonly filters: number;

  constructor(filters: number, kernelSize: number | number[], options?: ConvOptions);
  constructor(options: ConvNamedOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(conv2dDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.filters = built.config.filters as number;
  }

  get className(): string {
    return "Conv2D";
  }
}
