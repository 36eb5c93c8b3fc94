import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { LambdaCallback, ModelCheckpoint } from "../../src/keras/callbacks";
import { ValueError } from "../../src/keras/errors";
import { loadModel } from "../../src/keras/models";
import { fillPathTemplate, parsePathTemplate } from "../../src/keras/path-template";
import { Sequential } from "../../src/keras/sequential";
import { errorMessage, compiledXorModel, xorInputs, xorTargets, selectTestBackend } from "./helpers";

let folder: string;

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "tskeras-checkpoint-"));
});

afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const x = xorInputs;
const y = xorTargets;

const compiledModel = compiledXorModel;

function fill(template: string, values: Record<string, number>): string {
  return fillPathTemplate(parsePathTemplate(template), values);
}

/** Runs a checkpoint over a scripted sequence of epoch logs, as fit() would, awaiting each save. */
async function runScripted(callback: ModelCheckpoint, model: Sequential, values: number[], key = "val_loss"): Promise<void> {
  callback.setModel(model);
  await callback.onTrainBegin();
  for (const [epoch, value] of values.entries()) {
    await callback.onEpochBegin(epoch);
    await callback.onEpochEnd(epoch, { loss: 1, [key]: value });
  }
}

describe("ModelCheckpoint filepath fields", () => {
  it.each([
    ["{epoch}", { epoch: 3 }, "3"],
    ["{epoch:02d}", { epoch: 3 }, "03"],
    ["{epoch:03}", { epoch: 7 }, "007"],
    ["{val_loss:.2f}", { val_loss: 0.41567 }, "0.42"],
    ["{val_loss:.4f}", { val_loss: 2 }, "2.0000"],
    ["{loss:.3e}", { loss: 0.000123 }, "1.230e-04"],
    ["{loss:.3g}", { loss: 0.000123456 }, "0.000123"],
    ["{loss:g}", { loss: 1234567 }, "1.23457e+06"],
    ["{val_accuracy:.1%}", { val_accuracy: 0.875 }, "87.5%"],
    ["{loss}", { loss: 0.25 }, "0.25"],
    ["{loss}", { loss: 0.00001 }, "1e-05"],
    ["{loss:.2}", { loss: 3 }, "3.0"],
    ["{epoch:>4}|{epoch:<4}|{epoch:^5}", { epoch: 12 }, "  12|12  | 12  "],
    ["{loss:+.1f}", { loss: 0.5 }, "+0.5"],
    ["{loss:08.3f}", { loss: -1.5 }, "-001.500"],
    ["{epoch:,}", { epoch: 1234567 }, "1,234,567"],
    ["{{epoch}}-{epoch}", { epoch: 2 }, "{epoch}-2"],
    ["models/plain", {}, "models/plain"],
  ])("fills %s", (template, values, expected) => {
    expect(fill(template, values)).toBe(expected);
  });

  it("rejects malformed fields at once", () => {
    for (const template of ["model-{epoch", "model-}", "model-{}", "model-{loss:.2q}", "model-{epoch:#x}"]) {
      expect(() => parsePathTemplate(template)).toThrow(ValueError);
    }
    expect(errorMessage("en", () => new ModelCheckpoint("m-{val_loss:.2q}"))).toBe(
      'ModelCheckpoint: the filepath "m-{val_loss:.2q}" has an invalid field {val_loss:.2q}. ' +
        "Write fields as in Keras, such as {epoch:02d} or {val_loss:.2f}, and write a literal brace as {{ or }}.",
    );
    expect(errorMessage("es", () => new ModelCheckpoint("m-{"))).toContain("tiene un campo no válido, {");
  });

  it("rejects d on a fractional value", () => {
    expect(() => fill("{loss:d}", { loss: 0.5 })).toThrow(ValueError);
  });

  it("names the available fields when one is missing", () => {
    expect(errorMessage("en", () => fill("m-{val_acc:.2f}", { epoch: 1, loss: 0.5 }))).toBe(
      'ModelCheckpoint cannot fill {val_acc:.2f} in the filepath "m-{val_acc:.2f}", because the logs have no such value. ' +
        "Available fields: epoch, loss.",
    );
    expect(errorMessage("es", () => fill("m-{val_acc}", { epoch: 1 }))).toContain("Campos disponibles: epoch.");
  });
});

