/** Recurrent layers: SimpleRNN, LSTM and GRU, over the TF.js layers of the same names, and Bidirectional. */
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import { activation, boolean, buildLayer, choice, fraction, initializer, positiveInteger, type LayerDefinition } from "./layer-definition";
import { Layer, type BaseLayerOptions, type KernelLayerOptions } from "./layers";
import type { ActivationName, InitializerObject } from "./names";

/** Options of SimpleRNN, LSTM and GRU, in Keras's snake_case or TF.js's camelCase. */
export interface RecurrentOptions extends KernelLayerOptions {
  /** Activation of the output and state. Default: "tanh". */
  activation?: ActivationName | (string & {});
  /** Whether the layer outputs every step (samples, steps, units) or only the last (samples, units). Default: false. */
  returnSequences?: boolean;
  /** Same as returnSequences, in Keras's spelling. */
  return_sequences?: boolean;
  /** Whether to read the sequence from its end. Default: false. */
  goBackwards?: boolean;
  /** Same as goBackwards, in Keras's spelling. */
  go_backwards?: boolean;
  /** Initializer of the recurrent kernel. Default: "orthogonal". */
  recurrentInitializer?: string | InitializerObject;
  /** Same as recurrentInitializer, in Keras's spelling. */
  recurrent_initializer?: string | InitializerObject;
  /** Fraction of the inputs dropped during training. Default: 0. */
  dropout?: number;
  /** Fraction of the recurrent state dropped during training. Default: 0. */
  recurrentDropout?: number;
  /** Same as recurrentDropout, in Keras's spelling. */
  recurrent_dropout?: number;
}

/** Options of LSTM and GRU, which have gates. */
export interface GatedRecurrentOptions extends RecurrentOptions {
  /** Activation of the gates. Default: "sigmoid", as in Keras; TF.js's own default is "hard_sigmoid". */
  recurrentActivation?: ActivationName | (string & {});
  /** Same as recurrentActivation, in Keras's spelling. */
  recurrent_activation?: ActivationName | (string & {});
}

/** Options of LSTM. */
export interface LSTMOptions extends GatedRecurrentOptions {
  /** Whether the forget gate's bias starts at 1. Default: true. */
  unitForgetBias?: boolean;
  /** Same as unitForgetBias, in Keras's spelling. */
  unit_forget_bias?: boolean;
}

/**
 * Options of GRU. resetAfter must be false: TensorFlow.js's GRU (4.22) implements only that variant, which
 * has one bias vector per gate where Keras 3's default reset_after: true has two.
 */
export interface GRUOptions extends GatedRecurrentOptions {
  /** Whether the reset gate applies after the matrix product. Only false is supported. Default: false. */
  resetAfter?: false;
  /** Same as resetAfter, in Keras's spelling. */
  reset_after?: false;
}

/** Options of a recurrent layer with units given by name. */
type WithUnits<T> = T & {
  /** Size of the output and of the state. Required. */
  units?: number;
};

const recurrentOptions = {
  units: positiveInteger,
  activation,
  returnSequences: boolean,
  goBackwards: boolean,
  useBias: boolean,
  kernelInitializer: initializer,
  recurrentInitializer: initializer,
  biasInitializer: initializer,
  dropout: fraction,
  recurrentDropout: fraction,
};

// TF.js's GRU starts its kernel from glorot_normal, and its GRU and LSTM gates default to hard_sigmoid.
// Keras 3 uses glorot_uniform and sigmoid for both layers.
const gatedDefaults = { kernelInitializer: "glorotUniform", recurrentActivation: "sigmoid" };

const simpleRnnDefinition: LayerDefinition = {
  className: "SimpleRNN",
  namePrefix: "simple_rnn",
  positional: ["units"],
  required: ["units"],
  example: "new SimpleRNN(16)",
  options: recurrentOptions,
  kerasDefaults: { kernelInitializer: "glorotUniform" },
  create: (config) => tf.layers.simpleRNN(config as never),
};

const lstmDefinition: LayerDefinition = {
  className: "LSTM",
  namePrefix: "lstm",
  positional: ["units"],
  required: ["units"],
  example: "new LSTM(32)",
  options: { ...recurrentOptions, recurrentActivation: activation, unitForgetBias: boolean },
  kerasDefaults: { ...gatedDefaults, unitForgetBias: true },
  create: (config) => tf.layers.lstm(config as never),
};

