/** Input(), which declares a model's input shape as the first element of a Sequential model. */
import { uniqueName } from "./autoname";
import { normalizeOptions, readPositiveInteger, readShape, readString } from "./options";

/** Options of Input(), in Keras's snake_case or TF.js's camelCase. */
export interface InputOptions {
  /** Name of the input layer. Default: "input_layer", numbered per process. */
  name?: string;
  /** Fixed batch size. Default: none, so any number of samples fits. */
  batchSize?: number;
  /** Same as batchSize, in Keras's spelling. */
  batch_size?: number;
}

/** The input description that Input() returns: shape of one sample, batch size and name. */
export class ModelInput {
  /** Shape of one sample, without the batch size, such as [28, 28, 1]. */
  readonly shape: number[];
  /** Fixed batch size, or null for any. */
  readonly batchSize: number | null;
  /** Name of the TF.js input layer that the model gets. */
  readonly name: string;

  constructor(shape: number[], batchSize: number | null, name: string) {
    this.shape = shape;
    this.batchSize = batchSize;
    this.name = name;
  }
}

/** Input() with and without `new`, as notebooks write `Input([4])` after Keras's `keras.Input(shape=(4,))`. */
export interface InputFunction {
  (shape: number[], options?: InputOptions): ModelInput;
  new (shape: number[], options?: InputOptions): ModelInput;
}

/**
 * Declares the shape of one input sample, as keras.Input, for the first element of a Sequential model.
 * Summaries do not list it as a layer, as in Keras 3.
 *
 *     new Sequential([Input([28, 28, 1]), new Conv2D(32, 3), new Flatten(), new Dense(10)])
 */
export const Input = function Input(shape: number[], options?: InputOptions): ModelInput {
  const settings = normalizeOptions("Input", options, ["name", "batchSize"]);
  const sampleShape = readShape("Input", "shape", shape);
  const batchSize = settings.batchSize === undefined ? null : readPositiveInteger("Input", "batchSize", settings.batchSize);
  const name = settings.name === undefined ? uniqueName("input_layer") : readString("Input", "name", settings.name);
  return new ModelInput(sampleShape, batchSize, name);
} as InputFunction;
