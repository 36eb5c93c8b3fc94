/**
 * The Keras facade: what a notebook gets as globals and from `import { ... } from "tskeras"`.
 * Importing it registers the displays of models, training histories and tensors.
 */
import * as datasets from "./datasets";
import { registerKerasFormatters } from "./formatters";
import * as utils from "./utils";

export { Sequential } from "./sequential";
export type {
  CompileOptions,
  EvaluateOptions,
  EvaluateResult,
  FitCallbacks,
  FitOptions,
  PredictOptions,
  SequentialOptions,
} from "./sequential";
export { Activation, Dense, Layer } from "./layers";
export type { ActivationOptions, BaseLayerOptions, DenseOptions } from "./layers";
export { History } from "./history";
export type { HistoryParams } from "./history";
export { InterruptedError, ValueError } from "./errors";
export type { DataInput } from "./data";
export type { ActivationName, LossName, MetricName, OptimizerName } from "./names";
export type { ClassificationSplit, IrisOptions } from "./datasets";
export { interruptTraining, whenTrainingIdle } from "./training";
export { datasets, utils };

registerKerasFormatters();
