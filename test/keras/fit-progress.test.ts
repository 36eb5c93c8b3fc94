import type { DisplayOutput } from "../../src/display/mime";
import { runWithSink } from "../../src/display/scope";
import { FitProgress, progressMinIntervalMs, type TfjsLogs } from "../../src/keras/progress";
import { FakeClock } from "../display/fake-clock";
import { inLanguage } from "./helpers";

const vegaLite = "application/vnd.vegalite.v5+json";

/** Renames logs as fit() does: TF.js's acc becomes accuracy, and batch and size are dropped. */
function renameLogs(logs: TfjsLogs): Record<string, number> {
  const renamed: Record<string, number> = {};
  for (const [name, value] of Object.entries(logs ?? {})) {
    if (name === "batch" || name === "size") continue;
    renamed[name.replace(/(^|_)acc$/, "$1accuracy")] = value;
  }
  return renamed;
}

interface Run {
  outputs: DisplayOutput[];
  printed: string[];
  progress: FitProgress;
}

/**
 * Drives a FitProgress through a whole fit() on a fake clock, as TF.js calls it: msPerBatch of
 * training before each batch ends. With inCell false it runs outside any notebook cell.
 */
function simulateFit(options: { epochs: number; batches: number; msPerBatch: number; verbose?: 1 | 2; stopAfter?: number; inCell?: boolean }): Run {
  const clock = new FakeClock();
  const outputs: DisplayOutput[] = [];
  const printed: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((text: unknown) => void printed.push(String(text)));

  const run = (): FitProgress => {
    const progress = new FitProgress({
      epochs: options.epochs,
      initialEpoch: 0,
      batchesPerEpoch: options.batches,
      verbose: options.verbose ?? 1,
      renameLogs,
      clock,
    });
    progress.start();
    const lastEpoch = options.stopAfter ?? options.epochs;
    for (let epoch = 0; epoch < lastEpoch; epoch++) {
      progress.onEpochBegin(epoch);
      for (let batch = 0; batch < options.batches; batch++) {
        clock.advance(options.msPerBatch);
        progress.onBatchEnd(batch, { batch, size: 16, loss: 1 / (epoch + 1), acc: 0.5 });
      }
      progress.onEpochEnd(epoch, { loss: 1 / (epoch + 1), acc: 0.5, val_loss: 1.5 / (epoch + 1), val_acc: 0.25 });
    }
    progress.finish(lastEpoch < options.epochs);
    return progress;
  };

  try {
    const progress = options.inCell === false ? run() : runWithSink({ display: (output) => outputs.push(output) }, run);
    return { outputs, printed, progress };
  } finally {
    log.mockRestore();
  }
}

function isBar(output: DisplayOutput): boolean {
  return String(output.data["text/html"] ?? "").includes('class="tskeras-progress"');
}

