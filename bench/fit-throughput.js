// Measures training throughput (samples per second) of the tutorial's MLP, 784 -> 64 -> 10 with adam,
// on MNIST-sized synthetic data (60,000 x 784), at batch 32 and 256. It trains through the Keras facade
// on each TensorFlow.js backend that starts here, on wasm also with TF.js's own kernels in place of
// src/runtime/wasm-kernels, and on tensorflow also with eager steps in place of graph steps
// (src/keras/graph-training.ts). When a Python with torch is there, PyTorch trains on the same data.
// Variants run round robin, so drift in the machine's speed affects all of them alike. Each figure is
// the median of --runs one-epoch fits after a warm-up. A fit stops early at the first batch end past
// --max-seconds, so slow backends take bounded time. Run after `npm run build`:
//   node bench/fit-throughput.js [--backends tensorflow,wasm,cpu] [--samples 60000] [--runs 3]
//     [--max-seconds 20] [--python bench/.venv-torch/bin/python] [--torch-threads 1] [--facade-costs]
// --facade-costs adds three variants per backend, to measure what the facade and its Adam cost: TF.js
// layers without the facade, the facade with TF.js's own Adam, and the facade with its live progress
// bar and chart. TF.js layers use TF.js's Adam, so the first two compare like with like.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");
const { CellOutput } = require("../dist/runtime/cell-output.js");
const { runWithSink } = require("../dist/display/scope.js");
const tskeras = require("../dist/index.js");
const { selectBackend } = require("../dist/runtime/backend.js");
const { registerWasmKernels, restoreWasmKernels } = require("../dist/runtime/wasm-kernels/index.js");

const { tf, Sequential, Dense } = tskeras;
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const backends = option("--backends", "tensorflow,wasm,cpu").split(",");
const samples = Number(option("--samples", "60000"));
const runs = Number(option("--runs", "3"));
const maxSeconds = Number(option("--max-seconds", "20"));
const python = option("--python", path.join(__dirname, ".venv-torch", "bin", "python"));
const torchThreads = Number(option("--torch-threads", "1"));
const facadeCosts = process.argv.includes("--facade-costs");
const batchSizes = [32, 256];
const warmUpSamples = 2048;

// Floating-point operations of the matrix products for one training sample. The forward pass takes
// 2 (784 * 64 + 64 * 10). The gradients of both kernels and of the second layer's input take
// 2 (784 * 64 + 2 * 64 * 10). Bias, activation, loss and optimizer work is left out.
const flopsPerSample = 2 * (784 * 64 + 64 * 10) + 2 * (784 * 64 + 2 * 64 * 10);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rawModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, activation: "relu", inputShape: [784] }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

