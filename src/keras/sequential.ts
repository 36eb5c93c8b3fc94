import * as tf from "@tensorflow/tfjs";
import { displayBundle } from "../display/display";
import { orderedSeries } from "../display/history-chart";
import { currentSink } from "../display/scope";
import { formatShape, summaryBundle, type ModelSummary } from "../display/summary";
import { messages } from "../i18n";
import { uniqueName } from "./autoname";
import {
  checkInputShape,
  checkSampleCounts,
  checkTargetShape,
  disposeCreated,
  prepareTensor,
  type DataInput,
  type PreparedTensor,
} from "./data";
import { Callback } from "./callbacks";
import { describeValue, InterruptedError, ValueError } from "./errors";
import { graphTrainingFor, type GraphTraining } from "./graph-training";
import { History, markLiveChart } from "./history";
import { ModelInput } from "./input";
import { Layer } from "./layers";
import {
  resolveLoss,
  resolveMetric,
  resolveOptimizer,
  type LossName,
  type MetricName,
  type OptimizerName,
  type ResolvedLoss,
  type ResolvedMetric,
} from "./names";
import type { Optimizer } from "./optimizers";
import { normalizeOptions, readBoolean, readFraction, readInteger, readPositiveInteger, readString } from "./options";
import { FitProgress, type TfjsLogs } from "./progress";
import { restoreLayer } from "./restore";
import { saveTfjsModel } from "./saving";
import { interruptedSince, interruptToken, TaskQueue } from "./training";

/** A loss or metric function as TF.js takes it: targets and predictions in, values out. */
export type LossOrMetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Options of compile(). */
export interface CompileOptions {
  /** Optimizer name, facade optimizer such as new Adam(0.01), or TF.js optimizer. Default: "rmsprop", as in Keras. */
  optimizer?: OptimizerName | (string & {}) | Optimizer | tf.Optimizer;
  /** Loss name or function, which fit() and evaluate() require. */
  loss?: LossName | (string & {}) | LossOrMetricFunction;
  /** Metrics to report beside the loss, such as ["accuracy"]. Default: none. */
  metrics?: Array<MetricName | (string & {}) | LossOrMetricFunction> | MetricName | (string & {});
}

/**
 * Keras callbacks such as new EarlyStopping(), and TF.js callback objects, which fit() calls with logs
 * under Keras's names (accuracy, not acc).
 */
export type FitCallbacks = Callback | tf.CustomCallbackArgs | Array<Callback | tf.CustomCallbackArgs>;

/** Options of fit(), in Keras's snake_case or TF.js's camelCase. */
export interface FitOptions {
  /** Number of passes over the training data. Default: 1. */
  epochs?: number;
  /** Samples per gradient update. Default: 32. */
  batchSize?: number;
  /** Same as batchSize, in Keras's spelling. */
  batch_size?: number;
  /** Fraction of the samples, taken from the end before shuffling, kept apart to validate each epoch. Default: 0. */
  validationSplit?: number;
  /** Same as validationSplit, in Keras's spelling. */
  validation_split?: number;
  /** Inputs and targets to validate on after each epoch, instead of validationSplit. */
  validationData?: [DataInput, DataInput];
  /** Same as validationData, in Keras's spelling. */
  validation_data?: [DataInput, DataInput];
  /** Whether to shuffle the training samples before each epoch. Default: true. */
  shuffle?: boolean;
  /** 0 shows nothing, 1 or "auto" a progress bar and a chart, 2 the same refreshed once per epoch. Default: "auto". */
  verbose?: 0 | 1 | 2 | "auto";
  /** Epoch to start counting from, to resume an earlier fit(). Default: 0. */
  initialEpoch?: number;
  /** Same as initialEpoch, in Keras's spelling. */
  initial_epoch?: number;
  /**
   * Keras callbacks such as new EarlyStopping({ patience: 3 }), or TF.js callbacks such as
   * `{ onEpochEnd: async (epoch, logs) => ... }`, one or an array, called with logs under Keras's names.
   * Default: none.
   */
  callbacks?: FitCallbacks;
  /**
   * Weight of each class index in the loss, such as { 0: 1, 1: 10 } to count each sample of class 1 ten
   * times. Classes left out weigh 1, as in Keras. Only the crossentropy losses accept it. Default: none.
   */
  classWeight?: Record<number, number>;
  /** Same as classWeight, in Keras's spelling. */
  class_weight?: Record<number, number>;
}

