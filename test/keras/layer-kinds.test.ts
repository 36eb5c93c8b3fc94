import * as tf from "@tensorflow/tfjs";
import { Conv1D, Conv2D } from "../../src/keras/convolutional";
import { Embedding } from "../../src/keras/embedding";
import { ValueError } from "../../src/keras/errors";
import { Input, ModelInput } from "../../src/keras/input";
import { Dense } from "../../src/keras/layers";
import { BatchNormalization, LayerNormalization } from "../../src/keras/normalization";
import { GlobalAveragePooling1D, MaxPooling2D } from "../../src/keras/pooling";
import { GRU, LSTM, SimpleRNN } from "../../src/keras/recurrent";
import { Dropout, Flatten, Reshape } from "../../src/keras/reshaping";
import { Sequential } from "../../src/keras/sequential";
import { clearSession } from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  clearSession();
});

describe("Conv2D", () => {
  it("takes filters and kernelSize by position or by name", () => {
    const positional = new Conv2D(32, 3, { activation: "relu" });
    const named = new Conv2D({ filters: 32, kernelSize: 3, activation: "relu" });
    expect(positional.filters).toBe(32);
    expect(named.filters).toBe(32);
    expect(positional.tfjsLayer.getConfig().kernelSize).toEqual(named.tfjsLayer.getConfig().kernelSize);
    expect(positional.tfjsLayer.getConfig().activation).toBe("relu");
  });

  it("accepts Keras's snake_case options", () => {
    const layer = new Conv2D({ filters: 8, kernel_size: [5, 3], data_format: "channels_first", use_bias: false });
    const config = layer.tfjsLayer.getConfig();
    expect(config.kernelSize).toEqual([5, 3]);
    expect(config.dataFormat).toBe("channelsFirst");
    expect(config.useBias).toBe(false);
  });

  it("rejects a missing filters in both languages", () => {
    expect(errorMessage("en", () => new Conv2D({ kernelSize: 3 }))).toBe(
      "Conv2D needs filters. Write, for example, new Conv2D(32, 3).",
    );
    expect(errorMessage("es", () => new Conv2D({ kernelSize: 3 }))).toBe(
      "Conv2D necesita filters. Escribe, por ejemplo, new Conv2D(32, 3).",
    );
  });

  it("suggests the closest option name", () => {
    const message = errorMessage("en", () => new Conv2D({ filter: 32, kernel_size: 3 } as never));
    expect(message).toContain('Conv2D does not accept the option "filter".');
    expect(message).toContain('Did you mean "filters"?');
    expect(errorMessage("en", () => new Conv2D(32, 3, { kernel_sise: 3 } as never))).toContain('Did you mean "kernel_size"?');
  });

  it("rejects an option given by position and name", () => {
    expect(errorMessage("en", () => new Conv2D(32, 3, { filters: 16 } as never))).toContain(
      'Conv2D received both "filters" and "filters"',
    );
  });

  it("rejects an unknown padding", () => {
    expect(errorMessage("en", () => new Conv2D(8, 3, { padding: "full" as never }))).toBe(
      'Conv2D: padding must be one of "valid", "same", but got \'full\'.',
    );
    expect(errorMessage("es", () => new Conv2D(8, 3, { padding: "full" as never }))).toContain("padding debe ser uno de");
  });

  it("rejects a kernelSize with the wrong number of axes", () => {
    expect(errorMessage("en", () => new Conv2D(8, [3]))).toContain(
      "Conv2D: kernelSize must be a positive integer or an array of positive integers such as [3, 3], but got [ 3 ].",
    );
    expect(() => new Conv2D(8, 0)).toThrow(ValueError);
  });
});

describe("Conv1D", () => {
  it("accepts causal padding", () => {
    expect(new Conv1D(4, 2, { padding: "causal" }).tfjsLayer.getConfig().padding).toBe("causal");
  });
});

describe("layer names", () => {
  it("follow Keras's automatic names", () => {
    expect(new Conv2D(1, 1).name).toBe("conv2d");
    expect(new Conv2D(1, 1).name).toBe("conv2d_1");
    expect(new Conv1D(1, 1).name).toBe("conv1d");
    expect(new MaxPooling2D().name).toBe("max_pooling2d");
    expect(new GlobalAveragePooling1D().name).toBe("global_average_pooling1d");
    expect(new Dropout(0.1).name).toBe("dropout");
    expect(new Flatten().name).toBe("flatten");
    expect(new Reshape([2, 2]).name).toBe("reshape");
    expect(new BatchNormalization().name).toBe("batch_normalization");
    expect(new LayerNormalization().name).toBe("layer_normalization");
    expect(new Embedding(10, 2).name).toBe("embedding");
    expect(new SimpleRNN(2).name).toBe("simple_rnn");
    expect(new LSTM(2).name).toBe("lstm");
    expect(new GRU(2).name).toBe("gru");
    expect(new LSTM(2, { name: "encoder" }).name).toBe("encoder");
    expect(new LSTM(2).name).toBe("lstm_1");
  });
});

