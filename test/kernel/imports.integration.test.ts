import { rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExecuteResult, KernelClient } from "../../src/notebook/client";
import { commonJsPackageJson, resultText, startKernel, stopKernel, TYPE_CHECK_ERROR, writePackage } from "./fixture";

// Imports resolve from the notebook's folder: packages of every module format, JSON and .ts files.

let client: KernelClient;
let folder: string;

/** Writes a package into the notebook folder's node_modules. */
beforeAll(async () => {
  ({ client, folder } = await startKernel("imports", writeNotebookFolder));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

/** Writes the packages and files that the tests import into the notebook's folder. */
function writeNotebookFolder(notebookFolder: string): void {
  // An ES-module-only package: its exports offer only an import entry, as p-limit 4 and later do.
  writePackage(notebookFolder, "esm-limit", {
    "package.json": JSON.stringify({ name: "esm-limit", version: "1.0.0", type: "module", exports: { ".": { types: "./index.d.ts", import: "./index.js" } } }),
    "index.js": "export default function limit(concurrency) { return async (task) => task(); }\n",
    "index.d.ts": "export default function limit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T>;\n",
  });
  writePackage(notebookFolder, "cjs-greet", {
    "package.json": JSON.stringify({ name: "cjs-greet", version: "1.0.0", main: "index.js" }),
    "index.js": "exports.greet = (name) => `hola, ${name}`;\n",
    "index.d.ts": "export declare function greet(name: string): string;\n",
  });
  // A CommonJS package that exports one function, typed with `export =`, as many older packages are.
  writePackage(notebookFolder, "cjs-slug", {
    "package.json": JSON.stringify({ name: "cjs-slug", version: "1.0.0", main: "index.js" }),
    "index.js": 'module.exports = (text) => text.toLowerCase().split(" ").join("-");\n',
    "index.d.ts": "declare function slug(text: string): string;\nexport = slug;\n",
  });
  // A CommonJS package compiled from an ES module, marked __esModule, as TypeScript and Babel emit them.
  writePackage(notebookFolder, "cjs-compiled", {
    "package.json": JSON.stringify({ name: "cjs-compiled", version: "1.0.0", main: "index.js" }),
    "index.js": 'Object.defineProperty(exports, "__esModule", { value: true });\nexports.default = (name) => `hi ${name}`;\nexports.extra = 1;\n',
    "index.d.ts": "export default function greet(name: string): string;\nexport declare const extra: number;\n",
  });
  writeFileSync(join(notebookFolder, "settings.json"), JSON.stringify({ epochs: 12 }));
  writeFileSync(join(notebookFolder, "helpers.ts"), "export function double(value: number): number {\n  return value * 2;\n}\n");
  writeFileSync(join(notebookFolder, "broken.ts"), "export const ready = true;\nexport const half = ;\n");
  writeFileSync(
    join(notebookFolder, "checks.ts"),
    "export interface Bounds {\n  low: number;\n}\n\nexport function checkPositive(value: number): number {\n  if (value < 0) throw new RangeError(`negative: ${value}`);\n  return value;\n}\n",
  );
}

describe("imports in cells", () => {
  it("imports a package that ships only ES modules", async () => {
    const result = await client.execute('import pLimit from "esm-limit";\nconst limit = pLimit(2);\nawait limit(async () => 42)');
    expect(result.reply.status).toBe("ok");
    expect(resultText(result)).toBe("42");
  });

  it("imports a CommonJS package and requires it", async () => {
    const imported = await client.execute('import { greet } from "cjs-greet";\ngreet("Ana")');
    expect(resultText(imported)).toBe("'hola, Ana'");
    const required = await client.execute('require("cjs-greet").greet("Luis")');
    expect(resultText(required)).toBe("'hola, Luis'");
  });

  it("imports a CommonJS function export by default", async () => {
    const result = await client.execute('import slug from "cjs-slug";\nslug("Red Neuronal")');
    expect(result.reply.status).toBe("ok");
    expect(resultText(result)).toBe("'red-neuronal'");
    const misused = await client.execute('import slug from "cjs-slug";\nslug(42)');
    expect(misused.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
  });

  it("imports JSON files and .ts files next to the notebook", async () => {
    const json = await client.execute('import settings from "./settings.json";\nsettings.epochs');
    expect(resultText(json)).toBe("12");
    const typescript = await client.execute('import { double } from "./helpers.ts";\ndouble(21)');
    expect(typescript.reply.status).toBe("ok");
    expect(resultText(typescript)).toBe("42");
  });

  it("runs and checks the new code of an edited .ts file", async () => {
    const file = join(folder, "scaling.ts");
    writeFileSync(file, "export function scale(value: number): number {\n  return value * 2;\n}\n");
    const cell = 'import { scale } from "./scaling.ts";\nscale(3)';
    expect(resultText(await client.execute(cell))).toBe("6");

    // A later modification time than the first version's, whatever the file system's time resolution.
    writeFileSync(file, "export interface Scaled { value: number }\nexport function scale(value: number): Scaled {\n  return { value: value * 100 };\n}\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(resultText(await client.execute(cell))).toBe("{ value: 300 }");
    const typed = await client.execute('import type { Scaled } from "./scaling.ts";\nconst scaled: Scaled = scale(1);\nscaled.value');
    expect(typed.reply.status).toBe("ok");
    expect(resultText(typed)).toBe("100");
  });

  it("checks a cell that imports nothing against an edited .ts file", async () => {
    const file = join(folder, "rates.ts");
    writeFileSync(file, "export function rate(): number {\n  return 0.1;\n}\n");
    expect((await client.execute('import { rate } from "./rates.ts";')).reply.status).toBe("ok");
    // A cell that declares nothing leaves the declarations as they were for the cell after the edit.
    expect(resultText(await client.execute("rate() * 2"))).toBe("0.2");

    editLater(file, 'export function rate(): string {\n  return "fast";\n}\n');
    const wrong = await client.execute("const second: number = rate();");
    expect(wrong.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    expect(String(wrong.reply.evalue)).toContain("TS2322");
  });

  it("checks against an edited .ts file that completion read first", async () => {
    const file = join(folder, "speeds.ts");
    writeFileSync(file, "export const speed: number = 1;\n");
    expect((await client.execute('import { speed } from "./speeds.ts";')).reply.status).toBe("ok");
    expect(resultText(await client.execute("speed"))).toBe("1");

    editLater(file, "export const speed: string = 'fast';\n");
    const inspected = await client.inspect("speed", 1, 0);
    expect(String((inspected.reply.data as Record<string, unknown>)["text/plain"])).toContain("const speed: string");
    expect((await client.execute("const label: string = speed;")).reply.status).toBe("ok");
  });

  it("completes against an edited .ts file that a cell read first", async () => {
    const file = join(folder, "sizes.ts");
    writeFileSync(file, "export const size: number = 1;\n");
    expect((await client.execute('import { size } from "./sizes.ts";')).reply.status).toBe("ok");
    expect(resultText(await client.execute("size"))).toBe("1");
    expect(completionTexts(await client.complete("size.toF", 8))).toContain("toFixed");

    editLater(file, "export const size: string = 'large';\n");
    expect((await client.execute("size.length")).reply.status).toBe("ok");
    expect(completionTexts(await client.complete("size.toU", 8))).toContain("toUpperCase");
    expect(completionTexts(await client.complete("size.toF", 8))).toEqual([]);
  });

  it("checks a repeated cell again after an edit", async () => {
    const file = join(folder, "modes.ts");
    writeFileSync(file, "export const mode: number = 1;\n");
    expect((await client.execute('import { mode } from "./modes.ts";')).reply.status).toBe("ok");
    const cell = "mode.toUpperCase();";
    expect((await client.execute(cell)).reply).toMatchObject(TYPE_CHECK_ERROR);

    editLater(file, "export const mode: string = 'train';\n");
    expect((await client.execute(cell)).reply).toMatchObject({ status: "error", ename: "TypeError" });
  });

  it("takes Node's types for a reference to node types", async () => {
    const referenced = await client.execute('/// <reference types="node" />\nprocess.version.startsWith("v")');
    expect(resultText(referenced)).toBe("true");

    writePackage(folder, "buffer-text", {
      "package.json": commonJsPackageJson("buffer-text"),
      "index.js": "exports.textOf = (buffer) => buffer.toString();\n",
      "index.d.ts": '/// <reference types="node" />\nexport declare function textOf(buffer: Buffer): string;\n',
    });
    const imported = await client.execute('import { textOf } from "buffer-text";\ntextOf(Buffer.from("ok"))');
    expect(resultText(imported)).toBe("'ok'");
    expect((await client.execute("textOf(42);")).reply).toMatchObject(TYPE_CHECK_ERROR);
  });

  it("reports a deleted .ts file and finds it again", async () => {
    const file = join(folder, "steps.ts");
    writeFileSync(file, "export function steps(): number { return 1; }\n");
    const cell = 'import { steps } from "./steps.ts";\nsteps()';
    expect(resultText(await client.execute(cell))).toBe("1");
    expect(resultText(await client.execute("steps() + 1"))).toBe("2");
    expect((await client.complete("Math.fl", 7)).reply.matches).toContain("floor");

    rmSync(file);
    // Completion goes on without the file.
    const completed = await client.complete("Math.fl", 7);
    expect(completed.reply.status).toBe("ok");
    expect(completed.reply.matches).toContain("floor");
    const missing = await client.execute(cell);
    expect(missing.reply).toMatchObject(TYPE_CHECK_ERROR);
    expect(String(missing.reply.evalue)).toContain("TS2307");
    expect((await client.execute("steps() + 1")).reply.status).toBe("ok");

    writeFileSync(file, "export function steps(): string { return 'two'; }\n");
    expect(resultText(await client.execute(cell))).toBe("'two'");
  });

  it("shows the lines of an imported .ts file in a traceback", async () => {
    const result = await client.execute('import { checkPositive } from "./checks.ts";\ncheckPositive(-1)');
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError", evalue: "negative: -1" });
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toMatch(/at checkPositive \(checks\.ts, line 6, column \d+\)/);
    expect(traceback).toMatch(/cell\[\d+\], line 2, column 1/);
    expect(traceback).toContain("if (value < 0) throw new RangeError(`negative: ${value}`);");
  });

  it("locates syntax errors of imported files", async () => {
    const result = await client.execute('import { half } from "./broken.ts";\nhalf');
    expect(result.reply).toMatchObject({ status: "error", ename: "SyntaxError" });
    expect(String(result.reply.evalue)).toContain("Syntax error in broken.ts at line 2, column 21: TS1109: Expression expected.");
  });

  it("imports Node built-ins with and without the node: prefix", async () => {
    const result = await client.execute('import { join } from "node:path";\nimport os from "os";\n[join("a", "b"), typeof os.cpus]');
    expect(resultText(result)).toBe("[ 'a/b', 'function' ]");
  });

  it("imports with import() expressions", async () => {
    const builtIn = await client.execute('const zlib = await import("node:zlib");\nzlib.gunzipSync(zlib.gzipSync("abc")).toString()');
    expect(resultText(builtIn)).toBe("'abc'");

    const esm = await client.execute('const { default: makeLimit } = await import("esm-limit");\nawait makeLimit(1)(async () => 7)');
    expect(resultText(esm)).toBe("7");

    // As with Node's import(), a CommonJS module's exports are the default export and give the named ones.
    const cjs = await client.execute('const greeting = await import("cjs-greet");\n[greeting.greet("Ana"), typeof greeting.default.greet]');
    expect(resultText(cjs)).toBe("[ 'hola, Ana', 'function' ]");

    const nested = await client.execute('async function load(name: string) { return (await import(name)).default; }\n(await load("cjs-slug"))("Hola Mundo")');
    expect(resultText(nested)).toBe("'hola-mundo'");

    const compiled = await client.execute('const { default: hi, extra } = await import("cjs-compiled");\n[hi("Ana"), extra]');
    expect(resultText(compiled)).toBe("[ 'hi Ana', 1 ]");

    const commented = await client.execute('const withComment = await import /* built-in */ ("node:os");\ntypeof withComment.cpus');
    expect(resultText(commented)).toBe("'function'");

    const symbol = await client.execute('await import(Symbol("x") as unknown as string).catch((error: Error) => error.name)');
    expect(resultText(symbol)).toBe("'TypeError'");

    expect((await client.execute('await import("not-installed-here")')).reply).toMatchObject(TYPE_CHECK_ERROR);
    // A specifier known only at run time is not checked, so the missing module is found when the cell runs.
    const missing = await client.execute('const moduleName: string = "not-installed-here";\nawait import(moduleName).catch((error: Error) => error.message)');
    expect(resultText(missing)).toContain('Cannot find module "not-installed-here"');
  });

  it("imports with import x = require()", async () => {
    const builtIn = await client.execute('import zq = require("node:zlib");\nzq.gunzipSync(zq.gzipSync("ab")).toString()');
    expect(resultText(builtIn)).toBe("'ab'");
    const exportEquals = await client.execute('import slugify = require("cjs-slug");\nslugify("Hola Mundo")');
    expect(resultText(exportEquals)).toBe("'hola-mundo'");

    // Later cells see both names with their types.
    expect((await client.execute('const zipped: string = zq.gzipSync("a");')).reply).toMatchObject(TYPE_CHECK_ERROR);
    expect((await client.execute("slugify(42);")).reply).toMatchObject(TYPE_CHECK_ERROR);
    expect(resultText(await client.execute('slugify("A B")'))).toBe("'a-b'");
  });

  it("types a built-in module on first import", async () => {
    // zlib's declarations come in with the first cell that imports it; declared without them, it would type as any.
    const checked = await client.execute('import { gzipSync } from "node:zlib";\nconst size: string = gzipSync("abc").length;');
    expect(checked.reply).toMatchObject(TYPE_CHECK_ERROR);
    expect((checked.reply.traceback as string[]).join("\n")).toContain("Type 'number' is not assignable to type 'string'");

    const result = await client.execute('import { gzipSync, gunzipSync } from "node:zlib";\ngunzipSync(gzipSync("abc")).toString()');
    expect(resultText(result)).toBe("'abc'");
  });

  it("types process.getBuiltinModule's modules", async () => {
    // No other test here imports v8 or string_decoder, whose declarations load on first use.
    expect((await client.execute('process.getBuiltinModule("node:v8").getHeapStatistics(123);')).reply).toMatchObject(TYPE_CHECK_ERROR);
    const result = await client.execute('const { StringDecoder } = process.getBuiltinModule("string_decoder");\nconst text: string = new StringDecoder("utf8").end(Buffer.from("ok"));\ntext');
    expect(resultText(result)).toBe("'ok'");
  });

  it("imports TensorFlow.js's packages and arquero as tskeras has them", async () => {
    // The notebook's folder is in the temporary folder, where no node_modules has these packages.
    const imported = await client.execute(
      'import { ones, Tensor } from "@tensorflow/tfjs-core";\nimport * as layers from "@tensorflow/tfjs-layers";\nimport * as arq from "arquero";',
    );
    expect(imported.reply.status).toBe("ok");
    // One TensorFlow.js engine: a tensor of tfjs-core is a tensor of the preloaded tf.
    const shared = await client.execute("[ones([2]) instanceof tf.Tensor, tf.ones([1]) instanceof Tensor, typeof layers.sequential, arq.table === aq.table]");
    expect(shared.reply.status).toBe("ok");
    expect(resultText(shared)).toBe("[ true, true, 'function', true ]");
  });

  it("names a missing module and the folder it was looked for in", async () => {
    const checked = await client.execute('import missing from "not-installed-here";');
    expect(checked.reply).toMatchObject({ status: "error", ename: "TypeCheckError" });
    const traceback = (checked.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("not-installed-here");
    expect(traceback).toContain(folder);

    await client.execute('kernel.typecheck("off");');
    const unchecked = await client.execute('import missing from "not-installed-here";');
    expect(unchecked.reply.status).toBe("error");
    expect(String(unchecked.reply.evalue)).toBe(`Cannot find module "not-installed-here" from ${folder}. Install it there with: npm install not-installed-here`);
    const file = await client.execute('const fileName: string = "./not-here.json";\nawait import(fileName).catch((error: Error) => error.message)');
    expect(resultText(file)).toContain(`Cannot find the file "./not-here.json" from ${folder}. Check the path, which is relative to the notebook's folder.`);
    await client.execute('kernel.typecheck("error");');
  });

  it("explains what require cannot load", async () => {
    const missing = await client.execute('require("not-installed-here")');
    expect(String(missing.reply.evalue)).toBe(`Cannot find module "not-installed-here" from ${folder}. Install it there with: npm install not-installed-here`);
    const missingFile = await client.execute('require("./not-here.js")');
    expect(String(missingFile.reply.evalue)).toContain(`Cannot find the file "./not-here.js" from ${folder}.`);
    const esm = await client.execute('require("esm-limit")');
    expect(String(esm.reply.evalue)).toBe('"esm-limit" is an ES module, which require() cannot load. Load it with import x from "esm-limit", or with await import("esm-limit").');
    // require keeps its own functions.
    expect(resultText(await client.execute('require.resolve("cjs-greet").endsWith("index.js")'))).toBe("true");
  });
});

/** Writes text to file with a modification time later than any before it, whatever the file system's time resolution. */
function editLater(file: string, text: string): void {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
}

function completionTexts(result: ExecuteResult): string[] {
  return result.reply.matches as string[];
}