/** Options of evaluate(). */
export interface EvaluateOptions {
  /** Samples per batch. Default: 32. */
  batchSize?: number;
  /** Same as batchSize, in Keras's spelling. */
  batch_size?: number;
  /** Accepted for Keras compatibility, but evaluate() shows nothing. */
  verbose?: 0 | 1 | 2 | "auto";
  /** Return { loss, accuracy, ... } instead of numbers. Default: false. */
  returnDict?: boolean;
  /** Same as returnDict, in Keras's spelling. */
  return_dict?: boolean;
}

/** Options of predict(). */
export interface PredictOptions {
  /** Samples per batch. Default: 32. */
  batchSize?: number;
  /** Same as batchSize, in Keras's spelling. */
  batch_size?: number;
  /** Accepted for Keras compatibility, but predict() shows nothing. */
  verbose?: 0 | 1 | 2 | "auto";
}

/**
 * Result of evaluate(): the loss as a number when the model has no metrics, else [loss, ...metrics].
 * It is typed as both, so `const [loss, accuracy] = await model.evaluate(...)` and
 * `const loss = await model.evaluate(...)` both compile, as the same lines run in Keras.
 */
export type EvaluateResult = number & number[];

/** Options of the Sequential constructor. */
export interface SequentialOptions {
  /** Model name. Default: "sequential", numbered per process ("sequential_1"). */
  name?: string;
  /** Layers to add, in order, optionally after an Input(). */
  layers?: Array<Layer | ModelInput>;
}

interface CompileSettings {
  optimizer: tf.Optimizer;
  loss?: ResolvedLoss;
  metrics: ResolvedMetric[];
}

const fitOptionNames = [
  "epochs",
  "batchSize",
  "validationSplit",
  "validationData",
  "shuffle",
  "verbose",
  "initialEpoch",
  "callbacks",
  "classWeight",
];

// Losses whose targets TF.js 4.22 can map to class indices for classWeight: one-hot rows (argmax), or
// one column or a flat vector of indices (standardizeWeights in tfjs-layers' training_utils).
const classWeightLosses = ["categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy"];
const evaluateOptionNames = ["batchSize", "verbose", "returnDict"];
const predictOptionNames = ["batchSize", "verbose"];
const defaultBatchSize = 32;

/**
 * A linear stack of layers, as keras.Sequential, over a TF.js Sequential model that does the work.
 *
 *     const model = new Sequential();
 *     model.add(new Dense(64, { activation: "relu", inputShape: [4] }));
 *     model.add(new Dense(3, { activation: "softmax" }));
 *     model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
 *     await model.fit(x, y, { epochs: 50 });
 *
 * The TF.js model is built as soon as the first layer has an inputShape, or else from the data of the
 * first fit(), evaluate() or predict(). fit() and evaluate() queue behind the fit() calls already running
 * on the model.
 */
export class Sequential {
  /** The model's name, which summary() shows. */
  readonly name: string;
  /** The History of the last fit() that finished. */
  history: History | undefined;

  private readonly layerList: Layer[] = [];
  private model: tf.Sequential | undefined;
  private settings: CompileSettings | undefined;
  // The layer count when TF.js's compile() last ran; adding a layer since then means compiling again.
  private compiledLayerCount = -1;
  // TF.js metric names (acc) to Keras's (accuracy), in the order TF.js reports them.
  private logNames = new Map<string, string>();
  private readonly queue = new TaskQueue();
  // The TensorFlow graph of the last fit() on tfjs-node, kept for the next one until the model changes.
  // NOTE: models have no dispose(). A graph's session lives until the model is compiled again or the
  // executor ends, and a notebook that trains many models keeps one small session for each.
  private graphTraining: GraphTraining | undefined;

