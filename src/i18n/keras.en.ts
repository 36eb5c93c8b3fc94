import type { ExpectedType, KerasMessages, NameKind } from "./keras.catalogue";

const nameKinds: Record<NameKind, { singular: string; plural: string }> = {
  optimizer: { singular: "optimizer", plural: "optimizers" },
  loss: { singular: "loss", plural: "losses" },
  metric: { singular: "metric", plural: "metrics" },
  activation: { singular: "activation", plural: "activations" },
  initializer: { singular: "initializer", plural: "initializers" },
};

const expectedTypes: Record<ExpectedType, string> = {
  boolean: "true or false",
  string: "a string",
  number: "a number",
  integer: "an integer",
  options: "an object of options such as { units: 64 }",
  verbose: "0, 1, 2 or \"auto\"",
  validationData: "an array [x, y] of inputs and targets",
  callbacks: "a callback such as new EarlyStopping() or { onEpochEnd }, or an array of them",
  sizeOrSizes: "a positive integer or an array of positive integers such as [3, 3]",
  axis: "an integer or an array of integers such as -1",
  positiveNumber: "a number greater than 0",
  nonNegativeNumber: "a number from 0 up",
  nonNegativeInteger: "an integer from 0 up",
  function: "a function",
  classWeight: "an object from class index to a weight from 0 up, such as { 0: 1, 1: 5 }",
  saveFreq: '"epoch" or a positive integer number of batches',
};

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
}