const gruDefinition: LayerDefinition = {
  className: "GRU",
  namePrefix: "gru",
  positional: ["units"],
  required: ["units"],
  example: "new GRU(32)",
  options: { ...recurrentOptions, recurrentActivation: activation, resetAfter: boolean },
  kerasDefaults: gatedDefaults,
  check: (config) => {
    if (config.resetAfter === true) throw new ValueError(messages().keras.gruResetAfterUnsupported());
  },
  create: (config) => tf.layers.gru(config as never),
};

/**
 * A fully connected recurrent layer, as keras.layers.SimpleRNN: units × (features + units + 1) weights.
 *
 *     new SimpleRNN(16, { inputShape: [10, 8] })
 */
export class SimpleRNN extends Layer {
  /** Size of the output and of the state. */
  readonly units: number;

  constructor(units: number, options?: RecurrentOptions);
  constructor(options: WithUnits<RecurrentOptions>);
  constructor(...args: unknown[]) {
    const built = buildLayer(simpleRnnDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.units = built.config.units as number;
  }

  get className(): string {
    return "SimpleRNN";
  }
}

/**
 * A long short-term memory layer, as keras.layers.LSTM: 4 × units × (features + units + 1) weights.
 *
 *     new LSTM(32, { inputShape: [20, 10] })
 */
export class LSTM extends Layer {
  /** Size of the output and of the state. */
  readonly units: number;

  constructor(units: number, options?: LSTMOptions);
  constructor(options: WithUnits<LSTMOptions>);
  constructor(...args: unknown[]) {
    const built = buildLayer(lstmDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.units = built.config.units as number;
  }

  get className(): string {
    return "LSTM";
  }
}

/**
 * A gated recurrent unit layer, as keras.layers.GRU with reset_after=False: 3 × units × (features + units + 1)
 * weights. NOTE: Keras 3 defaults to reset_after=True, with 3 × units more bias weights, which TF.js's GRU
 * does not implement, so the same model has fewer parameters here than in Keras 3.
 */
export class GRU extends Layer {
  /** Size of the output and of the state. */
  readonly units: number;

  constructor(units: number, options?: GRUOptions);
  constructor(options: WithUnits<GRUOptions>);
  constructor(...args: unknown[]) {
    const built = buildLayer(gruDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.units = built.config.units as number;
  }

  get className(): string {
    return "GRU";
  }
}

/** Options of Bidirectional, in Keras's snake_case or TF.js's camelCase. */
export interface BidirectionalOptions extends BaseLayerOptions {
  /** Merge of the forward and backward outputs: "concat" (side by side), "sum", "mul" or "ave". Default: "concat". */
  mergeMode?: "concat" | "sum" | "mul" | "ave";
  /** Same as mergeMode, in Keras's spelling. */
  merge_mode?: BidirectionalOptions["mergeMode"];
}

const bidirectionalDefinition: LayerDefinition = {
  className: "Bidirectional",
  namePrefix: "bidirectional",
  positional: [],
  required: [],
  example: "new Bidirectional(new LSTM(32))",
  options: { mergeMode: choice({ concat: "concat", sum: "sum", mul: "mul", ave: "ave" }) },
  create: () => {
    throw new Error("Bidirectional is created by its constructor, which knows the wrapped layer");
  },
};

/**
 * Runs a recurrent layer over the sequence forwards and a copy of it backwards, as
 * keras.layers.Bidirectional, and merges their outputs: twice the wrapped layer's weights.
 * An inputShape may be given to either layer.
 *
 *     new Bidirectional(new LSTM(32), { inputShape: [20, 10] })
 */
export class Bidirectional extends Layer {
  /** The wrapped layer, which runs forwards. */
  readonly layer: SimpleRNN | LSTM | GRU;

  constructor(layer: SimpleRNN | LSTM | GRU, options?: BidirectionalOptions) {
    if (!(layer instanceof SimpleRNN || layer instanceof LSTM || layer instanceof GRU)) {
      throw new ValueError(messages().keras.bidirectionalNeedsRecurrent(describeValue(layer)));
    }
    const withShape = layer.inputShape && !hasInputShape(options) ? { ...options, inputShape: layer.inputShape } : options;
    const definition: LayerDefinition = {
      ...bidirectionalDefinition,
      create: (config) => tf.layers.bidirectional({ ...config, layer: layer.tfjsLayer as never }),
    };
    const built = buildLayer(definition, [withShape]);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.layer = layer;
  }

  get className(): string {
    return "Bidirectional";
  }
}

function hasInputShape(options: BidirectionalOptions | undefined): boolean {
  return options !== undefined && ("inputShape" in options || "input_shape" in options);
}
