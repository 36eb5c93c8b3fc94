import * as tf from "@tensorflow/tfjs";
import { formatShape } from "../display/summary";
import { messages } from "../i18n";
import { isTable, type ColumnTable } from "../eda/arquero";
import { tableTensor } from "../eda/tensor";
import { describeValue, ValueError } from "./errors";

/**
 * Data that fit(), evaluate() and predict() accept: a tensor, or nested arrays of numbers with one row per
 * sample. Also a typed array (one value per sample) or an array of them (one row per sample). An arquero
 * table whose columns all contain numbers is read as a 2-D tensor [rows, columns].
 */
/** A typed array of numbers, such as the Float32Array of a tensor's dataSync() or an Int32Array of labels. */
export type NumericTypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array | Uint8ClampedArray;

export type DataInput = tf.Tensor | number[] | number[][] | number[][][] | number[][][][] | ColumnTable | NumericTypedArray | NumericTypedArray[];

/** A float32 tensor for one argument, and whether it was made here and so must be disposed here. */
export interface PreparedTensor {
  tensor: tf.Tensor;
  created: boolean;
}

/** Disposes the tensors that prepareTensor() made, leaving the caller's own tensors alone. */
export function disposeCreated(prepared: Array<PreparedTensor | undefined>): void {
  for (const entry of prepared) {
    if (entry?.created) entry.tensor.dispose();
  }
}

/**
 * Turns x or y into a float32 tensor. A float32 tensor is used as it is; an int32 or bool tensor, nested
 * arrays and an arquero table become new tensors. Raises ValueError, naming the role, for anything else,
 * and for a table with a value that is missing or not a number.
 */
export function prepareTensor(role: "x" | "y", value: unknown): PreparedTensor {
  const text = messages().keras;

  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new ValueError(text.disposedInput(role));
    if (value.dtype === "float32") return { tensor: value, created: false };
    if (value.dtype === "int32" || value.dtype === "bool") return { tensor: tf.cast(value, "float32"), created: true };
    throw new ValueError(text.invalidData(role, `tf.Tensor<${value.dtype}>`));
  }

  if (isTable(value)) return { tensor: tableTensor(role, value), created: true };

  const plain = plainArrays(value);
  if (!Array.isArray(plain)) throw new ValueError(text.invalidData(role, describeValue(value)));
  const { shape, values } = flattenNested(role, plain);
  return { tensor: tf.tensor(values, shape, "float32"), created: true };
}

/** Returns whether value is a typed array of numbers (not a DataView or a BigInt array). */
export function isNumericTypedArray(value: unknown): value is NumericTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

/**
 * Returns value with its typed arrays as plain arrays: a typed array is one value per sample, and an
 * array of them one row per sample. Any other value is returned as it is.
 */
export function plainArrays(value: unknown): unknown {
  if (isNumericTypedArray(value)) return Array.from(value);
  if (Array.isArray(value) && value.some(isNumericTypedArray)) return value.map((row) => (isNumericTypedArray(row) ? Array.from(row) : row));
  return value;
}

/**
 * Returns the shape and the elements in row-major order of nested arrays of numbers. Raises
 * ValueError for a non-numeric element or for rows of unequal length, which tf.tensor() would
 * otherwise read into a tensor with missing values.
 */
export function flattenNested(role: string, value: unknown[]): { shape: number[]; values: number[] } {
  const text = messages().keras;
  const shape: number[] = [];
  for (let level: unknown = value; Array.isArray(level); level = level[0]) shape.push(level.length);

  const values: number[] = [];
  const visit = (element: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof element === "number") values.push(element);
      else if (typeof element === "boolean") values.push(element ? 1 : 0);
      else if (Array.isArray(element)) throw new ValueError(text.invalidData(role, describeValue(value)));
      else throw new ValueError(text.nonNumericData(role, describeValue(element)));
      return;
    }
    if (!Array.isArray(element) || element.length !== shape[depth]) {
      throw new ValueError(text.invalidData(role, describeValue(value)));
    }
    for (const child of element) visit(child, depth + 1);
  };
  visit(value, 0);
  return { shape, values };
}