  constructor(layers?: Array<Layer | ModelInput> | SequentialOptions, options?: Pick<SequentialOptions, "name">) {
    const merged = Array.isArray(layers) ? { ...options, layers } : { ...layers, ...options };
    const settings = normalizeOptions("Sequential", merged, ["name", "layers"]);
    this.name = settings.name === undefined ? uniqueName("sequential") : readString("Sequential", "name", settings.name);
    for (const layer of (settings.layers as Array<Layer | ModelInput> | undefined) ?? []) this.add(layer);
  }

  /** The layers in order. */
  get layers(): Layer[] {
    return [...this.layerList];
  }

  /** True once the model's weights exist. */
  get built(): boolean {
    return this.model !== undefined;
  }

  /** The TF.js model, or undefined until the model is built. */
  get tfjsModel(): tf.Sequential | undefined {
    return this.model;
  }

  /** Set to true inside a callback to stop fit() after the current batch, as Keras's model.stop_training. */
  get stopTraining(): boolean {
    return this.model?.stopTraining ?? false;
  }

  set stopTraining(stop: boolean) {
    if (this.model) this.model.stopTraining = stop;
  }

  /**
   * Adds a layer on top of the stack. An Input() before the first layer, or the first layer's inputShape,
   * builds the model at once. Raises ValueError for anything that is not a layer of this facade, such as
   * a TF.js layer, and for an Input() after the first layer.
   */
  add(layer: Layer | ModelInput): void {
    if (layer instanceof ModelInput) {
      this.addInput(layer);
      return;
    }
    if (!(layer instanceof Layer)) throw new ValueError(messages().keras.notALayer(describeValue(layer)));

    this.layerList.push(layer);
    const modelBefore = this.model;
    try {
      if (this.model) {
        this.model.add(layer.tfjsLayer);
      } else if (this.layerList.length === 1 && layer.inputShape !== undefined) {
        this.model = tf.sequential({ name: this.name });
        this.model.add(layer.tfjsLayer);
      }
    } catch (error) {
      this.layerList.pop();
      this.model = modelBefore;
      throw error;
    }
  }

  private addInput(input: ModelInput): void {
    if (this.model || this.layerList.length > 0) throw new ValueError(messages().keras.inputNotFirst());
    const model = tf.sequential({ name: this.name });
    model.add(tf.layers.inputLayer({ batchInputShape: [input.batchSize, ...input.shape], name: input.name }));
    this.model = model;
  }

  /** Builds the model for inputs of the given shape, batch size first: build([null, 4]). */
  build(inputShape: Array<number | null>): void {
    if (this.model) return;
    if (this.layerList.length === 0) throw new ValueError(messages().keras.noLayers("build"));

    const model = tf.sequential({ name: this.name });
    model.add(tf.layers.inputLayer({ batchInputShape: inputShape, name: uniqueName("input_layer") }));
    for (const layer of this.layerList) model.add(layer.tfjsLayer);
    this.model = model;
  }

  /**
   * Sets the optimizer, loss and metrics for fit() and evaluate(). Unknown names raise ValueError at once.
   *
   * @param options Optimizer (default "rmsprop"), loss and metrics, such as
   *   `{ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] }`.
   */
  compile(options: CompileOptions = {}): void {
    const settings = normalizeOptions("compile()", options, ["optimizer", "loss", "metrics"]);
    const metrics = settings.metrics === undefined ? [] : Array.isArray(settings.metrics) ? settings.metrics : [settings.metrics];
    this.settings = {
      optimizer: resolveOptimizer(settings.optimizer ?? "rmsprop"),
      loss: settings.loss === undefined ? undefined : resolveLoss(settings.loss),
      metrics: metrics.map(resolveMetric),
    };
    this.compiledLayerCount = -1;
    if (this.model && this.settings.loss) this.compileModel(this.model);
  }

