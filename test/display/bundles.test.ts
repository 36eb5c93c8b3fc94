import { display } from "../../src/display/display";
import type { DisplayOutput } from "../../src/display/mime";
import { runWithSink } from "../../src/display/scope";

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
      display.vegalite({ title: "Pérdida", mark: "line" });
    });
    expect(outputs.map((output) => Object.keys(output.data).sort())).toEqual([
      ["text/markdown", "text/plain"],
      ["application/json", "text/plain"],
      ["image/svg+xml", "text/plain"],
      ["application/vnd.vegalite.v5+json", "text/plain"],
    ]);
    expect(outputs[1].data["application/json"]).toEqual({ epochs: 3, loss: [0.5, 0.3] });
    expect(outputs[3].data["text/plain"]).toBe("<Vega-Lite chart: Pérdida>");
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
