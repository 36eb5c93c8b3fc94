import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { Conv2D } from "../../src/keras/convolutional";
import { ValueError } from "../../src/keras/errors";
import { Input } from "../../src/keras/input";
import { Dense } from "../../src/keras/layers";
import { loadModel } from "../../src/keras/models";
import { MaxPooling2D } from "../../src/keras/pooling";
import { Bidirectional, LSTM } from "../../src/keras/recurrent";
import { Dropout, Flatten } from "../../src/keras/reshaping";
import { Sequential } from "../../src/keras/sequential";
import { errorMessage, selectTestBackend } from "./helpers";

let folder: string;

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-saving-"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function denseModel(): Sequential {
  return new Sequential([
    new Dense(8, { activation: "relu", inputShape: [4], name: "hidden" }),
    new Dropout(0.5),
    new Dense(3, { activation: "softmax", name: "probabilities" }),
  ]);
}

const x = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
  [5.9, 3.0, 4.2, 1.5],
];

describe("model.save() and loadModel()", () => {
  it("writes model.json and weights.bin", async () => {
    const model = denseModel();
    await model.save(join(folder, "iris"));

    expect(readdirSync(join(folder, "iris")).sort()).toEqual(["model.json", "weights.bin"]);
    const modelJson = JSON.parse(readFileSync(join(folder, "iris", "model.json"), "utf8"));
    expect(modelJson.format).toBe("layers-model");
    expect(modelJson.weightsManifest[0].paths).toEqual(["weights.bin"]);
    expect(modelJson.weightsManifest[0].weights.map((spec: { name: string }) => spec.name)).toEqual([
      "hidden/kernel",
      "hidden/bias",
      "probabilities/kernel",
      "probabilities/bias",
    ]);
    // (4 * 8 + 8 + 8 * 3 + 3) float32 values of 4 bytes.
    expect(readFileSync(join(folder, "iris", "weights.bin")).length).toBe(67 * 4);
  });

  it("restores a Sequential that predicts the same values", async () => {
    const model = denseModel();
    await model.save(join(folder, "iris"));
    const loaded = await loadModel(join(folder, "iris"));

    expect(loaded).toBeInstanceOf(Sequential);
    expect(loaded.name).toBe(model.name);
    expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(model.predict(x).dataSync()));
  });

  it("keeps the Keras layer names, classes and counts", async () => {
    const model = denseModel();
    await model.save(join(folder, "iris"));
    const loaded = await loadModel(join(folder, "iris"));

    expect(loaded.layers.map((layer) => layer.name)).toEqual(model.layers.map((layer) => layer.name));
    expect(loaded.layers.map((layer) => layer.className)).toEqual(["Dense", "Dropout", "Dense"]);
    expect(loaded.layers.map((layer) => layer.countParams())).toEqual([40, 0, 27]);
    expect(loaded.countParams()).toBe(67);
    expect(loaded.summaryData().layers.map((layer) => layer.outputShape)).toEqual([
      [null, 8],
      [null, 8],
      [null, 3],
    ]);
  });

  it("restores layers as instances of their facade classes", async () => {
    const model = denseModel();
    await model.save(join(folder, "iris"));
    const loaded = await loadModel(join(folder, "iris"));
    const [hidden, dropout, output] = loaded.layers;

    expect(hidden).toBeInstanceOf(Dense);
    expect(dropout).toBeInstanceOf(Dropout);
    expect(output).toBeInstanceOf(Dense);
    expect((hidden as Dense).units).toBe(8);
    expect((hidden as Dense).activation).toBe("relu");
    expect((dropout as Dropout).rate).toBe(0.5);
    expect(hidden.inputShape).toEqual([4]);
  });

  it("restores a wrapped recurrent layer inside Bidirectional", async () => {
    const model = new Sequential([new Bidirectional(new LSTM(4), { inputShape: [3, 2] })]);
    await model.save(join(folder, "bidirectional"));
    const [layer] = (await loadModel(join(folder, "bidirectional"))).layers;

    expect(layer).toBeInstanceOf(Bidirectional);
    expect((layer as Bidirectional).layer).toBeInstanceOf(LSTM);
    expect((layer as Bidirectional).layer.units).toBe(4);
  });

  it("round-trips a model that starts with Input()", async () => {
    const model = new Sequential([Input([6, 6, 1]), new Conv2D(2, 3), new MaxPooling2D(2), new Flatten(), new Dense(1)]);
    await model.save(join(folder, "conv"));
    const loaded = await loadModel(`file://${join(folder, "conv")}`);
    const images = tf.randomUniform([2, 6, 6, 1]);

    expect(loaded.layers.map((layer) => layer.className)).toEqual(["Conv2D", "MaxPooling2D", "Flatten", "Dense"]);
    expect(Array.from(loaded.predict(images).dataSync())).toEqual(Array.from(model.predict(images).dataSync()));
  });

  it("trains a loaded model after compile()", async () => {
    const model = denseModel();
    await model.save(join(folder, "iris"));
    const loaded = await loadModel(join(folder, "iris"));
    loaded.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });

    const history = await loaded.fit(x, tf.tensor1d([0, 2, 1]), { epochs: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
  });

  it("raises ValueError for a folder without model.json", async () => {
    await expect(loadModel(join(folder, "missing"))).rejects.toThrow(ValueError);
    await expect(loadModel(join(folder, "missing"))).rejects.toThrow(/model\.json does not exist/);
  });

  it("raises ValueError when saving an unbuilt model", async () => {
    const model = new Sequential([new Dense(2)]);
    await expect(model.save(join(folder, "unbuilt"))).rejects.toThrow(ValueError);
  });
});

describe("model.getWeights() and setWeights()", () => {
  it("returns copies that the caller may dispose", () => {
    const model = denseModel();
    const weights = model.getWeights();
    expect(weights.map((weight) => weight.shape)).toEqual([[4, 8], [8], [8, 3], [3]]);

    const before = Array.from(model.predict(x).dataSync());
    tf.dispose(weights);
    expect(Array.from(model.predict(x).dataSync())).toEqual(before);
  });

  it("copies weights from one model to another", () => {
    const source = denseModel();
    const target = denseModel();
    target.setWeights(source.getWeights());
    expect(Array.from(target.predict(x).dataSync())).toEqual(Array.from(source.predict(x).dataSync()));
  });

  it("accepts nested arrays", () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    model.setWeights([[[2], [3]], [1]]);
    expect(Array.from(model.predict([[1, 1]]).dataSync())).toEqual([6]);
  });

  it("raises ValueError for a wrong count or shape", () => {
    const model = new Sequential([new Dense(1, { inputShape: [2], name: "line" })]);
    expect(() => model.setWeights([[1]])).toThrow(ValueError);
    expect(errorMessage("en", () => model.setWeights([[[2], [3]], [1, 2]]))).toBe(
      "setWeights(): weight 1 (line/bias) must have shape (1,), but got (2,).",
    );
    expect(errorMessage("es", () => model.setWeights([[1]]))).toContain("setWeights() espera 2 pesos");
  });
});
