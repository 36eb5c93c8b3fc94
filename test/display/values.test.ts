import { formatValue } from "../../src/display/formatters";
import { errorBundle, errorText, mapBundle, registerValueFormatters, setBundle, typedArrayText } from "../../src/display/values";

beforeAll(() => {
  registerValueFormatters();
});

describe("Map display", () => {
  it("shows a small map on one line and as an HTML table", () => {
    const bundle = formatValue(new Map<string, unknown>([["a", 1], ["b", { x: 2 }]]));
    expect(bundle["text/plain"]).toBe("Map(2) { 'a' => 1, 'b' => { x: 2 } }");
    expect(bundle["text/html"]).toContain("<th style=\"text-align: left\">key</th>");
    expect(bundle["text/html"]).toContain("<p>Map(2)</p>");
  });

  it("shows the first and last 5 entries of a large map", () => {
    const map = new Map(Array.from({ length: 1000 }, (_, i) => [i, i * 2]));
    const lines = String(mapBundle(map, "en")["text/plain"]).split("\n");
    expect(lines[0]).toBe("Map(1000) {");
    expect(lines[1]).toBe("  0 => 0,");
    expect(lines[6]).toBe("  ...,");
    expect(lines[11]).toBe("  999 => 1998");
    expect(lines).toHaveLength(13);
  });

  it("escapes keys and values in HTML", () => {
    const html = String(mapBundle(new Map([["<script>", "</td><b>"]]), "en")["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows an empty map", () => {
    expect(formatValue(new Map())["text/plain"]).toBe("Map(0) {}");
  });
});

describe("Set display", () => {
  it("shows values, null among them", () => {
    const bundle = setBundle(new Set([1, null, "a"]), "en");
    expect(bundle["text/plain"]).toBe("Set(3) { 1, null, 'a' }");
    expect(bundle["text/html"]).toContain("<p>Set(3)</p>");
  });

  it("shows the first and last 5 values of a large set", () => {
    const text = formatValue(new Set(Array.from({ length: 50 }, (_, i) => i)))["text/plain"];
    expect(text).toBe("Set(50) { 0, 1, 2, 3, 4, ..., 45, 46, 47, 48, 49 }");
  });
});

describe("Date display", () => {
  it("shows ISO 8601 in UTC", () => {
    expect(formatValue(new Date(Date.UTC(2024, 2, 1, 12, 30)))).toEqual({ "text/plain": "2024-03-01T12:30:00.000Z" });
  });

  it("names an invalid date", () => {
    expect(formatValue(new Date("not a date"))).toEqual({ "text/plain": "Invalid Date" });
  });
});

describe("typed array display", () => {
  it("shows every element of a short array", () => {
    expect(typedArrayText(new Int32Array([1, -2, 3]))).toBe("Int32Array(3) [1, -2, 3]");
  });

  it("cuts a long float array", () => {
    const array = Float32Array.from({ length: 1000 }, (_, i) => i / 4);
    expect(formatValue(array)).toEqual({ "text/plain": "Float32Array(1000) [0.00, 0.25, 0.50, ..., 249.25, 249.50, 249.75]" });
  });

  it("leaves a Buffer to Node's own format", () => {
    expect(formatValue(Buffer.from("hi"))["text/plain"]).toBe("<Buffer 68 69>");
  });
});

describe("Error display", () => {
  it("shows the name and message, without the stack", () => {
    const bundle = formatValue(new RangeError("index 7 out of range"));
    expect(bundle["text/plain"]).toBe("RangeError: index 7 out of range");
    expect(bundle["text/html"]).toContain("<pre>RangeError: index 7 out of range</pre>");
    expect(bundle["text/html"]).toContain("<details><summary>Stack trace</summary>");
  });

  it("shows the causes", () => {
    const error = new Error("cannot load", { cause: new TypeError("bad path") });
    expect(errorText(error, "en")).toBe("Error: cannot load\nCaused by: TypeError: bad path");
    expect(errorText(error, "es")).toBe("Error: cannot load\nCausado por: TypeError: bad path");
  });

  it("lists the errors of an AggregateError", () => {
    const error = new AggregateError([new Error("one"), "two"], "both failed");
    expect(errorText(error, "en")).toBe("AggregateError: both failed\n  [0] Error: one\n  [1] 'two'");
  });

  it("escapes the message and the stack in HTML", () => {
    const error = new Error("<script>alert(1)</script>");
    const html = String(errorBundle(error, "en")["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("labels the stack in Spanish", () => {
    expect(errorBundle(new Error("x"), "es")["text/html"]).toContain("<summary>Traza de la pila</summary>");
  });
});
