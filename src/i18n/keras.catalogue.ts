/** Kinds of names that the Keras facade resolves from strings, for messages about unknown names. */
export type NameKind = "optimizer" | "loss" | "metric" | "activation" | "initializer";

/** Kinds of value an option may require, for messages about an option of the wrong type. */
export type ExpectedType = "boolean" | "string" | "number" | "integer" | "options" | "verbose" | "validationData" | "callbacks" | "sizeOrSizes" | "axis" | "positiveNumber" | "nonNegativeNumber" | "nonNegativeInteger" | "function" | "classWeight" | "saveFreq";

/** Messages from the Keras facade: summaries, training progress, charts, tensors and errors. */
export interface KerasMessages {
  // Model summary. Numbers are formatted by the caller and stay the same in every language.
  summaryTitle(modelName: string): string;
  summaryLayerColumn(): string;
  summaryOutputShapeColumn(): string;
  summaryParamsColumn(): string;
  summaryTotalParams(): string;
  summaryTrainableParams(): string;
  summaryNonTrainableParams(): string;
  /** Marks the shape and parameter cells of a model whose weights do not exist yet. */
  summaryUnbuilt(): string;
  /** Explains an unbuilt model under its summary, and how to build it. */
  summaryNotBuiltNote(): string;

  // Training progress and the training-curve chart.
  /** Title of the chart of loss and metrics per epoch. */
  historyChartTitle(): string;
  /** Text form of a training history, with the epoch count and the last epoch's values already formatted. */
  historyText(epochs: number, lastEpochLogs: string): string;
  /** Text form of a training history with no epoch recorded yet. */
  historyEmpty(): string;
  /** A fit() stopped by an interrupt; epochsDone epochs finished, out of the epochs requested. */
  trainingInterrupted(epochsDone: number, epochs: number): string;
  /** A fit() queued behind an interrupted one, which did not start. */
  trainingInterruptedBeforeStart(): string;
  /** Shown under the progress bar when training stopped before its last epoch. */
  trainingStopped(epochsDone: number, epochs: number): string;

  // Callbacks. Epoch and batch numbers arrive as shown to the learner.
  /** EarlyStopping with verbose: 1 stopped training at the end of this epoch, counted from 1. */
  earlyStopped(epoch: number): string;
  /** EarlyStopping with restore_best_weights put back the weights of this epoch, counted from 1. */
  bestWeightsRestored(epoch: number): string;
  /** ReduceLROnPlateau with verbose: 1 lowered the learning rate at the end of this epoch, counted from 1. */
  learningRateReduced(epoch: number, learningRate: number): string;
  /** TerminateOnNaN stopped training after this batch, counted from 0 within its epoch, as Keras prints it. */
  invalidLossStop(batch: number): string;
  /** A callback's monitor is not among the logged values of an epoch. */
  monitorNotAvailable(owner: string, monitor: string, available: string[]): string;
  /** ReduceLROnPlateau on an optimizer whose learning rate it cannot change, such as a custom one. */
  learningRateNotAdjustable(optimizer: string): string;
  /** A callback method that needs the model, called on a callback never passed to fit(). */
  callbackNotAttached(owner: string): string;
  /** ModelCheckpoint with verbose: 1 saved the model to path at the end of this epoch, counted from 1. */
  checkpointSaving(epoch: number, path: string): string;
  /** ModelCheckpoint with save_best_only saved an improved model. best and current arrive formatted with 5 decimals. */
  checkpointImproved(epoch: number, monitor: string, best: string, current: string, path: string): string;
  /** ModelCheckpoint with save_best_only skipped an epoch whose value did not beat best, formatted with 5 decimals. */
  checkpointNotImproved(epoch: number, monitor: string, best: string): string;
  /** A ModelCheckpoint filepath with a malformed or unsupported field, such as "{val_loss:.2q}" or an unclosed "{". */
  checkpointPathInvalid(filepath: string, field: string): string;
  /** A ModelCheckpoint filepath field, such as "{val_acc}", whose name is not among the values of the epoch. */
  checkpointFieldMissing(filepath: string, field: string, available: string[]): string;

  // Tensors.
  /** Shown after a tensor's dtype and shape when the tensor was disposed and its values are gone. */
  tensorDisposed(): string;

