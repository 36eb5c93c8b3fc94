/**
 * The Keras facade: what a notebook gets as globals and from `import { ... } from "tskeras"`.
 * Importing it registers the displays of models, training histories and tensors.
 */
import * as callbacks from "./callbacks";
import * as datasets from "./datasets";
import { registerKerasFormatters } from "./formatters";
import * as optimizers from "./optimizers";
import * as utils from "./utils";

export { Sequential } from "./sequential";
export { loadModel } from "./models";
export { setRandomSeed } from "./seed";
export { RestoredLayer } from "./saving";
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
export type { ActivationOptions, BaseLayerOptions, DenseOptions, KernelLayerOptions } from "./layers";
export { Conv1D, Conv2D } from "./convolutional";
export type { ConvNamedOptions, ConvOptions } from "./convolutional";
export { AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, MaxPooling1D, MaxPooling2D } from "./pooling";
export type { GlobalPoolingOptions, PoolingOptions } from "./pooling";
export { Dropout, Flatten, Reshape } from "./reshaping";
export type { DropoutOptions, FlattenOptions, ReshapeOptions } from "./reshaping";
export { BatchNormalization, LayerNormalization } from "./normalization";
export type { BatchNormalizationOptions, NormalizationOptions } from "./normalization";
export { Embedding } from "./embedding";
export type { EmbeddingOptions } from "./embedding";
export { Bidirectional, GRU, LSTM, SimpleRNN } from "./recurrent";
export type { BidirectionalOptions, GatedRecurrentOptions, GRUOptions, LSTMOptions, RecurrentOptions } from "./recurrent";
export { Normalization, Rescaling } from "./preprocessing-layers";
export type { NormalizationLayerOptions, RescalingOptions } from "./preprocessing-layers";
export { Input, ModelInput } from "./input";
export { Adagrad, Adam, Optimizer, RMSprop, SGD } from "./optimizers";
export type { AdagradOptions, AdamOptions, OptimizerOptions, RMSpropOptions, SGDOptions } from "./optimizers";
export type { InputFunction, InputOptions } from "./input";
export { History } from "./history";
export type { HistoryParams } from "./history";
export {
  Callback,
  CSVLogger,
  EarlyStopping,
  LambdaCallback,
  ModelCheckpoint,
  ReduceLROnPlateau,
  TerminateOnNaN,
} from "./callbacks";
export type {
  CSVLoggerOptions,
  EarlyStoppingOptions,
  LambdaCallbackOptions,
  Logs,
  ModelCheckpointOptions,
  MonitorMode,
  ReduceLROnPlateauOptions,
} from "./callbacks";
export { InterruptedError, ValueError } from "./errors";
export type { DataInput } from "./data";
export type { ActivationName, LossName, MetricName, OptimizerName } from "./names";
export type { ClassificationSplit, CsvData, DatasetName, IrisOptions, ReadCsvOptions, SeattleWeatherRecord } from "./datasets";
export { interruptTraining, whenTrainingIdle } from "./training";
export { callbacks, datasets, optimizers, utils };

registerKerasFormatters();
