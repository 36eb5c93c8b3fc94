import type { KernelClient } from "../../src/notebook/client";
import { ofType, resultText, startKernel, stopKernel, streamText } from "./fixture";

// A cell that leaves tensors behind gets a note with their count and how to free them, as when
// model.predict runs in a loop. Tensors kept in variables stay valid and raise no warning.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("tensor-leaks"));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

const PREDICT_LOOP = [
  "const m = new Sequential();",
  "m.add(new Dense(1, { inputShape: [4] }));",
  "for (let i = 0; i < 50; i++) m.predict(tf.randomNormal([1, 4]));",
  "tf.memory().numTensors",
].join("\n");

describe("tensors left behind by a cell", () => {
  it("counts a predict loop's tensors on each run", async () => {
    const first = await client.execute(PREDICT_LOOP);
    const second = await client.execute(PREDICT_LOOP);
    for (const run of [first, second]) {
      expect(run.reply.status).toBe("ok");
      expect(streamText(run, "stderr")).toContain("This cell left 100 tensors (1000.00 B) in memory that no variable refers to");
      expect(streamText(run, "stderr")).toContain("tf.tidy(() => ...)");
      expect(streamText(run, "stderr")).toContain(".dispose()");
    }
    // The new model's kernel and bias are the other two tensors.
    const growth = Number(resultText(second)) - Number(resultText(first));
    expect(streamText(second, "stderr")).toContain(`tf.memory().numTensors is now ${resultText(second)}`);
    expect(growth).toBe(102);
  });

  it("counts the inputs that a loop makes and drops", async () => {
    const result = await client.execute("const outputs = Array.from({ length: 30 }, () => m.predict(tf.ones([1, 4])) as tf.Tensor);");
    expect(streamText(result, "stderr")).toContain("This cell left 30 tensors (480.00 B)");
  });

  it("stays quiet when tf.tidy frees the loop's tensors", async () => {
    const result = await client.execute("tf.tidy(() => { for (let i = 0; i < 50; i++) m.predict(tf.randomNormal([1, 4])); });\n1");
    expect(streamText(result, "stderr")).toBe("");
  });

  it("keeps tensors held in variables valid and does not warn about them", async () => {
    const made = await client.execute("const input = tf.ones([1, 4]);\nconst predictions = Array.from({ length: 30 }, () => m.predict(input) as tf.Tensor);");
    expect(streamText(made, "stderr")).toBe("");
    const used = await client.execute("predictions.map((p) => p.dataSync()[0]).length");
    expect(resultText(used)).toBe("30");
    expect(ofType(used, "error")).toHaveLength(0);
  });

  it("keeps the tensor count level over repeated fit, evaluate and predict cells", async () => {
    const setup = await client.execute(
      "const features = tf.randomNormal([64, 4], 0, 1, 'float32', 1);\nconst labels = tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 3), 'int32'), 3);\n" +
        "const classifier = new Sequential([new Dense(8, { activation: 'relu', inputShape: [4] }), new Dense(3, { activation: 'softmax' })]);\n" +
        "classifier.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });",
    );
    expect(setup.reply.status).toBe("ok");
    const cell =
      "await classifier.fit(features, labels, { epochs: 2, batch_size: 16, validation_split: 0.25 });\n" +
      "const score = await classifier.evaluate(features, labels);\nconst probabilities = classifier.predict(features);\n" +
      "probabilities.dispose();\ntf.memory().numTensors";
    const counts: number[] = [];
    for (let run = 0; run < 4; run++) {
      const result = await client.execute(cell);
      expect(result.reply.status).toBe("ok");
      expect(streamText(result, "stderr")).toBe("");
      counts.push(Number(resultText(result)));
    }
    // The first fit creates the optimizer's slots; later runs add nothing.
    expect(counts[2]).toBe(counts[1]);
    expect(counts[3]).toBe(counts[1]);
  });

  it("warns in Spanish in a Spanish notebook", async () => {
    const spanish = await startKernel("tensor-leaks-es", () => undefined, { TSKERAS_LANG: "es" });
    try {
      const result = await spanish.client.execute("for (let i = 0; i < 20; i++) tf.ones([2]);");
      expect(streamText(result, "stderr")).toContain("Esta celda dejó en memoria 20 tensores");
    } finally {
      await stopKernel(spanish);
    }
  }, 120_000);
});
