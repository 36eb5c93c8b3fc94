import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { resetNames } from "./autoname";
import { flattenNested, plainArrays, type NumericTypedArray } from "./data";
import { describeValue, ValueError } from "./errors";
import { readPositiveInteger } from "./options";

export { setRandomSeed } from "./seed";
export { MinMaxScaler, StandardScaler, trainTestSplit } from "./preprocessing";
export type {
  FeatureInput,
  MinMaxScalerOptions,
  SampleInput,
  StandardScalerOptions,
  TrainTestSplit,
  TrainTestSplitOptions,
} from "./preprocessing";

/** Class labels that toCategorical() accepts: a tensor or nested arrays of integers from 0. */
export type LabelsInput = tf.Tensor | number[] | number[][] | NumericTypedArray;

function readLabels(input: unknown): { values: number[]; shape: number[] } {
  const labels = plainArrays(input);
  if (labels instanceof tf.Tensor) {
    if (labels.isDisposed) throw new ValueError(messages().keras.disposedInput("labels"));
    return { values: Array.from(labels.dataSync() as ArrayLike<number>), shape: [...labels.shape] };
  }
  if (!Array.isArray(labels)) throw new ValueError(messages().keras.invalidData("labels", describeValue(labels)));

  return flattenNested("labels", labels);
}

/**
 * Converts integer class labels to one-hot rows, as keras.utils.to_categorical: labels [0, 2] with 3
 * classes give [[1, 0, 0], [0, 0, 1]]. The result has the labels' shape plus one axis of numClasses,
 * except that a last axis of size 1 is replaced. numClasses defaults to the largest label plus one.
 * Raises ValueError for a label that is not an integer from 0, or not below numClasses.
 */
export function toCategorical(labels: LabelsInput, numClasses?: number): tf.Tensor {
  const text = messages().keras;
  const { values, shape } = readLabels(labels);

  values.forEach((value, position) => {
    if (!Number.isInteger(value) || value < 0) throw new ValueError(text.invalidLabel(describeValue(value), position));
  });
  const classes =
    numClasses === undefined ? Math.max(0, ...values) + 1 : readPositiveInteger("toCategorical()", "numClasses", numClasses);
  const outOfRange = values.find((value) => value >= classes);
  if (outOfRange !== undefined) throw new ValueError(text.labelOutOfRange(outOfRange, classes));

  const outerShape = shape.length > 1 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.tensor1d(values, "int32"), classes);
    return tf.reshape(tf.cast(oneHot, "float32"), [...outerShape, classes]);
  });
}

/**
 * Restarts automatic naming, so the next model is "sequential" and the next Dense "dense", as
 * keras.utils.clear_session(). Existing models and layers keep their names and weights.
 */
export function clearSession(): void {
  resetNames();
}
