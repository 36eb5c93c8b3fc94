import * as tf from "@tensorflow/tfjs";
import { Chart, type VegaLiteSpec } from "../display/chart";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { checkSameLength, readNested, shapeText, type DataRecord } from "./data";
import { heatmapLayers, heatmapSize, type HeatmapCells } from "./heatmap";
import { chartOptionKinds, readOptions, type ChartOptions } from "./options";
import { buildSpec } from "./spec";

/** Class labels as plot.confusionMatrix() takes them. */
export type ClassLabels = tf.Tensor | readonly number[] | readonly (readonly number[])[];

/** Options of plot.confusionMatrix(). */
export interface ConfusionMatrixOptions extends ChartOptions {
  /**
   * Shows each row as fractions of its true label, which sum to 1, instead of counts, so classes of
   * different sizes compare. Default: false.
   */
  normalize?: boolean;
  /** Vega colour scheme of the cells, such as "blues" or "greens". Default: "blues". */
  scheme?: string;
}

/** A confusion matrix chart, with the counts it draws. */
export class ConfusionMatrixChart extends Chart {
  /** Counts of samples: matrix[t][p] is how many samples of true class t were predicted as class p. */
  readonly matrix: number[][];
  /** Names of the classes, in the order of the matrix's rows and columns. */
  readonly labels: string[];

  constructor(spec: VegaLiteSpec, text: string, matrix: number[][], labels: string[]) {
    super(spec, text);
    this.matrix = matrix;
    this.labels = labels;
  }
}

function fail(message: string): never {
  throw new ValueError(message);
}

/**
 * Reads class labels into one class index per sample. Takes class indices (shape [n] or [n, 1]), one
 * column of probabilities of class 1 such as a sigmoid's output (class 1 from 0.5 up), or rows of
 * one-hot labels or probabilities (shape [n, classes], the largest column wins). columns is the
 * number of classes that rows give.
 */
function readClassIndices(owner: string, role: string, data: unknown): { indices: number[]; columns?: number } {
  const text = messages().plot;
  const { shape, values } = readNested(owner, role, data, "labels");
  if (values.length === 0) fail(text.emptyData(owner, role));

  if (shape.length === 2 && shape[1] > 1) {
    const columns = shape[1];
    const indices = Array.from({ length: shape[0] }, (_, row) => {
      let best = 0;
      for (let column = 1; column < columns; column++) {
        if (values[row * columns + column] > values[row * columns + best]) best = column;
      }
      return best;
    });
    return { indices, columns };
  }
  if (shape.length !== 1 && !(shape.length === 2 && shape[1] === 1)) fail(text.labelShape(owner, role, shapeText(shape)));

  if (values.every((value) => Number.isInteger(value) && value >= 0)) return { indices: values };
  if (values.every((value) => value >= 0 && value <= 1)) return { indices: values.map((value) => (value >= 0.5 ? 1 : 0)) };
  const position = values.findIndex((value) => !(Number.isInteger(value) && value >= 0));
  return fail(text.invalidClassLabel(owner, role, describeValue(values[position]), position));
}

/** Lays out the matrix as text: one row per true label, one column per predicted label, numbers aligned right. */
function matrixText(matrix: number[][], labels: string[], samples: number, normalize: boolean): string {
  const cell = (value: number) => (normalize ? value.toFixed(2) : String(value));
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const widths = labels.map((label, column) => Math.max(label.length, ...matrix.map((row) => cell(row[column]).length)));
  const header = " ".repeat(labelWidth) + labels.map((label, column) => "  " + label.padStart(widths[column])).join("");
  const rows = matrix.map((row, index) => labels[index].padEnd(labelWidth) + row.map((value, column) => "  " + cell(value).padStart(widths[column])).join(""));
  return [messages().plot.confusionMatrixText(samples), header, ...rows].join("\n");
}

/**
 * Draws a confusion matrix: how many samples of each true class (rows) were predicted as each class
 * (columns), so the diagonal contains the correct predictions. yTrue and yPred each take class indices
 * such as [0, 2, 1], rows of one-hot labels or probabilities such as the output of model.predict(),
 * or one column of probabilities of class 1 (counted from 0.5), as arrays or tensors. labels names
 * the classes in index order; by default they are named by their indices.
 *
 * Raises ValueError when yTrue and yPred have different numbers of samples or classes, when a label
 * is not a class index, or when labels names fewer classes than the data have.
 *
 * @example plot.confusionMatrix(yTest, model.predict(xTest), ["setosa", "versicolor", "virginica"])
 */
export function confusionMatrix(
  yTrue: ClassLabels,
  yPred: ClassLabels,
  labels?: ReadonlyArray<string | number>,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrixChart {
  const owner = "plot.confusionMatrix()";
  const text = messages().plot;
  const read = readOptions<ConfusionMatrixOptions>(owner, options, { ...chartOptionKinds, normalize: "boolean", scheme: "string" });
  if (labels !== undefined && !(Array.isArray(labels) && labels.every((name) => typeof name === "string" || typeof name === "number"))) {
    fail(text.invalidNames(owner, "labels", describeValue(labels)));
  }

  // 1. One class index per sample on each side, and as many classes as the data or the labels have.
  const truth = readClassIndices(owner, "yTrue", yTrue);
  const predicted = readClassIndices(owner, "yPred", yPred);
  checkSameLength(owner, "yTrue", truth.indices.length, "yPred", predicted.indices.length);
  if (truth.columns !== undefined && predicted.columns !== undefined && truth.columns !== predicted.columns) {
    fail(text.classCountMismatch(owner, truth.columns, predicted.columns));
  }
  const classesInData = Math.max(truth.columns ?? 0, predicted.columns ?? 0, ...truth.indices.map((index) => index + 1), ...predicted.indices.map((index) => index + 1));
  if (labels !== undefined && labels.length < classesInData) fail(text.nameCountMismatch(owner, "labels", labels.length, classesInData, "classes"));
  const names = labels === undefined ? Array.from({ length: classesInData }, (_, index) => String(index)) : labels.map(String);

  // 2. Count the samples of each pair (true class, predicted class).
  const counts = names.map(() => names.map(() => 0));
  truth.indices.forEach((trueClass, sample) => counts[trueClass][predicted.indices[sample]]++);
  const shown = read.normalize
    ? counts.map((row) => {
        const total = row.reduce((sum, count) => sum + count, 0);
        return row.map((count) => (total === 0 ? 0 : count / total));
      })
    : counts;

  // 3. Draw it as a heatmap with predicted classes across and true classes down.
  const trueField = text.trueLabelTitle();
  const predictedField = text.predictedLabelTitle();
  const valueField = read.normalize ? text.fractionTitle() : text.countTitle();
  const records: DataRecord[] = [];
  shown.forEach((row, t) => row.forEach((value, p) => records.push({ [trueField]: names[t], [predictedField]: names[p], [valueField]: value })));
  const cells: HeatmapCells = { records, x: predictedField, y: trueField, value: valueField, xOrder: names, yOrder: names, columns: names.length, rows: names.length };
  const size = heatmapSize(cells);
  const layers = heatmapLayers(cells, { width: read.width ?? size.width, scheme: read.scheme, format: read.normalize ? ".2f" : "d" });
  const spec = buildSpec(read, size, records, layers, text.confusionMatrixTitle());

  return new ConfusionMatrixChart(spec, matrixText(shown, names, truth.indices.length, read.normalize === true), counts, names);
}