describe("Dropout", () => {
  it("takes the rate by position or by name", () => {
    expect(new Dropout(0.25).rate).toBe(0.25);
    expect(new Dropout({ rate: 0.5 }).rate).toBe(0.5);
  });

  it("rejects a rate outside [0, 1)", () => {
    expect(errorMessage("en", () => new Dropout(1))).toBe("Dropout: rate must be a number from 0 and less than 1, but got 1.");
    expect(errorMessage("en", () => new Dropout({}))).toBe("Dropout needs rate. Write, for example, new Dropout(0.5).");
  });
});

describe("Reshape", () => {
  it("infers one axis given as -1", () => {
    const model = new Sequential([new Reshape([-1, 2], { inputShape: [6] })]);
    const x = tf.zeros([1, 6]);
    const y = model.predict(x);
    expect(y.shape).toEqual([1, 3, 2]);
    expect(model.layers[0].outputShape).toEqual([null, null, 2]);
    tf.dispose([x, y]);
    model.tfjsModel?.dispose();
  });

  it("rejects a target shape with zero", () => {
    expect(() => new Reshape([0, 2])).toThrow(ValueError);
  });
});

describe("recurrent layers", () => {
  it("use Keras's gate activation and initializers", () => {
    const lstm = new LSTM(4).tfjsLayer.getConfig();
    expect(lstm.recurrentActivation).toBe("sigmoid");
    expect(lstm.unitForgetBias).toBe(true);
    const kernelInitializer = lstm.kernelInitializer as { config: { mode: string; distribution: string } };
    expect(kernelInitializer.config.mode).toBe("fanAvg");
    expect(kernelInitializer.config.distribution).toBe("uniform");
    expect(new GRU(4).tfjsLayer.getConfig().recurrentActivation).toBe("sigmoid");
  });

  it("accept return_sequences", () => {
    const model = new Sequential([new SimpleRNN(3, { input_shape: [5, 2], return_sequences: true })]);
    expect(model.layers[0].outputShape).toEqual([null, 5, 3]);
    model.tfjsModel?.dispose();
  });

  it("rejects GRU reset_after true in both languages", () => {
    expect(errorMessage("en", () => new GRU(4, { reset_after: true as never }))).toContain(
      "GRU: TensorFlow.js implements only reset_after: false",
    );
    expect(errorMessage("es", () => new GRU(4, { reset_after: true as never }))).toContain(
      "GRU: TensorFlow.js solo implementa reset_after: false",
    );
    expect(new GRU(4, { reset_after: false }).units).toBe(4);
  });
});

describe("Input()", () => {
  it("works with and without new", () => {
    const called = Input([4]);
    const constructed = new Input([4], { name: "features" });
    expect(called).toBeInstanceOf(ModelInput);
    expect(constructed).toBeInstanceOf(ModelInput);
    expect(called.name).toBe("input_layer");
    expect(constructed.name).toBe("features");
    expect(called.batchSize).toBeNull();
  });

  it("builds the model and is not a summary row", () => {
    const model = new Sequential([Input([4], { batch_size: 8 }), new Dense(2)]);
    expect(model.built).toBe(true);
    expect(model.layers).toHaveLength(1);
    expect(model.layers[0].outputShape).toEqual([8, 2]);
    model.tfjsModel?.dispose();
  });

  it("rejects an Input after a layer in both languages", () => {
    const model = new Sequential([new Dense(2)]);
    expect(errorMessage("en", () => model.add(Input([4])))).toContain("Input() must be the first element of a Sequential model.");
    expect(errorMessage("es", () => model.add(Input([4])))).toContain("Input() debe ser el primer elemento");
    expect(errorMessage("en", () => new Sequential([Input([4]), Input([4])]))).toContain("Input() must be the first element");
  });

  it("rejects a shape that is not an array", () => {
    expect(errorMessage("en", () => Input(4 as never))).toBe(
      "Input: shape must be an array of positive integers such as [4], but got 4.",
    );
  });

  it("keeps the Input when the first layer fails", () => {
    const model = new Sequential([Input([4])]);
    expect(() => model.add(new Conv2D(2, 3))).toThrow();
    model.add(new Dense(2));
    expect(model.layers[0].outputShape).toEqual([null, 2]);
    model.tfjsModel?.dispose();
  });
});

describe("small models", () => {
  it("train a convnet from Input()", async () => {
    const model = new Sequential([
      Input([6, 6, 1]),
      new Conv2D(2, 3, { activation: "relu" }),
      new MaxPooling2D(),
      new Flatten(),
      new Dropout(0.2),
      new Dense(2, { activation: "softmax" }),
    ]);
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
    const x = tf.randomUniform([8, 6, 6, 1]);
    const y = tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1]);
    const history = await model.fit(x, y, { epochs: 2, batch_size: 4, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    expect(history.history.accuracy).toHaveLength(2);
    tf.dispose([x, y]);
    model.tfjsModel?.dispose();
  });

  it("predict with an Embedding and LSTM", () => {
    const model = new Sequential([new Embedding(20, 4, { inputShape: [5] }), new LSTM(3), new Dense(1)]);
    const x = tf.tensor2d([[1, 2, 3, 4, 5]]);
    const y = model.predict(x);
    expect(y.shape).toEqual([1, 1]);
    tf.dispose([x, y]);
    model.tfjsModel?.dispose();
  });
});
