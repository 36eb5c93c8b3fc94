import { display } from "../../src/display/display";
import type { DisplayOutput } from "../../src/display/mime";
import { runWithSink } from "../../src/display/scope";
import { stopChartRenderer } from "../../src/display/chart-render";
import { inLanguage } from "../keras/helpers";
import { readPng } from "./png-reader";

const lossSpec = {
  title: "Pérdida",
  data: { values: [{ epoch: 1, loss: 0.9 }, { epoch: 2, loss: 0.5 }] },
  mark: "line",
  encoding: { x: { field: "epoch", type: "quantitative" }, y: { field: "loss", type: "quantitative" } },
};

afterAll(async () => {
  await stopChartRenderer();
});

function shown(show: () => void): DisplayOutput[] {
  const outputs: DisplayOutput[] = [];
  runWithSink({ display: (output) => outputs.push(output) }, show);
  return outputs;
}

describe("display's MIME helpers", () => {
  it("shows HTML with a text form stripped of tags", () => {
    const [output] = shown(() => display.html("<b>Precisión</b> &amp; <i>pérdida</i><script>x()</script>"));
    expect(output.data["text/html"]).toBe("<b>Precisión</b> &amp; <i>pérdida</i><script>x()</script>");
    expect(output.data["text/plain"]).toBe("Precisión & pérdida");
  });

  it("shows Markdown, JSON, SVG and Vega-Lite under their MIME types", () => {
    const outputs = shown(() => {
      display.markdown("# Resultados");
      display.json({ epochs: 3, loss: [0.5, 0.3] });
      display.svg('<svg xmlns="http://www.w3.org/2000/svg"/>');
      display.vegalite(lossSpec);
    });
    expect(outputs.map((output) => Object.keys(output.data).sort())).toEqual([
      ["text/markdown", "text/plain"],
      ["application/json", "text/plain"],
      ["image/svg+xml", "text/plain"],
      ["application/vnd.vegalite.v5+json", "image/png", "text/plain"],
    ]);
    expect(outputs[1].data["application/json"]).toEqual({ epochs: 3, loss: [0.5, 0.3] });
    expect(outputs[3].data["text/plain"]).toBe("<Vega-Lite chart: Pérdida>");
    const [spanish] = inLanguage("es", () => shown(() => display.vegalite(lossSpec)));
    expect(spanish.data["text/plain"]).toBe("<gráfico Vega-Lite: Pérdida>");
  });

  it("draws a Vega-Lite chart as a PNG too", () => {
    const [output] = shown(() => display.vegalite(lossSpec));
    const png = readPng(Buffer.from(String(output.data["image/png"]), "base64"));
    expect(png.width).toBeGreaterThan(200);
    expect(png.height).toBeGreaterThan(100);
  });

  it("warns and leaves out the PNG of a chart that cannot be drawn", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const [output] = inLanguage("es", () => shown(() => display.vegalite({ title: "Pérdida", mark: "line" })));
      expect(Object.keys(output.data).sort()).toEqual(["application/vnd.vegalite.v5+json", "text/plain"]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/^No se pudo dibujar el gráfico como imagen PNG \(.+\)\. JupyterLab y VS Code lo dibujan igualmente/);
    } finally {
      warn.mockRestore();
    }
  });

  it("encodes PNG bytes as base64 and keeps base64 text as it is", () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    const [fromBytes, fromText] = shown(() => {
      display.png(bytes);
      display.png("iVBORw==");
    });
    expect(fromBytes.data["image/png"]).toBe("iVBORw==");
    expect(fromText.data["image/png"]).toBe("iVBORw==");
  });

  it("returns a handle that updates the same output", () => {
    const outputs = shown(() => {
      const handle = display.html("<p>1</p>", { id: "progress" });
      handle.update({ "text/html": "<p>2</p>", "text/plain": "2" });
    });
    expect(outputs.map((output) => [output.kind, output.displayId])).toEqual([
      ["display", "progress"],
      ["update", "progress"],
    ]);
    expect(outputs[1].data["text/html"]).toBe("<p>2</p>");
  });
});
