import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import {
  Callback,
  CSVLogger,
  EarlyStopping,
  LambdaCallback,
  learningRateOf,
  ReduceLROnPlateau,
  setLearningRate,
  TerminateOnNaN,
  type Logs,
} from "../../src/keras/callbacks";
import { ValueError } from "../../src/keras/errors";
import { Dense } from "../../src/keras/layers";
import { SGD } from "../../src/keras/optimizers";
import { Sequential } from "../../src/keras/sequential";
import { compiledXorModel, errorMessage, xorInputs, xorTargets, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

const x = xorInputs;
const y = xorTargets;

const compiledModel = compiledXorModel;

/** Copies the values of the model's weights, to compare them after training. */
function weightValues(model: Sequential): number[][] {
  return (model.tfjsModel as tf.Sequential).getWeights().map((weight) => Array.from(weight.dataSync()));
}

/** Runs a callback over a scripted sequence of epoch logs, as fit() would, until it stops training. */
function runScripted(callback: Callback, model: Sequential, values: number[], key = "val_loss"): number {
  model.stopTraining = false;
  callback.setModel(model);
  void callback.onTrainBegin({});
  let epochsRun = 0;
  for (const [epoch, value] of values.entries()) {
    void callback.onEpochBegin(epoch, {});
    void callback.onEpochEnd(epoch, { [key]: value });
    epochsRun = epoch + 1;
    if (model.stopTraining) break;
  }
  void callback.onTrainEnd({});
  return epochsRun;
}

describe("EarlyStopping", () => {
  it("has Keras's defaults", () => {
    const callback = new EarlyStopping();
    expect(callback.monitor).toBe("val_loss");
    expect(callback.minDelta).toBe(0);
    expect(callback.patience).toBe(0);
    expect(callback.mode).toBe("auto");
    expect(callback.restoreBestWeights).toBe(false);
    expect(callback.startFromEpoch).toBe(0);
    expect(callback.baseline).toBeUndefined();
  });

  it("stops once patience epochs pass without improvement", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ patience: 2 });
    const epochsRun = runScripted(callback, model, [1.0, 0.8, 0.9, 0.85, 0.7, 0.6]);
    expect(epochsRun).toBe(4);
    expect(callback.stoppedEpoch).toBe(3);
    expect(callback.best).toBe(0.8);
    expect(callback.bestEpoch).toBe(1);
  });

  it("stops at the first worse epoch with patience 0", () => {
    const model = compiledModel();
    const callback = new EarlyStopping();
    expect(runScripted(callback, model, [1.0, 0.9, 0.95, 0.5])).toBe(3);
  });

  it("counts a gain smaller than min_delta as no improvement", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ min_delta: 0.1, patience: 2 });
    expect(runScripted(callback, model, [1.0, 0.95, 0.85, 0.8, 0.78, 0.5])).toBe(5);
    expect(callback.best).toBe(0.85);
    expect(runScripted(new EarlyStopping({ patience: 2 }), model, [1.0, 0.95, 0.85, 0.8, 0.78, 0.5])).toBe(6);
  });

  it("ignores the sign of min_delta", () => {
    expect(new EarlyStopping({ minDelta: -0.1 }).minDelta).toBe(0.1);
  });

  it("maximizes accuracy in mode auto", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ monitor: "val_accuracy", patience: 1 });
    expect(runScripted(callback, model, [0.5, 0.6, 0.7, 0.65, 0.6, 0.9], "val_accuracy")).toBe(4);
    expect(callback.best).toBe(0.7);
  });

  it("maximizes any value in mode max", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ monitor: "score", mode: "max" });
    expect(runScripted(callback, model, [1, 2, 1.5], "score")).toBe(3);
    expect(callback.best).toBe(2);
  });

  it("minimizes an acc name in mode min", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ monitor: "val_accuracy", mode: "min" });
    expect(runScripted(callback, model, [0.5, 0.4, 0.6], "val_accuracy")).toBe(3);
    expect(callback.best).toBe(0.4);
  });

  it("watches nothing before start_from_epoch", () => {
    const model = compiledModel();
    const callback = new EarlyStopping({ start_from_epoch: 3 });
    expect(runScripted(callback, model, [0.5, 0.9, 1.0, 1.1, 1.2, 1.0])).toBe(5);
    expect(callback.bestEpoch).toBe(3);
  });

  it("keeps waiting while the baseline is not beaten", () => {
    const model = compiledModel();
    // Epochs that do not beat the baseline keep counting towards patience, even when they improve.
    const values = [1.0, 0.9, 0.95, 0.97];
    expect(runScripted(new EarlyStopping({ baseline: 0.5, patience: 2 }), model, values)).toBe(3);
    expect(runScripted(new EarlyStopping({ patience: 2 }), model, values)).toBe(4);
    expect(runScripted(new EarlyStopping({ baseline: 0.95, patience: 2 }), model, values)).toBe(4);
  });

  it("restores the best weights when it stops", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const callback = new EarlyStopping({ patience: 1, restore_best_weights: true });
    callback.setModel(model);
    callback.onTrainBegin();
    callback.onEpochEnd(0, { val_loss: 1.0 });
    callback.onEpochEnd(1, { val_loss: 0.5 });
    const best = weightValues(model);

    await model.fit(x, y, { epochs: 3, verbose: 0 });
    const trained = weightValues(model);
    expect(trained).not.toEqual(best);

    callback.onEpochEnd(2, { val_loss: 0.7 });
    expect(model.stopTraining).toBe(true);
    callback.onTrainEnd();
    expect(weightValues(model)).toEqual(best);
  });

  it("restores best weights in a fit()", async () => {
    const model = compiledModel();
    const weightsByEpoch: number[][][] = [];
    // The monitored value is scripted, so epoch 1 is the best and epochs 2 and 3 exhaust patience 2.
    const scripted = [0.9, 0.3, 0.5, 0.6, 0.2, 0.1];
    class ScriptedStopping extends EarlyStopping {
      override onEpochEnd(epoch: number, logs?: Logs): void {
        weightsByEpoch.push(weightValues(model));
        super.onEpochEnd(epoch, { ...logs, scripted_loss: scripted[epoch] });
      }
    }
    const stopper = new ScriptedStopping({ monitor: "scripted_loss", patience: 2, restore_best_weights: true });

    const history = await model.fit(x, y, { epochs: 6, verbose: 0, callbacks: [stopper] });

    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(stopper.stoppedEpoch).toBe(3);
    expect(stopper.bestEpoch).toBe(1);
    expect(weightValues(model)).toEqual(weightsByEpoch[1]);
    expect(weightValues(model)).not.toEqual(weightsByEpoch[3]);
  });

  it("stops on val_loss computed by fit()", async () => {
    const model = compiledModel();
    const stopper = new EarlyStopping({ min_delta: 10, patience: 1 });
    const history = await model.fit(x, y, { epochs: 10, verbose: 0, validation_data: [x, y], callbacks: stopper });
    expect(history.epoch).toEqual([0, 1]);
    expect(Object.keys(history.history)).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
  });

  it("frees the weights it kept", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [new EarlyStopping({ monitor: "loss", restore_best_weights: true })] });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("warns once when the monitor is not logged", () => {
    const model = compiledModel();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const callback = new EarlyStopping();
      runScripted(callback, model, [1, 2, 3], "loss");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain('EarlyStopping monitors "val_loss", which is not in the logs');
      expect(model.stopTraining).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });

  it("prints the stop and the restore with verbose 1", () => {
    const model = compiledModel();
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      runScripted(new EarlyStopping({ verbose: 1, restoreBestWeights: true }), model, [1, 0.5, 0.7]);
      expect(log.mock.calls.map((call) => call[0])).toEqual([
        "Epoch 3: early stopping.",
        "Restoring model weights from the end of the best epoch: 2.",
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("rejects unknown options with a suggestion", () => {
    expect(() => new EarlyStopping({ patient: 3 } as never)).toThrow(ValueError);
    expect(errorMessage("en", () => new EarlyStopping({ restore_best_weight: true } as never))).toContain(
      'Did you mean "restore_best_weights"?',
    );
  });

  it("rejects invalid values in English and Spanish", () => {
    expect(errorMessage("en", () => new EarlyStopping({ patience: -1 }))).toBe(
      "EarlyStopping: patience must be an integer from 0 up, but got -1.",
    );
    expect(errorMessage("es", () => new EarlyStopping({ patience: -1 }))).toBe(
      "EarlyStopping: patience debe ser un entero desde 0, pero se recibió -1.",
    );
    expect(errorMessage("en", () => new EarlyStopping({ mode: "up" as never }))).toBe(
      'EarlyStopping: mode must be one of "auto", "min", "max", but got \'up\'.',
    );
  });

  it("raises when it stops a model it was never attached to", () => {
    const callback = new EarlyStopping();
    callback.onTrainBegin();
    callback.onEpochEnd(0, { val_loss: 1 });
    expect(errorMessage("en", () => callback.onEpochEnd(1, { val_loss: 2 }))).toBe(
      "EarlyStopping is not attached to a model yet. Pass it to fit(), for example fit(x, y, { callbacks: [callback] }).",
    );
    expect(errorMessage("es", () => callback.onEpochEnd(2, { val_loss: 2 }))).toContain("todavía no está asociado a un modelo");
  });
});

describe("ReduceLROnPlateau", () => {
  it("has Keras's defaults", () => {
    const callback = new ReduceLROnPlateau();
    expect(callback.monitor).toBe("val_loss");
    expect(callback.factor).toBe(0.1);
    expect(callback.patience).toBe(10);
    expect(callback.minDelta).toBe(1e-4);
    expect(callback.cooldown).toBe(0);
    expect(callback.minLr).toBe(0);
  });

  it("lowers the learning rate after patience epochs", async () => {
    const model = compiledModel(new SGD(0.1));
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const optimizer = (model.tfjsModel as tf.Sequential).optimizer;
    const callback = new ReduceLROnPlateau({ factor: 0.5, patience: 2 });
    callback.setModel(model);
    callback.onTrainBegin();

    callback.onEpochEnd(0, { val_loss: 1.0 });
    callback.onEpochEnd(1, { val_loss: 1.0 });
    expect(learningRateOf(optimizer)).toBeCloseTo(0.1);
    callback.onEpochEnd(2, { val_loss: 1.0 });
    expect(learningRateOf(optimizer)).toBeCloseTo(0.05);
    callback.onEpochEnd(3, { val_loss: 0.5 });
    callback.onEpochEnd(4, { val_loss: 0.6 });
    expect(learningRateOf(optimizer)).toBeCloseTo(0.05);
    callback.onEpochEnd(5, { val_loss: 0.6 });
    expect(learningRateOf(optimizer)).toBeCloseTo(0.025);
  });

  it("waits out the cooldown and stops at min_lr", async () => {
    const model = compiledModel("adam");
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const optimizer = (model.tfjsModel as tf.Sequential).optimizer;
    const callback = new ReduceLROnPlateau({ factor: 0.1, patience: 0, cooldown: 1, min_lr: 0.00005 });
    callback.setModel(model);
    callback.onTrainBegin();

    const rates: number[] = [];
    for (let epoch = 0; epoch < 5; epoch += 1) {
      callback.onEpochEnd(epoch, { val_loss: 1.0 });
      rates.push(learningRateOf(optimizer));
    }
    // Epoch 0 sets the best value, 1 reduces, 2 is cooldown, 3 reduces to min_lr, 4 is cooldown.
    expect(rates[0]).toBeCloseTo(0.001);
    expect(rates[1]).toBeCloseTo(0.0001);
    expect(rates[2]).toBeCloseTo(0.0001);
    expect(rates[3]).toBeCloseTo(0.00005);
    expect(rates[4]).toBeCloseTo(0.00005);
  });

  it("changes the rate that training uses", async () => {
    const model = compiledModel("sgd");
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const optimizer = (model.tfjsModel as tf.Sequential).optimizer;
    setLearningRate(optimizer, 0);
    const before = weightValues(model);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(weightValues(model)).toEqual(before);
  });

  it("lowers the rate during a real fit()", async () => {
    const model = compiledModel(new SGD(0.1));
    const callback = new ReduceLROnPlateau({ monitor: "loss", min_delta: 100, patience: 1, factor: 0.5 });
    await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [callback] });
    // Epoch 0 sets the best value; no later epoch beats it by 100, so epochs 1 and 2 each halve the rate.
    expect(learningRateOf((model.tfjsModel as tf.Sequential).optimizer)).toBeCloseTo(0.025);
  });

  it("records each epoch's learning_rate in the History", async () => {
    const model = compiledModel(new SGD(0.1));
    const callback = new ReduceLROnPlateau({ monitor: "loss", min_delta: 100, patience: 1, factor: 0.5 });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [callback] });
    // The rate each epoch trained with: the reductions at the end of epochs 1 and 2 show from the next epoch.
    expect(history.history.learning_rate.map((rate) => Number(rate.toFixed(6)))).toEqual([0.1, 0.1, 0.05]);
    expect(Object.keys(history.history)).toEqual(["loss", "accuracy", "learning_rate"]);
  });

  it("rejects an optimizer whose rate it cannot change", () => {
    const custom = { getClassName: () => "MyOptimizer" } as unknown as tf.Optimizer;
    expect(errorMessage("en", () => learningRateOf(custom))).toBe(
      'ReduceLROnPlateau cannot change the learning rate of the optimizer MyOptimizer. Compile with a built-in optimizer such as "adam", "sgd" or new Adam(0.01).',
    );
    expect(errorMessage("es", () => learningRateOf(custom))).toContain("no puede cambiar la tasa de aprendizaje");
  });

  it("rejects a factor of 1 or more", () => {
    expect(errorMessage("en", () => new ReduceLROnPlateau({ factor: 1 }))).toContain("ReduceLROnPlateau: factor must be");
  });

  it("accepts camelCase and rejects unknown options", () => {
    expect(new ReduceLROnPlateau({ minLr: 0.001, minDelta: 0.01 }).minLr).toBe(0.001);
    expect(errorMessage("en", () => new ReduceLROnPlateau({ min_lrs: 0.1 } as never))).toContain('Did you mean "min_lr"?');
  });
});

