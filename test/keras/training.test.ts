import { InterruptedError } from "../../src/keras/errors";
import { interruptTraining, whenTrainingIdle } from "../../src/keras/training";
import { compiledXorModel, xorInputs, xorTargets, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

const x = xorInputs;
const y = xorTargets;

const compiledModel = compiledXorModel;

describe("fit() without await", () => {
  it("runs two fits on one model one after the other", async () => {
    const model = compiledModel();
    const events: string[] = [];
    const logEpochs = (label: string) => ({ onEpochEnd: async (epoch: number) => void events.push(`${label}${epoch}`) });

    const first = model.fit(x, y, { epochs: 2, verbose: 0, callbacks: logEpochs("a") });
    const second = model.fit(x, y, { epochs: 3, verbose: 0, callbacks: logEpochs("b") });
    const [firstHistory, secondHistory] = await Promise.all([first, second]);

    expect(firstHistory.epoch).toEqual([0, 1]);
    expect(secondHistory.epoch).toEqual([0, 1, 2]);
    expect(events).toEqual(["a0", "a1", "b0", "b1", "b2"]);
    expect(model.history).toBe(secondHistory);
  });

  it("lets whenTrainingIdle() wait for every queued fit", async () => {
    const model = compiledModel();
    void model.fit(x, y, { epochs: 2, verbose: 0 });
    void model.fit(x, y, { epochs: 4, verbose: 0 });
    await whenTrainingIdle();
    expect(model.history?.epoch).toEqual([0, 1, 2, 3]);
  });

  it("resolves whenTrainingIdle() at once when nothing runs", async () => {
    await expect(whenTrainingIdle()).resolves.toBeUndefined();
  });

  it("queues evaluate() behind the fits of its model", async () => {
    const model = compiledModel();
    const events: string[] = [];
    void model.fit(x, y, { epochs: 2, verbose: 0, callbacks: { onTrainEnd: async () => void events.push("fit done") } });
    const evaluation = model.evaluate(x, y).then((result) => {
      events.push("evaluated");
      return result;
    });
    const [loss, accuracy] = await evaluation;
    expect(events).toEqual(["fit done", "evaluated"]);
    expect(typeof loss).toBe("number");
    expect(typeof accuracy).toBe("number");
  });

  it("runs the next fit after one that failed", async () => {
    const model = compiledModel();
    const failing = model.fit(x, y, {
      epochs: 2,
      verbose: 0,
      callbacks: {
        onEpochEnd: async () => {
          throw new Error("callback failed");
        },
      },
    });
    const next = model.fit(x, y, { epochs: 1, verbose: 0 });
    await expect(failing).rejects.toThrow("callback failed");
    await expect(next).resolves.toHaveProperty("epoch", [0]);
    await whenTrainingIdle();
  });

  it("trains two models side by side", async () => {
    const [first, second] = [compiledModel(), compiledModel()];
    const histories = await Promise.all([
      first.fit(x, y, { epochs: 2, verbose: 0 }),
      second.fit(x, y, { epochs: 2, verbose: 0 }),
    ]);
    expect(histories.map((history) => history.epoch)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});

describe("interruptTraining()", () => {
  it("stops the running fit between batches and rejects the queued ones", async () => {
    const model = compiledModel();
    const running = model.fit(x, y, {
      epochs: 1000,
      batchSize: 1,
      verbose: 0,
      callbacks: { onEpochEnd: async (epoch) => (epoch === 1 ? interruptTraining() : undefined) },
    });
    const queued = model.fit(x, y, { epochs: 5, verbose: 0 });

    await expect(running).rejects.toThrow(InterruptedError);
    await expect(running).rejects.toThrow(/interrupted after 3 of 1000 epochs/);
    // The fit stops at the first batch after the interrupt, so epoch 2 ends early and is the last one.
    expect(model.history?.epoch).toEqual([0, 1, 2]);
    await expect(queued).rejects.toThrow(/before this fit\(\) started/);

    // The model stays usable.
    const scores = await model.evaluate(x, y);
    expect([scores].flat().every((value) => Number.isFinite(value))).toBe(true);
  });

  it("leaves fits queued afterwards alone", async () => {
    interruptTraining();
    const model = compiledModel();
    const history = await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(history.epoch).toEqual([0, 1]);
  });
});
