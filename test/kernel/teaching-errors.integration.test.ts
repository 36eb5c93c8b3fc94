import type { KernelClient } from "../../src/notebook/client";
import { ofType, resultText, startKernel, stopKernel } from "./fixture";

// Mistakes a learner makes while following a Keras tutorial, caught before training starts and
// explained in the notebook's language.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("teaching-errors", () => undefined, { TSKERAS_LANG: "es" }));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

describe("a shape mismatch in fit", () => {
  it("names x, both shapes and the one-row fix before training", async () => {
    const setup = await client.execute(
      'const m = new Sequential();\nm.add(new Dense(3, { inputShape: [3] }));\nm.compile({ optimizer: "adam", loss: "mse" });\n' +
        "const before = m.getWeights().map((w) => Array.from(w.dataSync()));\nconst tensorsBefore = tf.memory().numTensors;",
    );
    expect(setup.reply.status).toBe("ok");

    const result = await client.execute("await m.fit(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 2, 3]))");
    expect(result.reply).toMatchObject({ status: "error", ename: "ValueError" });
    const evalue = String(result.reply.evalue);
    expect(evalue).toContain("El modelo espera entradas de forma (None, 3), pero x tiene forma (3,).");
    expect(evalue).toContain("escríbela como [[1, 2, 3]]");
    // No epoch started, so no progress or chart was shown.
    expect(ofType(result, "display_data")).toHaveLength(0);

    // The cell's own two tensors are the only new ones.
    const tensors = await client.execute("tf.memory().numTensors - tensorsBefore");
    expect(resultText(tensors)).toBe("2");
    const unchanged = await client.execute("JSON.stringify(m.getWeights().map((w) => Array.from(w.dataSync()))) === JSON.stringify(before)");
    expect(resultText(unchanged)).toBe("true");
  });

  it("suggests Flatten after a convolution", async () => {
    const result = await client.execute(
      'const conv = new Sequential([new Conv2D(4, 3, { inputShape: [8, 8, 1] }), new Dense(3, { activation: "softmax" })]);\n' +
        'conv.compile({ optimizer: "adam", loss: "categorical_crossentropy" });\n' +
        "await conv.fit(tf.zeros([2, 8, 8, 1]), tf.oneHot([0, 1], 3))",
    );
    expect(result.reply).toMatchObject({ status: "error", ename: "ValueError" });
    expect(String(result.reply.evalue)).toContain("añade new Flatten()");
  });
});

describe("a top-level name of a built-in global", () => {
  it("is rejected in Spanish with a new name to use", async () => {
    const result = await client.execute("const setTimeout = 5;");
    expect(result.reply).toMatchObject({ status: "error", ename: "NameError" });
    expect(String(result.reply.evalue)).toContain("`setTimeout` es un global predefinido");
    expect(String(result.reply.evalue)).toContain("`setTimeoutValor`");
    expect(resultText(await client.execute("typeof setTimeout"))).toBe("'function'");
  });

  it("is rejected in Spanish in a declare statement", async () => {
    const result = await client.execute("declare const tf: number;");
    expect(result.reply).toMatchObject({ status: "error", ename: "NameError" });
    expect(String(result.reply.evalue)).toContain("`tf` ya es un global del kernel");
  });
});

describe("a runtime error", () => {
  it("names the cell in Spanish in its traceback", async () => {
    const result = await client.execute('const primero = 1;\nthrow new Error("fallo");');
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toMatch(/en celda\[\d+\], línea 2, columna 7/);
  });
});

describe("a missing relative import", () => {
  it("points to the notebook's folder in Spanish", async () => {
    const result = await client.execute('import filas from "./no-existe.json";');
    const traceback = (result.reply.traceback as string[]).join("\n");
    expect(traceback).toContain("Una ruta que empieza por ./ o ../ es relativa a la carpeta del cuaderno");
    expect(traceback).not.toContain("Los paquetes se buscan");
  });
});
