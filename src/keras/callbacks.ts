/**
 * Keras's training callbacks, which fit() accepts in its callbacks option beside TF.js callback objects:
 * `await model.fit(x, y, { epochs: 100, validation_split: 0.2, callbacks: [new EarlyStopping({ patience: 5 })] })`.
 * fit() attaches each one to its model and passes it logs under Keras's names (accuracy, val_loss).
 */
import * as fs from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import type { HistoryParams } from "./history";
import { normalizeOptions, readBoolean, readFraction, readInteger, readPositiveInteger, readString } from "./options";
import { fillPathTemplate, parsePathTemplate, type PathTemplate } from "./path-template";
import type { Sequential } from "./sequential";

/** Logs of an epoch or batch, under Keras's names: { loss, accuracy, val_loss, val_accuracy }. */
export type Logs = Record<string, number>;

/** Whether a monitored value improves as it goes down ("min"), up ("max"), or as its name says ("auto"). */
export type MonitorMode = "auto" | "min" | "max";

/**
 * Base class of Keras callbacks, as keras.callbacks.Callback. Subclass it and override the hooks you need;
 * fit() sets `model` and `params` before training starts.
 */
export class Callback {
  /** The model being trained, set by fit(). */
  model: Sequential | undefined;
  /** epochs, steps (batches per epoch) and verbose of the running fit(). */
  params: HistoryParams | undefined;

  setModel(model: Sequential): void {
    this.model = model;
  }

  setParams(params: HistoryParams): void {
    this.params = params;
  }

  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}

  /** Returns the attached model. Raises ValueError when the callback was never passed to fit(). */
  protected requireModel(owner: string): Sequential {
    if (!this.model) throw new ValueError(messages().keras.callbackNotAttached(owner));
    return this.model;
  }
}

/** Options of EarlyStopping, in Keras's snake_case or TF.js's camelCase. */
export interface EarlyStoppingOptions {
  /** Name of the logged value to watch. Default: "val_loss". */
  monitor?: string;
  /** Smallest change that counts as an improvement, whatever its sign. Default: 0. */
  minDelta?: number;
  /** Same as minDelta, in Keras's spelling. */
  min_delta?: number;
  /** Epochs without improvement after which training stops. Default: 0. */
  patience?: number;
  /** 1 prints a line when training stops and when weights are restored. Default: 0. */
  verbose?: 0 | 1;
  /** "min", "max", or "auto" (max for names containing "acc", else min). Default: "auto". */
  mode?: MonitorMode;
  /** Value the monitored quantity must beat before an improvement resets the patience count. Default: none. */
  baseline?: number;
  /** Whether to restore, when training ends, the weights of the epoch with the best monitored value. Default: false. */
  restoreBestWeights?: boolean;
  /** Same as restoreBestWeights, in Keras's spelling. */
  restore_best_weights?: boolean;
  /** Number of epochs to train before watching for improvement. Default: 0. */
  startFromEpoch?: number;
  /** Same as startFromEpoch, in Keras's spelling. */
  start_from_epoch?: number;
}

/** Options of ReduceLROnPlateau, in Keras's snake_case or TF.js's camelCase. */
export interface ReduceLROnPlateauOptions {
  /** Name of the logged value to watch. Default: "val_loss". */
  monitor?: string;
  /** Factor in (0, 1) that multiplies the learning rate at each reduction. Default: 0.1. */
  factor?: number;
  /** Epochs without improvement after which the learning rate is reduced. Default: 10. */
  patience?: number;
  /** 1 prints a line at each reduction. Default: 0. */
  verbose?: 0 | 1;
  /** "min", "max", or "auto" (max for names containing "acc", else min). Default: "auto". */
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement. Default: 1e-4. */
  minDelta?: number;
  /** Same as minDelta, in Keras's spelling. */
  min_delta?: number;
  /** Epochs to wait after a reduction before counting epochs without improvement again. Default: 0. */
  cooldown?: number;
  /** Learning rate below which no reduction goes. Default: 0. */
  minLr?: number;
  /** Same as minLr, in Keras's spelling. */
  min_lr?: number;
}

