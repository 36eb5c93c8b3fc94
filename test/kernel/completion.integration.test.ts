import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelClient, type ExecuteResult } from "../../src/notebook/client";

// complete_request, inspect_request and is_complete_request against the compiled kernel from dist/,
// over real ZeroMQ sockets; `npm test` builds it first.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "tskeras-completion-test-"));
  // A package in the notebook's node_modules, which import completion should offer.
  const nopal = join(folder, "node_modules", "nopal");
  mkdirSync(nopal, { recursive: true });
  writeFileSync(join(nopal, "package.json"), JSON.stringify({ name: "nopal", version: "1.0.0", types: "index.d.ts" }));
  writeFileSync(join(nopal, "index.d.ts"), "export declare function espina(): number;\n");

  client = await KernelClient.start({ cwd: folder, env: { ...process.env, TSKERAS_LANG: "en", TSKERAS_TYPECHECK: "" } });
  const setup = await client.execute("const modelo = new Sequential();\nconst datos = [1, 2, 3];");
  expect(setup.reply.status).toBe("ok");
}, 120_000);

afterAll(async () => {
  await client?.shutdown();
  rmSync(folder, { recursive: true, force: true });
});

/** Length of text in Unicode code points, the unit of cursor_pos. */
function codePoints(text: string): number {
  return [...text].length;
}

interface TypedMatch {
  start: number;
  end: number;
  text: string;
  type: string;
  signature?: string;
}

function typedMatches(result: ExecuteResult): TypedMatch[] {
  const metadata = result.reply.metadata as { _jupyter_types_experimental: TypedMatch[] };
  return metadata._jupyter_types_experimental;
}

function matches(result: ExecuteResult): string[] {
  return result.reply.matches as string[];
}

function statuses(result: ExecuteResult): unknown[] {
  return result.iopub.filter((m) => m.header.msg_type === "status").map((m) => m.content.execution_state);
}

