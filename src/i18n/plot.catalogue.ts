/** Kinds of chart that the plot helpers draw, for the text form of a chart. */
export type ChartKind = "line" | "scatter" | "bar" | "histogram" | "box" | "heatmap" | "confusionMatrix" | "predictionsVsActual";

/** Kind of data that a helper expected in place of invalid data, for messages about data of the wrong kind. */
export type ExpectedData = "data" | "numbers" | "matrix" | "labels" | "history" | "image" | "color";

/**
 * Messages of the plot helpers and of chart rendering. Owners arrive as the learner calls them, such
 * as "plot.line()"; values arrive formatted by describeValue(), with strings already in quotes.
 */
export interface PlotMessages {
  // Names of fields and axes that the helpers make up. A field of the learner's data keeps its own name.
  /** Field of the position of a value in a plain array, drawn on the x axis. */
  indexField(): string;
  /** Field of the values of a plain array, and of several series drawn on one axis. */
  valueField(): string;
  /** Field naming the series when several fields are drawn on one axis. */
  seriesField(): string;
  /** Field of the values that plot.scatter()'s color option gives as an array, one per point. */
  labelField(): string;
  /** Field of one column of a matrix, named from its 0-based index. */
  columnField(index: number): string;
  /** Field of the row of a heatmap cell. */
  heatmapRowField(): string;
  /** Field of the column of a heatmap cell. */
  heatmapColumnField(): string;
  /** Title of an axis or legend of counted records, as in a histogram. */
  countTitle(): string;
  /** Title of an axis or legend of the share of each true class, as in a normalized confusion matrix. */
  fractionTitle(): string;

  // Titles of the model-evaluation charts.
  confusionMatrixTitle(): string;
  trueLabelTitle(): string;
  predictedLabelTitle(): string;
  predictionsVsActualTitle(): string;
  actualValueTitle(): string;
  predictedValueTitle(): string;

  // Text forms, for consoles and front ends that draw neither Vega-Lite nor PNG.
  /** One line naming the chart's kind, its title if any, and its number of data rows. */
  chartText(kind: ChartKind, title: string | undefined, rows: number): string;
  /** Text form of a chart shown with display.vegalite(), with its title when it has one. */
  vegaLiteText(title: string): string;
  /** Header of a confusion matrix's text table, which lists true labels down and predicted labels across. */
  confusionMatrixText(samples: number): string;
  /** Text form of an image: its size in pixels and its channels. */
  imageText(width: number, height: number, channels: number): string;
  /** Rendering the PNG of a chart failed, but the chart still shows where Vega-Lite is drawn. reason is the renderer's message. */
  chartImageFailed(reason: string): string;

  // Errors in the learner's call, each naming the value and what to do.
  /** data (or yTrue, yPred...) has no values. */
  emptyData(owner: string, role: string): string;
  /** The role's value is not of the kind expected. */
  invalidData(owner: string, role: string, value: string, expected: ExpectedData): string;
  /** An element that should be a number is not. position is its 0-based index. */
  nonNumericValue(owner: string, role: string, value: string, position: number): string;
  /** An option names a field that the records lack. fields lists theirs. */
  fieldNotFound(owner: string, option: string, field: string, fields: string[], suggestion?: string): string;
  /** No field of numbers is left to draw. option is where to name one. */
  noNumericField(owner: string, option: string, fields: string[]): string;
  /** A field given for a numeric axis contains a value that is not a number. */
  nonNumericField(owner: string, option: string, field: string, value: string): string;
  /** Two arguments need one value per sample but have different lengths. */
  lengthMismatch(owner: string, firstRole: string, firstLength: number, secondRole: string, secondLength: number): string;
  /** An option of names has another count than the rows, columns or classes it names. */
  nameCountMismatch(owner: string, option: string, given: number, expected: number, axis: "rows" | "columns" | "classes"): string;
  /** color with several y fields, which already take the colour. */
  colorWithSeveralFields(owner: string): string;
  /** An image tensor of a shape other than [height, width] or [height, width, 1|3|4]. shape is formatted as [2, 28, 28]. */
  imageShape(owner: string, shape: string): string;
  /** A heatmap given data that is not a matrix. shape is formatted as [3]. */
  matrixShape(owner: string, role: string, shape: string): string;
  /** Data that needs one value per sample ([n] or [n, 1]) but has more columns. */
  columnShape(owner: string, role: string, shape: string): string;
  /** Class labels of a shape other than [n] or [n, classes]. */
  labelShape(owner: string, role: string, shape: string): string;
  /** A class label that is not an integer from 0. position is its 0-based index. */
  invalidClassLabel(owner: string, role: string, value: string, position: number): string;
  /** yTrue and yPred given as rows of one column per class, with different numbers of classes. */
  classCountMismatch(owner: string, trueClasses: number, predictedClasses: number): string;
  /** A training history with no epoch recorded. */
  historyWithoutEpochs(owner: string): string;
  /** A series of a history with a number of values other than the number of epochs. */
  seriesLengthMismatch(owner: string, series: string, length: number, epochs: number): string;
  /** A series requested that the history lacks. */
  unknownSeries(owner: string, series: string, available: string[], suggestion?: string): string;
  /** An option of field names, such as y, that is neither a string nor an array of strings. */
  invalidFieldNames(owner: string, option: string, value: string): string;
  /** An option of names, such as labels or xLabels, that is not an array of strings or numbers. */
  invalidNames(owner: string, option: string, value: string): string;
  /** An image value range that is not two numbers [min, max] with min < max. */
  invalidValueRange(owner: string, value: string): string;
}
