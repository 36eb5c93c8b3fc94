import * as tf from "@tensorflow/tfjs";
import { formatValue } from "../../src/display/formatters";
import type { DisplayOutput } from "../../src/display/mime";
import { Dense, History, Sequential, datasets, utils } from "../../src/keras/index";
import { captureOutputs, inLanguage, inLanguageAsync, selectTestBackend } from "./helpers";
import { stopChartRenderer } from "../../src/display/chart-render";

const vegaLite = "application/vnd.vegalite.v5+json";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  utils.clearSession();
});

afterAll(async () => {
  await stopChartRenderer();
});

function irisModel(): Sequential {
  const model = new Sequential();
  model.add(new Dense({ units: 16, activation: "relu", inputShape: [4] }));
  model.add(new Dense({ units: 3, activation: "softmax" }));
  model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

function outputsOf(outputs: DisplayOutput[], displayId: string | undefined): DisplayOutput[] {
  return outputs.filter((output) => output.displayId === displayId);
}

/** Runs fn as a notebook cell, collecting its displays and the lines it prints with console.log. */
async function captureCell(fn: () => Promise<unknown>): Promise<{ outputs: DisplayOutput[]; printed: string[] }> {
  const printed: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((text: unknown) => void printed.push(String(text)));
  try {
    const outputs = await captureOutputs(fn);
    return { outputs, printed };
  } finally {
    log.mockRestore();
  }
}

function isBar(output: DisplayOutput): boolean {
  return String(output.data["text/html"] ?? "").includes('class="tskeras-progress"');
}

describe("fit() output", () => {
  it("shows one progress bar and one chart, updated in place", async () => {
    const { xTrain, yTrain } = datasets.iris();
    const model = irisModel();
    const started = Date.now();
    const { outputs, printed } = await captureCell(() =>
      model.fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 5, batchSize: 16, validationSplit: 0.1 }),
    );
    const elapsed = Date.now() - started;

    const shown = outputs.filter((output) => output.kind === "display");
    expect(shown).toHaveLength(2);
    const [progress, chart] = shown;
    expect(Object.keys(progress.data)).toEqual(["text/html"]);
    expect(Object.keys(chart.data)).toEqual([vegaLite]);
    expect(new Set(outputs.map((output) => output.displayId))).toEqual(new Set([progress.displayId, chart.displayId]));

    // The last state of each display is exact: all epochs, all series.
    const progressOutputs = outputsOf(outputs, progress.displayId);
    const finalProgress = String(progressOutputs[progressOutputs.length - 1].data["text/html"]);
    expect(finalProgress).toContain('<progress value="1.0000" max="1"');
    expect(finalProgress).toMatch(/Epoch 5\/5 - 100% - [\d.]+s - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}</);

    const chartOutputs = outputsOf(outputs, chart.displayId);
    const finalChart = chartOutputs[chartOutputs.length - 1].data;
    const points = (finalChart[vegaLite] as { data: { values: Array<{ series: string; epoch: number }> } }).data.values;
    for (const series of ["loss", "accuracy", "val_loss", "val_accuracy"]) {
      expect(points.filter((point) => point.series === series).map((point) => point.epoch)).toEqual([1, 2, 3, 4, 5]);
    }
    expect(String(finalChart["text/plain"])).toMatch(/^Training history: 5 epochs\. Last epoch: loss: /);

    // Only the final chart carries its PNG, because the live updates before it skip the rendering.
    expect(Object.keys(finalChart)).toEqual([vegaLite, "image/png", "text/plain"]);
    expect(Buffer.from(String(finalChart["image/png"]), "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
    for (const update of chartOutputs.slice(0, -1)) expect(update.data["image/png"]).toBeUndefined();

    // At most 10 bar updates and 5 chart updates a second, plus the first display and the final state.
    expect(progressOutputs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    expect(chartOutputs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);

    // The text form: one line per epoch, none per batch.
    expect(printed).toHaveLength(5);
    printed.forEach((line, index) => {
      expect(line).toMatch(new RegExp(`^Epoch ${index + 1}/5 - [\\d.]+s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}$`));
    });
  });

  it("shows nothing with verbose 0", async () => {
    const { xTrain, yTrain } = datasets.iris();
    const { outputs, printed } = await captureCell(() => irisModel().fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 2, verbose: 0 }));
    expect(outputs).toEqual([]);
    expect(printed).toEqual([]);
  });

  it("refreshes once per epoch with verbose 2", async () => {
    const { xTrain, yTrain } = datasets.iris();
    const { outputs, printed } = await captureCell(() =>
      irisModel().fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 3, batchSize: 8, verbose: 2 }),
    );
    const bars = outputs.filter(isBar).map((output) => String(output.data["text/html"]));
    expect(bars[bars.length - 1]).toMatch(/Epoch 3\/3 .* 100%/);
    // Only whole epochs: 0% at the start, then 33%, 66% and 100%, never a share of an epoch's 15 batches.
    for (const html of bars) expect(html).toMatch(/ - (0|33|66|100)% - /);
    expect(printed.map((line) => line.split(" - ")[0])).toEqual(["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]);
  });

  it("says where training stopped early", async () => {
    const { xTrain, yTrain } = datasets.iris();
    const model = irisModel();
    const { outputs, printed } = await captureCell(() =>
      inLanguageAsync("es", () =>
        model.fit(xTrain, utils.toCategorical(yTrain, 3), {
          epochs: 10,
          callbacks: { onEpochEnd: async (epoch) => void (model.stopTraining = epoch === 1) },
        }),
      ),
    );
    const bars = outputs.filter(isBar);
    const finalBar = String(bars[bars.length - 1].data["text/html"]);
    expect(finalBar).toContain("El entrenamiento se detuvo tras la época 2 de 10.");
    expect(printed).toHaveLength(3);
    expect(printed[2]).toBe("El entrenamiento se detuvo tras la época 2 de 10.");
  });
});

