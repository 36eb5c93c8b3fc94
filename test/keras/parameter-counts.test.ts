import { formatShape } from "../../src/display/summary";
import { Conv1D, Conv2D } from "../../src/keras/convolutional";
import { Embedding } from "../../src/keras/embedding";
import { Input } from "../../src/keras/input";
import { Dense, type Layer } from "../../src/keras/layers";
import { BatchNormalization, LayerNormalization } from "../../src/keras/normalization";
import { AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, MaxPooling1D, MaxPooling2D } from "../../src/keras/pooling";
import { Normalization, Rescaling } from "../../src/keras/preprocessing-layers";
import { Bidirectional, GRU, LSTM, SimpleRNN } from "../../src/keras/recurrent";
import { Dropout, Flatten, Reshape } from "../../src/keras/reshaping";
import { Sequential } from "../../src/keras/sequential";
import type { ModelInput } from "../../src/keras/input";
import { clearSession } from "../../src/keras/utils";
import { selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  clearSession();
});

/** One summary row as Keras prints it: "name (Class)", output shape, parameter count. */
type Row = [string, string, number];

interface Case {
  title: string;
  layers: () => Array<Layer | ModelInput>;
  rows: Row[];
  /** Total and non-trainable parameter counts of Keras's summary. */
  total: number;
  nonTrainable: number;
}