  /**
   * Trains the model on x and y and resolves with the History of the epochs. Options, data and shapes are
   * checked before anything is queued, so a mistake raises ValueError at the call.
   *
   * @param x Training inputs, one row per sample: a tensor or nested arrays of numbers.
   * @param y Training targets, one row per sample, such as one-hot rows for "categorical_crossentropy".
   * @param options Epochs (default 1), batch size (default 32), validation, shuffling and callbacks.
   * @returns The History, whose `history.loss` has the loss of each epoch.
   */
  fit(x: DataInput, y: DataInput, options: FitOptions = {}): Promise<History> {
    const settings = normalizeOptions("fit()", options, fitOptionNames);
    const epochs = settings.epochs === undefined ? 1 : readPositiveInteger("fit()", "epochs", settings.epochs);
    const batchSize = settings.batchSize === undefined ? defaultBatchSize : readPositiveInteger("fit()", "batchSize", settings.batchSize);
    const validationSplit =
      settings.validationSplit === undefined ? 0 : readFraction("fit()", "validationSplit", settings.validationSplit, true);
    const shuffle = settings.shuffle === undefined ? true : readBoolean("fit()", "shuffle", settings.shuffle);
    const verbose = readVerbose("fit()", settings.verbose);
    const initialEpoch = settings.initialEpoch === undefined ? 0 : readInteger("fit()", "initialEpoch", settings.initialEpoch);
    const callbacks = readCallbacks(settings.callbacks);
    const validationPair = readValidationData(settings.validationData);
    const classWeight = readClassWeight(settings.classWeight);

    const created: PreparedTensor[] = [];
    try {
      const loss = this.checkTrainable("fit");
      const { xs, ys, tfModel } = this.prepareData(created, x, y, loss);

      let validationData: [tf.Tensor, tf.Tensor] | undefined;
      if (validationPair) {
        const validation = this.prepareData(created, validationPair[0], validationPair[1], loss, tfModel);
        validationData = [validation.xs, validation.ys];
      }
      this.ensureCompiled(tfModel);
      const tfClassWeight = classWeight && completeClassWeight(classWeight, loss, tfModel);

      const samples = xs.shape[0];
      const trainingSamples = validationData ? samples : Math.floor(samples * (1 - validationSplit));
      const batchesPerEpoch = Math.ceil(trainingSamples / batchSize);
      const token = interruptToken();

      return this.queue.run(async () => {
        try {
          if (interruptedSince(token)) throw new InterruptedError(messages().keras.trainingInterruptedBeforeStart());
          for (const callback of callbacks) {
            if (!(callback instanceof Callback)) continue;
            callback.setModel(this);
            callback.setParams({ epochs, steps: batchesPerEpoch, verbose });
          }
          const progress =
            verbose === 0
              ? undefined
              : new FitProgress({ epochs, initialEpoch, batchesPerEpoch, verbose, renameLogs: (logs) => this.renameLogs(logs) });

          const tfHistory = await this.runFit(tfModel, xs, ys, token, progress, callbacks, {
            epochs,
            batchSize,
            shuffle,
            initialEpoch,
            validationData,
            validationSplit: validationData ? undefined : validationSplit || undefined,
            classWeight: tfClassWeight,
          });

          const history = this.toKerasHistory(tfHistory, { epochs, steps: batchesPerEpoch, verbose });
          this.history = history;
          const output = currentSink();
          if (progress && output) markLiveChart(history, output);
          if (interruptedSince(token)) throw new InterruptedError(messages().keras.trainingInterrupted(history.epoch.length, epochs));
          return history;
        } finally {
          disposeCreated(created);
        }
      });
    } catch (error) {
      disposeCreated(created);
      throw error;
    }
  }