function facadeModel(optimizer = "adam") {
  const model = new Sequential();
  model.add(new Dense({ units: 64, activation: "relu", inputShape: [784] }));
  model.add(new Dense({ units: 10, activation: "softmax" }));
  model.compile({ optimizer, loss: "categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

/** Builds the facade's model with TF.js's own Adam, which TF.js layers without the facade also use. */
function facadeModelWithTfjsAdam() {
  return facadeModel(tf.train.adam(0.001, 0.9, 0.999, 1e-7));
}

/**
 * Returns a callback that counts batches and stops training at the first batch end after maxSamples
 * samples or maxSeconds, and a function that returns the samples trained on.
 */
function limiter(model, batchSize, limitSamples) {
  const start = process.hrtime.bigint();
  let batches = 0;
  const callback = {
    onBatchEnd: async () => {
      batches++;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (batches * batchSize >= limitSamples || seconds >= maxSeconds) model.stopTraining = true;
    },
  };
  return { callback, trained: () => Math.min(batches * batchSize, limitSamples) };
}

/** Returns a TensorFlow.js variant: a backend, its kernels, a model per batch size and how to fit it. */
function tfjsVariant(name, backend, data, kernels, makeModel, fit) {
  return {
    name,
    backend,
    models: new Map(),
    async run(batchSize, limitSamples) {
      await tf.setBackend(backend);
      if (kernels === "tfjs") restoreWasmKernels();
      try {
        if (!this.models.has(batchSize)) this.models.set(batchSize, makeModel());
        const model = this.models.get(batchSize);
        const { callback, trained } = limiter(model, batchSize, limitSamples);
        const start = process.hrtime.bigint();
        const endCell = await fit(model, data, batchSize, callback);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        if (typeof endCell === "function") endCell();
        return { samples: trained(), seconds };
      } finally {
        if (kernels === "tfjs") registerWasmKernels();
      }
    },
    dispose() {
      for (const model of this.models.values()) (model.tfjsModel ?? model).dispose();
    },
  };
}

// The facade and TF.js layers take the same fit() arguments here.
const fitQuietly = (model, data, batchSize, callback) => model.fit(data.x, data.y, { epochs: 1, batchSize, verbose: 0, callbacks: callback });

// The facade with one TensorFlow call per operation, as TF.js trains, in place of one graph call per batch.
const fitEagerly = async (model, data, batchSize, callback) => {
  process.env.TSKERAS_GRAPH_TRAINING = "0";
  try {
    return await fitQuietly(model, data, batchSize, callback);
  } finally {
    delete process.env.TSKERAS_GRAPH_TRAINING;
  }
};

// A notebook cell's own output, whose events are serialised as the executor sends them to the kernel,
// so the facade draws its progress bar and chart. The PNG of the final chart is drawn when the cell
// ends, after fit() returns. The cell's output is finished outside the timed fit, so that time is
// reported apart, in pngMilliseconds.
let displayOutputs = 0;
const pngMilliseconds = [];
const fitWithLivePlot = async (model, data, batchSize, callback) => {
  const output = new CellOutput("bench", (event) => {
    if (event.type === "display") displayOutputs++;
    JSON.stringify(event);
  });
  await runWithSink(output, () => model.fit(data.x, data.y, { epochs: 1, batchSize, callbacks: callback }));
  return () => {
    const start = process.hrtime.bigint();
    runWithSink(output, () => output.finish());
    pngMilliseconds.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
};

/** Starts fit_throughput_torch.py on the data files and returns a variant that sends it one request per run. */
async function torchVariant(xFile, labelsFile) {
  const child = spawn(python, [path.join(__dirname, "fit_throughput_torch.py"), xFile, labelsFile, String(samples), String(torchThreads)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${python} fit_throughput_torch.py exited with code ${child.exitCode}`);
    return JSON.parse(value);
  };
  const hello = await next();
  return {
    name: `pytorch ${hello.torch}, ${hello.threads} thread(s)`,
    async run(batchSize, limitSamples) {
      child.stdin.write(`${JSON.stringify({ batchSize, maxSamples: limitSamples, maxSeconds })}\n`);
      return next();
    },
    dispose: () => child.stdin.end(),
  };
}

async function main() {
  const loadBefore = os.loadavg();
  const results = { samples, runs, maxSeconds, flopsPerSample, cores: os.cpus().length, backends: {}, batches: {} };

  // 1. Make the data once, on the first backend that starts, and copy it to every backend in use.
  const started = [];
  for (const backend of backends) {
    const used = await selectBackend(tf, backend);
    if (used === backend) started.push(backend);
    results.backends[backend] = used === backend ? "measured" : `not available here (selectBackend fell back to ${used})`;
  }
  if (started.length === 0) throw new Error(`None of the backends ${backends.join(", ")} started.`);
  await tf.setBackend(started[0]);
  const noise = tf.randomNormal([samples, 784]);
  const xValues = noise.dataSync();
  noise.dispose();
  const labels = Int32Array.from({ length: samples }, () => Math.floor(Math.random() * 10));

  // 2. The variants, with their data created on their own backend so no run moves it.
  const variants = [];
  const datasets = [];
  for (const backend of started) {
    await tf.setBackend(backend);
    const data = { x: tf.tensor2d(xValues, [samples, 784]), y: tf.oneHot(tf.tensor1d(labels, "int32"), 10) };
    datasets.push(data);
    variants.push(tfjsVariant(backend, backend, data, "tskeras", facadeModel, fitQuietly));
    if (backend === "wasm") variants.push(tfjsVariant("wasm, TF.js's own kernels", backend, data, "tfjs", facadeModel, fitQuietly));
    if (backend === "tensorflow") variants.push(tfjsVariant("tensorflow, eager steps", backend, data, "tskeras", facadeModel, fitEagerly));
    if (facadeCosts) {
      variants.push(tfjsVariant(`${backend}, TF.js layers without the facade`, backend, data, "tskeras", rawModel, fitQuietly));
      variants.push(tfjsVariant(`${backend}, facade with TF.js's Adam`, backend, data, "tskeras", facadeModelWithTfjsAdam, fitQuietly));
      variants.push(tfjsVariant(`${backend}, facade with live plot`, backend, data, "tskeras", facadeModel, fitWithLivePlot));
    }
  }

  // 3. PyTorch reads the same values from files in a temporary folder.
  let torch;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "tskeras-bench-"));
  try {
    if (fs.existsSync(python)) {
      const xFile = path.join(folder, "x.f32");
      const labelsFile = path.join(folder, "labels.i32");
      fs.writeFileSync(xFile, Buffer.from(xValues.buffer, xValues.byteOffset, xValues.byteLength));
      fs.writeFileSync(labelsFile, Buffer.from(labels.buffer));
      try {
        torch = await torchVariant(xFile, labelsFile);
        variants.push(torch);
      } catch (error) {
        results.pytorch = `not measured: ${error.message}`;
      }
    } else {
      results.pytorch = `not measured: ${python} not found (see bench/README.md)`;
    }

    // 4. Warm up each variant, then run them round robin.
    for (const batchSize of batchSizes) {
      const rates = new Map(variants.map((variant) => [variant.name, []]));
      for (const variant of variants) await variant.run(batchSize, warmUpSamples);
      for (let round = 0; round < runs; round++) {
        for (const variant of variants) {
          const { samples: trained, seconds } = await variant.run(batchSize, samples);
          rates.get(variant.name).push(trained / seconds);
        }
      }

      const torchRate = torch ? median(rates.get(torch.name)) : undefined;
      const table = {};
      for (const [name, values] of rates) {
        const rate = median(values);
        table[name] = {
          samplesPerSecond: Math.round(rate),
          gflopsPerSecond: Math.round((rate * flopsPerSample) / 1e8) / 10,
          ratioToPyTorch: torchRate ? Math.round((rate / torchRate) * 100) / 100 : undefined,
          runs: values.map(Math.round),
        };
      }
      results.batches[`batch ${batchSize}`] = table;
    }
    if (facadeCosts) {
      results.livePlotDisplayOutputs = displayOutputs;
      const sorted = [...pngMilliseconds].sort((a, b) => a - b);
      results.finalChartPngMilliseconds = { median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), count: sorted.length };
    }
  } finally {
    for (const variant of variants) variant.dispose();
    for (const data of datasets) tf.dispose([data.x, data.y]);
    fs.rmSync(folder, { recursive: true, force: true });
  }

  results.loadAverage = { before: loadBefore.map((value) => Math.round(value * 10) / 10), after: os.loadavg().map((value) => Math.round(value * 10) / 10) };
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