describe("complete_request", () => {
  it("lists members of a model from an earlier cell", async () => {
    const result = await client.complete("modelo.", 7);
    expect(result.reply.status).toBe("ok");
    expect(matches(result)).toEqual(expect.arrayContaining(["add", "compile", "fit", "predict", "summary"]));
    expect(result.reply.cursor_start).toBe(7);
    expect(result.reply.cursor_end).toBe(7);
    expect(statuses(result)).toEqual(["busy"]);
  });

  it("sees the new exports of an edited .ts file", async () => {
    const file = join(folder, "units.ts");
    writeFileSync(file, "export const meters = 1;\n");
    expect((await client.execute('import * as units from "./units.ts";')).reply.status).toBe("ok");
    const code = "units.";
    expect(matches(await client.complete(code, code.length))).toEqual(["meters"]);

    // The same cell text, after the file changed.
    writeFileSync(file, "export const meters = 1;\nexport const feet = 0.3048;\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(matches(await client.complete(code, code.length))).toEqual(["feet", "meters"]);
  });

  it("gives each match its kind and a signature", async () => {
    const fit = typedMatches(await client.complete("modelo.", 7)).find((match) => match.text === "fit");
    expect(fit).toMatchObject({ start: 7, end: 7, type: "method" });
    expect(fit?.signature).toBe("(x: DataInput, y: DataInput, options?: FitOptions): Promise<History>");
  });

  it("prints a generic method's signature for the type it is called on", async () => {
    // Signatures of library members are kept between requests; a generic one depends on its receiver.
    const numbers = typedMatches(await client.complete("[1, 2].ma", 9)).find((match) => match.text === "map");
    const words = typedMatches(await client.complete('["a"].ma', 8)).find((match) => match.text === "map");
    expect(numbers?.signature).toContain("value: number");
    expect(words?.signature).toContain("value: string");
  });

  it("filters members by the letters typed and replaces them", async () => {
    const result = await client.complete("modelo.fi", 9);
    expect(matches(result)).toEqual(["fit"]);
    expect(result.reply.cursor_start).toBe(7);
    expect(result.reply.cursor_end).toBe(9);
  });

  it("replaces the whole word around the cursor", async () => {
    const result = await client.complete("modelo.fit(x)", 8);
    expect(matches(result)).toEqual(["fit"]);
    expect(result.reply.cursor_start).toBe(7);
    expect(result.reply.cursor_end).toBe(10);
  });

  it("lists TensorFlow.js functions after tf.", async () => {
    const result = await client.complete("tf.tens", 7);
    expect(matches(result)).toEqual(expect.arrayContaining(["tensor", "tensor1d", "tensor2d"]));
    expect(typedMatches(result).find((match) => match.text === "tensor2d")?.type).toBe("function");
    expect(result.reply.cursor_start).toBe(3);
  });

  it("lists names from earlier cells and preloaded globals", async () => {
    expect(matches(await client.complete("mode", 4))).toContain("modelo");
    const preloaded = typedMatches(await client.complete("Den", 3));
    expect(preloaded.map((match) => match.text)).toContain("Dense");
    expect(preloaded.find((match) => match.text === "Dense")?.type).toBe("class");
  });

  it("types a name by the cell's own declaration", async () => {
    const result = await client.complete("const modelo = 5;\nmodelo.toF", 28);
    expect(matches(result)).toEqual(["toFixed"]);
  });

  it("offers the option keys of a constructor", async () => {
    const code = "new Dense({  })";
    const result = await client.complete(code, 11);
    expect(matches(result)).toEqual(expect.arrayContaining(["units", "activation", "inputShape", "useBias"]));
    const typed = await client.complete("new Dense({ un })", 14);
    expect(matches(typed)).toEqual(["units"]);
    expect(typed.reply.cursor_start).toBe(12);
  });

  it("offers activation and loss names inside strings", async () => {
    const code = 'new Dense(64, { activation: "so" })';
    const cursor = code.indexOf('"so"') + 3;
    const result = await client.complete(code, cursor);
    expect(matches(result)).toEqual(["softmax", "softplus"]);
    expect(result.reply.cursor_start).toBe(cursor - 2);
    expect(typedMatches(result)[0].type).toBe("string");

    const loss = 'modelo.compile({ loss: "categorical_c';
    expect(matches(await client.complete(loss, loss.length))).toEqual(["categorical_crossentropy"]);
  });

  it("offers nothing inside a comment", async () => {
    const result = await client.complete("// mo", 5);
    expect(result.reply).toMatchObject({ status: "ok", matches: [], cursor_start: 5, cursor_end: 5 });
  });

  it("offers node built-ins and installed packages in an import", async () => {
    const result = await client.complete('import x from "no"', 17);
    expect(matches(result)).toEqual(expect.arrayContaining(["node:fs", "node:path", "nopal"]));
    expect(result.reply.cursor_start).toBe(15);
    expect(result.reply.cursor_end).toBe(17);

    const prefixed = await client.complete('import { readFileSync } from "node:f"', 36);
    expect(matches(prefixed)).toEqual(["node:fs", "node:fs/promises"]);
    expect(prefixed.reply.cursor_start).toBe(30);
  });

  it("hides the kernel's own module names in an import", async () => {
    const result = await client.complete('import x from "_', 16);
    expect(matches(result).filter((name) => name.startsWith("__tskeras"))).toEqual([]);
    const all = await client.complete('import x from "', 15);
    expect(matches(all)).toEqual(expect.arrayContaining(["node:fs", "zlib"]));
    expect(matches(all).filter((name) => name.startsWith("__tskeras"))).toEqual([]);
  });

  it("lists members of a built-in module not yet imported", async () => {
    const code = 'import * as os from "node:os";\nos.cpu';
    const result = await client.complete(code, code.length);
    expect(matches(result)).toEqual(["cpus"]);
  });

  it("counts cursor positions in code points after an emoji", async () => {
    const code = 'const café = "😀";\nmodelo.co';
    const result = await client.complete(code, codePoints(code));
    expect(matches(result)).toEqual(["compile", "countParams"]);
    expect(result.reply.cursor_end).toBe(codePoints(code));
    expect(result.reply.cursor_start).toBe(codePoints(code) - 2);
    expect(typedMatches(result)[0]).toMatchObject({ start: codePoints(code) - 2, end: codePoints(code) });
  });

  it("completes in a cell with syntax errors", async () => {
    const code = "const roto = (1 + ;\nmodelo.ad";
    expect(matches(await client.complete(code, codePoints(code)))).toEqual(["add"]);
  });

  it("reads a missing cursor_pos as the end of the code", async () => {
    const result = await client.complete("modelo.su");
    expect(matches(result)).toEqual(["summary", "summaryData"]);
  });

  it("completes empty code with names in scope", async () => {
    const result = await client.complete("", 0);
    expect(result.reply.status).toBe("ok");
    expect(matches(result)).toEqual(expect.arrayContaining(["modelo", "tf", "Sequential"]));
  });

  it("replies with an error to a cursor_pos past the end", async () => {
    const result = await client.complete("modelo.", 8);
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError" });
    expect(String(result.reply.evalue)).toContain("cursor_pos 8 is outside the code, which has 7 code points");
  });

  it("replies with an error to a negative cursor_pos", async () => {
    const result = await client.complete("modelo.", -1);
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError" });
  });

  it("replies with an error to code that is not a string", async () => {
    const result = await client.complete(42 as unknown as string, 0);
    expect(result.reply).toMatchObject({ status: "error", ename: "TypeError" });
    expect(String(result.reply.evalue)).toContain("content.code must be a string, got number");
  });

  it("keeps working after invalid requests", async () => {
    await client.complete("x", 5);
    expect((await client.execute("datos.length")).reply.status).toBe("ok");
    expect(matches(await client.complete("datos.len", 9))).toEqual(["length"]);
  });

  it("answers while a cell runs", async () => {
    const running = client.execute("await new Promise((resolve) => setTimeout(resolve, 3000));\n'done'");
    let executeReplied = false;
    void running.then(() => (executeReplied = true));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = Date.now();
    const result = await client.complete("modelo.fi", 9);
    expect(matches(result)).toEqual(["fit"]);
    expect(executeReplied).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await running).reply.status).toBe("ok");
  });
});