/** Options of ModelCheckpoint, in Keras's snake_case or TF.js's camelCase. */
export interface ModelCheckpointOptions {
  /** Name of the logged value that saveBestOnly compares. Default: "val_loss". */
  monitor?: string;
  /** 1 prints a line at each save, and at each skipped save with saveBestOnly. Default: 0. */
  verbose?: 0 | 1;
  /** Whether to save only when the monitored value beats the best one so far. Default: false. */
  saveBestOnly?: boolean;
  /** Same as saveBestOnly, in Keras's spelling. */
  save_best_only?: boolean;
  /** "min", "max", or "auto" (max for names containing "acc", else min). Default: "auto". */
  mode?: MonitorMode;
  /** "epoch" saves at the end of each epoch, an integer n after every n batches. Default: "epoch". */
  saveFreq?: "epoch" | number;
  /** Same as saveFreq, in Keras's spelling. */
  save_freq?: "epoch" | number;
  /** Value that the monitored value must beat for the first save with saveBestOnly. Default: none. */
  initialValueThreshold?: number;
  /** Same as initialValueThreshold, in Keras's spelling. */
  initial_value_threshold?: number;
}

/** Options of CSVLogger, in Keras's snake_case or TF.js's camelCase. */
export interface CSVLoggerOptions {
  /** Character between the values of a line. Default: ",". */
  separator?: string;
  /** Whether to add lines to an existing file instead of overwriting it. Default: false. */
  append?: boolean;
}

/** Hooks of LambdaCallback, each optional, in Keras's snake_case or TF.js's camelCase. */
export interface LambdaCallbackOptions {
  on_epoch_begin?: (epoch: number, logs?: Logs) => unknown;
  on_epoch_end?: (epoch: number, logs?: Logs) => unknown;
  on_batch_begin?: (batch: number, logs?: Logs) => unknown;
  on_batch_end?: (batch: number, logs?: Logs) => unknown;
  on_train_begin?: (logs?: Logs) => unknown;
  on_train_end?: (logs?: Logs) => unknown;
  onEpochBegin?: (epoch: number, logs?: Logs) => unknown;
  onEpochEnd?: (epoch: number, logs?: Logs) => unknown;
  onBatchBegin?: (batch: number, logs?: Logs) => unknown;
  onBatchEnd?: (batch: number, logs?: Logs) => unknown;
  onTrainBegin?: (logs?: Logs) => unknown;
  onTrainEnd?: (logs?: Logs) => unknown;
}

const earlyStoppingOptionNames = [
  "monitor",
  "minDelta",
  "patience",
  "verbose",
  "mode",
  "baseline",
  "restoreBestWeights",
  "startFromEpoch",
];
const reduceLROnPlateauOptionNames = ["monitor", "factor", "patience", "verbose", "mode", "minDelta", "cooldown", "minLr"];
const csvLoggerOptionNames = ["separator", "append"];
const modelCheckpointOptionNames = ["monitor", "verbose", "saveBestOnly", "mode", "saveFreq", "initialValueThreshold"];
const lambdaHookNames = ["onEpochBegin", "onEpochEnd", "onBatchBegin", "onBatchEnd", "onTrainBegin", "onTrainEnd"];

