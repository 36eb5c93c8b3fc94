// Measures training throughput (samples per second) of the tutorial's MLP, 784 -> 64 -> 10 with adam,
// on MNIST-sized synthetic data (60,000 x 784): written directly with TensorFlow.js layers, through the
// Keras facade with verbose 0, and through the facade with its live progress and chart as in a notebook
// cell. Each figure is the median of --runs one-epoch fits after a warm-up. Run after `npm run build`:
//   node bench/fit-throughput.js [--backends wasm,cpu] [--samples 60000] [--runs 3]
const { formatValue } = require("../dist/display/formatters.js");
const { runWithSink } = require("../dist/display/scope.js");
const tskeras = require("../dist/index.js");
const { selectBackend } = require("../dist/runtime/backend.js");

const { tf, Sequential, Dense } = tskeras;
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const backends = option("--backends", "wasm").split(",");
const samples = Number(option("--samples", "60000"));
const runs = Number(option("--runs", "3"));

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

function facadeModel() {
  const model = new Sequential();
  model.add(new Dense({ units: 64, activation: "relu", inputShape: [784] }));
  model.add(new Dense({ units: 10, activation: "softmax" }));
  model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

/** Runs one epoch and returns samples per second. */
async function timeEpoch(fit) {
  const start = process.hrtime.bigint();
  await fit();
  return samples / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main() {
  const results = {};
  for (const backend of backends) {
    const used = await selectBackend(tf, backend);
    if (used !== backend) {
      results[backend] = `not available here (fell back to ${used})`;
      continue;
    }
    const x = tf.randomNormal([samples, 784]);
    const y = tf.oneHot(tf.randomUniform([samples], 0, 10, "int32"), 10);
    const warmX = x.slice([0, 0], [2048, 784]);
    const warmY = y.slice([0, 0], [2048, 10]);
    results[backend] = {};

    for (const batchSize of [32, 256]) {
      // A sink like a notebook cell's, so the facade draws its progress bar and chart.
      let outputs = 0;
      const sink = { display: (output) => { outputs++; formatValue(output.data); } };
      const variants = {
        raw: { model: rawModel(), fit: (model, data, labels) => model.fit(data, labels, { epochs: 1, batchSize, verbose: 0 }) },
        facade: { model: facadeModel(), fit: (model, data, labels) => model.fit(data, labels, { epochs: 1, batchSize, verbose: 0 }) },
        facadeWithLivePlot: { model: facadeModel(), fit: (model, data, labels) => runWithSink(sink, () => model.fit(data, labels, { epochs: 1, batchSize })) },
      };
      const rates = { raw: [], facade: [], facadeWithLivePlot: [] };
      for (const variant of Object.values(variants)) await variant.fit(variant.model, warmX, warmY);

      // Round robin over the variants, so drift in the machine's speed affects all of them alike.
      for (let round = 0; round < runs; round++) {
        for (const [name, variant] of Object.entries(variants)) rates[name].push(await timeEpoch(() => variant.fit(variant.model, x, y)));
      }
      const raw = median(rates.raw);
      const facade = median(rates.facade);
      const plotted = median(rates.facadeWithLivePlot);
      results[backend][`batch ${batchSize}`] = {
        rawSamplesPerSecond: Math.round(raw),
        facadeSamplesPerSecond: Math.round(facade),
        facadeWithLivePlotSamplesPerSecond: Math.round(plotted),
        facadeCostPercent: Math.round((raw / facade - 1) * 1000) / 10,
        livePlotCostPercent: Math.round((facade / plotted - 1) * 1000) / 10,
        displayOutputsPerEpoch: Math.round(outputs / (runs + 1)),
      };
      variants.raw.model.dispose();
      variants.facade.model.tfjsModel?.dispose();
      variants.facadeWithLivePlot.model.tfjsModel?.dispose();
    }
    tf.dispose([x, y, warmX, warmY]);
  }
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