describe("TerminateOnNaN", () => {
  it("stops on a NaN loss", () => {
    const model = compiledModel();
    const callback = new TerminateOnNaN();
    callback.setModel(model);
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      callback.onBatchEnd(0, { loss: 0.5 });
      expect(model.stopTraining).toBe(false);
      callback.onBatchEnd(1, { loss: NaN });
      expect(model.stopTraining).toBe(true);
      expect(log).toHaveBeenCalledWith("Batch 1: invalid loss (NaN or infinite), terminating training.");
    } finally {
      log.mockRestore();
      model.stopTraining = false;
    }
  });

  it("stops a real fit() whose loss overflows", async () => {
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: "sgd", loss: "mse" });
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const history = await model.fit([[1], [2], [3], [4]], [[1e30], [1e30], [1e30], [1e30]], {
        epochs: 5,
        batch_size: 1,
        shuffle: false,
        verbose: 0,
        callbacks: [new TerminateOnNaN()],
      });
      expect(history.epoch).toEqual([0]);
      expect(log).toHaveBeenCalledWith("Batch 0: invalid loss (NaN or infinite), terminating training.");
    } finally {
      log.mockRestore();
    }
  });
});

describe("CSVLogger", () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "tskeras-csv-"));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("writes a header and one line per epoch", async () => {
    const file = path.join(folder, "training.csv");
    const model = compiledModel();
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, validation_data: [x, y], callbacks: [new CSVLogger(file)] });

    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("epoch,accuracy,loss,val_accuracy,val_loss");
    expect(lines).toHaveLength(4);
    expect(lines[1].split(",")).toEqual(["0", ...["accuracy", "loss", "val_accuracy", "val_loss"].map((key) => String(history.history[key][0]))]);
    expect(lines[3].startsWith("2,")).toBe(true);
  });

  it("overwrites by default and appends without a second header", () => {
    const file = path.join(folder, "log.tsv");
    fs.writeFileSync(file, "old content\n");
    const logger = new CSVLogger(file, { separator: "\t" });
    logger.onTrainBegin();
    logger.onEpochEnd(0, { loss: 0.5 });
    expect(fs.readFileSync(file, "utf8")).toBe("epoch\tloss\n0\t0.5\n");

    const appending = new CSVLogger(file, { separator: "\t", append: true });
    appending.onTrainBegin();
    appending.onEpochEnd(1, { loss: 0.25 });
    expect(fs.readFileSync(file, "utf8")).toBe("epoch\tloss\n0\t0.5\n1\t0.25\n");
  });

  it("writes NA for a value missing from an epoch", () => {
    const file = path.join(folder, "missing.csv");
    const logger = new CSVLogger(file);
    logger.onTrainBegin();
    logger.onEpochEnd(0, { loss: 1, val_loss: 2 });
    logger.onEpochEnd(1, { loss: 0.5 });
    expect(fs.readFileSync(file, "utf8")).toBe("epoch,loss,val_loss\n0,1,2\n1,0.5,NA\n");
  });

  it("rejects unknown options", () => {
    expect(errorMessage("en", () => new CSVLogger("a.csv", { sep: ";" } as never))).toContain('CSVLogger does not accept the option "sep"');
  });
});

