import { formatShape, summaryBundle, summaryHtml, summaryText, type ModelSummary } from "../../src/display/summary";
import { formatBytes, formatCount } from "../../src/display/numbers";

const tutorialModel: ModelSummary = {
  modelName: "sequential",
  built: true,
  layers: [
    { name: "dense", className: "Dense", outputShape: [null, 64], params: 320 },
    { name: "dense_1", className: "Dense", outputShape: [null, 3], params: 195 },
  ],
  trainableParams: 515,
  nonTrainableParams: 0,
};

describe("formatShape()", () => {
  it("writes None for the batch size", () => {
    expect(formatShape([null, 64])).toBe("(None, 64)");
  });

  it("keeps the trailing comma of a one-element tuple", () => {
    expect(formatShape([30])).toBe("(30,)");
  });
});

describe("formatCount() and formatBytes()", () => {
  it("groups thousands with commas", () => {
    expect(formatCount(515)).toBe("515");
    expect(formatCount(101770)).toBe("101,770");
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("prints sizes in binary units with two decimals", () => {
    expect(formatBytes(0)).toBe("0.00 B");
    expect(formatBytes(515 * 4)).toBe("2.01 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.00 MB");
  });
});

describe("summaryText()", () => {
  it("lays out the tutorial model like Keras", () => {
    const lines = summaryText(tutorialModel, "en").split("\n");
    expect(lines[0]).toBe('Model: "sequential"');
    expect(lines[1]).toMatch(/^_+$/);
    expect(lines[2]).toMatch(/^ Layer \(type\) +Output Shape +Param #$/);
    expect(lines[3]).toMatch(/^=+$/);
    expect(lines[4]).toMatch(/^ dense \(Dense\) +\(None, 64\) +320$/);
    expect(lines[5]).toMatch(/^ dense_1 \(Dense\) +\(None, 3\) +195$/);
    expect(lines[6]).toMatch(/^=+$/);
    expect(lines[7]).toBe(" Total params: 515 (2.01 KB)");
    expect(lines[8]).toBe(" Trainable params: 515 (2.01 KB)");
    expect(lines[9]).toBe(" Non-trainable params: 0 (0.00 B)");
    expect(lines[10]).toMatch(/^_+$/);
  });

  it("aligns the columns of every row", () => {
    const lines = summaryText(tutorialModel, "en").split("\n");
    const shapeColumn = lines[2].indexOf("Output Shape");
    expect(lines[4].indexOf("(None, 64)")).toBe(shapeColumn);
    expect(lines[5].indexOf("(None, 3)")).toBe(shapeColumn);
    expect(lines[4].length).toBe(lines[2].length);
    expect(lines[5].length).toBe(lines[2].length);
  });

  it("translates the headings into Spanish", () => {
    const text = summaryText(tutorialModel, "es");
    expect(text).toContain('Modelo: "sequential"');
    expect(text).toContain("Capa (tipo)");
    expect(text).toContain("Forma de salida");
    expect(text).toContain("Parámetros #");
    expect(text).toContain("Parámetros totales: 515 (2.01 KB)");
    expect(text).toContain("Parámetros entrenables: 515 (2.01 KB)");
    expect(text).toContain("Parámetros no entrenables: 0 (0.00 B)");
  });

  it("keeps layer rows and numbers identical across languages", () => {
    const rows = (language: "en" | "es") =>
      summaryText(tutorialModel, language)
        .split("\n")
        .filter((line) => line.includes("(Dense)"))
        .map((line) => line.trim().split(/\s{2,}/));
    expect(rows("es")).toEqual(rows("en"));
    expect(rows("en")).toEqual([
      ["dense (Dense)", "(None, 64)", "320"],
      ["dense_1 (Dense)", "(None, 3)", "195"],
    ]);
  });

  it("widens columns for long names", () => {
    const long = { ...tutorialModel, layers: [{ name: "a".repeat(40), className: "Dense", outputShape: [null, 1], params: 5 }] };
    const lines = summaryText(long, "en").split("\n");
    expect(lines[4]).toContain(`${"a".repeat(40)} (Dense)  (None, 1)`);
  });

  it("marks an unbuilt model and explains how to build it", () => {
    const unbuilt: ModelSummary = {
      modelName: "sequential_3",
      built: false,
      layers: [{ name: "dense_7", className: "Dense" }],
      trainableParams: 0,
      nonTrainableParams: 0,
    };
    const english = summaryText(unbuilt, "en");
    expect(english).toMatch(/ dense_7 \(Dense\) +\? +0 \(unbuilt\)/);
    expect(english).toContain("not built yet");
    expect(english).toContain("inputShape");
    const spanish = summaryText(unbuilt, "es");
    expect(spanish).toContain("0 (sin construir)");
    expect(spanish).toContain("aún no está construido");
  });

  it("counts non-trainable parameters apart", () => {
    const frozen = { ...tutorialModel, trainableParams: 195, nonTrainableParams: 320 };
    const text = summaryText(frozen, "en");
    expect(text).toContain("Total params: 515 (2.01 KB)");
    expect(text).toContain("Trainable params: 195 (780.00 B)");
    expect(text).toContain("Non-trainable params: 320 (1.25 KB)");
  });
});

describe("summaryHtml()", () => {
  it("puts the title in the caption and one row per layer", () => {
    const html = summaryHtml(tutorialModel, "en");
    expect(html).toContain("<caption");
    expect(html).toContain("Model: &quot;sequential&quot;");
    expect(html).toContain(">Layer (type)</th>");
    expect(html).toContain(">Output Shape</th>");
    expect(html).toContain(">Param #</th>");
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain(">dense (Dense)</td>");
    expect(html).toContain(">(None, 64)</td>");
    expect(html).toContain(">320</td>");
    expect(html).toContain("Total params: 515 (2.01 KB)");
  });

  it("translates the headings into Spanish", () => {
    const html = summaryHtml(tutorialModel, "es");
    expect(html).toContain(">Capa (tipo)</th>");
    expect(html).toContain(">Forma de salida</th>");
    expect(html).toContain(">Parámetros #</th>");
    expect(html).toContain("Parámetros totales: 515 (2.01 KB)");
  });

  it("escapes layer names", () => {
    const tricky = { ...tutorialModel, modelName: "<m>", layers: [{ name: "<b>x</b>", className: "Dense", outputShape: [null, 1], params: 2 }] };
    const html = summaryHtml(tricky, "en");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt; (Dense)");
    expect(html).toContain("&lt;m&gt;");
  });
});

describe("summaryBundle()", () => {
  it("carries HTML and text", () => {
    const bundle = summaryBundle(tutorialModel, "en");
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
  });
});