/** The English side of the Keras facade's messages. */
export const kerasEn: KerasMessages = {
  summaryTitle: (modelName) => `Model: "${modelName}"`,
  summaryLayerColumn: () => "Layer (type)",
  summaryOutputShapeColumn: () => "Output Shape",
  summaryParamsColumn: () => "Param #",
  summaryTotalParams: () => "Total params",
  summaryTrainableParams: () => "Trainable params",
  summaryNonTrainableParams: () => "Non-trainable params",
  summaryUnbuilt: () => "unbuilt",
  summaryNotBuiltNote: () =>
    "This model is not built yet, so its output shapes and parameter counts are unknown. " +
    "Give the first layer an inputShape, or call fit() to build the model from the data.",

  historyChartTitle: () => "Training history",
  historyText: (epochs, lastEpochLogs) =>
    `Training history: ${epochs} ${epochs === 1 ? "epoch" : "epochs"}. Last epoch: ${lastEpochLogs}`,
  historyEmpty: () => "Training history: no epoch recorded yet.",
  trainingInterrupted: (epochsDone, epochs) =>
    `Training was interrupted after ${epochsDone} of ${epochs} epochs. The model keeps the weights learned so far, and model.history has the finished epochs.`,
  trainingInterruptedBeforeStart: () => "Training was interrupted before this fit() started; the model is unchanged.",
  trainingStopped: (epochsDone, epochs) => `Training stopped after epoch ${epochsDone} of ${epochs}.`,

  earlyStopped: (epoch) => `Epoch ${epoch}: early stopping.`,
  bestWeightsRestored: (epoch) => `Restoring model weights from the end of the best epoch: ${epoch}.`,
  learningRateReduced: (epoch, learningRate) => `Epoch ${epoch}: ReduceLROnPlateau reducing learning rate to ${learningRate}.`,
  invalidLossStop: (batch) => `Batch ${batch}: invalid loss (NaN or infinite), terminating training.`,
  monitorNotAvailable: (owner, monitor, available) =>
    `${owner} monitors "${monitor}", which is not in the logs, so it does nothing this epoch. ` +
    `Available values: ${available.join(", ") || "none"}. ` +
    'Pass validation_split or validation_data to fit() to get val_ values, or choose another monitor.',
  learningRateNotAdjustable: (optimizer) =>
    `ReduceLROnPlateau cannot change the learning rate of the optimizer ${optimizer}. ` +
    'Compile with a built-in optimizer such as "adam", "sgd" or new Adam(0.01).',
  callbackNotAttached: (owner) =>
    `${owner} is not attached to a model yet. Pass it to fit(), for example fit(x, y, { callbacks: [callback] }).`,
  checkpointSaving: (epoch, path) => `Epoch ${epoch}: saving model to ${path}`,
  checkpointImproved: (epoch, monitor, best, current, path) =>
    `Epoch ${epoch}: ${monitor} improved from ${best} to ${current}, saving model to ${path}`,
  checkpointNotImproved: (epoch, monitor, best) => `Epoch ${epoch}: ${monitor} did not improve from ${best}`,
  checkpointPathInvalid: (filepath, field) =>
    `ModelCheckpoint: the filepath "${filepath}" has an invalid field ${field}. ` +
    "Write fields as in Keras, such as {epoch:02d} or {val_loss:.2f}, and write a literal brace as {{ or }}.",
  checkpointFieldMissing: (filepath, field, available) =>
    `ModelCheckpoint cannot fill ${field} in the filepath "${filepath}", because the logs have no such value. ` +
    `Available fields: ${available.join(", ")}.`,

  tensorDisposed: () => "disposed: its values were freed by dispose()",

  unknownName: (kind, value, known, suggestion) =>
    `Unknown ${nameKinds[kind].singular} ${value}.${didYouMean(suggestion)} ` +
    `Available ${nameKinds[kind].plural}: ${known.join(", ")}.`,
  unknownOption: (owner, key, known, suggestion) =>
    `${owner} does not accept the option "${key}".${didYouMean(suggestion)} Accepted options: ${known.join(", ")}.`,
  optionGivenTwice: (owner, first, second) =>
    `${owner} received both "${first}" and "${second}", which are the same option. Keep only one of them.`,
  missingUnits: () => "Dense needs the number of units. Write new Dense(64) or new Dense({ units: 64 }).",
  invalidUnits: (value) => `Dense units must be a positive integer, but got ${value}. Write, for example, new Dense(64).`,
  missingActivation: () => 'Activation needs the name of an activation function, for example new Activation("relu").',
  missingArgument: (owner, key, example) => `${owner} needs ${key}. Write, for example, ${example}.`,
  invalidChoice: (owner, key, value, choices) =>
    `${owner}: ${key} must be one of ${choices.join(", ")}, but got ${value}.`,
  normalizationUnknownFeatures: (layerName) =>
    `${layerName}: the size of the input along its axis is unknown. Give the layer an inputShape, or call adapt(data) before fit().`,
  normalizationInvalidAxis: (layerName, axis, rank) =>
    `${layerName}: axis ${axis} does not fit inputs with ${rank} axes; use an axis from 1 to ${rank - 1}, or -1 for the last.`,
  normalizationStatisticLength: (layerName, length, features) =>
    `${layerName}: mean and variance need one value per feature (${features}), or a single number, but a list has ${length}.`,
  bidirectionalNeedsRecurrent: (value) =>
    `Bidirectional wraps a recurrent layer (SimpleRNN, LSTM or GRU), but got ${value}. Write new Bidirectional(new LSTM(32)).`,
  gruResetAfterUnsupported: () =>
    "GRU: TensorFlow.js implements only reset_after: false, so a GRU here has fewer weights than Keras 3's default " +
    "(reset_after: true). Leave reset_after out, or set it to false.",
  inputNotFirst: () =>
    "Input() must be the first element of a Sequential model. Put it before every layer, " +
    "for example new Sequential([Input([28, 28, 1]), new Conv2D(32, 3)]).",
  layerNotBuilt: (layerName) =>
    `Layer "${layerName}" is not built yet, so it has no weights. ` +
    "Add it to a model whose first layer has an inputShape, or call fit() on the model first.",
  modelNotBuilt: (modelName) =>
    `Model "${modelName}" is not built yet, so it has no weights. ` +
    "Give its first layer an inputShape, or call fit() first.",
  invalidShape: (owner, key, value) =>
    `${owner}: ${key} must be an array of positive integers such as [4], but got ${value}.`,
  invalidPositiveInteger: (owner, key, value) => `${owner}: ${key} must be a positive integer, but got ${value}.`,
  invalidFraction: (owner, key, value, allowZero) =>
    `${owner}: ${key} must be a number ${allowZero ? "from 0" : "greater than 0"} and less than 1, but got ${value}.`,
  invalidOptionType: (owner, key, value, expected) =>
    `${owner}: ${key} must be ${expectedTypes[expected]}, but got ${value}.`,
  notALayer: (value) => `Sequential.add() expects a layer such as new Dense(3), but got ${value}.`,
  noLayers: (method) => `The model has no layers, so ${method}() cannot run. Add one first with model.add(new Dense(...)).`,
  notCompiled: (method) =>
    `Compile the model before calling ${method}(), for example: ` +
    'model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] }).',
  missingLoss: () =>
    'compile() needs a loss, for example loss: "categorical_crossentropy" for one-hot labels ' +
    'or "sparse_categorical_crossentropy" for integer labels.',
  invalidData: (role, value, detail) =>
    `${role} must be a tf.Tensor or an array of numbers whose rows all have the same length, but got ${value}.` +
    (detail === undefined ? "" : ` TensorFlow.js reported: ${detail}`),
  nonNumericData: (role, value) => `${role} must contain only numbers, but contains ${value}.`,
  disposedInput: (role) =>
    `${role} is a tensor that was disposed, so its values are gone. Create it again, and dispose it only after its last use.`,
  sampleCountMismatch: (xSamples, ySamples) =>
    `x has ${xSamples} samples but y has ${ySamples}. Both need one row per sample.`,
  inputShapeMismatch: (expected, actual) =>
    `The model expects inputs of shape ${expected}, but x has shape ${actual}. ` +
    "Check the columns of x, or the inputShape of the first layer.",
  oneSampleHint: (values, features) =>
    `x looks like one sample: the model takes one row per sample, so write it as ${values ?? "a list of rows"}, or use x.reshape([1, ${features}]).`,
  oneColumnHint: (samples) => `x has one value per sample: make it one column with x.reshape([${samples}, 1]).`,
  flattenHint: () =>
    "The output still has the height and width of a convolution or pooling layer: add new Flatten() (or new GlobalAveragePooling2D()) before the first Dense layer.",
  targetShapeMismatch: (expected, actual) => `The model's output has shape ${expected}, but y has shape ${actual}.`,
  oneHotHint: (loss, numClasses) =>
    `With loss "${loss}", y needs one column per class. Convert it with utils.toCategorical(y, ${numClasses}), ` +
    'or compile with loss "sparse_categorical_crossentropy" to keep integer labels.',
  invalidLabel: (value, position) =>
    `toCategorical() expects integer class labels from 0 up, but found ${value} at position ${position}.`,
  labelOutOfRange: (value, numClasses) =>
    `Label ${value} does not fit numClasses = ${numClasses}, because labels go from 0 to ${numClasses - 1}. ` +
    "Pass a larger numClasses, or leave it out to count the classes from the labels.",
  datasetFileMissing: (name, path) =>
    `The ${name} data set file was not found at ${path}. Reinstall tskeras, whose package ships it in data/.`,
  packageDatasetMissing: (name, file) =>
    `The ${name} data set file ${file} was not found in node_modules. Reinstall tskeras, which installs that package.`,

  csvFileNotFound: (path, file) =>
    `datasets.readCSV(): the file "${path}" was not found at ${file}. ` +
    "Check the path. A relative path starts from the kernel's working folder, which Jupyter sets to the notebook's folder.",
  csvLabelOptionMissing: (file) =>
    `datasets.readCSV("${file}") needs the name of the label column, as in { label: "species" }.`,
  csvInvalidFeatures: (value) =>
    `datasets.readCSV(): features must be an array of column names, such as ["width", "height"], but got ${value}.`,
  csvEmpty: (file) => `datasets.readCSV(): ${file} is empty, but it must start with a header row of column names.`,
  csvNoRecords: (file) => `datasets.readCSV(): ${file} has a header row but no data rows.`,
  csvUnclosedQuote: (file, line) =>
    `datasets.readCSV(): in ${file}, the quoted field that starts on line ${line} is never closed. Add the missing " character.`,
  csvCellCount: (file, line, expected, actual) =>
    `datasets.readCSV(): in ${file}, line ${line} has ${actual} values, but the header has ${expected} columns. ` +
    "Put values that contain commas in double quotes.",
  csvColumnMissing: (file, column, available) =>
    `datasets.readCSV(): ${file} has no column "${column}". Its columns are: ${available.map((name) => `"${name}"`).join(", ")}.`,
  csvLabelAmongFeatures: (file, label) =>
    `datasets.readCSV("${file}"): the label column "${label}" is also listed in features. Remove it from features.`,
  csvNoFeatures: (file, label) =>
    `datasets.readCSV("${file}"): no feature columns are left besides the label "${label}". Pass the file's feature columns in features.`,
  csvNonNumericValue: (file, line, column, value) =>
    `datasets.readCSV(): in ${file}, line ${line}, column "${column}" contains ${JSON.stringify(value)}, which is not a number. ` +
    "Every feature value must be a number: fix the value, or leave the column out of features.",
  csvLabelEmpty: (file, line, label) =>
    `datasets.readCSV(): in ${file}, line ${line} has no value in the label column "${label}". Fill it in or remove the row.`,

  modelFileMissing: (path) =>
    `No saved model was found: ${path} does not exist. Pass the folder that model.save() wrote.`,
  notASequentialModel: (path, className) =>
    `The model saved in ${path} is a ${className}, but loadModel() reads only Sequential models.`,
  weightCountMismatch: (expected, actual) =>
    `setWeights() expects ${expected} weights, one per entry of getWeights(), but got ${actual}.`,
  weightShapeMismatch: (index, weightName, expected, actual) =>
    `setWeights(): weight ${index} (${weightName}) must have shape ${expected}, but got ${actual}.`,

  classWeightUnsupportedLoss: (loss, supported) =>
    `fit(): class_weight works only with the losses ${supported.join(", ")}, but the model was compiled with ` +
    `${loss === undefined ? "a custom loss function" : `loss "${loss}"`}. ` +
    "Compile with one of those losses, or leave class_weight out.",

  scalerNotFitted: (owner) => `This ${owner} is not fitted yet. Call fit(x) or fitTransform(x) first.`,
  featureCountMismatch: (owner, expected, actual) =>
    `${owner} was fitted on ${expected} features (columns), but x has ${actual}.`,
  emptySplit: (samples, testCount) =>
    `trainTestSplit() would put ${testCount} of ${samples} samples in the test set, leaving one of the sets empty. ` +
    "Pass a testSize that leaves samples on both sides.",
  stratifyLengthMismatch: (samples, labels) =>
    `trainTestSplit(): stratify has ${labels} labels but x has ${samples} samples. Pass one label per sample.`,
  invalidFeatureRange: (value) =>
    `MinMaxScaler: featureRange must be two numbers [min, max] with min < max, such as [0, 1], but got ${value}.`,
};