/**
 * Stops training once a monitored value stops improving, as keras.callbacks.EarlyStopping does in Keras 3.
 *
 *     new EarlyStopping({ monitor: "val_loss", patience: 3, restore_best_weights: true })
 *
 * An epoch improves when its value beats the best so far by more than minDelta. Training stops at the
 * end of an epoch after epoch 0 once `patience` epochs in a row passed without improvement.
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: MonitorMode;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;

  /** Epochs since the last improvement. */
  wait = 0;
  /** Epoch at whose end training was stopped, or 0 while it was not. */
  stoppedEpoch = 0;
  /** Best monitored value so far, or undefined before the first watched epoch. */
  best: number | undefined;
  /** Epoch that reached the best value. */
  bestEpoch = 0;

  private readonly maximize: boolean;
  private bestWeights: tf.Tensor[] | undefined;
  private warnedMissing = false;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    const owner = "EarlyStopping";
    const settings = normalizeOptions(owner, options, earlyStoppingOptionNames);
    this.monitor = settings.monitor === undefined ? "val_loss" : readString(owner, "monitor", settings.monitor);
    this.minDelta = Math.abs(settings.minDelta === undefined ? 0 : readFiniteNumber(owner, "minDelta", settings.minDelta));
    this.patience = settings.patience === undefined ? 0 : readNonNegativeInteger(owner, "patience", settings.patience);
    this.verbose = readCallbackVerbose(owner, settings.verbose);
    this.mode = readMode(owner, settings.mode);
    this.baseline = settings.baseline === undefined ? undefined : readFiniteNumber(owner, "baseline", settings.baseline);
    this.restoreBestWeights =
      settings.restoreBestWeights === undefined ? false : readBoolean(owner, "restoreBestWeights", settings.restoreBestWeights);
    this.startFromEpoch =
      settings.startFromEpoch === undefined ? 0 : readNonNegativeInteger(owner, "startFromEpoch", settings.startFromEpoch);
    this.maximize = maximizes(this.monitor, this.mode);
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = undefined;
    this.bestEpoch = 0;
    this.warnedMissing = false;
    this.disposeBestWeights();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.monitoredValue(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;

    // Before any improvement is recorded, the weights of the first watched epoch are the best.
    if (this.restoreBestWeights && this.bestWeights === undefined) {
      this.bestWeights = this.snapshotWeights();
      this.bestEpoch = epoch;
    }

    this.wait += 1;
    if (this.improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) {
        this.disposeBestWeights();
        this.bestWeights = this.snapshotWeights();
      }
      // The count restarts only when the value beats both the best so far and the baseline.
      if (this.baseline === undefined || this.improves(current, this.baseline)) this.wait = 0;
      return;
    }

    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.requireModel("EarlyStopping").stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    const text = messages().keras;
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(text.earlyStopped(this.stoppedEpoch + 1));
    if (this.restoreBestWeights && this.bestWeights !== undefined) {
      if (this.verbose > 0) console.log(text.bestWeightsRestored(this.bestEpoch + 1));
      this.requireModel("EarlyStopping").tfjsModel?.setWeights(this.bestWeights);
      this.disposeBestWeights();
    }
  }

  private improves(value: number, reference: number | undefined): boolean {
    return improvesOn(value, reference, this.maximize, this.minDelta);
  }

  private monitoredValue(logs: Logs | undefined): number | undefined {
    const value = logs?.[this.monitor];
    if (value === undefined && !this.warnedMissing) {
      this.warnedMissing = true;
      console.warn(messages().keras.monitorNotAvailable("EarlyStopping", this.monitor, Object.keys(logs ?? {})));
    }
    return value;
  }

  // Copies of the weights, because the optimizer replaces the values of the model's variables.
  private snapshotWeights(): tf.Tensor[] {
    const model = this.requireModel("EarlyStopping").tfjsModel;
    return model ? model.getWeights().map((weight) => weight.clone()) : [];
  }

  private disposeBestWeights(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = undefined;
  }
}