  // Errors in the learner's code, each quoting the bad value and saying what to do.
  /** The value arrives formatted for display, with strings already in quotes. */
  unknownName(kind: NameKind, value: string, known: string[], suggestion?: string): string;
  unknownOption(owner: string, key: string, known: string[], suggestion?: string): string;
  optionGivenTwice(owner: string, first: string, second: string): string;
  missingUnits(): string;
  invalidUnits(value: string): string;
  missingActivation(): string;
  /** A layer created without a required argument. The example is code such as "new Conv2D(32, 3)". */
  missingArgument(owner: string, key: string, example: string): string;
  /** An option whose value is not one of the accepted strings, which arrive already quoted. */
  invalidChoice(owner: string, key: string, value: string, choices: string[]): string;
  /** A GRU created with reset_after: true, which TensorFlow.js's GRU does not implement. */
  gruResetAfterUnsupported(): string;
  /** Normalization cannot count the features of an input whose size along its axis is unknown. */
  normalizationUnknownFeatures(layerName: string): string;
  /** Normalization's axis does not fit an input of the given rank (the batch axis cannot be it). */
  normalizationInvalidAxis(layerName: string, axis: number, rank: number): string;
  /** A mean or variance list given to Normalization has another length than the number of features. */
  normalizationStatisticLength(layerName: string, length: number, features: number): string;
  /** Bidirectional wraps a recurrent layer, and got something else. */
  bidirectionalNeedsRecurrent(value: string): string;
  /** An Input() added to a Sequential model after its first layer. */
  inputNotFirst(): string;
  layerNotBuilt(layerName: string): string;
  modelNotBuilt(modelName: string): string;
  invalidShape(owner: string, key: string, value: string): string;
  invalidPositiveInteger(owner: string, key: string, value: string): string;
  /** A fraction option out of range. allowZero is true when 0 is accepted (validationSplit) and false when not (testSize). */
  invalidFraction(owner: string, key: string, value: string, allowZero: boolean): string;
  invalidOptionType(owner: string, key: string, value: string, expected: ExpectedType): string;
  notALayer(value: string): string;
  noLayers(method: string): string;
  notCompiled(method: string): string;
  missingLoss(): string;
  /** The role is "x", "y" or "labels". The detail is TensorFlow.js's own message, when it raised one. */
  invalidData(role: string, value: string, detail?: string): string;
  nonNumericData(role: string, value: string): string;
  disposedInput(role: string): string;
  sampleCountMismatch(xSamples: number, ySamples: number): string;
  inputShapeMismatch(expected: string, actual: string): string;
  targetShapeMismatch(expected: string, actual: string): string;
  /**
   * Added to inputShapeMismatch when x is one sample written as a flat list. values quotes it as one
   * row, such as [[1, 2, 3]], when it is short enough, and features is its length.
   */
  oneSampleHint(values: string | undefined, features: number): string;
  /** Added to inputShapeMismatch when x has one value per sample and the model takes one column: samples is their count. */
  oneColumnHint(samples: number): string;
  /** Added to targetShapeMismatch when the output keeps the dimensions of a convolution or pooling layer. */
  flattenHint(): string;
  /** Added to targetShapeMismatch when the labels look like class indices but the loss wants one-hot rows. */
  oneHotHint(loss: string, numClasses: number): string;
  invalidLabel(value: string, position: number): string;
  labelOutOfRange(value: number, numClasses: number): string;
  datasetFileMissing(name: string, path: string): string;
  /** A data set read from an npm dependency, such as vega-datasets, whose file is missing; file is the path inside node_modules. */
  packageDatasetMissing(name: string, file: string): string;

  // datasets.readCSV(). file is the absolute path, and line is the 1-based line of the file where the record starts.
  /** path is the argument as given, and file the absolute path it resolves to. */
  csvFileNotFound(path: string, file: string): string;
  csvLabelOptionMissing(file: string): string;
  /** The features option is not an array of column names; value is as describeValue() formats it. */
  csvInvalidFeatures(value: string): string;
  /** The file has no header row. */
  csvEmpty(file: string): string;
  /** The file has a header but no data rows. */
  csvNoRecords(file: string): string;
  csvUnclosedQuote(file: string, line: number): string;
  csvCellCount(file: string, line: number, expected: number, actual: number): string;
  /** A label or feature column not in the header; available lists the header's columns. */
  csvColumnMissing(file: string, column: string, available: string[]): string;
  csvLabelAmongFeatures(file: string, label: string): string;
  /** The label is the only column, or features is an empty list. */
  csvNoFeatures(file: string, label: string): string;
  csvNonNumericValue(file: string, line: number, column: string, value: string): string;
  csvLabelEmpty(file: string, line: number, label: string): string;

  // Saving, loading and weights.
  /** loadModel() on a folder with no model.json; path is the model.json that was expected. */
  modelFileMissing(path: string): string;
  /** loadModel() on a saved model of another kind than Sequential, such as a functional Model. */
  notASequentialModel(path: string, className: string): string;
  weightCountMismatch(expected: number, actual: number): string;
  weightShapeMismatch(index: number, weightName: string, expected: string, actual: string): string;

  // Class weights in fit().
  /** fit() with class_weight and a loss that TensorFlow.js cannot weight per class; loss is undefined for a custom function. */
  classWeightUnsupportedLoss(loss: string | undefined, supported: string[]): string;

  // Preprocessing in utils.
  /** A scaler's transform() or inverseTransform() called before fit(); owner is such as "StandardScaler". */
  scalerNotFitted(owner: string): string;
  featureCountMismatch(owner: string, expected: number, actual: number): string;
  /** trainTestSplit() whose testSize leaves no training or no test sample. */
  emptySplit(samples: number, testCount: number): string;
  stratifyLengthMismatch(samples: number, labels: number): string;
  invalidFeatureRange(value: string): string;
}
