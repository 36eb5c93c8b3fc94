import * as tf from "@tensorflow/tfjs";
import { Dense } from "../../src/keras/layers";
import { clearRandomSeed, setRandomSeed } from "../../src/keras/seed";
import { Sequential } from "../../src/keras/sequential";
import { selectBackend } from "../../src/runtime/backend";
import { registerWasmKernels, restoreWasmKernels } from "../../src/runtime/wasm-kernels";

// Every case runs on the cpu backend, the reference, and on the wasm backend with the replaced kernels.
beforeAll(async () => {
  await selectBackend(tf, "cpu");
  await selectBackend(tf, "wasm");
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

type Nested = number | boolean | Nested[];

/** What a case produced: its shape and values, or the message of the error it raised. */
type Outcome = { shape: number[]; values: Nested } | { error: string };

/** Returns deterministic, varied values for a tensor of the given shape. */
function values(shape: number[], seed = 0): number[] {
  const size = shape.reduce((product, length) => product * length, 1);
  return Array.from({ length: size }, (_, i) => Math.round(Math.sin(i * 0.37 + seed) * 1000) / 100);
}

/** Runs make on the named backend, creating its tensors there, and returns what it produced. */
async function runOn(backend: "cpu" | "wasm", make: () => tf.Tensor): Promise<Outcome> {
  await tf.setBackend(backend);
  try {
    const result = tf.tidy(make);
    const outcome = { shape: result.shape, values: result.arraySync() as Nested };
    result.dispose();
    return outcome;
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Returns the largest absolute difference between two nested arrays of the same shape. */
function maxDifference(a: Nested, b: Nested): number {
  if (Array.isArray(a) && Array.isArray(b)) return a.reduce<number>((max, item, i) => Math.max(max, maxDifference(item, b[i])), 0);
  return Math.abs(Number(a) - Number(b));
}

/** Expects wasm to produce what cpu produces: the same shape and values within tolerance, or an error from both. */
async function expectSameAsCpu(make: () => tf.Tensor, tolerance = 1e-5): Promise<void> {
  const cpu = await runOn("cpu", make);
  const wasm = await runOn("wasm", make);
  if ("error" in cpu) {
    expect(wasm).toHaveProperty("error");
    return;
  }
  expect(wasm).not.toHaveProperty("error");
  const result = wasm as { shape: number[]; values: Nested };
  expect(result.shape).toEqual(cpu.shape);
  expect(maxDifference(result.values, cpu.values)).toBeLessThanOrEqual(tolerance);
}

/** Counts the tensors that the wasm backend holds, including any that the engine does not track. */
function wasmDataCount(): number {
  return tf.engine().findBackend("wasm").numDataIds();
}

describe("registerWasmKernels()", () => {
  it("is applied by selectBackend for wasm", async () => {
    restoreWasmKernels();
    const own = tf.getKernel(tf.BatchMatMul, "wasm")?.kernelFunc;
    await selectBackend(tf, "wasm");
    expect(tf.getKernel(tf.BatchMatMul, "wasm")?.kernelFunc).not.toBe(own);
    expect(registerWasmKernels()).toEqual([tf.BatchMatMul, tf.Cast, tf.GatherV2, tf.Identity, tf.Slice]);
  });

  it("leaves the cpu backend's kernels alone", () => {
    const cpuSlice = tf.getKernel(tf.Slice, "cpu");
    registerWasmKernels();
    expect(tf.getKernel(tf.Slice, "cpu")).toBe(cpuSlice);
  });
});

describe("wasm BatchMatMul", () => {
  const cases: Array<[string, number[], number[], boolean, boolean]> = [
    ["2-D without transposes", [5, 7], [7, 3], false, false],
    ["transposed left, as a Dense kernel's gradient", [32, 100], [32, 16], true, false],
    ["transposed right, as a Dense input's gradient", [32, 16], [100, 16], false, true],
    ["both transposed", [7, 5], [3, 7], true, true],
    ["one row", [1, 7], [7, 3], false, false],
    ["one row, transposed right", [1, 7], [3, 7], false, true],
    ["one column result, transposed left", [7, 4], [7, 1], true, false],
    ["a 1 x 1 product", [1, 1], [1, 1], true, true],
    ["batched, without transposes", [3, 20, 30], [3, 30, 40], false, false],
    ["batched, both transposed", [3, 30, 20], [3, 40, 30], true, true],
    ["batched, transposed left", [2, 30, 20], [2, 30, 40], true, false],
    ["batched, odd sizes that leave entries unaligned", [3, 33, 31], [3, 31, 29], false, false],
    ["batched, odd sizes, transposed right", [3, 33, 31], [3, 29, 31], false, true],
    ["batched left, shared right", [3, 20, 30], [30, 40], false, false],
    ["shared left, batched right, transposed right", [20, 30], [4, 40, 30], false, true],
    ["batch size 1 on the left broadcasts", [1, 20, 30], [3, 30, 40], false, false],
    ["rank-4 batches", [2, 3, 20, 30], [2, 3, 40, 30], false, true],
    ["batch dimensions of size 1", [1, 1, 20, 30], [30, 40], false, false],
    ["small batched products", [4, 3, 5], [4, 5, 2], true, false],
    ["an empty inner dimension", [2, 0], [0, 4], false, false],
    ["no rows", [0, 3], [3, 4], false, false],
    ["an empty batch", [0, 2, 3], [0, 3, 4], false, false],
    ["an empty batch and a shared right operand", [0, 2, 3], [3, 4], false, false],
  ];

  it.each(cases)("matches cpu: %s", async (_, aShape, bShape, transposeA, transposeB) => {
    await expectSameAsCpu(() => tf.matMul(tf.tensor(values(aShape, 1), aShape), tf.tensor(values(bShape, 2), bShape), transposeA, transposeB), 1e-3);
  });

  it("rejects inner sizes that differ, as cpu does", async () => {
    await expectSameAsCpu(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 3])));
  });

  it("rejects batch shapes that do not broadcast, as cpu does", async () => {
    await expectSameAsCpu(() => tf.matMul(tf.ones([2, 1, 2, 4]), tf.ones([1, 3, 4, 5])));
  });

  it("broadcasts batch shapes crosswise as cpu does", async () => {
    await expectSameAsCpu(() => tf.matMul(tf.tensor(values([3, 1, 20, 30]), [3, 1, 20, 30]), tf.tensor(values([1, 3, 30, 40], 4), [1, 3, 30, 40])), 1e-3);
  });

  it("multiplies a reshaped right operand with its new sizes", async () => {
    // tf.reshape() keeps the data id under which the backend caches the packed right operand.
    await expectSameAsCpu(() => {
      const b = tf.tensor(values([4, 6]), [4, 6]);
      tf.matMul(tf.ones([2, 4]), b);
      return tf.matMul(tf.ones([2, 6]), tf.reshape(b, [6, 4]));
    });
  });

  it("leaves no temporary tensors behind", async () => {
    await tf.setBackend("wasm");
    const a = tf.tensor(values([3, 30, 20]), [3, 30, 20]);
    const b = tf.tensor(values([40, 30]), [40, 30]);
    const c = tf.tensor(values([16, 30]), [16, 30]);
    const before = wasmDataCount();
    const products = [tf.matMul(a, b, true, true), tf.matMul(c, b, false, true), tf.matMul(b, c, false, true)];
    expect(wasmDataCount()).toBe(before + products.length);
    tf.dispose([...products, a, b, c]);
    expect(wasmDataCount()).toBe(before - 3);
  });

  it("computes the gradients of a product as cpu does", async () => {
    await expectSameAsCpu(() => {
      const a = tf.tensor(values([6, 5]), [6, 5]);
      const b = tf.tensor(values([5, 4], 3), [5, 4]);
      const [gradA, gradB] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([a, b]);
      return tf.concat([gradA.flatten(), gradB.flatten()]);
    }, 1e-3);
  });
});

describe("wasm Slice", () => {
  const shape = [6, 5, 4];
  const cases: Array<[string, number[] | number, number[] | number | undefined]> = [
    ["contiguous rows", [2, 0, 0], [3, 5, 4]],
    ["contiguous rows with size -1", [2, 0, 0], [-1, -1, -1]],
    ["one row", [5, 0, 0], [1, -1, -1]],
    ["a block inside every axis", [1, 2, 1], [3, 2, 2]],
    ["part of the last axis only", [0, 0, 1], [-1, -1, 2]],
    ["whole inner rows of a middle range", [1, 1, 0], [4, 3, 4]],
    ["one element", [5, 4, 3], [1, 1, 1]],
    ["size -1 after a begin", [2, 1, 3], [-1, 3, -1]],
    ["a begin given as a number", 4, undefined],
    ["a begin and size shorter than the rank", [1, 2], [2, 1]],
    ["an empty slice", [0, 0, 0], [0, 5, 4]],
    ["an empty middle axis", [1, 2, 0], [2, 0, 4]],
  ];

  it.each(cases)("matches cpu: %s", async (_, begin, size) => {
    await expectSameAsCpu(() => tf.slice(tf.tensor(values(shape), shape), begin, size), 0);
  });

  it("slices 1-D, int32 and bool tensors as cpu does", async () => {
    await expectSameAsCpu(() => tf.slice(tf.tensor1d([1, 2, 3, 4, 5, 6]), 2, 3), 0);
    await expectSameAsCpu(() => tf.slice(tf.tensor(values([4, 3]), [4, 3], "int32"), [1, 1], [2, -1]), 0);
    await expectSameAsCpu(() => tf.slice(tf.tensor([true, false, true, true, false, false], [2, 3], "bool"), [0, 1], [2, 2]), 0);
  });

  it("takes rows of a large tensor as cpu does", async () => {
    await expectSameAsCpu(() => tf.slice(tf.tensor(values([3000, 50]), [3000, 50]), [2968, 0], [32, 50]), 0);
  });

  it("rejects a begin of -1, as cpu does", async () => {
    await expectSameAsCpu(() => tf.slice(tf.ones([2, 3]), [-1, 0], [1, 2]));
  });

  it("rejects other negative begins, as cpu does", async () => {
    await expectSameAsCpu(() => tf.slice(tf.ones([2, 3]), [0, -2], [2, 1]));
  });

  it("rejects a slice past the end, as cpu does", async () => {
    await expectSameAsCpu(() => tf.slice(tf.ones([2, 3]), [1, 0], [2, 3]));
  });
});

describe("wasm GatherV2", () => {
  const shape = [5, 6, 7];
  const cases: Array<[string, Nested, number, number]> = [
    ["rows along axis 0, with repeats", [3, 0, 3, 4], 0, 0],
    ["one row", [2], 0, 0],
    ["along a middle axis", [1, 5, 0], 1, 0],
    ["along the last axis", [6, 0, 2], 2, 0],
    ["2-D indices", [
      [0, 1],
      [4, 2],
    ], 0, 0],
    ["batch dimensions", [
      [0, 1],
      [2, 3],
      [4, 0],
      [1, 1],
      [3, 3],
    ], 1, 1],
    ["no indices", [], 0, 0],
  ];

  it.each(cases)("matches cpu: %s", async (_, indices, axis, batchDims) => {
    await expectSameAsCpu(() => tf.gather(tf.tensor(values(shape), shape), tf.tensor(indices as number[], undefined, "int32"), axis, batchDims), 0);
  });

  it("gathers int32 and bool tensors as cpu does", async () => {
    await expectSameAsCpu(() => tf.gather(tf.tensor(values([4, 3]), [4, 3], "int32"), [3, 1], 0), 0);
    await expectSameAsCpu(() => tf.gather(tf.tensor([true, false, false, true], [2, 2], "bool"), [1, 0, 1], 1), 0);
  });

  it("rejects an index past the end, as cpu does", async () => {
    const cpu = await runOn("cpu", () => tf.gather(tf.ones([5, 2]), [5], 0));
    const wasm = await runOn("wasm", () => tf.gather(tf.ones([5, 2]), [5], 0));
    expect(wasm).toEqual(cpu);
    expect(wasm).toEqual({ error: "GatherV2: the index value 5 is not in [0, 4]" });
  });

  it("rejects a negative index, as cpu does", async () => {
    const cpu = await runOn("cpu", () => tf.gather(tf.ones([5, 2]), [-1], 0));
    const wasm = await runOn("wasm", () => tf.gather(tf.ones([5, 2]), [-1], 0));
    expect(wasm).toEqual(cpu);
  });
});

describe("wasm Identity and Cast", () => {
  it("keeps a clone's values after its source is disposed", async () => {
    await tf.setBackend("wasm");
    const source = tf.tensor([1, 2, 3]);
    const copy = source.clone();
    source.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
  });

  it("keeps a same-dtype cast's values after its source is disposed", async () => {
    await tf.setBackend("wasm");
    const source = tf.tensor([4, 5], [2], "int32");
    const cast = tf.cast(source, "int32");
    source.dispose();
    expect(Array.from(cast.dataSync())).toEqual([4, 5]);
    cast.dispose();
  });

  it("frees shared memory once every tensor is disposed", async () => {
    await tf.setBackend("wasm");
    const before = wasmDataCount();
    const source = tf.tensor([1, 2, 3]);
    const copies = [source.clone(), tf.cast(source, "float32"), tf.clone(source)];
    expect(wasmDataCount()).toBe(before + 1);
    tf.dispose([source, ...copies]);
    expect(wasmDataCount()).toBe(before);
  });

  it("converts between dtypes as cpu does", async () => {
    await expectSameAsCpu(() => tf.cast(tf.tensor([1, 0, 3], [3], "int32"), "float32"), 0);
    await expectSameAsCpu(() => tf.cast(tf.tensor([true, false]), "int32"), 0);
  });
});

describe("Sequential on wasm", () => {
  const features = 20;
  const classes = 3;

  /** Returns a compiled model with fixed starting weights, so both backends start alike. */
  function fixedModel(): Sequential {
    const model = new Sequential([new Dense(16, { activation: "relu", inputShape: [features] }), new Dense(classes, { activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
    const shapes = [[features, 16], [16], [16, classes], [classes]];
    model.setWeights(shapes.map((shape, i) => tf.tensor(values(shape, i).map((value) => value / 10), shape)));
    return model;
  }

  function dataset(samples: number): { x: tf.Tensor; y: tf.Tensor } {
    const x = tf.tensor(values([samples, features], 5), [samples, features]);
    const labels = Array.from({ length: samples }, (_, i) => (i * 7) % classes);
    return { x, y: tf.oneHot(tf.tensor1d(labels, "int32"), classes) };
  }

  async function trainOn(backend: "cpu" | "wasm") {
    await tf.setBackend(backend);
    setRandomSeed(3);
    try {
      const model = fixedModel();
      const { x, y } = dataset(200);
      const history = await model.fit(x, y, { epochs: 3, batchSize: 16, validationSplit: 0.2, verbose: 0 });
      const weights = model.getWeights().map((weight) => weight.arraySync() as Nested);
      tf.dispose([x, y]);
      return { history: history.history, weights };
    } finally {
      clearRandomSeed();
    }
  }

  it("trains to the weights and losses of cpu", async () => {
    const cpu = await trainOn("cpu");
    const wasm = await trainOn("wasm");
    for (const series of ["loss", "accuracy", "val_loss", "val_accuracy"]) {
      expect(maxDifference(wasm.history[series], cpu.history[series])).toBeLessThanOrEqual(1e-4);
    }
    wasm.weights.forEach((weight, i) => expect(maxDifference(weight, cpu.weights[i])).toBeLessThanOrEqual(1e-4));
  });

  it("leaves no tensors behind after fit", async () => {
    await tf.setBackend("wasm");
    const model = fixedModel();
    const { x, y } = dataset(100);
    // The first fit creates the optimizer's slots, which stay for later fits.
    await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    const before = wasmDataCount();
    await model.fit(x, y, { epochs: 2, batchSize: 16, validationSplit: 0.2, verbose: 0 });
    model.predict(x).dispose();
    expect(wasmDataCount()).toBe(before);
    tf.dispose([x, y]);
  });

  it("predicts 10,000 rows as cpu does", async () => {
    const predictOn = (backend: "cpu" | "wasm") =>
      runOn(backend, () => {
        const model = fixedModel();
        return model.predict(tf.tensor(values([10000, features], 9), [10000, features]));
      });
    const cpu = (await predictOn("cpu")) as { shape: number[]; values: Nested };
    const wasm = (await predictOn("wasm")) as { shape: number[]; values: Nested };
    expect(wasm.shape).toEqual([10000, classes]);
    expect(maxDifference(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-5);
  });

  it("evaluates as cpu does", async () => {
    const evaluateOn = async (backend: "cpu" | "wasm") => {
      await tf.setBackend(backend);
      const { x, y } = dataset(100);
      const result = await fixedModel().evaluate(x, y, { batchSize: 32 });
      tf.dispose([x, y]);
      return result;
    };
    const cpu = await evaluateOn("cpu");
    const wasm = await evaluateOn("wasm");
    expect(maxDifference(wasm, cpu)).toBeLessThanOrEqual(1e-5);
  });
});