/**
 * Saves the model with model.save() during training, as keras.callbacks.ModelCheckpoint:
 *
 *     new ModelCheckpoint("models/epoch-{epoch:02d}-{val_loss:.2f}", { save_best_only: true })
 *
 * Each save writes a folder in the TensorFlow.js layers format that loadModel() reads. The filepath's
 * fields take Python format specs and are filled from the epoch, counted from 1, from the batch with an
 * integer saveFreq, also counted from 1, and from the logs. With saveBestOnly, a save happens only when
 * the monitored value strictly beats the best one so far.
 * NOTE: Keras's save_weights_only is not implemented, because the facade has no weights-only format.
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly mode: MonitorMode;
  readonly saveFreq: "epoch" | number;
  readonly initialValueThreshold: number | undefined;

  /** Best monitored value so far, or undefined before the first save with saveBestOnly. */
  best: number | undefined;

  private readonly template: PathTemplate;
  private readonly maximize: boolean;
  private warnedMissing = false;
  private currentEpoch = 0;
  private batchesSinceSave = 0;

  constructor(filepath: string, options: ModelCheckpointOptions = {}) {
    super();
    const owner = "ModelCheckpoint";
    this.filepath = readString(owner, "filepath", filepath);
    this.template = parsePathTemplate(this.filepath);
    const settings = normalizeOptions(owner, options, modelCheckpointOptionNames);
    this.monitor = settings.monitor === undefined ? "val_loss" : readString(owner, "monitor", settings.monitor);
    this.verbose = readCallbackVerbose(owner, settings.verbose);
    this.saveBestOnly = settings.saveBestOnly === undefined ? false : readBoolean(owner, "saveBestOnly", settings.saveBestOnly);
    this.mode = readMode(owner, settings.mode);
    this.saveFreq = readSaveFrequency(owner, settings.saveFreq);
    this.initialValueThreshold =
      settings.initialValueThreshold === undefined
        ? undefined
        : readFiniteNumber(owner, "initialValueThreshold", settings.initialValueThreshold);
    this.maximize = maximizes(this.monitor, this.mode);
    this.best = this.initialValueThreshold;
  }

  override onTrainBegin(): void {
    this.best = this.initialValueThreshold;
    this.warnedMissing = false;
    this.batchesSinceSave = 0;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    if (this.saveFreq === "epoch") return;
    this.batchesSinceSave += 1;
    if (this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    await this.saveModel(this.currentEpoch, batch, logs ?? {});
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    if (this.saveFreq === "epoch") await this.saveModel(epoch, undefined, logs ?? {});
  }

  /** Returns the folder for a save, with the filepath's fields filled from the epoch, the batch and the logs. */
  pathFor(epoch: number, logs: Logs, batch?: number): string {
    const values: Record<string, number> = { ...logs, epoch: epoch + 1 };
    if (batch !== undefined && !("batch" in logs)) values.batch = batch + 1;
    return fillPathTemplate(this.template, values);
  }

  private async saveModel(epoch: number, batch: number | undefined, logs: Logs): Promise<void> {
    const model = this.requireModel("ModelCheckpoint");
    const path = this.pathFor(epoch, logs, batch);
    const text = messages().keras;

    if (!this.saveBestOnly) {
      if (this.verbose > 0) console.log(text.checkpointSaving(epoch + 1, path));
      await model.save(path);
      return;
    }

    const current = logs[this.monitor];
    if (current === undefined) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        console.warn(text.monitorNotAvailable("ModelCheckpoint", this.monitor, Object.keys(logs)));
      }
      return;
    }

    // Keras's ModelCheckpoint compares strictly, with no min_delta.
    const best = this.best ?? (this.maximize ? -Infinity : Infinity);
    if (!improvesOn(current, this.best, this.maximize, 0)) {
      if (this.verbose > 0) console.log(text.checkpointNotImproved(epoch + 1, this.monitor, formatLogValue(best)));
      return;
    }
    if (this.verbose > 0) {
      console.log(text.checkpointImproved(epoch + 1, this.monitor, formatLogValue(best), formatLogValue(current), path));
    }
    this.best = current;
    await model.save(path);
  }
}

