import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { stopChartRenderer } from "../../src/display/chart-render";
import { formatValue } from "../../src/display/formatters";
import { History } from "../../src/keras/history";
import { ValueError } from "../../src/keras/errors";
import * as plot from "../../src/plot";
import { selectBackend } from "../../src/runtime/backend";
import { errorMessage, inLanguage } from "../keras/helpers";
import { readPng } from "./png-reader";
import { compileCapturingWarnings, layoutOfSvg } from "./vega-helpers";

const vegaLite = "application/vnd.vegalite.v5+json";

/** Thirty epochs of made-up training logs, with a text field for categories. */
const logs = Array.from({ length: 30 }, (_, index) => ({
  epoch: index + 1,
  loss: 1 / (index + 1),
  val_loss: 1.2 / (index + 1) + 0.05,
  split: ["train", "test", "check"][index % 3],
}));

type Spec = Record<string, any>;

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

afterAll(async () => {
  await stopChartRenderer();
});

/** One chart made by each helper, with the inputs each is meant for. */
function chartsOfEveryHelper(): Array<[string, () => plot.Chart]> {
  return [
    ["line of records", () => plot.line(logs, { x: "epoch", y: ["loss", "val_loss"], title: "Loss" })],
    ["line of numbers", () => plot.line([3, 1, 4, 1, 5, 9, 2, 6])],
    ["line of a tensor", () => plot.line(tf.tensor2d([[1, 2], [2, 3], [4, 1]]))],
    ["line with color", () => plot.line(logs, { x: "epoch", y: "loss", color: "split" })],
    ["scatter of a tensor", () => plot.scatter(tf.tensor2d([[1, 2], [3, 1], [2, 2]]), { color: tf.tensor1d([0, 1, 1], "int32") })],
    ["scatter of records", () => plot.scatter(logs, { x: "loss", y: "val_loss", color: "split" })],
    ["bar of records", () => plot.bar(logs.slice(0, 3), { x: "split", y: "loss" })],
    ["bar of strings", () => plot.bar(["cat", "dog", "cat"])],
    ["grouped horizontal bar", () => plot.bar(logs.slice(0, 3), { x: "split", y: ["loss", "val_loss"], horizontal: true })],
    ["stacked bar", () => plot.bar(logs, { x: "split", y: "loss", color: "epoch" })],
    ["histogram of a tensor", () => plot.histogram(tf.tensor1d([1, 2, 2, 3, 3, 3, 4]))],
    ["histogram of columns", () => plot.histogram([[1, 2], [2, 3], [2, 5]])],
    ["histogram by color", () => plot.histogram(logs, { x: "loss", color: "split", maxBins: 5 })],
    ["box of numbers", () => plot.box([1, 2, 3, 4, 10])],
    ["box by group", () => plot.box(logs, { x: "split", y: "loss" })],
    ["box of columns", () => plot.box(tf.tensor2d([[1, 2], [2, 3], [3, 9]]))],
    ["heatmap of a matrix", () => plot.heatmap([[1, 0.5], [0.5, 1]], { xLabels: ["a", "b"], yLabels: ["a", "b"] })],
    ["heatmap of records", () => plot.heatmap(logs, { x: "split", y: "epoch" })],
    ["heatmap with color field", () => plot.heatmap(logs, { x: "split", y: "epoch", color: "loss", scheme: "viridis" })],
    ["confusion matrix", () => plot.confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], ["a", "b", "c"])],
    ["normalized confusion matrix", () => plot.confusionMatrix([0, 1, 1], [0, 1, 0], undefined, { normalize: true })],
    ["training curves", () => plot.trainingCurves({ loss: [1, 0.5], val_loss: [1.1, 0.7] })],
    ["predictions vs actual", () => plot.predictionsVsActual([1, 2, 3], tf.tensor2d([[1.1], [1.9], [3.2]]))],
  ];
}

