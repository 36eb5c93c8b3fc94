// Measures predict() of the tutorial's MLP, 784 -> 64 -> 10, on 1,000, 10,000 and 60,000 rows of
// synthetic data with the default batch size of 32, in microseconds per row: on the wasm backend with
// the kernels of src/runtime/wasm-kernels and with TF.js's own kernels, and on the other backends that
// start here. Variants run round robin; each figure is the median of --runs calls after a warm-up.
// With TF.js's own wasm kernels, every batch copies the whole input, so the 60,000-row case is skipped
// for them unless --slow is given. Run after `npm run build`:
//   node bench/predict-throughput.js [--backends wasm,cpu] [--runs 5] [--slow]
const tskeras = require("../dist/index.js");
const os = require("node:os");
const { selectBackend } = require("../dist/runtime/backend.js");
const { registerWasmKernels, restoreWasmKernels } = require("../dist/runtime/wasm-kernels/index.js");

const { tf, Sequential, Dense } = tskeras;
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const backends = option("--backends", "wasm,cpu").split(",");
const runs = Number(option("--runs", "5"));
const slow = process.argv.includes("--slow");
const rowCounts = [1000, 10000, 60000];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const loadBefore = os.loadavg();
  const variants = [];
  for (const backend of backends) {
    if ((await selectBackend(tf, backend)) !== backend) continue;
    const model = new Sequential([new Dense(64, { activation: "relu", inputShape: [784] }), new Dense(10, { activation: "softmax" })]);
    const inputs = new Map(rowCounts.map((rows) => [rows, tf.randomNormal([rows, 784])]));
    variants.push({ name: backend, backend, model, inputs, ownKernels: false });
    if (backend === "wasm") variants.push({ name: "wasm, TF.js's own kernels", backend, model, inputs, ownKernels: true });
  }

  const predictOnce = async (variant, rows) => {
    await tf.setBackend(variant.backend);
    if (variant.ownKernels) restoreWasmKernels();
    try {
      const start = process.hrtime.bigint();
      const output = variant.model.predict(variant.inputs.get(rows));
      output.dataSync();
      output.dispose();
      return Number(process.hrtime.bigint() - start) / 1e3 / rows;
    } finally {
      if (variant.ownKernels) registerWasmKernels();
    }
  };

  const results = {};
  for (const rows of rowCounts) {
    const active = variants.filter((variant) => rows < 60000 || slow || !variant.ownKernels);
    const times = new Map(active.map((variant) => [variant.name, []]));
    for (const variant of active) await predictOnce(variant, rows);
    for (let round = 0; round < runs; round++) {
      for (const variant of active) times.get(variant.name).push(await predictOnce(variant, rows));
    }
    results[`${rows} rows`] = Object.fromEntries([...times].map(([name, values]) => [name, { microsecondsPerRow: Math.round(median(values) * 100) / 100 }]));
  }

  const round = (values) => values.map((value) => Math.round(value * 10) / 10);
  results.loadAverage = { before: round(loadBefore), after: round(os.loadavg()) };
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