  /**
   * Computes the loss and metrics on x and y, after any fit() still queued on this model. Resolves with
   * plain numbers: the loss alone, or [loss, ...metrics] when the model has metrics, as Keras does.
   *
   * @param x Test inputs, one row per sample.
   * @param y Test targets, one row per sample.
   * @param options Batch size (default 32), and returnDict to get `{ loss, accuracy }` instead.
   */
  evaluate(x: DataInput, y: DataInput, options: EvaluateOptions & { returnDict: true }): Promise<Record<string, number>>;
  evaluate(x: DataInput, y: DataInput, options: EvaluateOptions & { return_dict: true }): Promise<Record<string, number>>;
  evaluate(x: DataInput, y: DataInput, options?: EvaluateOptions): Promise<EvaluateResult>;
  evaluate(x: DataInput, y: DataInput, options: EvaluateOptions = {}): Promise<EvaluateResult | Record<string, number>> {
    const settings = normalizeOptions("evaluate()", options, evaluateOptionNames);
    const batchSize =
      settings.batchSize === undefined ? defaultBatchSize : readPositiveInteger("evaluate()", "batchSize", settings.batchSize);
    readVerbose("evaluate()", settings.verbose);
    const returnDict = settings.returnDict === undefined ? false : readBoolean("evaluate()", "returnDict", settings.returnDict);

    const created: PreparedTensor[] = [];
    try {
      const loss = this.checkTrainable("evaluate");
      const { xs, ys, tfModel } = this.prepareData(created, x, y, loss);
      this.ensureCompiled(tfModel);

      return this.queue.run(async () => {
        try {
          const values = await this.runEvaluate(tfModel, xs, ys, batchSize);
          if (returnDict) return Object.fromEntries(this.metricsNames().map((name, i) => [name, values[i]]));
          return (values.length === 1 ? values[0] : values) as EvaluateResult;
        } finally {
          disposeCreated(created);
        }
      });
    } catch (error) {
      disposeCreated(created);
      throw error;
    }
  }

  /**
   * Returns the model's output for x as a new tensor, which the caller owns and may dispose: one row
   * per sample, such as class probabilities for a softmax output.
   * NOTE: predict() runs at once and does not wait for fit() calls still queued, so after a fit()
   * without await it uses the weights of that moment. Await the fit() first.
   */
  predict(x: DataInput, options: PredictOptions = {}): tf.Tensor {
    const settings = normalizeOptions("predict()", options, predictOptionNames);
    const batchSize =
      settings.batchSize === undefined ? defaultBatchSize : readPositiveInteger("predict()", "batchSize", settings.batchSize);
    readVerbose("predict()", settings.verbose);
    if (this.layerList.length === 0) throw new ValueError(messages().keras.noLayers("predict"));

    const prepared = prepareTensor("x", x);
    try {
      const tfModel = this.modelFor(prepared.tensor);
      checkInputShape(tfModel.inputs[0].shape, prepared.tensor);
      return tfModel.predict(prepared.tensor, { batchSize }) as tf.Tensor;
    } finally {
      disposeCreated([prepared]);
    }
  }

  /** Returns the number of weights in the model. Raises ValueError before the model is built. */
  countParams(): number {
    if (!this.model) throw new ValueError(messages().keras.modelNotBuilt(this.name));
    return this.layerList.reduce((total, layer) => total + layer.countParams(), 0);
  }

  /**
   * Returns copies of the model's weights, layer by layer (kernel, then bias for a Dense layer), as new
   * tensors that the caller owns. Raises ValueError before the model is built.
   */
  getWeights(): tf.Tensor[] {
    if (!this.model) throw new ValueError(messages().keras.modelNotBuilt(this.name));
    return this.model.getWeights().map((weight) => weight.clone());
  }

  /**
   * Sets the model's weights from tensors or nested arrays in getWeights()'s order, copying their values.
   * Raises ValueError before the model is built, and for a wrong number of weights or a wrong shape.
   */
  setWeights(weights: Array<tf.Tensor | number[] | number[][] | number[][][] | number[][][][]>): void {
    const text = messages().keras;
    if (!this.model) throw new ValueError(text.modelNotBuilt(this.name));
    const current = this.model.weights;
    if (!Array.isArray(weights) || weights.length !== current.length) {
      throw new ValueError(text.weightCountMismatch(current.length, Array.isArray(weights) ? weights.length : 0));
    }

    const tensors = weights.map((weight) => (weight instanceof tf.Tensor ? weight : tf.tensor(weight)));
    try {
      tensors.forEach((tensor, i) => {
        if (!tf.util.arraysEqual(tensor.shape, current[i].shape as number[])) {
          throw new ValueError(text.weightShapeMismatch(i, current[i].name, formatShape(current[i].shape), formatShape(tensor.shape)));
        }
      });
      this.model.setWeights(tensors);
    } finally {
      tensors.forEach((tensor, i) => {
        if (tensor !== weights[i]) tensor.dispose();
      });
    }
  }