describe("summary()", () => {
  it("shows the summary table once", async () => {
    const outputs = await captureOutputs(() => irisModel().summary());
    expect(outputs).toHaveLength(1);
    expect(outputs[0].kind).toBe("display");
    expect(String(outputs[0].data["text/html"])).toContain(">dense (Dense)</td>");
    expect(String(outputs[0].data["text/plain"])).toContain("Total params: 131 (524.00 B)");
  });

  it("uses the learner's language for headings", async () => {
    const outputs = await captureOutputs(() => inLanguage("es", () => irisModel().summary()));
    const text = String(outputs[0].data["text/plain"]);
    expect(text).toContain("Capa (tipo)");
    expect(text).toContain("Parámetros totales: 131 (524.00 B)");
  });
});

describe("formatters", () => {
  it("shows a Sequential as its summary", () => {
    const bundle = formatValue(irisModel());
    expect(String(bundle["text/plain"])).toMatch(/^Model: "sequential"/);
    expect(String(bundle["text/html"])).toContain("<table>");
  });

  it("shows a History as its chart", () => {
    const history = new History({ loss: [1, 0.5], val_loss: [1.1, 0.7] }, [0, 1], { epochs: 2, steps: 4, verbose: 1 });
    const bundle = formatValue(history);
    expect(bundle[vegaLite]).toBeDefined();
    expect(Buffer.from(String(bundle["image/png"]), "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bundle["text/plain"]).toBe("Training history: 2 epochs. Last epoch: loss: 0.5000 - val_loss: 0.7000");
  });

  it("shows fit()'s History as text in the cell that drew its chart", async () => {
    const { xTrain, yTrain } = datasets.iris();
    let history: History | undefined;
    let bundle: Record<string, unknown> | undefined;
    const outputs = await captureOutputs(async () => {
      history = await irisModel().fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 2, batchSize: 32 });
      bundle = formatValue(history);
    });
    const charts = outputs.filter((output) => output.kind === "display" && output.data[vegaLite] !== undefined);
    expect(charts).toHaveLength(1);
    expect(Object.keys(bundle!)).toEqual(["text/plain"]);
    expect(String(bundle!["text/plain"])).toMatch(/^Training history: 2 epochs\./);
    // In another cell, or outside any, the same History is drawn again.
    expect(formatValue(history)[vegaLite]).toBeDefined();
  });

  it("shows a large tensor with its shape and ellipses", () => {
    const tensor = tf.tidy(() => tf.range(0, 200 * 50).reshape([200, 50]));
    const bundle = formatValue(tensor);
    const lines = String(bundle["text/plain"]).split("\n");
    expect(lines[0]).toBe("Tensor float32 shape=[200, 50]");
    expect(lines[1]).toBe("[[   0.,    1.,    2., ...,   47.,   48.,   49.],");
    expect(lines[4]).toBe(" ...,");
    expect(lines[7]).toBe(" [9950., 9951., 9952., ..., 9997., 9998., 9999.]]");
    expect(String(bundle["text/html"])).toContain("<th>199</th>");
    expect(tensor.isDisposed).toBe(false);
    tensor.dispose();
  });

  it("shows a disposed tensor as disposed", () => {
    const tensor = tf.ones([30, 3]);
    tensor.dispose();
    expect(formatValue(tensor)).toEqual({
      "text/plain": "Tensor float32 shape=[30, 3] (disposed: its values were freed by dispose())",
    });
  });

  it("shows predictions with their shape", () => {
    const { xTest } = datasets.iris();
    const predictions = irisModel().predict(xTest);
    const text = String(formatValue(predictions)["text/plain"]);
    expect(text.split("\n")[0]).toBe("Tensor float32 shape=[30, 3]");
    expect(text).toContain(" ...,");
    predictions.dispose();
  });

  it("shows other dtypes", () => {
    const cases: Array<[tf.Tensor, string]> = [
      [tf.scalar(2.5), "Tensor float32 shape=[]\n2.5"],
      [tf.tensor1d([1, 2, 3], "int32"), "Tensor int32 shape=[3]\n[1, 2, 3]"],
      [tf.tensor1d([1, 0], "bool"), "Tensor bool shape=[2]\n[ true, false]"],
      [tf.tensor(["a", "b"]), 'Tensor string shape=[2]\n["a", "b"]'],
      [tf.complex([1, 2], [3, -4]), "Tensor complex64 shape=[2]\n[1+3j, 2-4j]"],
      [tf.zeros([8], "int32"), "Tensor int32 shape=[8]\n[0, 0, 0, ..., 0, 0, 0]"],
    ];
    for (const [tensor, text] of cases) {
      expect(formatValue(tensor)["text/plain"]).toBe(text);
      tensor.dispose();
    }
  });
});

