import type { ExecuteResult, IopubMessage, KernelClient } from "../../src/notebook/client";
import { ofType, startKernel, stopKernel } from "./fixture";

// The tutorial's cells sent one by one to the compiled kernel over ZeroMQ, as JupyterLab sends them.

const VEGA_LITE = "application/vnd.vegalite.v5+json";

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("tutorial"));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

async function run(code: string): Promise<ExecuteResult> {
  const result = await client.execute(code);
  expect(result.reply).toMatchObject({ status: "ok" });
  return result;
}

function data(message: IopubMessage): Record<string, unknown> {
  return message.content.data as Record<string, unknown>;
}

function displayId(message: IopubMessage): string | undefined {
  return (message.content.transient as { display_id?: string } | undefined)?.display_id;
}

describe("tutorial cells over ZeroMQ", () => {
  it("runs the Keras Sequential tutorial from data to predictions", async () => {
    await run('const { xTrain, yTrain, xTest, yTest } = datasets.iris({ testSize: 0.2, seed: 42 });\nconst inputDim = xTrain.shape[1];');

    const created = await run(
      [
        "const modelo = new Sequential();",
        'modelo.add(new Dense({ units: 64, activation: "relu", inputShape: [inputDim] }));',
        'modelo.add(new Dense({ units: 3, activation: "softmax" }));',
        "modelo.summary();",
      ].join("\n"),
    );
    const summary = ofType(created, "display_data")[0];
    expect(String(data(summary)["text/html"])).toContain("<table");
    expect(String(data(summary)["text/plain"])).toMatch(/Total params: 515/);

    await run('modelo.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });');
    const trained = await run("await modelo.fit(xTrain, utils.toCategorical(yTrain, 3), { epochs: 12, batchSize: 16 });");

    // One chart shown once, then updated in place under the same display id.
    const charts = ofType(trained, "display_data").filter((message) => VEGA_LITE in data(message));
    expect(charts).toHaveLength(1);
    const updates = ofType(trained, "update_display_data").filter((message) => displayId(message) === displayId(charts[0]));
    expect(updates.length).toBeGreaterThan(0);
    const finalSpec = data(updates[updates.length - 1])[VEGA_LITE] as { data: { values: { series: string }[] } };
    expect(finalSpec.data.values.filter((point) => point.series === "loss")).toHaveLength(12);
    expect(finalSpec.data.values.filter((point) => point.series === "accuracy")).toHaveLength(12);

    const evaluated = await run("const scores = await modelo.evaluate(xTest, utils.toCategorical(yTest, 3));\n[typeof scores[0], typeof scores[1]]");
    expect(data(ofType(evaluated, "execute_result")[0])["text/plain"]).toBe("[ 'number', 'number' ]");

    const predicted = await run("modelo.predict(xTest)");
    expect(String(data(ofType(predicted, "execute_result")[0])["text/plain"])).toMatch(/float32 shape=\[30, 3\]/);
  });

  it("keeps the cell busy until un-awaited fits have ended", async () => {
    await run('const m2 = new Sequential([new Dense(1, { inputShape: [2] })]);\nm2.compile({ optimizer: "sgd", loss: "mse" });\nconst x2 = tf.ones([8, 2]);\nconst y2 = tf.zeros([8, 1]);');
    const result = await run("m2.fit(x2, y2, { epochs: 3 });\nm2.fit(x2, y2, { epochs: 4 });");
    const charts = ofType(result, "display_data").filter((message) => VEGA_LITE in data(message));
    expect(charts).toHaveLength(2);
    const epochsDone = await run("m2.history?.epoch.length");
    expect(data(ofType(epochsDone, "execute_result")[0])["text/plain"]).toBe("4");
  });

  it("shows a tensor's dtype and shape in console.log, not its internal fields", async () => {
    const result = await run("const t = tf.randomNormal([200, 50]);\nconsole.log(t);");
    const printed = ofType(result, "stream").map((message) => String(message.content.text)).join("");
    expect(printed).toMatch(/float32 shape=\[200, 50\]/);
    expect(printed).not.toMatch(/kept|dataId|rankType/);
  });
});
