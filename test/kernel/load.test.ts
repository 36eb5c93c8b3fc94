import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TYPESCRIPT_PATCHES } from "../../src/kernel/typescript/load";

const REPO_ROOT = resolve(__dirname, "..", "..");
const TYPESCRIPT_SOURCE = readFileSync(require.resolve("typescript"), "utf8");

/**
 * Runs a script in a fresh Node.js process with the compiled kernel and V8's trace of each
 * young-generation collection, and returns the bytes those collections promoted per cell.
 */
function promotedBytesPerCell(loadPatched: boolean): number {
  const folder = mkdtempSync(join(tmpdir(), "tskeras-load-"));
  const cells = 300;
  const script = `
    require("node:v8").setFlagsFromString("--no-allocation-site-pretenuring");
    if (${loadPatched}) require(${JSON.stringify(join(REPO_ROOT, "dist/kernel/typescript/load.js"))}).loadTypeScript();
    const { CellChecker } = require(${JSON.stringify(join(REPO_ROOT, "dist/kernel/typescript/checker.js"))});
    const checker = new CellChecker(${JSON.stringify(folder)}, ${JSON.stringify(REPO_ROOT)});
    checker.check("");
    console.log("cells start");
    for (let i = 0; i < ${cells}; i++) {
      // A cell that imports needs a program of its own, as a cell does after one that declares names.
      const result = checker.check('import { sep } from "node:path"; sep + ' + i + ";");
      result.compile(i);
      result.commit();
    }
    console.log("cells end");
  `;
  try {
    const trace = execFileSync(process.execPath, ["--trace-gc-nvp", "-e", script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const during = trace.slice(trace.indexOf("cells start"), trace.indexOf("cells end"));
    const promoted = [...during.matchAll(/ gc=s .* promoted=(\d+)/g)].reduce((total, match) => total + Number(match[1]), 0);
    return promoted / cells;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("loadTypeScript", () => {
  test("each patch matches the installed TypeScript", () => {
    for (const patch of TYPESCRIPT_PATCHES) {
      const patched = patch.apply(TYPESCRIPT_SOURCE);
      expect({ patch: patch.name, applies: patched !== undefined }).toEqual({ patch: patch.name, applies: true });
      expect(patched).not.toEqual(TYPESCRIPT_SOURCE);
    }
  });

  test("patches skip text they do not recognise", () => {
    for (const patch of TYPESCRIPT_PATCHES) expect(patch.apply("function createTypeChecker(host) {}\n")).toBeUndefined();
  });

  test("patched compiler still type-checks and emits", () => {
    const script = `
      const { typescript: ts, skipped } = require(${JSON.stringify(join(REPO_ROOT, "dist/kernel/typescript/load.js"))}).loadTypeScript();
      if (require("typescript") !== ts) throw new Error("require returned another module");
      const host = ts.createCompilerHost({});
      const source = ts.createSourceFile("/cell.ts", "const epochs: number = 'x';\\nfunction bound(this: object) { return () => this; }", ts.ScriptTarget.ES2022);
      host.getSourceFile = (name) => (name === "/cell.ts" ? source : undefined);
      // ES5 output runs the ES2015 transformer, which replaces \`this\` in arrows through the substitution hook.
      const program = ts.createProgram({ rootNames: ["/cell.ts"], options: { noLib: true, types: [], target: ts.ScriptTarget.ES5 }, host });
      const codes = program.getSemanticDiagnostics(source).map((d) => d.code);
      let emitted = "";
      program.emit(source, (name, text) => (emitted = text));
      console.log(JSON.stringify({ skipped, codes, emitted }));
    `;
    const result = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { skipped: string[]; codes: number[]; emitted: string };
    expect(result.skipped).toEqual([]);
    // TS2322: a string is not assignable to number.
    expect(result.codes).toContain(2322);
    expect(result.emitted).toContain("var _this = this;");
    expect(result.emitted).toContain("return _this;");
  });

  test("patched compiler emits as TypeScript does", () => {
    // Cells whose emit goes through the transformation hooks: namespaces and enums (TypeScript's
    // transformer), decorators, class fields and static blocks, `using`, and ES5 and CommonJS output.
    const cells = [
      "namespace Units { export const unit = 4; export function twice() { return unit * 2; } }\nconsole.log(Units.twice());",
      "enum Activation { Relu = 'relu', Softmax = 'softmax' }\nconst chosen = Activation.Relu;",
      "const enum Axis { Rows, Columns }\nconst axis = Axis.Columns;",
      "function logged(value: unknown, context: ClassMethodDecoratorContext) { return value; }\nclass Model { @logged fit() { return 1; } }",
      "class Layer { static count = 0; #units = 4; static { Layer.count++; } get units() { return this.#units; } }",
      "class Base { greet() { return 'base'; } }\nclass Derived extends Base { static label = 'd'; greet = () => super.greet() + this.constructor.name; }",
      "{ using handle = { [Symbol.dispose]() { console.log('closed'); } }; }",
      "export async function* batches() { for (let i = 0; i < 3; i++) yield await Promise.resolve(i); }",
      "import { readFileSync } from 'node:fs';\nexport const text = readFileSync;",
    ];
    const targets = ["ES2022", "ES2017", "ES5"];
    const script = `
      const plain = require("typescript");
      delete require.cache[require.resolve("typescript")];
      const { typescript: patched, skipped } = require(${JSON.stringify(join(REPO_ROOT, "dist/kernel/typescript/load.js"))}).loadTypeScript();
      if (skipped.length > 0 || patched === plain) throw new Error("the patched compiler did not load");
      const cells = ${JSON.stringify(cells)};
      const differences = [];
      for (const target of ${JSON.stringify(targets)}) {
        for (const cell of cells) {
          const emit = (ts) => ts.transpileModule(cell, { compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind.CommonJS, sourceMap: true } });
          const [a, b] = [emit(plain), emit(patched)];
          if (a.outputText !== b.outputText || a.sourceMapText !== b.sourceMapText) differences.push({ target, cell, plain: a.outputText, patched: b.outputText });
        }
      }
      console.log(JSON.stringify(differences));
    `;
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([]);
  });

  test("young collections free each cell's checker", () => {
    const patched = promotedBytesPerCell(true);
    const unpatched = promotedBytesPerCell(false);
    // Unpatched, about 0.36 MB of each checked cell reached the old generation, and patched about 0.03 MB.
    expect(unpatched).toBeGreaterThan(200_000);
    expect(patched).toBeLessThan(unpatched / 4);
  }, 120_000);
});