  /**
   * Saves the model to the folder at path in the TensorFlow.js layers format: model.json with the layers
   * and weight names, and weights.bin with the weights. loadModel(path) reads it back.
   * NOTE: the optimizer's state and the compile() settings are not saved, so compile the loaded model
   * again before fit() or evaluate().
   */
  async save(path: string): Promise<void> {
    if (!this.model) throw new ValueError(messages().keras.modelNotBuilt(this.name));
    await saveTfjsModel(this.model, path);
  }

  /** Wraps a TF.js Sequential model, such as one read by loadModel(), keeping its name and its layers' names. */
  static fromTfjsModel(model: tf.Sequential): Sequential {
    const wrapped = new Sequential({ name: model.name });
    wrapped.model = model;
    for (const layer of model.layers) {
      if (layer.getClassName() !== "InputLayer") wrapped.layerList.push(restoreLayer(layer));
    }
    return wrapped;
  }

  /** Shows the model's layers, output shapes and parameter counts as a table, as Keras's summary(). */
  summary(): void {
    displayBundle(summaryBundle(this.summaryData()));
  }

  /** Returns what summary() shows, as plain data. */
  summaryData(): ModelSummary {
    const built = this.model !== undefined;
    const layers = this.layerList.map((layer) => ({
      name: layer.name,
      className: layer.className,
      outputShape: built ? layer.outputShape : undefined,
      params: built ? layer.countParams() : undefined,
    }));
    const trainableParams = built ? this.layerList.reduce((total, layer) => total + layer.countTrainableParams(), 0) : 0;
    const totalParams = built ? this.countParams() : 0;
    return { modelName: this.name, layers, built, trainableParams, nonTrainableParams: totalParams - trainableParams };
  }

  /** Names of evaluate()'s values in order: loss, then each metric. */
  metricsNames(): string[] {
    return ["loss", ...(this.settings?.metrics.map((metric) => metric.name) ?? [])];
  }

  /**
   * Converts x and y to tensors, recorded in created for disposal, and checks their sample counts and
   * shapes against the model, which is built from x when it has no input shape yet.
   */
  private prepareData(created: PreparedTensor[], x: DataInput, y: DataInput, loss: string | undefined, model?: tf.Sequential) {
    const xs = track(created, prepareTensor("x", x));
    const ys = track(created, prepareTensor("y", y));
    checkSampleCounts(xs, ys);
    const tfModel = model ?? this.modelFor(xs);
    checkInputShape(tfModel.inputs[0].shape, xs);
    checkTargetShape(tfModel.outputs[0].shape, ys, loss);
    return { xs, ys, tfModel };
  }

  /**
   * Raises ValueError, naming the method, unless the model has layers and was compiled with a loss.
   * Returns the loss's Keras name, or undefined for a custom loss function.
   */
  private checkTrainable(method: string): string | undefined {
    if (this.layerList.length === 0) throw new ValueError(messages().keras.noLayers(method));
    if (!this.settings) throw new ValueError(messages().keras.notCompiled(method));
    if (!this.settings.loss) throw new ValueError(messages().keras.missingLoss());
    return this.settings.loss.kerasName;
  }

  /** Returns the TF.js model, building it first from the shape of x when no layer gave an inputShape. */
  private modelFor(x: tf.Tensor): tf.Sequential {
    if (!this.model) this.build([null, ...x.shape.slice(1)]);
    return this.model as tf.Sequential;
  }

  private ensureCompiled(model: tf.Sequential): void {
    if (this.compiledLayerCount !== this.layerList.length) this.compileModel(model);
  }

  private compileModel(model: tf.Sequential): void {
    const settings = this.settings as CompileSettings;
    model.compile({
      optimizer: settings.optimizer,
      loss: settings.loss?.tfjs as string,
      metrics: settings.metrics.map((metric) => metric.tfjs) as string[],
    });

    // TF.js reports "loss" and then one name per metric, in compile order. Keras names each metric
    // after the string given to compile(), so "accuracy" stays "accuracy" where TF.js writes "acc".
    const kerasNames = this.metricsNames();
    this.logNames = new Map(model.metricsNames.map((name, i) => [name, kerasNames[i] ?? name]));
    this.compiledLayerCount = this.layerList.length;

    // The graph of the last fit() computes the old loss and metrics.
    this.graphTraining?.dispose();
    this.graphTraining = undefined;
  }