/**
 * Multiplies the optimizer's learning rate by `factor` once a monitored value stops improving, as
 * keras.callbacks.ReduceLROnPlateau: `new ReduceLROnPlateau({ factor: 0.5, patience: 3 })`.
 * As in Keras, each epoch's rate goes into the epoch logs and the History as learning_rate.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;

  /** Epochs since the last improvement, outside cooldown. */
  wait = 0;
  /** Epochs of cooldown left after the last reduction. */
  cooldownCounter = 0;
  /** Best monitored value so far. */
  best: number;

  private readonly maximize: boolean;
  private warnedMissing = false;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    const owner = "ReduceLROnPlateau";
    const settings = normalizeOptions(owner, options, reduceLROnPlateauOptionNames);
    this.monitor = settings.monitor === undefined ? "val_loss" : readString(owner, "monitor", settings.monitor);
    this.factor = settings.factor === undefined ? 0.1 : readFraction(owner, "factor", settings.factor, false);
    this.patience = settings.patience === undefined ? 10 : readNonNegativeInteger(owner, "patience", settings.patience);
    this.verbose = readCallbackVerbose(owner, settings.verbose);
    this.mode = readMode(owner, settings.mode);
    this.minDelta = settings.minDelta === undefined ? 1e-4 : readFiniteNumber(owner, "minDelta", settings.minDelta);
    this.cooldown = settings.cooldown === undefined ? 0 : readNonNegativeInteger(owner, "cooldown", settings.cooldown);
    this.minLr = settings.minLr === undefined ? 0 : readNonNegativeNumber(owner, "minLr", settings.minLr);
    this.maximize = maximizes(this.monitor, this.mode);
    this.best = this.maximize ? -Infinity : Infinity;
  }

  override onTrainBegin(): void {
    this.best = this.maximize ? -Infinity : Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
    this.warnedMissing = false;
    // Checked here so that an optimizer whose rate cannot change fails before the first epoch.
    learningRateOf(this.optimizer());
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    // The rate the epoch trained with, before any reduction below.
    if (logs) logs.learning_rate = learningRateOf(this.optimizer());
    const current = logs?.[this.monitor];
    if (current === undefined) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        console.warn(messages().keras.monitorNotAvailable("ReduceLROnPlateau", this.monitor, Object.keys(logs ?? {})));
      }
      return;
    }

    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }

    const improved = this.maximize ? current > this.best + this.minDelta : current < this.best - this.minDelta;
    if (improved) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;

    this.wait += 1;
    if (this.wait < this.patience) return;

    const optimizer = this.optimizer();
    const oldRate = learningRateOf(optimizer);
    if (oldRate > this.minLr) {
      const newRate = Math.max(oldRate * this.factor, this.minLr);
      setLearningRate(optimizer, newRate);
      if (this.verbose > 0) console.log(messages().keras.learningRateReduced(epoch + 1, newRate));
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }

  private optimizer(): tf.Optimizer {
    const model = this.requireModel("ReduceLROnPlateau").tfjsModel;
    if (!model?.optimizer) throw new ValueError(messages().keras.notCompiled("fit"));
    return model.optimizer;
  }
}

/** Stops training after the first batch whose loss is NaN or infinite, as keras.callbacks.TerminateOnNaN. */
export class TerminateOnNaN extends Callback {
  override onBatchEnd(batch: number, logs?: Logs): void {
    const loss = logs?.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    console.log(messages().keras.invalidLossStop(batch));
    this.requireModel("TerminateOnNaN").stopTraining = true;
  }
}

/**
 * Writes one CSV line per epoch to a file, as keras.callbacks.CSVLogger: the epoch, then each logged
 * value in alphabetical order of its name, under a header line. A value missing from an epoch is "NA".
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;

  private keys: string[] | undefined;
  private writeHeader = true;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    const owner = "CSVLogger";
    this.filename = readString(owner, "filename", filename);
    const settings = normalizeOptions(owner, options, csvLoggerOptionNames);
    this.separator = settings.separator === undefined ? "," : readString(owner, "separator", settings.separator);
    this.append = settings.append === undefined ? false : readBoolean(owner, "append", settings.append);
  }

  override onTrainBegin(): void {
    this.keys = undefined;
    if (this.append) {
      // An existing file with content already has its header.
      this.writeHeader = !(fs.existsSync(this.filename) && fs.statSync(this.filename).size > 0);
    } else {
      fs.writeFileSync(this.filename, "");
      this.writeHeader = true;
    }
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    if (this.keys === undefined) this.keys = Object.keys(logs).sort();

    let text = "";
    if (this.writeHeader) {
      text += ["epoch", ...this.keys].join(this.separator) + "\n";
      this.writeHeader = false;
    }
    const values = this.keys.map((key) => (logs[key] === undefined ? "NA" : String(logs[key])));
    text += [String(epoch), ...values].join(this.separator) + "\n";
    fs.appendFileSync(this.filename, text);
  }
}

/**
 * A callback made of the given functions, as keras.callbacks.LambdaCallback:
 * `new LambdaCallback({ on_epoch_end: (epoch, logs) => console.log(epoch, logs?.loss) })`.
 * fit() awaits a hook that returns a promise.
 */
export class LambdaCallback extends Callback {
  private readonly hooks: Record<string, (...args: never[]) => unknown>;