describe("plot helpers", () => {
  it("build specs that vega-lite 5 compiles without warnings", () => {
    for (const language of ["en", "es"] as const) {
      for (const [name, make] of chartsOfEveryHelper()) {
        const chart = inLanguage(language, make);
        const { warnings } = compileCapturingWarnings(chart.spec);
        expect({ name, language, warnings }).toEqual({ name, language, warnings: [] });
        expect(chart.spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      }
    }
  });

  it("name DejaVu Sans as the charts' font", () => {
    for (const [, make] of chartsOfEveryHelper()) {
      expect((make().spec.config as { font: string }).font).toBe("DejaVu Sans, sans-serif");
    }
  });

  it("show as Vega-Lite, PNG and text", () => {
    for (const [name, make] of chartsOfEveryHelper()) {
      const bundle = formatValue(make());
      expect({ name, keys: Object.keys(bundle) }).toEqual({ name, keys: [vegaLite, "image/png", "text/plain"] });
      expect(readPng(Buffer.from(String(bundle["image/png"]), "base64")).width).toBeGreaterThan(100);
    }
  });

  it("render the PNG at the size of the chart", () => {
    const chart = plot.scatter(logs, { x: "loss", y: "val_loss" });
    const png = readPng(chart.toPNG());
    const layout = layoutOfSvg(chart.toSVG(), chart.spec as { width: number; height: number });
    expect([png.width, png.height]).toEqual([layout.width, layout.height]);
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(250);
  });
});

describe("Chart", () => {
  it("exposes its spec and text", () => {
    const chart = plot.line([1, 2, 3], { title: "Steps" });
    expect(chart.spec.mark).toEqual({ type: "line", point: true, tooltip: true });
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart.spec);
    expect(chart.text).toBe('Line chart "Steps" (3 rows of data)');
    expect(inspect(chart)).toBe(chart.text);
  });

  it("shows changes made to its spec", () => {
    const chart = plot.line([1, 2, 3]);
    chart.spec.title = "Changed";
    expect((formatValue(chart)[vegaLite] as Spec).title).toBe("Changed");
  });
});

describe("plot.line()", () => {
  it("draws records against their position by default", () => {
    const spec = plot.line([{ loss: 0.9 }, { loss: 0.5 }]).spec as Spec;
    expect(spec.data.values).toEqual([
      { index: 0, loss: 0.9 },
      { index: 1, loss: 0.5 },
    ]);
    expect(spec.encoding.x.field).toBe("index");
    expect(spec.encoding.y.field).toBe("loss");
  });

  it("draws every field of numbers by default", () => {
    const spec = plot.line(logs, { x: "epoch" }).spec as Spec;
    expect(spec.transform).toEqual([{ fold: ["loss", "val_loss"], as: ["series", "value"] }]);
    expect(spec.encoding.color).toEqual({ field: "series", type: "nominal", title: "series", sort: ["loss", "val_loss"] });
  });

  it("draws one line per column of a matrix", () => {
    const spec = plot.line(tf.tensor2d([[1, 2], [2, 3]])).spec as Spec;
    expect(spec.data.values).toEqual([
      { index: 0, "column 0": 1, "column 1": 2 },
      { index: 1, "column 0": 2, "column 1": 3 },
    ]);
    expect(spec.transform[0].fold).toEqual(["column 0", "column 1"]);
  });

  it("leaves out the dots of long lines", () => {
    expect((plot.line(Array.from({ length: 61 }, (_, i) => i)).spec as Spec).mark.point).toBe(false);
    expect((plot.line([1, 2], { points: false }).spec as Spec).mark.point).toBe(false);
  });

  it("uses the given titles and size", () => {
    const spec = plot.line(logs, { x: "epoch", y: "loss", title: "Loss", xTitle: "Epoch", yTitle: "Loss value", width: 500, height: 120 }).spec as Spec;
    expect(spec.title).toBe("Loss");
    expect(spec.encoding.x.title).toBe("Epoch");
    expect(spec.encoding.y.title).toBe("Loss value");
    expect([spec.width, spec.height]).toEqual([500, 120]);
  });

  it("reads a table through its objects() method", () => {
    const table = { objects: () => [{ step: 1, value: 2 }, { step: 2, value: 3 }] };
    const spec = plot.line(table, { x: "step" }).spec as Spec;
    expect(spec.encoding.y.field).toBe("value");
    expect(spec.data.values).toHaveLength(2);
  });
});

