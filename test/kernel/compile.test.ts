import vm from "node:vm";
import ts from "typescript";
import { compileCell, mayBlock } from "../../src/kernel/typescript/compile";

/** Runs cells the way the executor does, in one shared context, and returns each cell's value. */
async function runCells(...cells: string[]): Promise<unknown[]> {
  const context = vm.createContext({ __tskeras: { importModule: async () => ({}), defaultExport: (m: unknown) => m } });
  const values: unknown[] = [];
  for (const [index, source] of cells.entries()) {
    const compiled = compileCell(source, index + 1);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    values.push(await vm.runInContext(compiled.cell.code, context));
  }
  return values;
}

describe("compileCell()", () => {
  it("keeps a const of one cell for the next", async () => {
    expect(await runCells("const a: number = 2;", "a * 3")).toEqual([undefined, 6]);
  });

  it("lets a later cell redeclare const and class names", async () => {
    const values = await runCells(
      "const lr = 0.01;\nclass Scaler { k = 2 }",
      "const lr = 0.001;\nclass Scaler { k = 3 }\nnew Scaler().k + lr",
    );
    expect(values[1]).toBeCloseTo(3.001);
  });

  it("supports top-level await and keeps declarations made around it", async () => {
    const values = await runCells(
      "const rows = await Promise.resolve([1, 2, 3]);\nasync function count() { return rows.length; }",
      "await count()",
    );
    expect(values[1]).toBe(3);
  });

  it("awaits a Promise that is the last expression", async () => {
    expect(await runCells("Promise.resolve(42)")).toEqual([42]);
  });

  it("shows nothing when the cell ends with a declaration", async () => {
    expect(await runCells("const x = 5")).toEqual([undefined]);
  });

  it("binds destructured names with defaults and rest", async () => {
    const values = await runCells("const { a, b: [c, , d = 4], ...rest } = { a: 1, b: [2, 0], e: 5 };", "[a, c, d, rest.e]");
    expect(values[1]).toEqual([1, 2, 4, 5]);
  });

  it("lets functions see a let reassigned by a later cell", async () => {
    expect((await runCells("let n = 1;\nfunction get() { return n; }", "n = 7;", "get()"))[2]).toBe(7);
  });

  it("keeps enums and for await at top level", async () => {
    const values = await runCells(
      "enum Color { Red, Green }",
      "let total = 0;\nasync function* gen() { yield 1; yield 2; }\nfor await (const v of gen()) total += v;\ntotal + Color.Green",
    );
    expect(values[1]).toBe(4);
  });

  it("reports a syntax error with the cell's line and column", () => {
    const result = compileCell("const a = 1;\nconst b = (;", 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ line: 2, column: 12 });
  });

  it("rewrites imports into calls of the module loader", () => {
    const result = compileCell('import pLimit, { a as b } from "p-limit";\nimport type { X } from "y";', 1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cell.code).toContain('__tskeras.importModule("p-limit")');
    expect(result.cell.code).not.toContain('"y"');
    expect(result.cell.code).not.toMatch(/^export/m);
  });
});

describe("mayBlock()", () => {
  const blocks = (source: string) => mayBlock(ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true));

  it.each([
    ["f()", true],
    ["new Sequential()", true],
    ["while (true) {}", true],
    ["for (const x of xs) {}", true],
    ["do {} while (x)", true],
    ["tag`text`", true],
    ["[...endless]", true],
    ["const [first, ...rest] = endless;", true],
    ["class A { static { while (true) {} } }", true],
    ["class B { static count = start(); }", true],
    ['import fs from "node:fs";', true],
    ["1 + 1", false],
    ["model", false],
    ["const rate = 0.01;", false],
    ["const [a, b] = pair;", false],
    ["const copy = { ...options };", false],
    ["x.y.z", false],
    ["function spin() { while (true) {} }", false],
    ["const spin = () => { for (;;) {} };", false],
    ["class C { fit() { train(); } }", false],
    ["interface Callable { (x: number): void }", false],
    ["await pending", false],
  ])("of %s is %s", (source, expected) => {
    expect(blocks(source)).toBe(expected);
  });

  it("comes with each compiled cell", () => {
    const loop = compileCell("while (true) {}", 1);
    const value = compileCell("1 + 1", 2);
    if (!loop.ok || !value.ok) throw new Error("the cells failed to compile");
    expect(loop.cell.mayBlock).toBe(true);
    expect(value.cell.mayBlock).toBe(false);
  });
});
