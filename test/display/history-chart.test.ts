import {
  historyBundle,
  historyChartSpec,
  historyPoints,
  historyText,
  orderedSeries,
  vegaLiteMimeType,
  type TrainingHistory,
} from "../../src/display/history-chart";
import { renderWithVega } from "./vega-helpers";
import { stopChartRenderer } from "../../src/display/chart-render";
import { readPng } from "./png-reader";

const fiveEpochs: TrainingHistory = {
  epoch: [0, 1, 2, 3, 4],
  history: {
    val_loss: [1.1, 0.9, 0.8, 0.7, 0.65],
    val_accuracy: [0.4, 0.6, 0.7, 0.8, 0.85],
    loss: [1.2, 1.0, 0.85, 0.7, 0.6],
    accuracy: [0.3, 0.5, 0.7, 0.8, 0.9],
  },
};

describe("orderedSeries()", () => {
  it("puts loss first, then metrics, then validation series", () => {
    expect(orderedSeries(fiveEpochs.history)).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
  });
});

describe("historyPoints()", () => {
  it("has one point per epoch per series", () => {
    const points = historyPoints(fiveEpochs);
    expect(points).toHaveLength(5 * 4);
    for (const series of ["loss", "accuracy", "val_loss", "val_accuracy"]) {
      const epochs = points.filter((point) => point.series === series).map((point) => point.epoch);
      expect(epochs).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it("groups validation series with their metric", () => {
    const points = historyPoints(fiveEpochs);
    expect(points.find((point) => point.series === "val_loss")?.metric).toBe("loss");
    expect(points.find((point) => point.series === "val_accuracy")?.metric).toBe("accuracy");
  });

  it("turns NaN into null, which JSON can carry", () => {
    const diverged = { epoch: [0, 1], history: { loss: [1, NaN] } };
    expect(historyPoints(diverged).map((point) => point.value)).toEqual([1, null]);
  });
});

describe("historyChartSpec()", () => {
  it("declares Vega-Lite 5 with inline data", () => {
    const spec = historyChartSpec(fiveEpochs, "en");
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect((spec.data as { values: unknown[] }).values).toHaveLength(20);
    expect(spec.title).toBe("Training history");
    expect(historyChartSpec(fiveEpochs, "es").title).toBe("Historial de entrenamiento");
  });

  it("has one panel per metric", () => {
    const spec = historyChartSpec(fiveEpochs, "en") as { facet: { column: { sort: string[] } } };
    expect(spec.facet.column.sort).toEqual(["loss", "accuracy"]);
  });

  it("compiles, parses and renders with vega-lite 5", async () => {
    const longRun = {
      epoch: Array.from({ length: 200 }, (_, i) => i),
      history: { loss: Array.from({ length: 200 }, (_, i) => 1 / (i + 1)) },
    };
    const specs = [
      historyChartSpec(fiveEpochs, "en"),
      historyChartSpec(fiveEpochs, "es"),
      historyChartSpec({ epoch: [], history: {} }, "en"),
      historyChartSpec({ epoch: [0, 1], history: { loss: [1, NaN] } }, "en"),
      historyChartSpec(longRun, "en"),
    ];
    const results = await renderWithVega(specs);
    for (const result of results) {
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.warnings).toEqual([]);
      expect(result.svgLength).toBeGreaterThan(0);
    }
  });
});

describe("historyText()", () => {
  it("summarises the last epoch", () => {
    expect(historyText(fiveEpochs, "en")).toBe(
      "Training history: 5 epochs. Last epoch: loss: 0.6000 - accuracy: 0.9000 - val_loss: 0.6500 - val_accuracy: 0.8500",
    );
    expect(historyText(fiveEpochs, "es")).toBe(
      "Historial de entrenamiento: 5 épocas. Última época: loss: 0.6000 - accuracy: 0.9000 - val_loss: 0.6500 - val_accuracy: 0.8500",
    );
  });

  it("says when no epoch was recorded", () => {
    expect(historyText({ epoch: [], history: {} }, "en")).toBe("Training history: no epoch recorded yet.");
  });
});

describe("historyBundle()", () => {
  afterAll(async () => {
    await stopChartRenderer();
  });

  it("carries the chart, its PNG and a text fallback", () => {
    const bundle = historyBundle(fiveEpochs, "en");
    expect(Object.keys(bundle)).toEqual([vegaLiteMimeType, "image/png", "text/plain"]);
    expect(vegaLiteMimeType).toBe("application/vnd.vegalite.v5+json");
  });

  it("renders a PNG as wide as both panels", () => {
    const png = readPng(Buffer.from(String(historyBundle(fiveEpochs, "es")["image/png"]), "base64"));
    const panels = historyChartSpec(fiveEpochs, "es").spec as { width: number; height: number };
    expect(png.width).toBeGreaterThan(2 * panels.width);
    expect(png.height).toBeGreaterThan(panels.height);
  });

  it("leaves the PNG out when asked to", () => {
    const bundle = historyBundle(fiveEpochs, "en", { image: false });
    expect(Object.keys(bundle)).toEqual([vegaLiteMimeType, "text/plain"]);
  });
});