describe("plot.scatter()", () => {
  it("plots column 0 against column 1 of a matrix", () => {
    const spec = plot.scatter([[1, 2], [3, 4]]).spec as Spec;
    expect(spec.encoding.x.field).toBe("column 0");
    expect(spec.encoding.y.field).toBe("column 1");
  });

  it("colours points by one label per point", () => {
    const spec = plot.scatter([[1, 2], [3, 4], [5, 6]], { color: ["setosa", "virginica", "setosa"] }).spec as Spec;
    expect(spec.data.values.map((record: Spec) => record.label)).toEqual(["setosa", "virginica", "setosa"]);
    expect(spec.encoding.color).toEqual({ field: "label", type: "nominal", title: "label" });
  });

  it("colours points by a gradient for fractional values", () => {
    const spec = plot.scatter([[1, 2], [3, 4]], { color: tf.tensor1d([0.25, 0.75]) }).spec as Spec;
    expect(spec.encoding.color.type).toBe("quantitative");
  });
});

describe("plot.bar()", () => {
  it("counts the strings of an array", () => {
    const spec = plot.bar(["cat", "dog", "cat"]).spec as Spec;
    expect(spec.encoding.x.field).toBe("value");
    expect(spec.encoding.y).toEqual({ aggregate: "count", type: "quantitative", title: "count", axis: { tickMinStep: 1, format: "d" } });
    expect(spec.encoding.x.axis).toEqual({ labelAngle: 0 });
  });

  it("draws one bar per number", () => {
    const spec = plot.bar([5, 3]).spec as Spec;
    expect(spec.encoding.x.field).toBe("index");
    expect(spec.encoding.y.field).toBe("value");
  });

  it("picks the text field as categories", () => {
    const spec = plot.bar(logs.slice(0, 3)).spec as Spec;
    expect(spec.encoding.x.field).toBe("split");
    expect(spec.encoding.y.field).toBe("epoch");
  });

  it("draws bars left to right when horizontal", () => {
    const spec = plot.bar(logs.slice(0, 3), { x: "split", y: ["loss", "val_loss"], horizontal: true }).spec as Spec;
    expect(spec.encoding.y.field).toBe("split");
    expect(spec.encoding.x.field).toBe("value");
    expect(spec.encoding.yOffset).toEqual({ field: "series", sort: ["loss", "val_loss"] });
    expect(spec.encoding.xOffset).toBeUndefined();
  });
});

describe("plot.histogram()", () => {
  it("bins the values with at most maxBins bins", () => {
    const spec = plot.histogram([1, 2, 3], { maxBins: 7 }).spec as Spec;
    expect(spec.encoding.x.bin).toEqual({ maxbins: 7 });
    expect(spec.encoding.x.field).toBe("value");
    expect(spec.encoding.y.aggregate).toBe("count");
  });

  it("overlays one histogram per column", () => {
    const spec = plot.histogram([[1, 2], [2, 3]]).spec as Spec;
    expect(spec.transform).toEqual([{ fold: ["column 0", "column 1"], as: ["series", "value"] }]);
    expect(spec.encoding.y.stack).toBeNull();
    expect(spec.mark.opacity).toBe(0.6);
  });
});

describe("plot.box()", () => {
  it("draws Tukey boxes per group", () => {
    const spec = plot.box(logs, { x: "split", y: "loss" }).spec as Spec;
    expect(spec.mark).toEqual({ type: "boxplot", extent: 1.5 });
    expect(spec.encoding.x.field).toBe("split");
    expect(spec.encoding.y.field).toBe("loss");
  });
});

describe("plot.heatmap()", () => {
  it("makes one cell per matrix entry", () => {
    const spec = plot.heatmap([[1, 2, 3], [4, 5, 6]], { xLabels: ["a", "b", "c"] }).spec as Spec;
    expect(spec.data.values).toHaveLength(6);
    expect(spec.data.values[5]).toEqual({ row: 1, column: "c", value: 6 });
    expect(spec.encoding.x.sort).toEqual(["a", "b", "c"]);
    expect(spec.layer).toHaveLength(2);
  });

  it("counts records per cell without a color field", () => {
    const spec = plot.heatmap([{ a: "x", b: "y" }, { a: "x", b: "y" }, { a: "z", b: "y" }], { x: "a", y: "b" }).spec as Spec;
    expect(spec.data.values).toEqual([
      { b: "y", a: "x", count: 2 },
      { b: "y", a: "z", count: 1 },
    ]);
  });

  it("leaves values out of large heatmaps", () => {
    const big = Array.from({ length: 21 }, () => Array.from({ length: 20 }, () => 1));
    expect((plot.heatmap(big).spec as Spec).layer).toHaveLength(1);
    expect((plot.heatmap([[1]], { showValues: false }).spec as Spec).layer).toHaveLength(1);
  });
});

