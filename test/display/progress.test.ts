import { formatLogs, formatMetric } from "../../src/display/numbers";
import { epochLine, progressBundle, progressFraction, progressHtml, progressLine, type TrainingProgress } from "../../src/display/progress";

const third: TrainingProgress = {
  epoch: 3,
  epochs: 50,
  batch: 7,
  batches: 7,
  logs: { loss: 0.912, accuracy: 0.625 },
  elapsedSeconds: 1.23,
};

describe("formatMetric()", () => {
  it("prints four decimals like Keras", () => {
    expect(formatMetric(0.912)).toBe("0.9120");
    expect(formatMetric(0)).toBe("0.0000");
  });

  it("keeps small values readable", () => {
    expect(formatMetric(0.00012345)).toBe("1.2345e-4");
  });

  it("names NaN and infinities", () => {
    expect(formatMetric(NaN)).toBe("nan");
    expect(formatMetric(Infinity)).toBe("inf");
  });

  it("joins logs in order", () => {
    expect(formatLogs({ loss: 0.5, accuracy: 1 })).toBe("loss: 0.5000 - accuracy: 1.0000");
  });
});

describe("progressFraction()", () => {
  it("counts finished epochs and batches", () => {
    expect(progressFraction(third)).toBeCloseTo(3 / 50);
    expect(progressFraction({ ...third, batch: 0 })).toBeCloseTo(2 / 50);
    expect(progressFraction({ ...third, epoch: 50 })).toBe(1);
  });
});

describe("progressLine()", () => {
  it("shows the epoch, share, time and logs", () => {
    expect(progressLine(third)).toBe("Epoch 3/50 - 6% - 1.2s - loss: 0.9120 - accuracy: 0.6250");
  });

  it("reaches 100% at the end", () => {
    expect(progressLine({ ...third, epoch: 50 })).toContain("Epoch 50/50 - 100% - ");
  });

  it("omits logs before the first batch", () => {
    expect(progressLine({ ...third, logs: {}, batch: 0, epoch: 1 })).toBe("Epoch 1/50 - 0% - 1.2s");
  });
});

describe("epochLine()", () => {
  it("reads like Keras's line with verbose 2", () => {
    const line = epochLine({ epoch: 3, epochs: 50, seconds: 0.123, logs: { loss: 0.912, accuracy: 0.625, val_loss: 1, val_accuracy: 0.5 } });
    expect(line).toBe("Epoch 3/50 - 0.1s - loss: 0.9120 - accuracy: 0.6250 - val_loss: 1.0000 - val_accuracy: 0.5000");
  });

  it("is a single line without a bar", () => {
    const line = epochLine({ epoch: 50, epochs: 50, seconds: 2, logs: { loss: 0.5 } });
    expect(line).not.toContain("\n");
    expect(line).not.toContain("[");
  });

  it("omits logs when there are none", () => {
    expect(epochLine({ epoch: 1, epochs: 2, seconds: 0, logs: {} })).toBe("Epoch 1/2 - 0.0s");
  });
});

describe("progressHtml()", () => {
  it("draws a progress element and the line", () => {
    const html = progressHtml(third, "en");
    expect(html).toContain('<progress value="0.0600" max="1"');
    expect(html).toContain("Epoch 3/50");
    expect(html).toContain("loss: 0.9120 - accuracy: 0.6250");
  });

  it("adds a line when training stopped early", () => {
    const stopped = { ...third, stopped: true };
    expect(progressHtml(stopped, "en")).toContain("<br>\nTraining stopped after epoch 3 of 50.");
    expect(progressHtml(stopped, "es")).toContain("<br>\nEl entrenamiento se detuvo tras la época 3 de 50.");
  });

  it("keeps the field names in English in Spanish", () => {
    expect(progressHtml(third, "es")).toBe(progressHtml(third, "en"));
  });

  it("shows a full bar at the end", () => {
    const html = progressHtml({ ...third, epoch: 50 }, "en");
    expect(html).toContain('<progress value="1.0000" max="1"');
    expect(html).toContain("Epoch 50/50 - 100% - ");
  });

  it("is the bundle's only MIME type", () => {
    // Consoles print a display's first text/plain and ignore updates, so the text form is the epoch lines.
    expect(Object.keys(progressBundle(third, "en"))).toEqual(["text/html"]);
  });
});
