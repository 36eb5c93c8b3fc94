import * as tf from "@tensorflow/tfjs";
import { Dense } from "../../src/keras/layers";
import { Dropout } from "../../src/keras/reshaping";
import { clearRandomSeed, setRandomSeed } from "../../src/keras/seed";
import { Sequential } from "../../src/keras/sequential";
import { selectBackend } from "../../src/runtime/backend";

// setRandomSeed() on the WebAssembly backend, which a notebook uses by default.

beforeAll(async () => {
  expect(await selectBackend(tf, "wasm")).toBe("wasm");
});

afterEach(() => {
  clearRandomSeed();
});

const x = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 7) / 7]);
const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));

async function trainWithSeed(seed: number): Promise<{ losses: number[]; final: number[] }> {
  setRandomSeed(seed);
  const model = new Sequential([
    new Dense(8, { activation: "relu", inputShape: [3] }),
    new Dropout(0.3),
    new Dense(1, { activation: "sigmoid" }),
  ]);
  model.compile({ optimizer: "adam", loss: "binary_crossentropy" });
  const history = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, shuffle: true, validationSplit: 0.2 });
  const [kernel] = model.getWeights();
  const final = Array.from(kernel.dataSync());
  kernel.dispose();
  return { losses: history.history.loss, final };
}

describe("setRandomSeed() on wasm", () => {
  it("repeats losses and trained weights", async () => {
    const first = await trainWithSeed(3);
    const second = await trainWithSeed(3);
    expect(tf.getBackend()).toBe("wasm");
    expect(second.losses).toEqual(first.losses);
    expect(second.final).toEqual(first.final);
  });

  it("gives other losses with another seed", async () => {
    const first = await trainWithSeed(3);
    const other = await trainWithSeed(4);
    expect(other.losses).not.toEqual(first.losses);
  });
});
