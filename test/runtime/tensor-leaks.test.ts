import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/runtime/backend";
import { CellTensorScope, currentGlobalNames } from "../../src/runtime/tensor-leaks";

const globals = globalThis as Record<string, unknown>;

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

afterEach(() => {
  delete globals.keptTensors;
  tf.disposeVariables();
});

/** Runs body as one cell would: inside a scope that ends with the cell's value. */
async function runCell(body: () => unknown): Promise<ReturnType<CellTensorScope["finish"]>> {
  const scope = new CellTensorScope(tf, currentGlobalNames());
  const value = await body();
  return scope.finish(value);
}

describe("CellTensorScope", () => {
  it("counts tensors that nothing refers to", async () => {
    const left = await runCell(() => {
      for (let i = 0; i < 12; i++) tf.ones([2]);
    });
    expect(left).toMatchObject({ count: 12, bytes: 96 });
    expect(left?.numTensors).toBe(tf.memory().numTensors);
  });

  it("frees nothing, so the tensors stay usable", async () => {
    const made: tf.Tensor[] = [];
    await runCell(() => {
      for (let i = 0; i < 12; i++) made.push(tf.ones([2]));
    });
    expect(made.every((tensor) => !tensor.isDisposed)).toBe(true);
    tf.dispose(made);
  });

  it("ignores tensors that a global keeps through arrays, objects, maps and sets", async () => {
    const left = await runCell(() => {
      globals.keptTensors = {
        rows: Array.from({ length: 5 }, () => tf.zeros([1])),
        byName: new Map([["a", tf.zeros([1])]]),
        unique: new Set([tf.zeros([1])]),
        nested: { deeper: [{ tensor: tf.zeros([1]) }] },
      };
      for (let i = 0; i < 8; i++) tf.keep(tf.ones([1]));
    });
    expect(left).toBeUndefined();
  });

  it("ignores the cell's value and disposed tensors", async () => {
    const left = await runCell(() => {
      for (let i = 0; i < 20; i++) tf.ones([3]).dispose();
      return Array.from({ length: 15 }, () => tf.zeros([2]));
    });
    expect(left).toBeUndefined();
  });

  it("ignores tensors freed by tf.tidy", async () => {
    const left = await runCell(() => tf.tidy(() => {
      for (let i = 0; i < 50; i++) tf.ones([3]);
      return 1;
    }));
    expect(left).toBeUndefined();
  });

  it("stays quiet for a few small tensors", async () => {
    const left = await runCell(() => tf.ones([2]).add(1));
    expect(left).toBeUndefined();
  });

  it("reports one large tensor by its size", async () => {
    const left = await runCell(() => {
      tf.zeros([512, 1024]);
    });
    expect(left).toMatchObject({ count: 1, bytes: 2 * 1024 * 1024 });
  });

  it("reports nothing when a cell leaves a scope open", async () => {
    const depth = () => (tf.engine() as unknown as { state: { scopeStack: unknown[] } }).state.scopeStack.length;
    const before = depth();
    const left = await runCell(() => tf.engine().startScope());
    expect(left).toBeUndefined();
    tf.engine().endScope();
    tf.engine().endScope();
    expect(depth()).toBe(before);
  });
});
