/**
 * Charts for exploring data and evaluating models: plot.line(), plot.scatter(), plot.bar(),
 * plot.histogram(), plot.box(), plot.heatmap(), plot.confusionMatrix(), plot.trainingCurves(),
 * plot.predictionsVsActual() and plot.image(). Each returns an object that shows itself in the
 * notebook as a Vega-Lite chart, a PNG image and a line of text. A chart's spec is chart.spec.
 * Titles and axis titles that a helper makes up are in the learner's language.
 */
export { Chart } from "../display/chart";
export type { VegaLiteSpec } from "../display/chart";
export { bar, line, scatter } from "./basic";
export type { BarOptions, LineOptions, ScatterOptions } from "./basic";
export { box, histogram } from "./distribution";
export type { BoxOptions, HistogramOptions } from "./distribution";
export { heatmap } from "./heatmap";
export type { HeatmapOptions } from "./heatmap";
export { confusionMatrix, ConfusionMatrixChart } from "./confusion-matrix";
export type { ClassLabels, ConfusionMatrixOptions } from "./confusion-matrix";
export { predictionsVsActual } from "./predictions";
export type { PredictionsVsActualOptions, SampleValues } from "./predictions";
export { trainingCurves } from "./training";
export type { HistoryInput, TrainingCurvesOptions } from "./training";
export { image, TensorImage } from "./image";
export type { ImageInput, ImageOptions } from "./image";
export type { DataRecord, PlotData, RecordTable } from "./data";
export type { ChartOptions } from "./options";
