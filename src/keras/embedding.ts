/** The Embedding layer, over tf.layers.embedding. */
import * as tf from "@tensorflow/tfjs";
import { boolean, buildLayer, initializer, positiveInteger, type LayerDefinition } from "./layer-definition";
import { Layer, type BaseLayerOptions } from "./layers";
import type { InitializerObject } from "./names";

/** Options of Embedding, in Keras's snake_case or TF.js's camelCase. */
export interface EmbeddingOptions extends BaseLayerOptions {
  /** Size of the vocabulary: the largest index plus one. Required. */
  inputDim?: number;
  /** Same as inputDim, in Keras's spelling. */
  input_dim?: number;
  /** Length of each vector. Required. */
  outputDim?: number;
  /** Same as outputDim, in Keras's spelling. */
  output_dim?: number;
  /** Initializer of the vectors. Default: "random_uniform" from -0.05 to 0.05, which is Keras's "uniform". */
  embeddingsInitializer?: string | InitializerObject;
  /** Same as embeddingsInitializer, in Keras's spelling. */
  embeddings_initializer?: string | InitializerObject;
  /** Whether index 0 means padding, to be masked in the layers after. Default: false. */
  maskZero?: boolean;
  /** Same as maskZero, in Keras's spelling. */
  mask_zero?: boolean;
  /** Length of the input sequences, which TF.js uses for the output shape. Default: unknown. */
  inputLength?: number;
  /** Same as inputLength, in Keras's spelling. */
  input_length?: number;
}

const embeddingDefinition: LayerDefinition = {
  className: "Embedding",
  namePrefix: "embedding",
  positional: ["inputDim", "outputDim"],
  required: ["inputDim", "outputDim"],
  example: "new Embedding(1000, 64)",
  options: {
    inputDim: positiveInteger,
    outputDim: positiveInteger,
    embeddingsInitializer: initializer,
    maskZero: boolean,
    inputLength: positiveInteger,
  },
  create: (config) => tf.layers.embedding(config as never),
};

/**
 * Turns integer indices into learned vectors, as keras.layers.Embedding: inputDim × outputDim weights.
 *
 *     new Embedding(1000, 64, { inputShape: [20] })
 */
export class Embedding extends Layer {
  /** Size of the vocabulary. */
  readonly inputDim: number;
  /** Length of each vector. */
  readonly outputDim: number;

  constructor(inputDim: number, outputDim: number, options?: Omit<EmbeddingOptions, "inputDim" | "outputDim">);
  constructor(options: EmbeddingOptions);
  constructor(...args: unknown[]) {
    const built = buildLayer(embeddingDefinition, args);
    super(built.name, built.inputShape, built.tfjsLayer);
    this.inputDim = built.config.inputDim as number;
    this.outputDim = built.config.outputDim as number;
  }

  get className(): string {
    return "Embedding";
  }
}