describe("plot.confusionMatrix()", () => {
  it("counts class indices", () => {
    const chart = plot.confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], ["a", "b", "c"]);
    expect(chart.matrix).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
    expect(chart.labels).toEqual(["a", "b", "c"]);
  });

  it("takes the largest column of probability rows", () => {
    const chart = plot.confusionMatrix(tf.tensor2d([[1, 0], [0, 1], [0, 1]]), tf.tensor2d([[0.9, 0.1], [0.3, 0.7], [0.6, 0.4]]));
    expect(chart.matrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(chart.labels).toEqual(["0", "1"]);
  });

  it("counts one column of probabilities from 0.5 as class 1", () => {
    const chart = plot.confusionMatrix([0, 1, 1], tf.tensor2d([[0.2], [0.5], [0.4]]));
    expect(chart.matrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it("puts predicted labels across and true labels down", () => {
    const spec = plot.confusionMatrix([0, 1], [1, 1]).spec as Spec;
    expect(spec.title).toBe("Confusion matrix");
    expect(spec.encoding.x.title).toBe("Predicted label");
    expect(spec.encoding.y.title).toBe("True label");
    expect(spec.data.values).toContainEqual({ "True label": "0", "Predicted label": "1", count: 1 });
  });

  it("lays out the counts as text", () => {
    const chart = plot.confusionMatrix([0, 1, 1], [0, 1, 0], ["cat", "dog"]);
    expect(chart.text).toBe(
      ["Confusion matrix of 3 samples: true labels down, predicted labels across.", "     cat  dog", "cat    1    0", "dog    1    1"].join("\n"),
    );
  });

  it("shows fractions of each true label when normalized", () => {
    const chart = plot.confusionMatrix([0, 1, 1, 1], [0, 1, 0, 1], undefined, { normalize: true });
    const values = (chart.spec as Spec).data.values.map((record: Spec) => record["fraction of the true label"]);
    expect(values).toEqual([1, 0, 1 / 3, 2 / 3]);
    expect(chart.matrix).toEqual([
      [1, 0],
      [1, 2],
    ]);
  });
});

describe("plot.predictionsVsActual()", () => {
  it("shares one domain between both axes", () => {
    const spec = plot.predictionsVsActual([1, 2, 4], [2, 3, 5]).spec as Spec;
    expect(spec.encoding.x.scale.domain).toEqual([1, 5]);
    expect(spec.encoding.y.scale.domain).toEqual([1, 5]);
    expect(spec.layer[0].data.values).toEqual([
      { "actual value": 1, "predicted value": 1 },
      { "actual value": 5, "predicted value": 5 },
    ]);
    expect(spec.title).toBe("Predictions vs. actual values");
  });
});

describe("plot.trainingCurves()", () => {
  it("draws a History as its display does", () => {
    const history = new History({ loss: [1, 0.5], val_loss: [1.1, 0.7] }, [0, 1], { epochs: 2, steps: 4, verbose: 1 });
    const chart = plot.trainingCurves(history);
    expect((chart.spec as Spec).data.values).toHaveLength(4);
    expect(chart.text).toBe("Training history: 2 epochs. Last epoch: loss: 0.5000 - val_loss: 0.7000");
  });

  it("draws only the series asked for", () => {
    const spec = plot.trainingCurves({ loss: [1, 0.5], accuracy: [0.5, 0.8] }, { series: ["accuracy"], width: 300 }).spec as Spec;
    expect(spec.data.values.map((point: Spec) => point.series)).toEqual(["accuracy", "accuracy"]);
    expect(spec.spec.width).toBe(300);
  });
});

describe("plot in Spanish", () => {
  it("titles made-up fields and axes in Spanish", () => {
    const spec = inLanguage("es", () => plot.line([3, 1, 2]).spec) as Spec;
    expect(spec.encoding.x.title).toBe("índice");
    expect(spec.encoding.y.title).toBe("valor");
    expect(spec.data.values[0]).toEqual({ índice: 0, valor: 3 });
  });

  it("titles the model charts in Spanish", () => {
    const matrix = inLanguage("es", () => plot.confusionMatrix([0, 1], [1, 1]));
    const spec = matrix.spec as Spec;
    expect(spec.title).toBe("Matriz de confusión");
    expect(spec.encoding.x.title).toBe("Etiqueta predicha");
    expect(spec.encoding.y.title).toBe("Etiqueta real");
    expect(spec.layer[0].encoding.color.title).toBe("frecuencia");
    expect(matrix.text.split("\n")[0]).toBe("Matriz de confusión de 2 muestras: etiquetas reales hacia abajo, predichas a lo ancho.");

    const predictions = inLanguage("es", () => plot.predictionsVsActual([1, 2], [1, 3]).spec) as Spec;
    expect(predictions.title).toBe("Predicciones frente a valores reales");
    expect(predictions.encoding.x.title).toBe("valor real");
    expect(predictions.encoding.y.title).toBe("valor predicho");

    expect(inLanguage("es", () => plot.trainingCurves({ loss: [1, 0.5] }).spec.title)).toBe("Historial de entrenamiento");
    expect(inLanguage("es", () => plot.histogram([1, 2]).text)).toBe("Histograma (2 filas de datos)");
  });

  it("keeps the data's own field names", () => {
    const spec = inLanguage("es", () => plot.line(logs, { x: "epoch", y: "loss" }).spec) as Spec;
    expect(spec.encoding.x.title).toBe("epoch");
    expect(spec.encoding.y.title).toBe("loss");
  });
});

describe("plot errors", () => {
  it("reject empty data in both languages", () => {
    expect(errorMessage("en", () => plot.line([]))).toBe("plot.line(): data is empty, so there is nothing to draw. Pass at least one value.");
    expect(errorMessage("es", () => plot.line([]))).toBe(
      "plot.line(): data está vacío, así que no hay nada que dibujar. Pasa al menos un valor.",
    );
    for (const [name, make] of [
      ["scatter", () => plot.scatter([])],
      ["bar", () => plot.bar([])],
      ["histogram", () => plot.histogram(tf.tensor1d([]))],
      ["box", () => plot.box([])],
      ["heatmap", () => plot.heatmap([])],
      ["confusionMatrix", () => plot.confusionMatrix([], [])],
      ["predictionsVsActual", () => plot.predictionsVsActual([], [])],
    ] as const) {
      expect({ name, message: errorMessage("en", make) }).toEqual({ name, message: expect.stringContaining("is empty, so there is nothing to draw") });
    }
  });

  it("are ValueErrors", () => {
    expect(() => plot.bar([])).toThrow(ValueError);
  });

  it("reject mismatched lengths", () => {
    expect(errorMessage("en", () => plot.confusionMatrix([0, 1, 2], [0, 1]))).toBe(
      "plot.confusionMatrix(): yTrue has 3 values but yPred has 2. Both need one value per sample, in the same order.",
    );
    expect(errorMessage("es", () => plot.predictionsVsActual([1, 2], [1, 2, 3]))).toBe(
      "plot.predictionsVsActual(): yTrue tiene 2 valores pero yPred tiene 3. Ambos necesitan un valor por muestra, en el mismo orden.",
    );
    expect(errorMessage("en", () => plot.scatter([[1, 2], [3, 4]], { color: [0] }))).toBe(
      "plot.scatter(): data has 2 values but color has 1. Both need one value per sample, in the same order.",
    );
    expect(errorMessage("en", () => plot.heatmap([[1, 2]], { xLabels: ["a"] }))).toBe(
      "plot.heatmap(): xLabels has 1 names, but there are 2 columns. Pass one name per column.",
    );
    expect(errorMessage("es", () => plot.confusionMatrix([0, 2], [1, 1], ["a", "b"]))).toBe(
      "plot.confusionMatrix(): labels tiene 2 nombres, pero hay 3 clases. Pasa un nombre por clase.",
    );
    expect(errorMessage("en", () => plot.trainingCurves({ history: { loss: [1, 0.5, 0.3] }, epoch: [0, 1] }))).toBe(
      'plot.trainingCurves(): the series "loss" has 3 values, but the history has 2 epochs. Each series needs one value per epoch.',
    );
  });

  it("reject wrong shapes", () => {
    expect(errorMessage("en", () => plot.heatmap([1, 2, 3]))).toBe(
      "plot.heatmap(): data has shape [3], but a heatmap needs a matrix of shape [rows, columns], " +
        "or records with the options x, y and color naming their fields.",
    );
    expect(errorMessage("es", () => plot.predictionsVsActual([1, 2], tf.tensor2d([[0.1, 0.9], [0.8, 0.2]])))).toBe(
      "plot.predictionsVsActual(): yPred tiene forma [2, 2], pero necesita un valor por muestra, de forma [n] o [n, 1]. " +
        "Para probabilidades de clase, dibuja plot.confusionMatrix() en su lugar.",
    );
    expect(errorMessage("en", () => plot.confusionMatrix(tf.zeros([2, 2, 2]), [0, 1]))).toBe(
      "plot.confusionMatrix(): yTrue has shape [2, 2, 2], but class labels need shape [n] (class indices) " +
        "or [n, classes] (one-hot labels or probabilities).",
    );
    expect(errorMessage("en", () => plot.confusionMatrix(tf.oneHot([0, 1], 2), tf.oneHot([0, 2], 3)))).toBe(
      "plot.confusionMatrix(): yTrue has 2 columns (classes) but yPred has 3. Both need one column per class.",
    );
    expect(errorMessage("en", () => plot.line(tf.zeros([2, 2, 2])))).toBe(
      "plot.line(): data must be an array of records such as [{ x: 1, y: 2 }], an array of numbers or strings, " +
        "a 2-D array of numbers, a tf.Tensor, or a table with an objects() method, but got tf.Tensor shape=[2, 2, 2].",
    );
  });

  it("name unknown fields and suggest the closest", () => {
    expect(errorMessage("en", () => plot.line(logs, { x: "epok" }))).toBe(
      'plot.line(): x is "epok", but the records have no such field. Did you mean "epoch"? ' +
        'Their fields are: "epoch", "loss", "val_loss", "split".',
    );
    expect(errorMessage("es", () => plot.scatter(logs, { y: "perdida" }))).toBe(
      'plot.scatter(): y es "perdida", pero los registros no tienen ese campo. ' + 'Sus campos son: "epoch", "loss", "val_loss", "split".',
    );
  });

  it("reject fields that are not numbers", () => {
    expect(errorMessage("en", () => plot.line(logs, { y: "split" }))).toBe(
      'plot.line(): y is "split", but that field contains \'train\', which is not a number. Choose a field of numbers.',
    );
    expect(errorMessage("en", () => plot.histogram(["a", "b"]))).toBe("plot.histogram(): data must contain only numbers, but position 0 contains 'a'.");
    expect(errorMessage("en", () => plot.line([{ name: "a" }]))).toBe(
      'plot.line(): the records have no field of numbers to draw. Their fields are: "index", "name". Name a field of numbers with the option y.',
    );
  });

  it("reject class labels that are not class indices", () => {
    expect(errorMessage("es", () => plot.confusionMatrix([0, 1, -2], [0, 1, 1]))).toBe(
      "plot.confusionMatrix(): yTrue contiene -2 en la posición 2, que no es un índice de clase (un entero desde 0). " +
        "Pasa índices de clase, o filas de etiquetas one-hot o de probabilidades.",
    );
  });

  it("reject unknown options and wrong option types", () => {
    expect(errorMessage("en", () => plot.histogram([1], { max_bin: 5 } as never))).toMatch(
      /^plot\.histogram\(\) does not accept the option "max_bin"\. Did you mean "max_bins"\?/,
    );
    expect(errorMessage("en", () => plot.bar([1], { horizontal: "yes" } as never))).toBe('plot.bar(): horizontal must be true or false, but got \'yes\'.');
    expect(errorMessage("en", () => plot.line([1], { y: 3 } as never))).toBe(
      'plot.line(): y must be a field name or an array of field names, such as "loss" or ["loss", "val_loss"], but got 3.',
    );
  });

  it("reject a disposed tensor", () => {
    const values = tf.tensor1d([1, 2]);
    values.dispose();
    expect(errorMessage("en", () => plot.histogram(values))).toMatch(/^data is a tensor that was disposed/);
  });

  it("reject unknown and missing history series", () => {
    expect(errorMessage("en", () => plot.trainingCurves({ loss: [1], val_loss: [1] }, { series: ["val_los"] }))).toBe(
      'plot.trainingCurves(): the history has no series "val_los". Did you mean "val_loss"? Its series are: "loss", "val_loss".',
    );
    expect(errorMessage("es", () => plot.trainingCurves({ loss: [] }))).toBe(
      "plot.trainingCurves(): el historial todavía no tiene ninguna época. Entrena primero el modelo con fit(), y pasa el History que devuelve.",
    );
    expect(errorMessage("en", () => plot.trainingCurves(42 as never))).toMatch(/^plot\.trainingCurves\(\): history must be the History that fit\(\) returns/);
  });
});
