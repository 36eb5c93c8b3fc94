import type { ChartKind, ExpectedData, PlotMessages } from "./plot.catalogue";

const chartKinds: Record<ChartKind, string> = {
  line: "Line chart",
  scatter: "Scatter plot",
  bar: "Bar chart",
  histogram: "Histogram",
  box: "Box plot",
  heatmap: "Heatmap",
  confusionMatrix: "Confusion matrix",
  predictionsVsActual: "Predictions vs. actual values",
};

const expectedData: Record<ExpectedData, string> = {
  data:
    "an array of records such as [{ x: 1, y: 2 }], an array of numbers or strings, " +
    "a 2-D array of numbers, a tf.Tensor, or a table with an objects() method",
  numbers: "an array or a 1-D tf.Tensor of numbers",
  matrix: "a 2-D array of numbers such as [[1, 2], [3, 4]], or a 2-D tf.Tensor",
  labels: "class indices such as [0, 2, 1], or rows of one-hot labels or probabilities, as an array or a tf.Tensor",
  history: "the History that fit() returns (or model.history), or an object of series such as { loss: [0.9, 0.5] }",
  image: "a tf.Tensor or nested arrays of numbers, of shape [height, width] or [height, width, channels]",
  color: "a field name, or an array or 1-D tf.Tensor with one value per point",
};

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
}

function quoted(names: string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

/** The English side of the plot helpers' messages. */
export const plotEn: PlotMessages = {
  indexField: () => "index",
  valueField: () => "value",
  seriesField: () => "series",
  labelField: () => "label",
  columnField: (index) => `column ${index}`,
  heatmapRowField: () => "row",
  heatmapColumnField: () => "column",
  countTitle: () => "count",
  fractionTitle: () => "fraction of the true label",

  confusionMatrixTitle: () => "Confusion matrix",
  trueLabelTitle: () => "True label",
  predictedLabelTitle: () => "Predicted label",
  predictionsVsActualTitle: () => "Predictions vs. actual values",
  actualValueTitle: () => "actual value",
  predictedValueTitle: () => "predicted value",

  vegaLiteText: (title) => (title ? `<Vega-Lite chart: ${title}>` : "<Vega-Lite chart>"),
  chartText: (kind, title, rows) =>
    `${chartKinds[kind]}${title ? ` "${title}"` : ""} (${rows} ${rows === 1 ? "row" : "rows"} of data)`,
  confusionMatrixText: (samples) =>
    `Confusion matrix of ${samples} ${samples === 1 ? "sample" : "samples"}: true labels down, predicted labels across.`,
  imageText: (width, height, channels) =>
    `Image of ${width} x ${height} pixels, ${channels === 1 ? "grayscale" : channels === 3 ? "RGB" : "RGBA"}`,
  chartImageFailed: (reason) =>
    `The chart could not be drawn as a PNG image (${reason}). JupyterLab and VS Code still draw it; ` +
    "GitHub, nbviewer and nbconvert show its text instead.",

  emptyData: (owner, role) => `${owner}: ${role} is empty, so there is nothing to draw. Pass at least one value.`,
  invalidData: (owner, role, value, expected) => `${owner}: ${role} must be ${expectedData[expected]}, but got ${value}.`,
  nonNumericValue: (owner, role, value, position) =>
    `${owner}: ${role} must contain only numbers, but position ${position} contains ${value}.`,
  fieldNotFound: (owner, option, field, fields, suggestion) =>
    `${owner}: ${option} is "${field}", but the records have no such field.${didYouMean(suggestion)} ` +
    `Their fields are: ${quoted(fields)}.`,
  noNumericField: (owner, option, fields) =>
    `${owner}: the records have no field of numbers to draw. Their fields are: ${quoted(fields)}. ` +
    `Name a field of numbers with the option ${option}.`,
  nonNumericField: (owner, option, field, value) =>
    `${owner}: ${option} is "${field}", but that field contains ${value}, which is not a number. Choose a field of numbers.`,
  lengthMismatch: (owner, firstRole, firstLength, secondRole, secondLength) =>
    `${owner}: ${firstRole} has ${firstLength} values but ${secondRole} has ${secondLength}. ` +
    "Both need one value per sample, in the same order.",
  nameCountMismatch: (owner, option, given, expected, axis) =>
    `${owner}: ${option} has ${given} names, but there ${expected === 1 ? "is" : "are"} ${expected} ${axis}. ` +
    `Pass one name per ${axis === "classes" ? "class" : axis.slice(0, -1)}.`,
  colorWithSeveralFields: (owner) =>
    `${owner}: color cannot be used with several y fields, because each y field already gets its own colour. ` +
    "Pass one y field, or leave color out.",
  imageShape: (owner, shape) =>
    `${owner}: the image has shape ${shape}, but an image needs shape [height, width] or [height, width, channels] ` +
    "with 1, 3 or 4 channels. For one image of a batch of shape [n, height, width, channels], pass images.gather(0).",
  matrixShape: (owner, role, shape) =>
    `${owner}: ${role} has shape ${shape}, but a heatmap needs a matrix of shape [rows, columns], ` +
    "or records with the options x, y and color naming their fields.",
  columnShape: (owner, role, shape) =>
    `${owner}: ${role} has shape ${shape}, but needs one value per sample, of shape [n] or [n, 1]. ` +
    "For class probabilities, draw plot.confusionMatrix() instead.",
  labelShape: (owner, role, shape) =>
    `${owner}: ${role} has shape ${shape}, but class labels need shape [n] (class indices) ` +
    "or [n, classes] (one-hot labels or probabilities).",
  invalidClassLabel: (owner, role, value, position) =>
    `${owner}: ${role} contains ${value} at position ${position}, which is not a class index (an integer from 0). ` +
    "Pass class indices, or rows of one-hot labels or probabilities.",
  classCountMismatch: (owner, trueClasses, predictedClasses) =>
    `${owner}: yTrue has ${trueClasses} columns (classes) but yPred has ${predictedClasses}. Both need one column per class.`,
  historyWithoutEpochs: (owner) =>
    `${owner}: the history has no epoch yet. Train the model with fit() first, and pass the History that it returns.`,
  seriesLengthMismatch: (owner, series, length, epochs) =>
    `${owner}: the series "${series}" has ${length} values, but the history has ${epochs} epochs. Each series needs one value per epoch.`,
  unknownSeries: (owner, series, available, suggestion) =>
    `${owner}: the history has no series "${series}".${didYouMean(suggestion)} Its series are: ${quoted(available)}.`,
  invalidFieldNames: (owner, option, value) =>
    `${owner}: ${option} must be a field name or an array of field names, such as "loss" or ["loss", "val_loss"], but got ${value}.`,
  invalidNames: (owner, option, value) =>
    `${owner}: ${option} must be an array of names, such as ["cat", "dog"], but got ${value}.`,
  invalidValueRange: (owner, value) =>
    `${owner}: valueRange must be two numbers [min, max] with min < max, such as [0, 255], but got ${value}.`,
};