  constructor(options: LambdaCallbackOptions = {}) {
    super();
    const owner = "LambdaCallback";
    const settings = normalizeOptions(owner, options, lambdaHookNames);
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value !== "function") {
        throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "function"));
      }
    }
    this.hooks = settings as Record<string, (...args: never[]) => unknown>;
  }

  override onTrainBegin(logs?: Logs): Promise<void> {
    return this.call("onTrainBegin", logs);
  }

  override onTrainEnd(logs?: Logs): Promise<void> {
    return this.call("onTrainEnd", logs);
  }

  override onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    return this.call("onEpochBegin", epoch, logs);
  }

  override onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    return this.call("onEpochEnd", epoch, logs);
  }

  override onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    return this.call("onBatchBegin", batch, logs);
  }

  override onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    return this.call("onBatchEnd", batch, logs);
  }

  private async call(name: string, ...args: unknown[]): Promise<void> {
    const hook = this.hooks[name] as ((...hookArgs: unknown[]) => unknown) | undefined;
    await hook?.(...args);
  }
}

/**
 * Returns the learning rate of a TF.js optimizer. Raises ValueError for an optimizer that does not
 * store it as a number, such as a custom tf.Optimizer subclass.
 */
export function learningRateOf(optimizer: tf.Optimizer): number {
  const rate = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof rate !== "number" || !adjustable(optimizer)) {
    throw new ValueError(messages().keras.learningRateNotAdjustable(optimizer.getClassName()));
  }
  return rate;
}

/**
 * Sets the learning rate that a TF.js optimizer uses from its next update. SGD and Momentum keep it
 * in a tensor that setLearningRate() rebuilds. Adam, Adamax, RMSProp, Adagrad and Adadelta read the
 * learningRate field at each update in tfjs-core 4.x, so setting that field is enough.
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  learningRateOf(optimizer);
  const className = optimizer.getClassName();
  if (className === "SGD" || className === "Momentum") {
    (optimizer as tf.SGDOptimizer).setLearningRate(rate);
    return;
  }
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}

// TF.js's optimizers define Symbol.hasInstance to match any optimizer, so instanceof cannot tell them
// apart. Their class names can.
const adjustableOptimizers = new Set(["SGD", "Momentum", "Adam", "Adamax", "RMSProp", "Adagrad", "Adadelta"]);

function adjustable(optimizer: tf.Optimizer): boolean {
  return typeof optimizer.getClassName === "function" && adjustableOptimizers.has(optimizer.getClassName());
}

/**
 * Returns whether value beats reference by more than minDelta, upwards when maximize is true and
 * downwards otherwise. Every value beats an undefined reference.
 */
function improvesOn(value: number, reference: number | undefined, maximize: boolean, minDelta: number): boolean {
  if (reference === undefined) return true;
  return maximize ? value - minDelta > reference : value + minDelta < reference;
}

// Keras's rule for mode "auto": accuracy-like names are maximized, every other name is minimized.
function maximizes(monitor: string, mode: MonitorMode): boolean {
  if (mode === "auto") return monitor.includes("acc");
  return mode === "max";
}

function readMode(owner: string, value: unknown): MonitorMode {
  if (value === undefined) return "auto";
  if (value === "auto" || value === "min" || value === "max") return value;
  throw new ValueError(messages().keras.invalidChoice(owner, "mode", describeValue(value), ['"auto"', '"min"', '"max"']));
}

function readSaveFrequency(owner: string, value: unknown): "epoch" | number {
  if (value === undefined || value === "epoch") return "epoch";
  if (typeof value === "number") return readPositiveInteger(owner, "saveFreq", value);
  throw new ValueError(messages().keras.invalidOptionType(owner, "saveFreq", describeValue(value), "saveFreq"));
}

// Keras prints monitored values with 5 decimals, and infinities as Python does.
function formatLogValue(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return value.toFixed(5);
}

function readCallbackVerbose(owner: string, value: unknown): 0 | 1 {
  if (value === undefined) return 0;
  if (value === 0 || value === 1) return value;
  throw new ValueError(messages().keras.invalidChoice(owner, "verbose", describeValue(value), ["0", "1"]));
}

function readFiniteNumber(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "number"));
}

function readNonNegativeNumber(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "nonNegativeNumber"));
}

function readNonNegativeInteger(owner: string, key: string, value: unknown): number {
  const integer = readInteger(owner, key, value);
  if (integer >= 0) return integer;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "nonNegativeInteger"));
}
