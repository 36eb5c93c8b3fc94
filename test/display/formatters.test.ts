import { clearOutput, display, displayBundle } from "../../src/display/display";
import { formatValue, registerFormatter } from "../../src/display/formatters";
import type { DisplayOutput } from "../../src/display/mime";
import { runWithSink } from "../../src/display/scope";

describe("formatValue()", () => {
  it("formats plain values as text", () => {
    expect(formatValue(3.001)).toEqual({ "text/plain": "3.001" });
    expect(formatValue("hola")).toEqual({ "text/plain": "'hola'" });
  });

  it("uses an object's own Jupyter.display method", () => {
    const value = { [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>x</b>" }) };
    const bundle = formatValue(value);
    expect(bundle["text/html"]).toBe("<b>x</b>");
    expect(typeof bundle["text/plain"]).toBe("string");
  });

  it("tries registered formatters, newest first", () => {
    class Point { constructor(public x: number) {} }
    registerFormatter((v) => (v instanceof Point ? { "text/plain": `Point(${v.x})` } : undefined));
    expect(formatValue(new Point(2))).toEqual({ "text/plain": "Point(2)" });
  });
});

describe("display()", () => {
  it("sends a display and its update to the cell's sink", () => {
    const outputs: DisplayOutput[] = [];
    runWithSink({ display: (output) => outputs.push(output) }, () => {
      const handle = display(1);
      handle.update(2);
    });
    expect(outputs.map((o) => o.kind)).toEqual(["display", "update"]);
    expect(outputs[1].data["text/plain"]).toBe("2");
    expect(outputs[0].displayId).toBe(outputs[1].displayId);
  });
});

describe("displayBundle()", () => {
  it("updates with a bundle as it is, also one without text/plain", () => {
    const outputs: DisplayOutput[] = [];
    runWithSink({ display: (output) => outputs.push(output) }, () => {
      const handle = displayBundle({ "text/html": "<b>1</b>" });
      handle.update({ "text/html": "<b>2</b>" });
    });
    expect(outputs[1].data).toEqual({ "text/html": "<b>2</b>" });
  });

  it("formats an update that is not a bundle", () => {
    const outputs: DisplayOutput[] = [];
    runWithSink({ display: (output) => outputs.push(output) }, () => {
      const handle = displayBundle({ "text/plain": "1" });
      handle.update({ count: 2 });
    });
    expect(outputs[1].data["text/plain"]).toContain("count: 2");
  });
});

describe("clearOutput()", () => {
  it("asks the cell's sink to clear, at once or when the next output arrives", () => {
    const cleared: boolean[] = [];
    runWithSink({ display: () => undefined, clear: (wait) => cleared.push(wait) }, () => {
      clearOutput();
      clearOutput({ wait: true });
    });
    expect(cleared).toEqual([false, true]);
  });

  it("does nothing outside a cell", () => {
    expect(() => clearOutput()).not.toThrow();
  });
});