describe("the tutorial cell", () => {
  it("reaches a held-out accuracy above 0.9", async () => {
    const { xTrain, yTrain, xTest, yTest } = datasets.iris();
    const yTrainOneHot = utils.toCategorical(yTrain, 3);
    const modelo = new Sequential();
    modelo.add(new Dense({ units: 64, activation: "relu", inputShape: [4] }));
    modelo.add(new Dense({ units: 3, activation: "softmax" }));
    modelo.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });

    const outputs = await captureOutputs(async () => {
      modelo.summary();
      await modelo.fit(xTrain, yTrainOneHot, { epochs: 50, batchSize: 16, validationSplit: 0.1 });
    });
    const [perdida, exactitud] = await modelo.evaluate(xTest, utils.toCategorical(yTest, 3));
    const predicciones = modelo.predict(xTest);

    expect(outputs.filter((output) => output.kind === "display")).toHaveLength(3);
    expect(modelo.countParams()).toBe(515);
    expect(typeof perdida).toBe("number");
    expect(exactitud).toBeGreaterThan(0.9);
    expect(predicciones.shape).toEqual([30, 3]);
  });
});

describe("fit() outside a notebook cell", () => {
  it("prints one line per epoch and the history", async () => {
    const { xTrain, yTrain } = datasets.iris();
    const printed: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((text: unknown) => void printed.push(String(text)));
    try {
      await irisModel().fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 3 });
    } finally {
      log.mockRestore();
    }
    expect(printed).toHaveLength(4);
    expect(printed.slice(0, 3).map((line) => line.split(" - ")[0])).toEqual(["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]);
    expect(printed[3]).toMatch(/^Training history: 3 epochs\. /);
  });
});