describe("LambdaCallback", () => {
  it("runs the hooks in order with Keras's log names", async () => {
    const events: string[] = [];
    const lastLogs: Logs[] = [];
    const callback = new LambdaCallback({
      on_train_begin: () => void events.push("train_begin"),
      on_epoch_begin: (epoch) => void events.push(`epoch_begin ${epoch}`),
      on_batch_begin: (batch) => void events.push(`batch_begin ${batch}`),
      on_batch_end: (batch) => void events.push(`batch_end ${batch}`),
      onEpochEnd: async (epoch, logs) => {
        events.push(`epoch_end ${epoch}`);
        if (logs) lastLogs.push(logs);
      },
      on_train_end: () => void events.push("train_end"),
    });

    const model = compiledModel();
    await model.fit(x, y, { epochs: 2, batch_size: 2, shuffle: false, verbose: 0, callbacks: callback });

    expect(events).toEqual([
      "train_begin",
      "epoch_begin 0",
      "batch_begin 0",
      "batch_end 0",
      "batch_begin 1",
      "batch_end 1",
      "epoch_end 0",
      "epoch_begin 1",
      "batch_begin 0",
      "batch_end 0",
      "batch_begin 1",
      "batch_end 1",
      "epoch_end 1",
      "train_end",
    ]);
    expect(Object.keys(lastLogs[0])).toEqual(["loss", "accuracy"]);
  });

  it("receives the model and the fit() params", async () => {
    const callback = new LambdaCallback({});
    const model = compiledModel();
    await model.fit(x, y, { epochs: 2, batch_size: 3, verbose: 0, callbacks: [callback, { onEpochEnd: async () => undefined }] });
    expect(callback.model).toBe(model);
    expect(callback.params).toEqual({ epochs: 2, steps: 2, verbose: 0 });
  });

  it("rejects a hook that is not a function", () => {
    expect(errorMessage("en", () => new LambdaCallback({ on_epoch_end: 3 } as never))).toBe(
      "LambdaCallback: onEpochEnd must be a function, but got 3.",
    );
    expect(errorMessage("es", () => new LambdaCallback({ on_epoch_end: 3 } as never))).toBe(
      "LambdaCallback: onEpochEnd debe ser una función, pero se recibió 3.",
    );
  });
});

describe("a Callback subclass", () => {
  it("stops training from its own hook", async () => {
    class StopAfterTwoEpochs extends Callback {
      override onEpochEnd(epoch: number): void {
        if (epoch === 1 && this.model) this.model.stopTraining = true;
      }
    }
    const model = compiledModel();
    const history = await model.fit(x, y, { epochs: 5, verbose: 0, callbacks: [new StopAfterTwoEpochs()] });
    expect(history.epoch).toEqual([0, 1]);
  });
});
