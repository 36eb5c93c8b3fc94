import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { bundleDeclarations } from "../../src/kernel/typescript/declaration-bundle";

const REPO_ROOT = resolve(__dirname, "..", "..");

/** Writes files (paths relative to folder) and returns folder. */
function writeTree(folder: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** Type-checks code against the bundle, as the kernel does: bundled modules resolve only through it. */
function errorsOf(bundle: { text: string; moduleNames: Set<string> }, code: string, root: string): string[] {
  const bundlePath = join(root, "__bundle__.d.ts");
  const cellPath = join(root, "cell.ts");
  const options: ts.CompilerOptions = { strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const host = ts.createCompilerHost(options);
  const virtual = new Map([[bundlePath, bundle.text], [cellPath, code]]);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, version) => (virtual.has(fileName) ? ts.createSourceFile(fileName, virtual.get(fileName)!, version, true) : getSourceFile(fileName, version));
  host.fileExists = (fileName) => virtual.has(fileName) || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? ts.sys.readFile(fileName);
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map((literal) => (bundle.moduleNames.has(literal.text) ? { resolvedModule: undefined } : ts.resolveModuleName(literal.text, containingFile, options, host)));
  const program = ts.createProgram([bundlePath, cellPath], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(cellPath)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("bundleDeclarations", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "tskeras-bundle-"));
    writeTree(join(root, "node_modules", "@demo", "core"), {
      "package.json": JSON.stringify({ name: "@demo/core", types: "index.d.ts" }),
      "index.d.ts": 'import "./chained/all";\nexport { Tensor } from "./tensor";\nexport * from "./types";\n',
      "types.d.ts": "export type Rank = 'R0' | 'R1';\nexport type TensorLike = number | number[];\n",
      "other.d.ts": "export type Rank = { other: true };\n",
      "tensor.d.ts": "import { Rank } from './types';\nexport declare class Tensor<R extends Rank = Rank> {\n  rank: R;\n}\n",
      // Reached in the reverse order of these imports: mul, add, odd.
      "chained/all.d.ts": "import './odd';\nimport './add';\nimport './mul';\n",
      "chained/add.d.ts": "import { Rank, TensorLike } from '../types';\ndeclare module '../tensor' {\n  interface Tensor<R extends Rank = Rank> {\n    add<T extends Tensor>(b: Tensor | TensorLike): T;\n  }\n}\n",
      "chained/mul.d.ts": "import { Rank } from '../types';\ndeclare module '../tensor' {\n  interface Tensor<R extends Rank = Rank> {\n    /** Multiplies element-wise. */\n    mul(b: Tensor): Tensor<R>;\n  }\n}\n",
      // Rank means another type here, so this augmentation cannot join the others.
      "chained/odd.d.ts": "import { Rank } from '../other';\ndeclare module '../tensor' {\n  interface Tensor {\n    odd(): Rank;\n  }\n}\n",
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("gathers augmentations, leaving a clashing file", () => {
    const bundle = bundleDeclarations(root, "@demo/core", ["@demo/"]);

    expect(bundle.text.match(/declare module "__tskeras_augmentations__\/\d+"/g)).toHaveLength(1);
    const gathered = bundle.text.slice(bundle.text.indexOf('declare module "__tskeras_augmentations__/0"'));
    expect(gathered).toContain('import { Rank, TensorLike } from "@demo/core/types";');
    expect(gathered).toContain('declare module "@demo/core/tensor" {');
    expect(gathered).toContain("add<T extends Tensor>(b: Tensor | TensorLike): T;");
    expect(gathered).toContain("/** Multiplies element-wise. */");
    expect(gathered).not.toContain("odd()");
    const odd = bundle.text.slice(bundle.text.indexOf('declare module "@demo/core/chained/odd"'));
    expect(odd.slice(0, odd.indexOf("\n}\n"))).toContain("odd(): Rank;");
    // The gathered files keep their imports, without the augmentation.
    const add = bundle.text.slice(bundle.text.indexOf('declare module "@demo/core/chained/add"'));
    expect(add.slice(0, add.indexOf("\n}\n"))).not.toContain("interface Tensor");
  });

  it("keeps augmented methods and their types", () => {
    const bundle = bundleDeclarations(root, "@demo/core", ["@demo/"]);
    const use = 'import { Tensor } from "@demo/core";\ndeclare const t: Tensor<"R1">;\n';

    expect(errorsOf(bundle, `${use}const a: Tensor = t.add(1);\nconst m: Tensor<"R1"> = t.mul(t);\nconst o: { other: true } = t.odd();`, root)).toEqual([]);
    expect(errorsOf(bundle, `${use}t.add("x");`, root)).toEqual([expect.stringContaining("Argument of type 'string'")]);
    expect(errorsOf(bundle, `${use}const r: "R0" | "R1" = t.odd();`, root)).toEqual([expect.stringContaining("Type 'Rank' is not assignable")]);
    expect(errorsOf(bundle, `${use}t.div(t);`, root)).toEqual([expect.stringContaining("Property 'div' does not exist")]);
  });

  it("gathers TensorFlow.js's chained ops", () => {
    const bundle = bundleDeclarations(REPO_ROOT, "@tensorflow/tfjs", ["@tensorflow/"]);

    // The tensor module itself and the gathered augmentation, because none of the chained ops' own remain.
    expect(bundle.text.match(/module ["']@tensorflow\/tfjs-core\/dist\/tensor["']/g)).toHaveLength(2);
    expect(bundle.text.match(/declare module "__tskeras_augmentations__\/\d+"/g)?.length).toBeGreaterThanOrEqual(1);
    const code = [
      'import * as tf from "@tensorflow/tfjs";',
      "const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;",
      "const y: tf.Tensor = x.add(1).mul(tf.scalar(2)).relu();",
      "const z: tf.Tensor4D = x.conv2d(tf.ones([2, 2, 1, 1]) as tf.Tensor4D, 1, 'same');",
      "const p: tf.Tensor4D = x.maxPool([2, 2], 1, 'valid');",
      "const s: tf.Tensor = x.sum().asType('float32');",
    ].join("\n");
    expect(errorsOf(bundle, code, REPO_ROOT)).toEqual([]);
    expect(errorsOf(bundle, 'import * as tf from "@tensorflow/tfjs";\ntf.ones([2]).notAnOp();', REPO_ROOT)).toEqual([
      expect.stringContaining("Property 'notAnOp' does not exist"),
    ]);
  });

  it("declares TensorFlow.js's covariant type parameters out", () => {
    const bundle = bundleDeclarations(REPO_ROOT, "@tensorflow/tfjs", ["@tensorflow/"]);

    expect(bundle.text).toContain("class Tensor<out R extends Rank = Rank>");
    expect(bundle.text).toContain("class Variable<out R extends Rank = Rank>");
    expect(bundle.text).toContain("class TensorBuffer<out R extends Rank, out D extends DataType = 'float32'>");
  });

  it("keeps assignments' results with variance annotations", () => {
    const annotated = bundleDeclarations(REPO_ROOT, "@tensorflow/tfjs", ["@tensorflow/"]);
    // The same declarations as TensorFlow.js ships them, whose variance each type checker measures.
    const measured = {
      ...annotated,
      text: annotated.text
        .replace("class Tensor<out R", "class Tensor<R")
        .replace("class Variable<out R", "class Variable<R")
        .replace("class TensorBuffer<out R extends Rank, out D", "class TensorBuffer<R extends Rank, D"),
    };
    expect(measured.text).toContain("class TensorBuffer<R extends Rank, D extends DataType = 'float32'>");
    expect(measured.text).not.toMatch(/class (Tensor|Variable|TensorBuffer)<out/);

    const code = [
      'import * as tf from "@tensorflow/tfjs";',
      "declare const matrix: tf.Tensor2D;",
      "declare const anyRank: tf.Tensor;",
      "declare const variable2d: tf.Variable<tf.Rank.R2>;",
      "declare const variable: tf.Variable;",
      "declare const buffer2d: tf.TensorBuffer<tf.Rank.R2, 'float32'>;",
      "declare const buffer: tf.TensorBuffer<tf.Rank, 'float32'>;",
      "declare const intBuffer2d: tf.TensorBuffer<tf.Rank.R2, 'int32'>;",
      "const widened: tf.Tensor = matrix;",
      "const narrowed: tf.Tensor2D = anyRank;",
      "const sibling: tf.Tensor3D = matrix;",
      "const variableWidened: tf.Variable = variable2d;",
      "const variableNarrowed: tf.Variable<tf.Rank.R2> = variable;",
      "const variableAsTensor: tf.Tensor2D = variable2d;",
      "const bufferWidened: tf.TensorBuffer<tf.Rank, 'float32'> = buffer2d;",
      "const bufferNarrowed: tf.TensorBuffer<tf.Rank.R2, 'float32'> = buffer;",
      "const bufferDtype: tf.TensorBuffer<tf.Rank.R2, 'float32'> = intBuffer2d;",
      "const bufferAnyDtype: tf.TensorBuffer<tf.Rank.R2, tf.DataType> = intBuffer2d;",
    ].join("\n");
    const errors = errorsOf(measured, code, REPO_ROOT);

    expect(errorsOf(annotated, code, REPO_ROOT)).toEqual(errors);
    // Widening a rank or a data type is allowed, narrowing is not: covariance, which `out` declares.
    expect(errors).toEqual([
      expect.stringContaining("'Tensor<Rank>' is not assignable to type 'Tensor2D'"),
      expect.stringContaining("'Tensor2D' is not assignable to type 'Tensor3D'"),
      expect.stringContaining("'Variable<Rank>' is not assignable to type 'Variable<Rank.R2>'"),
      expect.stringContaining("'TensorBuffer<Rank, \"float32\">' is not assignable to type 'TensorBuffer<Rank.R2, \"float32\">'"),
      expect.stringContaining("'TensorBuffer<Rank.R2, \"int32\">' is not assignable to type 'TensorBuffer<Rank.R2, \"float32\">'"),
    ]);
  });
});
