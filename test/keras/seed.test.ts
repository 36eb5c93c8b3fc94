import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { Dense } from "../../src/keras/layers";
import { Dropout } from "../../src/keras/reshaping";
import { clearRandomSeed, setRandomSeed } from "../../src/keras/seed";
import { Sequential } from "../../src/keras/sequential";
import * as utils from "../../src/keras/utils";
import { selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

afterEach(() => {
  clearRandomSeed();
});

const x = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 7) / 7]);
const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));

/** Builds, trains and reads back a small model with Dropout after setRandomSeed(seed). */
async function trainWithSeed(seed: number): Promise<{ initial: number[]; losses: number[]; final: number[] }> {
  setRandomSeed(seed);
  const model = new Sequential([
    new Dense(8, { activation: "relu", inputShape: [3] }),
    new Dropout(0.3),
    new Dense(1, { activation: "sigmoid" }),
  ]);
  const initial = Array.from(model.getWeights()[0].dataSync());
  model.compile({ optimizer: "adam", loss: "binary_crossentropy" });

  const history = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
  const final = Array.from(model.getWeights()[0].dataSync());
  return { initial, losses: history.history.loss, final };
}

describe("setRandomSeed()", () => {
  it("repeats initial weights with the same seed", async () => {
    const first = await trainWithSeed(7);
    const second = await trainWithSeed(7);
    expect(second.initial).toEqual(first.initial);
  });

  it("repeats losses and trained weights", async () => {
    const first = await trainWithSeed(7);
    const second = await trainWithSeed(7);
    expect(second.losses).toEqual(first.losses);
    expect(second.final).toEqual(first.final);
  });

  it("gives other weights with another seed", async () => {
    const first = await trainWithSeed(7);
    const other = await trainWithSeed(8);
    expect(other.initial).not.toEqual(first.initial);
    expect(other.losses).not.toEqual(first.losses);
  });

  it("repeats Dropout masks in training", () => {
    const ones = tf.ones([1, 50]);
    const dropout = new Dropout(0.5, { inputShape: [50] });
    const masks = [11, 11].map((seed) => {
      setRandomSeed(seed);
      return Array.from((dropout.tfjsLayer.apply(ones, { training: true }) as tf.Tensor).dataSync());
    });
    expect(masks[1]).toEqual(masks[0]);
    expect(masks[0]).toContain(0);
  });

  it("is exported as utils.setRandomSeed", () => {
    expect(utils.setRandomSeed).toBe(setRandomSeed);
  });

  it("raises ValueError for a seed that is not an integer", () => {
    expect(() => setRandomSeed(1.5)).toThrow(ValueError);
    expect(() => setRandomSeed("1" as unknown as number)).toThrow(ValueError);
  });
});
