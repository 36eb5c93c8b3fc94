import type { ExecuteResult, KernelClient } from "../../src/notebook/client";
import { commonJsPackageJson, resultText, startKernel, stopKernel, TYPE_CHECK_ERROR, streamText, writePackage } from "./fixture";

// Cells checked for type errors before they run, with the types of earlier cells carried over.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("typecheck"));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

function stderr(result: ExecuteResult): string {
  return streamText(result, "stderr");
}

describe("type checking across cells", () => {
  it("lets a later cell redeclare a const and a class", async () => {
    const first = "const lr = 0.01;\nclass Scaler { k = 2 }";
    expect((await client.execute(first)).reply.status).toBe("ok");
    const second = await client.execute("const lr = 0.001;\nclass Scaler { k = 3 }\nnew Scaler().k + lr");
    expect(second.reply.status).toBe("ok");
    expect(resultText(second)).toBe("3.001");

    await client.execute(first);
    expect(resultText(await client.execute("new Scaler().k + lr"))).toBe("2.01");
  });

  it("still rejects assigning to a const within one cell", async () => {
    const result = await client.execute("const fixed = 1;\nfixed = 2;");
    expect(result.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(result.reply.evalue)).toMatch(/line 2, column 1: TS2588/);
  });

  it("carries the types of declarations made in a cell that awaits", async () => {
    await client.execute("const rows = await Promise.resolve([1, 2, 3]);\nasync function count() { return rows.length; }");
    expect(resultText(await client.execute("await count()"))).toBe("3");

    const wrong = await client.execute('const label: string = await count();');
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(wrong.reply.evalue)).toContain("TS2322");
  });

  it("carries interfaces, type aliases, enums and destructured names", async () => {
    const declared = await client.execute(
      "interface Point { x: number }\ntype Pair = [number, number];\nenum Color { Red, Green }\nconst { a, b: [c] } = { a: 1, b: [2] };\nfunction norm(p: Point) { return Math.abs(p.x); }",
    );
    expect(declared.reply.status).toBe("ok");
    const used = await client.execute("const point: Point = { x: -a };\nconst pair: Pair = [c, Color.Green];\n[norm(point), ...pair]");
    expect(used.reply.status).toBe("ok");
    expect(resultText(used)).toBe("[ 1, 2, 1 ]");

    const wrong = await client.execute('const other: Point = { x: "far" };');
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
  });

  it("types an empty array and a let by what the cell assigns", async () => {
    const filled = await client.execute("const losses = [];\nfor (let epoch = 0; epoch < 3; epoch++) losses.push(1 / (epoch + 1));\nlet best;\nbest = Math.min(...losses);");
    expect(filled.reply.status).toBe("ok");
    expect(resultText(await client.execute("[losses.length, best]"))).toBe("[ 3, 0.3333333333333333 ]");

    // Declared next to auto-typed names, a destructured name keeps its type in later cells.
    expect((await client.execute("const { rate } = { rate: 0.5 }, seen = [];\nseen.push(rate);")).reply.status).toBe("ok");
    const wrong = await client.execute('const label: string = rate;');
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(wrong.reply.evalue)).toContain("TS2322");
  });

  it("accepts overloaded functions at top level", async () => {
    const declared = await client.execute("function scale(x: number): number;\nfunction scale(x: number[]): number[];\nfunction scale(x: number | number[]) {\n  return Array.isArray(x) ? x.map((v) => v * 2) : x * 2;\n}\nscale([1, 2])");
    expect(declared.reply.status).toBe("ok");
    expect(resultText(declared)).toBe("[ 2, 4 ]");
    expect(resultText(await client.execute("const doubled: number = scale(4);\ndoubled"))).toBe("8");
    const wrong = await client.execute("const text: string = scale(4);");
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
  });

  it("explains a type name with a prime in an error", async () => {
    expect((await client.execute('class Animal { name = "cat" }\nconst pet = new Animal();')).reply.status).toBe("ok");
    expect((await client.execute('class Animal { name = "dog"; speak() { return "woof"; } }')).reply.status).toBe("ok");
    const result = await client.execute("pet.speak()");
    expect(result.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("Animal\u02b9");
    expect(traceback).toContain("A type name that ends in \u02b9, such as Point\u02b9, is the definition that a type had before");
  });

  it("runs for await at top level", async () => {
    const result = await client.execute("let total = 0;\nasync function* numbers() { yield 1; yield 2; }\nfor await (const n of numbers()) total += n;\ntotal");
    expect(resultText(result)).toBe("3");
  });

  it("keeps a redefined type's earlier meaning for earlier variables", async () => {
    expect((await client.execute("type Couple = [number, number];\nconst couple: Couple = [1, 2];\nclass Net { units = 4 }\nconst net = new Net();")).reply.status).toBe("ok");
    expect((await client.execute("type Couple = string;\nclass Net { layers = 2 }")).reply.status).toBe("ok");

    const earlier = await client.execute("couple[0] + couple[1] + net.units");
    expect(earlier.reply.status).toBe("ok");
    expect(resultText(earlier)).toBe("7");
    const wrong = await client.execute("couple.toUpperCase()");
    expect(wrong.reply).toMatchObject(TYPE_CHECK_ERROR);
    expect(String(wrong.reply.evalue)).toContain("Couple");
    const later = await client.execute('const word: Couple = "dos";\n[word.toUpperCase(), new Net().layers]');
    expect(resultText(later)).toBe("[ 'DOS', 2 ]");
  });

  it("disposes a top-level using when the cell ends", async () => {
    const defined = await client.execute(
      'class Resource { constructor(readonly name: string) {} [Symbol.dispose]() { console.log("disposed", this.name); } }\n' +
        'class AsyncResource { async [Symbol.asyncDispose]() { await Promise.resolve(); console.log("async disposed"); } }',
    );
    expect(defined.reply.status).toBe("ok");

    const used = await client.execute('using handle = new Resource("top");\nawait using pending = new AsyncResource();\nconsole.log("body", handle.name);\nhandle.name');
    expect(used.reply.status).toBe("ok");
    expect(streamText(used)).toBe("body top\nasync disposed\ndisposed top\n");
    expect(resultText(used)).toBe("'top'");

    // The resource is gone with its cell, so later cells do not see the name.
    const later = await client.execute("handle.name");
    expect(later.reply).toMatchObject(TYPE_CHECK_ERROR);
    expect(String(later.reply.evalue)).toContain("TS2304");
  });

  it("reports a type error with line, column, code and caret before anything runs", async () => {
    const result = await client.execute('(globalThis as any).ranDespiteTypeError = true;\nconst epochs: number = "50";');
    expect(result.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("TS2322");
    expect(traceback).toMatch(/line 2, column 7/);
    expect(traceback).toContain('  const epochs: number = "50";');
    expect(traceback).toMatch(/\n {8}\S*\^/);
    expect(resultText(await client.execute('"ranDespiteTypeError" in globalThis'))).toBe("false");
  });

  it("shows where an expected type comes from", async () => {
    const result = await client.execute('const options: { epochs: number } = { epochs: "5" };');
    expect(result.reply).toMatchObject(TYPE_CHECK_ERROR);
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("Type 'string' is not assignable to type 'number'.");
    expect(traceback).toContain("The expected type comes from property 'epochs' which is declared here on type '{ epochs: number; }' (line 1, column 18)");
  });

  it("leaves out notes that point outside the cell", async () => {
    const result = await client.execute("declare global { var setTimeout: string }");
    expect(result.reply).toMatchObject(TYPE_CHECK_ERROR);
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("TS2300");
    expect(traceback).not.toContain("declared here");
  });

  it("keeps tabs before the caret", async () => {
    const result = await client.execute("function tabbed() {\n\tconst label: string = 5;\n}");
    expect(result.reply).toMatchObject(TYPE_CHECK_ERROR);
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("\tconst label: string = 5;");
    // The caret sits under `label`, column 8: a tab and six spaces, as the code line is drawn.
    expect(traceback).toMatch(/\n {2}\t {6}\S*\^/);

    const thrown = await client.execute('function tabbedThrow() {\n\tthrow new Error("tabbed");\n}\ntabbedThrow();');
    expect(thrown.reply).toMatchObject({ status: "error", ename: "Error" });
    // Under `new`, column 8 of the line that threw.
    expect((thrown.reply.traceback as string[]).join("\n")).toMatch(/\n {2}\t {6}\S*\^/);
  });

  it("counts columns in code points and draws wide characters wide", async () => {
    const typed = await client.execute("const face = '😀'; face.lenth");
    expect(String(typed.reply.evalue)).toContain("line 1, column 24");
    // Before `lenth`: 22 characters of one column and the emoji, which a terminal draws two columns wide.
    expect((typed.reply.traceback as string[]).join("\n")).toMatch(/\n {2} {24}\S*\^/);

    // Under `new`: 23 characters of one column and two of two.
    const thrown = await client.execute("const wide = '名前'; throw new Error(wide)");
    expect((thrown.reply.traceback as string[]).join("\n")).toContain("line 1, column 26");
    expect((thrown.reply.traceback as string[]).join("\n")).toMatch(/\n {2} {27}\S*\^/);
  });

  it("places an error after declarations on the same line at the cell's own column", async () => {
    const result = await client.execute("const unidades = 4; function capas(): number { return 'dos'; }");
    expect(result.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(result.reply.evalue)).toMatch(/line 1, column 48: TS2322/);
  });

  it("knows the preloaded API's types, including namespaces", async () => {
    const ok = await client.execute("const t: tf.Tensor = tf.ones([2, 2]);\nconst model: Sequential = new Sequential();\nt.shape");
    expect(ok.reply.status).toBe("ok");
    const wrong = await client.execute('new Dense({ units: "64" })');
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
  });

  it("carries imported names and their types to later cells", async () => {
    await client.execute('import * as path from "node:path";\nimport { basename } from "node:path";');
    const result = await client.execute('const parsed: path.ParsedPath = path.parse("/a/b.ts");\n[parsed.ext, basename("/x/y")]');
    expect(result.reply.status).toBe("ok");
    expect(resultText(result)).toBe("[ '.ts', 'y' ]");
  });

  it("types named, default and type-only imports later", async () => {
    const imported = await client.execute('import { basename as base } from "node:path";\nimport type { ParsedPath } from "node:path";\nimport EventEmitter from "node:events";');
    expect(imported.reply.status).toBe("ok");

    const used = await client.execute('const file: string = base("/x/y.ts");\nconst parts: ParsedPath | undefined = undefined;\nconst emitter = new EventEmitter();\n[file, parts, emitter.listenerCount("x")]');
    expect(resultText(used)).toBe("[ 'y.ts', undefined, 0 ]");
    expect((await client.execute('const length: number = base("/x/y.ts");')).reply).toMatchObject(TYPE_CHECK_ERROR);
    expect((await client.execute("base(42);")).reply).toMatchObject(TYPE_CHECK_ERROR);
    expect((await client.execute("const parsedValue = ParsedPath;")).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("carries a cell of only types", async () => {
    expect((await client.execute("interface Only { n: number }")).reply.status).toBe("ok");
    expect((await client.execute("type Box<T> = { value: T };")).reply.status).toBe("ok");

    const used = await client.execute('const only: Only = { n: 1 };\nconst box: Box<string> = { value: "a" };\n[only.n, box.value]');
    expect(resultText(used)).toBe("[ 1, 'a' ]");
    expect((await client.execute('const other: Only = { n: "x" };')).reply).toMatchObject(TYPE_CHECK_ERROR);
    expect((await client.execute("const numbers: Box<string> = { value: 1 };")).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("carries names declared in declare global", async () => {
    const declared = await client.execute("declare global {\n  var learningRate: number;\n}\nglobalThis.learningRate = 0.01;");
    expect(declared.reply.status).toBe("ok");
    expect(resultText(await client.execute("learningRate * 10"))).toBe("0.1");
    expect((await client.execute("const rateText: string = learningRate;")).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("redefines names declared in declare global", async () => {
    const first = "declare global {\n  var counter: number;\n  type Unit = number;\n  class Meter { read(): number }\n}";
    expect((await client.execute(first)).reply.status).toBe("ok");
    const second = "declare global {\n  var counter: string;\n  type Unit = string;\n  class Meter { label(): string }\n}";
    expect((await client.execute(second)).reply.status).toBe("ok");

    const used = await client.execute('globalThis.counter = "ten";\nconst unit: Unit = "m";\nconst labelOf = (meter: Meter): string => meter.label();\ncounter.length');
    expect(resultText(used)).toBe("3");
    expect((await client.execute("const old: number = counter;")).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("accepts a var declared twice in a cell", async () => {
    expect(resultText(await client.execute("var twice = 1;\nvar twice = 2;\ntwice"))).toBe("2");
    expect(resultText(await client.execute("var [left, right] = [1, 2];\nvar left = 3;\nleft + right"))).toBe("5");
    // As in JavaScript, `var` without a value keeps the variable's value.
    expect(resultText(await client.execute("var kept = 1;\nvar kept: number;\nkept"))).toBe("1");
    expect(resultText(await client.execute("kept"))).toBe("1");
    expect((await client.execute("const sum: number = twice + left;")).reply.status).toBe("ok");
    expect((await client.execute('var twice = 1;\nvar twice = "two";')).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("runs declare statements and namespaces of types", async () => {
    const shapes = await client.execute("namespace Shapes { export interface Circle { r: number } }\nconst circle: Shapes.Circle = { r: 1 };\ncircle.r");
    expect(resultText(shapes)).toBe("1");
    expect((await client.execute('const square: Shapes.Circle = { r: "2" };')).reply).toMatchObject(TYPE_CHECK_ERROR);

    // Declared values exist elsewhere, so later cells may name them; here nothing defines them.
    const declared = await client.execute("declare const injected: number;\ndeclare class Outer { x: number }\ndeclare enum Side { Left }\n\"declared\"");
    expect(resultText(declared)).toBe("'declared'");
    const used = await client.execute("const outer: Outer | undefined = undefined;\nconst side: Side | undefined = undefined;\ntypeof injected");
    expect(used.reply.status).toBe("ok");
    expect(resultText(used)).toBe("'undefined'");
    expect((await client.execute('const wrongType: string = injected;')).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("checks a repeated cell again once earlier declarations change", async () => {
    const cell = "laterName * 2";
    expect((await client.execute(cell)).reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect((await client.execute(cell)).reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    await client.execute("const laterName = 21;");
    const again = await client.execute(cell);
    expect(again.reply.status).toBe("ok");
    expect(resultText(again)).toBe("42");
  });

  it("finds a package installed after a failed import", async () => {
    const missing = await client.execute('import late from "late-package";');
    expect(missing.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(missing.reply.evalue)).toContain("TS2307");
    const hints = (missing.reply.traceback as string[]).join("\n");
    expect(hints).toContain("Packages are looked for in node_modules of");
    // The hint and the closing note are paragraphs of their own.
    expect(hints).toMatch(/npm install NAME\.\n\n.*The cell did not run/);

    // A relative path gets a hint about the notebook's folder instead.
    const missingFile = await client.execute('import rows from "./no-such-file.json";');
    const fileHints = (missingFile.reply.traceback as string[]).join("\n");
    expect(fileHints).toContain("A path that starts with ./ or ../ is relative to the notebook's folder");
    expect(fileHints).not.toContain("Packages are looked for");

    writePackage(folder, "late-package", {
      "package.json": commonJsPackageJson("late-package"),
      "index.js": "module.exports = { answer: 42 };\n",
      "index.d.ts": "declare const value: { answer: number };\nexport = value;\n",
    });

    const found = await client.execute('import late from "late-package";\nlate.answer');
    expect(found.reply.status).toBe("ok");
    expect(resultText(found)).toBe("42");
  });

  it("switches between error, warn and off from a cell", async () => {
    await client.execute('kernel.typecheck("warn");');
    const warned = await client.execute('const n: number = "1" as any as string;\n"ran"');
    expect(warned.reply.status).toBe("ok");
    expect(resultText(warned)).toBe("'ran'");
    expect(stderr(warned)).toMatch(/Type error \(the cell runs anyway\)/);

    await client.execute('kernel.typecheck("off");');
    const unchecked = await client.execute('const m: number = "2" as any as string;\n"ran too"');
    expect(stderr(unchecked)).toBe("");
    expect(resultText(unchecked)).toBe("'ran too'");

    await client.execute('kernel.typecheck("error");');
    expect((await client.execute('const k: number = "3" as any as string;')).reply.status).toBe("error");
  });

  it("rejects an unknown typecheck mode with the accepted ones", async () => {
    const result = await client.execute('kernel.typecheck("strict" as any);');
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError" });
    expect(String(result.reply.evalue)).toContain('use "error", "warn" or "off"');
  });
});