describe("ModelCheckpoint", () => {
  it("has Keras's defaults", () => {
    const callback = new ModelCheckpoint("model");
    expect(callback.monitor).toBe("val_loss");
    expect(callback.saveBestOnly).toBe(false);
    expect(callback.mode).toBe("auto");
    expect(callback.saveFreq).toBe("epoch");
    expect(callback.verbose).toBe(0);
    expect(callback.initialValueThreshold).toBeUndefined();
  });

  it("saves one folder per epoch with a formatted name", async () => {
    const model = compiledModel();
    const filepath = path.join(folder, "model-{epoch:02d}-{val_loss:.2f}");
    const history = await model.fit(x, y, {
      epochs: 3,
      verbose: 0,
      validation_data: [x, y],
      callbacks: [new ModelCheckpoint(filepath)],
    });

    const expected = history.history.val_loss.map((loss, i) => `model-${String(i + 1).padStart(2, "0")}-${loss.toFixed(2)}`);
    expect(fs.readdirSync(folder).sort()).toEqual([...expected].sort());
    for (const name of expected) {
      expect(fs.readdirSync(path.join(folder, name)).sort()).toEqual(["model.json", "weights.bin"]);
    }
  });

  it("keeps only improving epochs with save_best_only", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const callback = new ModelCheckpoint(path.join(folder, "best-{epoch}"), { save_best_only: true });

    await runScripted(callback, model, [0.5, 0.4, 0.45, 0.4, 0.3, 0.35]);

    // Epoch 4 ties the best value of epoch 2, which Keras does not count as an improvement.
    expect(fs.readdirSync(folder).sort()).toEqual(["best-1", "best-2", "best-5"]);
    expect(callback.best).toBe(0.3);
  });

  it("maximizes accuracy in mode auto", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const callback = new ModelCheckpoint(path.join(folder, "best-{epoch}"), { monitor: "val_accuracy", saveBestOnly: true });

    await runScripted(callback, model, [0.5, 0.75, 0.5, 1], "val_accuracy");

    expect(fs.readdirSync(folder).sort()).toEqual(["best-1", "best-2", "best-4"]);
  });

  it("minimizes in mode min and waits for initial_value_threshold", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const callback = new ModelCheckpoint(path.join(folder, "best-{epoch}"), {
      monitor: "val_accuracy",
      mode: "min",
      save_best_only: true,
      initial_value_threshold: 0.6,
    });

    await runScripted(callback, model, [0.7, 0.5, 0.55, 0.25], "val_accuracy");

    expect(fs.readdirSync(folder).sort()).toEqual(["best-2", "best-4"]);
  });

  it("saves a model that loads and predicts as at that epoch", async () => {
    const model = compiledModel();
    const inputs = tf.tensor2d(x);
    const predictions: number[][] = [];
    const recorder = new LambdaCallback({
      on_epoch_end: () => {
        const output = (model.tfjsModel as tf.Sequential).predict(inputs) as tf.Tensor;
        predictions.push(Array.from(output.dataSync()));
        output.dispose();
      },
    });

    await model.fit(x, y, {
      epochs: 3,
      verbose: 0,
      callbacks: [new ModelCheckpoint(path.join(folder, "epoch-{epoch}")), recorder],
    });

    for (const [epoch, expected] of predictions.entries()) {
      const loaded = await loadModel(path.join(folder, `epoch-${epoch + 1}`));
      const output = loaded.predict(x);
      const actual = Array.from(output.dataSync());
      output.dispose();
      expect(actual).toHaveLength(expected.length);
      actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
      loaded.tfjsModel?.dispose();
    }
    // The epochs trained the weights, so the saved models differ.
    expect(predictions[0]).not.toEqual(predictions[2]);
    inputs.dispose();
  });

  it("saves every save_freq batches with the batch field", async () => {
    const model = compiledModel();
    await model.fit(x, y, {
      epochs: 2,
      batch_size: 2,
      shuffle: false,
      verbose: 0,
      callbacks: [new ModelCheckpoint(path.join(folder, "e{epoch}-b{batch}"), { save_freq: 3 })],
    });

    // Two batches per epoch: the third batch overall is the first batch of epoch 2.
    expect(fs.readdirSync(folder)).toEqual(["e2-b1"]);
  });

  it("prints each save and skip with verbose 1", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const filepath = path.join(folder, "best");
      await runScripted(new ModelCheckpoint(filepath, { save_best_only: true, verbose: 1 }), model, [0.5, 0.6]);
      await runScripted(new ModelCheckpoint(filepath, { verbose: 1 }), model, [0.5]);

      expect(log.mock.calls.map((call) => call[0])).toEqual([
        `Epoch 1: val_loss improved from inf to 0.50000, saving model to ${filepath}`,
        "Epoch 2: val_loss did not improve from 0.50000",
        `Epoch 1: saving model to ${filepath}`,
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it("warns once when the monitor is not logged", async () => {
    const model = compiledModel();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await runScripted(new ModelCheckpoint(path.join(folder, "best"), { save_best_only: true, monitor: "val_auc" }), model, [0.5, 0.4]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain('ModelCheckpoint monitors "val_auc"');
      expect(fs.readdirSync(folder)).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it("rejects unknown options with a suggestion", () => {
    expect(errorMessage("en", () => new ModelCheckpoint("m", { save_best_onl: true } as never))).toContain(
      'ModelCheckpoint does not accept the option "save_best_onl". Did you mean "save_best_only"?',
    );
    expect(errorMessage("en", () => new ModelCheckpoint("m", { saveBestOnly: true, save_best_only: true }))).toContain(
      "which are the same option",
    );
  });

  it("rejects invalid values in English and Spanish", () => {
    expect(errorMessage("en", () => new ModelCheckpoint("m", { save_freq: "batch" as never }))).toBe(
      'ModelCheckpoint: saveFreq must be "epoch" or a positive integer number of batches, but got \'batch\'.',
    );
    expect(errorMessage("es", () => new ModelCheckpoint("m", { save_freq: "batch" as never }))).toContain(
      '"epoch" o un número entero positivo de batches',
    );
    expect(() => new ModelCheckpoint("m", { save_freq: 0 })).toThrow(ValueError);
    expect(() => new ModelCheckpoint("m", { mode: "best" as never })).toThrow(ValueError);
    expect(() => new ModelCheckpoint(42 as never)).toThrow(ValueError);
  });

  it("raises when it saves for a model it was never attached to", async () => {
    await expect(new ModelCheckpoint("m").onEpochEnd(0, {})).rejects.toThrow("ModelCheckpoint is not attached to a model yet.");
  });
});