// Every figure below comes from Keras's formulas, worked out in the comment of each case, and not from
// what TF.js computes. Names are Keras's automatic names after keras.backend.clear_session().
const cases: Case[] = [
  {
    // 3·3·1·32 kernel + 32 bias = 320; 28 - 3 + 1 = 26.
    title: "Conv2D(32, 3) on 28x28x1",
    layers: () => [new Conv2D(32, 3, { inputShape: [28, 28, 1] })],
    rows: [["conv2d (Conv2D)", "(None, 26, 26, 32)", 320]],
    total: 320,
    nonTrainable: 0,
  },
  {
    // Keras's MNIST convnet example: 320 + (3·3·32·64 + 64 = 18,496) + (5·5·64·10 + 10 = 16,010) = 34,826.
    title: "MNIST convnet from Input()",
    layers: () => [
      Input([28, 28, 1]),
      new Conv2D(32, 3, { activation: "relu" }),
      new MaxPooling2D(),
      new Conv2D({ filters: 64, kernel_size: [3, 3], activation: "relu" }),
      new MaxPooling2D({ pool_size: 2 }),
      new Flatten(),
      new Dropout(0.5),
      new Dense(10, { activation: "softmax" }),
    ],
    rows: [
      ["conv2d (Conv2D)", "(None, 26, 26, 32)", 320],
      ["max_pooling2d (MaxPooling2D)", "(None, 13, 13, 32)", 0],
      ["conv2d_1 (Conv2D)", "(None, 11, 11, 64)", 18_496],
      ["max_pooling2d_1 (MaxPooling2D)", "(None, 5, 5, 64)", 0],
      ["flatten (Flatten)", "(None, 1600)", 0],
      ["dropout (Dropout)", "(None, 1600)", 0],
      ["dense (Dense)", "(None, 10)", 16_010],
    ],
    total: 34_826,
    nonTrainable: 0,
  },
  {
    // 784·128 + 128 = 100,480, then 128·10 + 10 = 1,290.
    title: "Dense(128) after Flatten of 28x28",
    layers: () => [new Flatten({ input_shape: [28, 28] }), new Dense(128, "relu"), new Dense(10)],
    rows: [
      ["flatten (Flatten)", "(None, 784)", 0],
      ["dense (Dense)", "(None, 128)", 100_480],
      ["dense_1 (Dense)", "(None, 10)", 1_290],
    ],
    total: 101_770,
    nonTrainable: 0,
  },
  {
    // 4 gates · (32·10 input + 32·32 recurrent + 32 bias) = 4 · 1,376 = 5,504.
    title: "LSTM(32) on 10 features",
    layers: () => [new LSTM(32, { inputShape: [5, 10] })],
    rows: [["lstm (LSTM)", "(None, 32)", 5_504]],
    total: 5_504,
    nonTrainable: 0,
  },
  {
    // return_sequences keeps the 10 steps: 4 · (32·8 + 32·32 + 32) = 5,248, then 4 · (16·32 + 16·16 + 16) = 3,136.
    title: "stacked LSTMs with return_sequences",
    layers: () => [new LSTM(32, { input_shape: [10, 8], return_sequences: true }), new LSTM({ units: 16 })],
    rows: [
      ["lstm (LSTM)", "(None, 10, 32)", 5_248],
      ["lstm_1 (LSTM)", "(None, 16)", 3_136],
    ],
    total: 8_384,
    nonTrainable: 0,
  },
  {
    // reset_after=False: 3 gates · (32·10 + 32·32 + 32) = 4,128. Keras 3's default reset_after=True adds
    // a second bias per gate (4,224), which TF.js's GRU does not implement.
    title: "GRU(32) on 10 features, reset_after false",
    layers: () => [new GRU(32, { inputShape: [5, 10] })],
    rows: [["gru (GRU)", "(None, 32)", 4_128]],
    total: 4_128,
    nonTrainable: 0,
  },
  {
    // 16·8 input + 16·16 recurrent + 16 bias = 400.
    title: "SimpleRNN(16) on 8 features",
    layers: () => [new SimpleRNN(16, { inputShape: [12, 8] })],
    rows: [["simple_rnn (SimpleRNN)", "(None, 16)", 400]],
    total: 400,
    nonTrainable: 0,
  },
  {
    // 1,000·64 = 64,000; each of the 20 indices becomes a vector of 64.
    title: "Embedding(1000, 64)",
    layers: () => [new Embedding(1000, 64, { inputShape: [20] })],
    rows: [["embedding (Embedding)", "(None, 20, 64)", 64_000]],
    total: 64_000,
    nonTrainable: 0,
  },
  {
    // TensorFlow's text classification tutorial: 10,000·16 = 160,000, 16·16 + 16 = 272, 16 + 1 = 17.
    title: "Embedding, GlobalAveragePooling1D and Dense",
    layers: () => [
      new Embedding({ input_dim: 10_000, output_dim: 16, input_shape: [250] }),
      new GlobalAveragePooling1D(),
      new Dense(16, "relu"),
      new Dense(1),
    ],
    rows: [
      ["embedding (Embedding)", "(None, 250, 16)", 160_000],
      ["global_average_pooling1d (GlobalAveragePooling1D)", "(None, 16)", 0],
      ["dense (Dense)", "(None, 16)", 272],
      ["dense_1 (Dense)", "(None, 1)", 17],
    ],
    total: 160_289,
    nonTrainable: 0,
  },
  {
    // gamma, beta, moving mean and moving variance, 64 each: 256, of which the moving ones (128) are non-trainable.
    title: "BatchNormalization on 64 features",
    layers: () => [new BatchNormalization({ inputShape: [64] })],
    rows: [["batch_normalization (BatchNormalization)", "(None, 64)", 256]],
    total: 256,
    nonTrainable: 128,
  },
  {
    // gamma and beta, 64 each.
    title: "LayerNormalization on 64 features",
    layers: () => [new LayerNormalization({ inputShape: [64] })],
    rows: [["layer_normalization (LayerNormalization)", "(None, 64)", 128]],
    total: 128,
    nonTrainable: 0,
  },
  {
    // 3·8·16 + 16 = 400; 100 - 3 + 1 = 98 steps, halved by pooling to 49.
    title: "Conv1D(16, 3) on 100x8 and MaxPooling1D",
    layers: () => [new Conv1D(16, 3, { inputShape: [100, 8] }), new MaxPooling1D(2)],
    rows: [
      ["conv1d (Conv1D)", "(None, 98, 16)", 400],
      ["max_pooling1d (MaxPooling1D)", "(None, 49, 16)", 0],
    ],
    total: 400,
    nonTrainable: 0,
  },
  {
    // 3·3·3·8 + 8 = 224 with "same" padding keeping 32x32; pooling halves it; the global average leaves 8 values.
    title: "Conv2D same padding, AveragePooling2D, GlobalAveragePooling2D",
    layers: () => [
      Input([32, 32, 3]),
      new Conv2D(8, [3, 3], { padding: "same" }),
      new AveragePooling2D(2),
      new GlobalAveragePooling2D(),
    ],
    rows: [
      ["conv2d (Conv2D)", "(None, 32, 32, 8)", 224],
      ["average_pooling2d (AveragePooling2D)", "(None, 16, 16, 8)", 0],
      ["global_average_pooling2d (GlobalAveragePooling2D)", "(None, 8)", 0],
    ],
    total: 224,
    nonTrainable: 0,
  },
  {
    // Reshape has no weights: 784 values become 28x28x1, then 3·3·1·4 + 4 = 40.
    title: "Reshape before Conv2D",
    layers: () => [new Reshape([28, 28, 1], { inputShape: [784] }), new Conv2D(4, 3)],
    rows: [
      ["reshape (Reshape)", "(None, 28, 28, 1)", 0],
      ["conv2d (Conv2D)", "(None, 26, 26, 4)", 40],
    ],
    total: 40,
    nonTrainable: 0,
  },
  {
    // Dense 20·64 + 64 = 1,344; BatchNormalization 4·64 = 256 (128 non-trainable); Dense 64·1 + 1 = 65.
    title: "Dense, BatchNormalization, Dropout, Dense",
    layers: () => [new Dense(64, { inputShape: [20] }), new BatchNormalization(), new Dropout({ rate: 0.3 }), new Dense(1)],
    rows: [
      ["dense (Dense)", "(None, 64)", 1_344],
      ["batch_normalization (BatchNormalization)", "(None, 64)", 256],
      ["dropout (Dropout)", "(None, 64)", 0],
      ["dense_1 (Dense)", "(None, 1)", 65],
    ],
    total: 1_665,
    nonTrainable: 128,
  },
  {
    // Each direction is an LSTM(32) on 10 features: 4·32·(10 + 32 + 1) = 5,504; concatenated: 64 outputs.
    title: "Bidirectional(LSTM(32)) on 20 steps of 10 features",
    layers: () => [new Bidirectional(new LSTM(32), { inputShape: [20, 10] })],
    rows: [["bidirectional (Bidirectional)", "(None, 64)", 11008]],
    total: 11008,
    nonTrainable: 0,
  },
  {
    // Normalization keeps mean and variance per feature and a count: 2·4 + 1 = 9, none trainable.
    // Rescaling has no weights; Dense(2) on 4 features: 4·2 + 2 = 10.
    title: "Normalization, Rescaling and Dense on 4 features",
    layers: () => [new Normalization({ inputShape: [4] }), new Rescaling(1 / 255), new Dense(2)],
    rows: [
      ["normalization (Normalization)", "(None, 4)", 9],
      ["rescaling (Rescaling)", "(None, 4)", 0],
      ["dense (Dense)", "(None, 2)", 10],
    ],
    total: 19,
    nonTrainable: 9,
  },
];

describe("summary parameter counts", () => {
  it.each(cases.map((testCase) => [testCase.title, testCase]))("%s matches Keras", (_title, testCase) => {
    const model = new Sequential(testCase.layers());
    try {
      const summary = model.summaryData();
      const rows = summary.layers.map((layer): Row => [
        `${layer.name} (${layer.className})`,
        formatShape(layer.outputShape ?? []),
        layer.params ?? -1,
      ]);
      expect(rows).toEqual(testCase.rows);
      expect(summary.trainableParams + summary.nonTrainableParams).toBe(testCase.total);
      expect(summary.nonTrainableParams).toBe(testCase.nonTrainable);
      expect(model.countParams()).toBe(testCase.total);
    } finally {
      model.tfjsModel?.dispose();
    }
  });
});