  /**
   * Renames TF.js logs to Keras's names, keeping loss and metrics and dropping batch and size. The
   * result lists loss, metrics, then val_ series, as Keras does, where TF.js puts val_ series first.
   */
  private renameLogs(logs: TfjsLogs): Record<string, number> {
    const renamed: Record<string, number> = {};
    for (const [name, value] of Object.entries(logs ?? {})) {
      if (name === "batch" || name === "size" || typeof value !== "number") continue;
      const validation = name.startsWith("val_");
      const base = validation ? name.slice("val_".length) : name;
      const kerasName = this.logNames.get(base) ?? base;
      renamed[validation ? `val_${kerasName}` : kerasName] = value;
    }

    const ordered: Record<string, number> = {};
    for (const name of orderedSeries(renamed)) ordered[name] = renamed[name];
    return ordered;
  }

  private async runFit(
    tfModel: tf.Sequential,
    xs: tf.Tensor,
    ys: tf.Tensor,
    token: number,
    progress: FitProgress | undefined,
    userCallbacks: tf.CustomCallbackArgs[],
    args: tf.ModelFitArgs,
  ): Promise<tf.History> {
    const rename = (logs: TfjsLogs) => this.renameLogs(logs);
    const stopIfInterrupted = () => {
      if (interruptedSince(token)) tfModel.stopTraining = true;
    };

    const ownCallbacks: tf.CustomCallbackArgs = {
      onEpochBegin: async (epoch) => progress?.onEpochBegin(epoch),
      onBatchEnd: async (batch, logs) => {
        stopIfInterrupted();
        progress?.onBatchEnd(batch, logs as TfjsLogs);
      },
      onEpochEnd: async (epoch, logs) => {
        stopIfInterrupted();
        progress?.onEpochEnd(epoch, logs as TfjsLogs);
      },
    };

    // On tfjs-node, each batch runs as one TensorFlow graph call where the model allows it.
    const settings = this.settings as CompileSettings;
    this.graphTraining = graphTrainingFor(tfModel, { loss: settings.loss?.kerasName, metrics: settings.metrics }, this.graphTraining);
    const stopGraphTraining = this.graphTraining?.install();

    progress?.start();
    let epochsDone = 0;
    const counter: tf.CustomCallbackArgs = { onEpochEnd: async () => void (epochsDone += 1) };
    try {
      return await tfModel.fit(xs, ys, {
        ...args,
        verbose: 0,
        callbacks: [ownCallbacks, counter, ...userCallbacks.map((callback) => renameCallbackLogs(callback, rename))],
      });
    } finally {
      stopGraphTraining?.();
      progress?.finish(epochsDone < (args.epochs ?? 1) - (args.initialEpoch ?? 0));
    }
  }

  private async runEvaluate(tfModel: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor, batchSize: number): Promise<number[]> {
    const result = tfModel.evaluate(xs, ys, { batchSize, verbose: 0 });
    const scalars = Array.isArray(result) ? result : [result];
    try {
      const values = await Promise.all(scalars.map((scalar) => scalar.data()));
      return values.map((value) => value[0]);
    } finally {
      tf.dispose(scalars);
    }
  }

  private toKerasHistory(tfHistory: tf.History, params: History["params"]): History {
    const renamed: Record<string, number[]> = {};
    for (const [name, values] of Object.entries(tfHistory.history)) {
      const [kerasName] = Object.keys(this.renameLogs({ [name]: 0 }));
      renamed[kerasName ?? name] = values.map(Number);
    }

    // TF.js lists validation series first, but Keras lists loss, metrics, then their val_ series.
    const series: Record<string, number[]> = {};
    for (const name of orderedSeries(renamed)) series[name] = renamed[name];
    return new History(series, [...tfHistory.epoch], params);
  }
}

function track(created: PreparedTensor[], prepared: PreparedTensor): tf.Tensor {
  created.push(prepared);
  return prepared.tensor;
}