describe("FitProgress", () => {
  it("leaves the final chart's PNG to the end of the cell", () => {
    const outputs: DisplayOutput[] = [];
    const deferred: Array<() => void> = [];
    const sink = { display: (output: DisplayOutput) => outputs.push(output), defer: (task: () => void) => deferred.push(task) };
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      runWithSink(sink, () => {
        const progress = new FitProgress({ epochs: 2, initialEpoch: 0, batchesPerEpoch: 1, verbose: 1, renameLogs, clock: new FakeClock() });
        progress.start();
        for (const epoch of [0, 1]) {
          progress.onEpochBegin(epoch);
          progress.onBatchEnd(0, { batch: 0, size: 4, loss: 1, acc: 0.5 });
          progress.onEpochEnd(epoch, { loss: 1 / (epoch + 1), acc: 0.5 });
        }
        progress.finish(false);
      });
    } finally {
      log.mockRestore();
    }
    const charts = () => outputs.filter((output) => output.data[vegaLite] !== undefined);
    const finalBeforeCellEnd = charts()[charts().length - 1];
    expect(finalBeforeCellEnd.data["image/png"]).toBeUndefined();
    expect(finalBeforeCellEnd.data["text/plain"]).toMatch(/^Training history: 2 epochs\. /);
    expect(deferred).toHaveLength(1);

    runWithSink(sink, () => deferred[0]());
    const amended = charts()[charts().length - 1];
    expect(amended.kind).toBe("update");
    expect(amended.displayId).toBe(finalBeforeCellEnd.displayId);
    expect(Buffer.from(String(amended.data["image/png"]), "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(amended.data[vegaLite]).toEqual(finalBeforeCellEnd.data[vegaLite]);
  });

  it("shows one bar and one chart, each updated in place", () => {
    const { outputs } = simulateFit({ epochs: 20, batches: 10, msPerBatch: 7 });
    const opened = outputs.filter((output) => output.kind === "display");
    expect(opened).toHaveLength(2);
    expect(isBar(opened[0])).toBe(true);
    expect(Object.keys(opened[0].data)).toEqual(["text/html"]);
    // The chart's first bundle has no text/plain, which consoles would print as the summary of epoch 1.
    expect(Object.keys(opened[1].data)).toEqual([vegaLite]);
    for (const output of outputs.filter((output) => output.kind === "update")) {
      expect([opened[0].displayId, opened[1].displayId]).toContain(output.displayId);
    }
    // SVG, so each point is an element.
    expect(opened[1].metadata).toEqual({ [vegaLite]: { embed_options: { renderer: "svg" } } });
    const chartUpdates = outputs.filter((output) => output.kind === "update" && output.displayId === opened[1].displayId);
    // The final state carries the PNG that saved notebooks show; the live updates before it do not.
    expect(Object.keys(chartUpdates[chartUpdates.length - 1].data).sort()).toEqual([vegaLite, "image/png", "text/plain"].sort());
    for (const update of chartUpdates.slice(0, -1)) expect(update.data["image/png"]).toBeUndefined();
    expect(chartUpdates[chartUpdates.length - 1].data["text/plain"]).toMatch(/^Training history: 20 epochs\. /);
  });

  it("updates the bar at most 10 times a second", () => {
    // 20 epochs of 10 batches of 7 ms: 1.4 s of training on the fake clock.
    const { outputs } = simulateFit({ epochs: 20, batches: 10, msPerBatch: 7 });
    const bar = outputs.filter(isBar);
    expect(progressMinIntervalMs).toBe(100);
    // One message at the start, at most one per 100 ms, and the final state.
    expect(bar.length).toBeLessThanOrEqual(1400 / 100 + 2);
    // The bar moves while training runs, not only at its end.
    expect(bar.length).toBeGreaterThanOrEqual(1400 / 100);
  });

  it("updates the chart at most 5 times a second", () => {
    const { outputs } = simulateFit({ epochs: 20, batches: 10, msPerBatch: 7 });
    const chart = outputs.filter((output) => vegaLite in output.data);
    expect(chart.length).toBeLessThanOrEqual(1400 / 200 + 2);
  });

  it("ends with the bar at 100% and every epoch in the chart", () => {
    const { outputs } = simulateFit({ epochs: 20, batches: 10, msPerBatch: 7 });
    const bar = outputs.filter(isBar);
    const finalBar = String(bar[bar.length - 1].data["text/html"]);
    expect(finalBar).toContain('<progress value="1.0000" max="1"');
    expect(finalBar).toContain("Epoch 20/20 - 100% - ");
    expect(finalBar).toContain("loss: 0.0500 - accuracy: 0.5000 - val_loss: 0.0750 - val_accuracy: 0.2500");

    const chart = outputs.filter((output) => vegaLite in output.data);
    const points = (chart[chart.length - 1].data[vegaLite] as { data: { values: Array<{ series: string; epoch: number }> } }).data.values;
    expect(points.filter((point) => point.series === "loss").map((point) => point.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("sends the final state at once, even right after an update", () => {
    // 1 ms batches: the last epoch ends well within the 100 ms after the previous update.
    const { outputs } = simulateFit({ epochs: 3, batches: 5, msPerBatch: 1 });
    const bar = outputs.filter(isBar);
    expect(String(bar[bar.length - 1].data["text/html"])).toContain("Epoch 3/3 - 100% - ");
  });

  it("prints one line per epoch and none per batch", () => {
    const { printed } = simulateFit({ epochs: 20, batches: 10, msPerBatch: 7 });
    expect(printed).toHaveLength(20);
    printed.forEach((line, index) => {
      const epoch = index + 1;
      const loss = (1 / epoch).toFixed(4);
      const valLoss = (1.5 / epoch).toFixed(4);
      expect(line).toBe(`Epoch ${epoch}/20 - 0.1s - loss: ${loss} - accuracy: 0.5000 - val_loss: ${valLoss} - val_accuracy: 0.2500`);
    });
  });

  it("refreshes the bar only at epoch ends with verbose 2", () => {
    const { outputs, printed } = simulateFit({ epochs: 3, batches: 15, msPerBatch: 50, verbose: 2 });
    const values = outputs.filter(isBar).map((output) => /<progress value="([\d.]+)"/.exec(String(output.data["text/html"]))![1]);
    // 0 at the start, then whole epochs only, never a share of an epoch's 15 batches.
    for (const value of values) expect(["0.0000", "0.3333", "0.6667", "1.0000"]).toContain(value);
    expect(values[values.length - 1]).toBe("1.0000");
    expect(printed).toHaveLength(3);
  });

  it("prints where training stopped early", () => {
    const { outputs, printed } = inLanguage("es", () => simulateFit({ epochs: 10, batches: 4, msPerBatch: 5, stopAfter: 2 }));
    expect(printed).toHaveLength(3);
    expect(printed[1]).toMatch(/^Epoch 2\/10 - /);
    expect(printed[2]).toBe("El entrenamiento se detuvo tras la época 2 de 10.");
    const bar = outputs.filter(isBar);
    expect(String(bar[bar.length - 1].data["text/html"])).toContain("El entrenamiento se detuvo tras la época 2 de 10.");
  });

  it("prints only the epoch lines and the history outside a cell", () => {
    const { outputs, printed } = simulateFit({ epochs: 3, batches: 4, msPerBatch: 5, inCell: false });
    expect(outputs).toEqual([]);
    expect(printed).toHaveLength(4);
    expect(printed.slice(0, 3).map((line) => line.split(" - ")[0])).toEqual(["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]);
    expect(printed[3]).toMatch(/^Training history: 3 epochs\. /);
  });
});