describe("inspect_request", () => {
  it("describes a Dense option with its documentation", async () => {
    const code = "new Dense({ units: 8, activation: 'relu' })";
    const result = await client.inspect(code, code.indexOf("units") + 2, 0);
    expect(result.reply).toMatchObject({ status: "ok", found: true });
    const data = result.reply.data as Record<string, string>;
    expect(data["text/markdown"]).toMatch(/^```ts\n\(property\) DenseOptions\.units\?: number \| undefined\n```/);
    expect(data["text/plain"]).toContain("Number of output values per sample");

    const activation = await client.inspect(code, code.indexOf("activation") + 3, 0);
    expect((activation.reply.data as Record<string, string>)["text/plain"]).toMatch(/Default: null, which means linear/);
  });

  it("finds nothing for a name that is not defined", async () => {
    const result = await client.inspect("notDefinedAnywhere", 5, 0);
    expect(result.reply).toMatchObject({ status: "ok", found: false });
  });

  it("shows documentation written in an earlier cell", async () => {
    const declared = await client.execute(
      "/** Adds two numbers. */\nfunction addBoth(a: number, b: number) { return a + b; }\n/** Learning rate of the notebook. */\nconst learningRate = 0.1;\n/** A point on the plane. */\nclass PlanePoint { x = 1 }",
    );
    expect(declared.reply.status).toBe("ok");
    for (const [name, doc] of [["addBoth", "Adds two numbers."], ["learningRate", "Learning rate of the notebook."], ["PlanePoint", "A point on the plane."]]) {
      const data = (await client.inspect(name, name.length, 0)).reply.data as Record<string, string>;
      expect({ name, text: data["text/plain"] }).toEqual({ name, text: expect.stringContaining(doc) });
    }

    // A changed comment alone keeps the class's type as it was for values made before.
    await client.execute("const planePoint = new PlanePoint();");
    expect((await client.execute("/** A point, described again. */\nclass PlanePoint { x = 1 }")).reply.status).toBe("ok");
    const inspected = (await client.inspect("planePoint", 10, 0)).reply.data as Record<string, string>;
    expect(inspected["text/plain"]).toContain("const planePoint: PlanePoint");
    expect(inspected["text/plain"]).not.toContain("PlanePoint\u02b9");
  });

  it("gives the first paragraph at level 0 and everything at level 1", async () => {
    const summary = (await client.inspect("Sequential", 10, 0)).reply.data as Record<string, string>;
    const full = (await client.inspect("Sequential", 10, 1)).reply.data as Record<string, string>;
    expect(summary["text/plain"]).toContain("A linear stack of layers");
    expect(summary["text/plain"]).not.toContain("model.compile(");
    expect(full["text/plain"]).toContain("model.compile(");
    expect(full["text/markdown"]).toMatch(/^```ts\nclass Sequential\n```/);
  });

  it("shows @param and @returns tags at level 1 only", async () => {
    const full = (await client.inspect("modelo.fit", 10, 1)).reply.data as Record<string, string>;
    expect(full["text/plain"]).toContain("@param x Training inputs, one row per sample");
    expect(full["text/markdown"]).toContain("*@param* `options` — Epochs (default 1), batch size (default 32)");
    expect(full["text/markdown"]).toContain("*@returns* The History");
    const summary = (await client.inspect("modelo.fit", 10, 0)).reply.data as Record<string, string>;
    expect(summary["text/plain"]).not.toContain("@param");
  });

  it("describes an option's default and its Keras spelling", async () => {
    const code = "modelo.fit(x, y, { epochs: 5, batch_size: 16 })";
    const data = (await client.inspect(code, code.indexOf("batch_size") + 2, 0)).reply.data as Record<string, string>;
    expect(data["text/plain"]).toContain("Same as batchSize, in Keras's spelling.");
    const camel = await client.inspect("modelo.fit(x, y, { batchSize: 16 })", 22, 0);
    expect((camel.reply.data as Record<string, string>)["text/plain"]).toContain("Samples per gradient update. Default: 32.");
  });

  it("describes a variable with the documentation of its class", async () => {
    const data = (await client.inspect("modelo", 6, 0)).reply.data as Record<string, string>;
    expect(data["text/markdown"]).toContain("const modelo: Sequential");
    expect(data["text/plain"]).toContain("A linear stack of layers");
  });

  it("describes the function whose arguments hold the cursor", async () => {
    const data = (await client.inspect("modelo.fit(x, ", 14, 0)).reply.data as Record<string, string>;
    expect(data["text/plain"]).toContain("fit(x: DataInput, y: DataInput, options?: FitOptions): Promise<History>");
    expect(data["text/plain"]).toContain("y: Training targets, one row per sample");

    const constructor = (await client.inspect("new Dense(", 10, 0)).reply.data as Record<string, string>;
    expect(constructor["text/plain"]).toContain("A fully connected layer");
  });

  it("counts cursor_pos in code points after an emoji", async () => {
    // The cursor is at the start of "fit"; read as UTF-16, it would fall one unit earlier, on "modelo".
    const code = 'console.log("😀");\nmodelo.fit';
    const result = await client.inspect(code, codePoints(code) - 3, 0);
    expect(result.reply).toMatchObject({ status: "ok", found: true });
    const text = (result.reply.data as Record<string, string>)["text/plain"];
    expect(text).toContain("Sequential.fit(");
    expect(text).not.toContain("const modelo");
  });

  it("says found false where there is no name", async () => {
    const result = await client.inspect("   ", 1, 0);
    expect(result.reply).toEqual({ status: "ok", found: false, data: {}, metadata: {} });
  });

  it("rejects a detail_level other than 0 or 1", async () => {
    const result = await client.inspect("modelo", 6, 2 as 0 | 1);
    expect(result.reply).toMatchObject({ status: "error", ename: "RangeError" });
  });
});

describe("is_complete_request", () => {
  it.each([
    ["1 + 1", { status: "complete" }],
    ["modelo.compile({", { status: "incomplete", indent: "  " }],
    ["for (const d of datos)", { status: "incomplete", indent: "  " }],
    ["const texto = `línea", { status: "incomplete", indent: "" }],
    ["}", { status: "invalid" }],
  ])("judges %j", async (code, expected) => {
    const result = await client.isComplete(code);
    expect(result.reply).toEqual(expected);
  });

  it("replies unknown to content without code", async () => {
    const result = await client.isComplete(undefined as unknown as string);
    expect(result.reply).toEqual({ status: "unknown" });
  });
});