function readVerbose(owner: string, value: unknown): 0 | 1 | 2 {
  if (value === undefined || value === "auto") return 1;
  if (value === 0 || value === 1 || value === 2) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, "verbose", describeValue(value), "verbose"));
}

function readCallbacks(value: unknown): tf.CustomCallbackArgs[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const valid = list.every((callback) => typeof callback === "object" && callback !== null);
  if (!valid) throw new ValueError(messages().keras.invalidOptionType("fit()", "callbacks", describeValue(value), "callbacks"));
  return list as tf.CustomCallbackArgs[];
}

function readClassWeight(value: unknown): Record<number, number> | undefined {
  if (value === undefined) return undefined;
  const invalid = () => new ValueError(messages().keras.invalidOptionType("fit()", "classWeight", describeValue(value), "classWeight"));
  if (typeof value !== "object" || value === null) throw invalid();

  const weights: Record<number, number> = {};
  for (const [key, weight] of Object.entries(value)) {
    const validWeight = typeof weight === "number" && Number.isFinite(weight) && weight >= 0;
    if (!/^\d+$/.test(key) || !validWeight) throw invalid();
    weights[Number(key)] = weight;
  }
  return weights;
}

/**
 * Returns the class weights for TF.js with weight 1 for every class left out, because TF.js raises for
 * a class missing from classWeight where Keras weighs it 1. Raises ValueError for a loss that TF.js
 * cannot weight per class, such as "mse" or a custom function.
 */
function completeClassWeight(classWeight: Record<number, number>, loss: string | undefined, model: tf.Sequential): Record<number, number> {
  if (loss === undefined || !classWeightLosses.includes(loss)) {
    throw new ValueError(messages().keras.classWeightUnsupportedLoss(loss, classWeightLosses));
  }

  // A single sigmoid unit has the classes 0 and 1; otherwise each output unit is a class.
  const units = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? 1;
  const classCount = Math.max(units, 2);
  const complete: Record<number, number> = { ...classWeight };
  for (let index = 0; index < classCount; index++) complete[index] ??= 1;
  return complete;
}

function readValidationData(value: unknown): [DataInput, DataInput] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.length === 2) return value as [DataInput, DataInput];
  throw new ValueError(messages().keras.invalidOptionType("fit()", "validationData", describeValue(value), "validationData"));
}

/** Wraps a user's callbacks so that their logs use Keras's names, as Keras callbacks see them. */
function renameCallbackLogs(
  callback: tf.CustomCallbackArgs,
  rename: (logs: TfjsLogs) => Record<string, number>,
): tf.CustomCallbackArgs {
  const withLogs = (logs: unknown) => rename(logs as TfjsLogs);
  return {
    onTrainBegin: callback.onTrainBegin && ((logs) => callback.onTrainBegin?.(withLogs(logs))),
    onTrainEnd: callback.onTrainEnd && ((logs) => callback.onTrainEnd?.(withLogs(logs))),
    onEpochBegin: callback.onEpochBegin && ((epoch, logs) => callback.onEpochBegin?.(epoch, withLogs(logs))),
    onEpochEnd: callback.onEpochEnd && (async (epoch, logs) => {
      const renamed = withLogs(logs);
      const namesBefore = new Set(Object.keys(renamed));
      await callback.onEpochEnd?.(epoch, renamed);
      // A value that a callback adds, such as ReduceLROnPlateau's learning_rate, goes into the
      // History as in Keras: TF.js's own History reads these logs after every other callback.
      for (const [name, value] of Object.entries(renamed)) {
        if (!namesBefore.has(name) && typeof value === "number" && logs) (logs as Record<string, number>)[name] = value;
      }
    }),
    onBatchBegin: callback.onBatchBegin && ((batch, logs) => callback.onBatchBegin?.(batch, withLogs(logs))),
    onBatchEnd: callback.onBatchEnd && ((batch, logs) => callback.onBatchEnd?.(batch, withLogs(logs))),
    onYield: callback.onYield && ((epoch, batch, logs) => callback.onYield?.(epoch, batch, withLogs(logs))),
  };
}
