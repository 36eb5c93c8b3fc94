import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CellChecker } from "../../src/kernel/typescript/checker";

// The type checker of cells, driven cell after cell as the kernel drives it: check, compile, run, commit.

const REPO_ROOT = resolve(__dirname, "..", "..");

let folder: string;
let checker: CellChecker;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-checker-"));
  checker = new CellChecker(folder, REPO_ROOT);
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Checks a cell and, when it has no errors, compiles and commits it as a cell that ran; returns the error codes. */
function run(source: string, executionCount = 1): number[] {
  const result = checker.check(source);
  const codes = [...result.syntaxErrors, ...result.typeErrors].map((error) => error.code);
  if (codes.length === 0) {
    result.compile(executionCount);
    result.commit();
  }
  return codes;
}

describe("CellChecker", () => {
  it("carries no name from a cell that failed its check", () => {
    // TS2322: a string is not assignable to number.
    expect(run('const leaked = 1;\nconst wrong: number = "x";')).toEqual([2322]);
    // TS2304: cannot find the name.
    expect(run("leaked + 1")).toEqual([2304]);
  }, 60_000);

  it("checks 150 cells against the latest declarations", () => {
    expect(run("const rate = 0.5;")).toEqual([]);
    for (let i = 0; i < 150; i++) {
      expect(run(`rate * ${i}`)).toEqual([]);
      if (i % 50 === 0) expect(run(`const wrong${i}: string = rate;`)).toEqual([2322]);
    }
    expect(run('const rate = "half";')).toEqual([]);
    // TS2362: the left side of `*` is a string now.
    expect(run("rate * 2")).toEqual([2362]);
  }, 60_000);

  it("compiles each cell from its own text", () => {
    const first = checker.check("6 * 7");
    const second = checker.check("const answer = 42;\nanswer");
    expect(first.compile(1).code).toContain("6 * 7");
    expect(second.compile(2).code).toContain("answer");
    expect(first.compile(1).code).not.toContain("answer");
    expect(JSON.parse(first.compile(1).sourceMap).sourcesContent).toEqual(["6 * 7"]);
  }, 60_000);

  it("names a cell run again by its new count", () => {
    const first = checker.check("throw new Error('again')").compile(3);
    const again = checker.check("throw new Error('again')").compile(4);
    expect(first.filename).toBe("cell[3].ts");
    expect(again.filename).toBe("cell[4].ts");
    expect(again.code).toBe(first.code);
  }, 60_000);
});