/** Raises ValueError unless x and y have the same number of samples (rows). */
export function checkSampleCounts(x: tf.Tensor, y: tf.Tensor): void {
  const xSamples = x.shape[0] ?? 1;
  const ySamples = y.shape[0] ?? 1;
  if (xSamples !== ySamples) throw new ValueError(messages().keras.sampleCountMismatch(xSamples, ySamples));
}

/**
 * Returns true when actual matches expected in rank and in every sample size that expected fixes (null
 * matches any). The number of samples may differ from a batch size that Input() fixed: fit(), evaluate()
 * and predict() split the samples into batches, as Keras does.
 */
function shapeMatches(expected: ReadonlyArray<number | null>, actual: readonly number[]): boolean {
  return expected.length === actual.length && expected.every((size, i) => i === 0 || size === null || size === actual[i]);
}

/** Raises ValueError unless x fits the model's input shape, such as [null, 4]. */
export function checkInputShape(expected: ReadonlyArray<number | null>, x: tf.Tensor): void {
  if (shapeMatches(expected, x.shape)) return;
  const text = messages().keras;
  let message = text.inputShapeMismatch(formatShape(expected), formatShape(x.shape));

  // One sample written as a flat list, such as [1, 2, 3] for inputs of shape (None, 3).
  const isOneSample = expected.length === 2 && x.shape.length === 1 && x.shape[0] === expected[1];
  if (isOneSample) {
    // Seven significant digits undo float32's rounding, so 5.1 reads 5.1 again.
    const values = x.size <= MAX_QUOTED_VALUES ? `[[${Array.from(x.dataSync(), (value) => Number(value.toPrecision(7))).join(", ")}]]` : undefined;
    message += ` ${text.oneSampleHint(values, x.shape[0])}`;
  }
  // One value per sample, such as [1, 2, 3] for inputs of shape (None, 1).
  const isOneColumn = expected.length === 2 && expected[1] === 1 && x.shape.length === 1;
  if (isOneColumn) message += ` ${text.oneColumnHint(x.shape[0])}`;
  throw new ValueError(message);
}

/** How many values of x a hint quotes back to the learner. */
const MAX_QUOTED_VALUES = 8;

// Losses that take one column per class (one-hot rows), so integer labels need toCategorical() first.
const oneHotLosses = new Set(["categorical_crossentropy", "categorical_hinge", "kl_divergence"]);

/**
 * Raises ValueError unless y fits the model's output shape for the given Keras loss name. A 1-D y
 * counts as one column, as TF.js reads it. Sparse categorical crossentropy takes one integer label per
 * sample whatever the number of classes. When integer labels meet a one-hot loss, the message explains
 * how to convert them.
 */
export function checkTargetShape(outputShape: ReadonlyArray<number | null>, y: tf.Tensor, loss: string | undefined): void {
  if (loss === undefined) return;
  const targetShape = y.shape.length === 1 ? [y.shape[0], 1] : y.shape;
  const expected =
    loss === "sparse_categorical_crossentropy" ? [...outputShape.slice(0, -1), 1] : [...outputShape];
  if (shapeMatches(expected, targetShape)) return;

  const text = messages().keras;
  let message = text.targetShapeMismatch(formatShape(outputShape), formatShape(y.shape));
  const classes = outputShape[outputShape.length - 1];
  const looksLikeLabels = targetShape.length === 2 && targetShape[1] === 1;
  if (oneHotLosses.has(loss) && looksLikeLabels && classes !== null && classes > 1) {
    message += ` ${text.oneHotHint(loss, classes)}`;
  }
  // The output still has the height and width of a convolution or pooling layer.
  if (outputShape.length > 2 && y.shape.length <= 2) message += ` ${text.flattenHint()}`;
  throw new ValueError(message);
}
