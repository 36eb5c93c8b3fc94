import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { Activation, Dense } from "../../src/keras/layers";
import { clearSession } from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

beforeEach(() => {
  clearSession();
});

describe("Dense", () => {
  it("takes units first or inside the options", () => {
    const positional = new Dense(64, { activation: "relu", inputShape: [4] });
    const inOptions = new Dense({ units: 64, activation: "relu", inputShape: [4] });
    expect(positional.units).toBe(64);
    expect(inOptions.units).toBe(64);
    expect(positional.activation).toBe("relu");
    expect(positional.inputShape).toEqual([4]);
  });

  it("takes the activation as second argument", () => {
    expect(new Dense(3, "softmax").activation).toBe("softmax");
  });

  it("defaults to a linear activation", () => {
    expect(new Dense(3).activation).toBe("linear");
  });

  it("accepts Keras's snake_case options", () => {
    const layer = new Dense({ units: 8, input_shape: [4], use_bias: false, kernel_initializer: "he_normal" });
    expect(layer.inputShape).toEqual([4]);
    expect(layer.tfjsLayer.getConfig().useBias).toBe(false);
  });

  it("reads inputDim as a one-element inputShape", () => {
    expect(new Dense(2, { inputDim: 4 }).inputShape).toEqual([4]);
    expect(new Dense(2, { input_dim: 4 }).inputShape).toEqual([4]);
  });

  it("is named like Keras, counting per kind", () => {
    expect(new Dense(1).name).toBe("dense");
    expect(new Dense(1).name).toBe("dense_1");
    expect(new Activation("relu").name).toBe("activation");
    expect(new Dense(1).name).toBe("dense_2");
    expect(new Activation("relu").name).toBe("activation_1");
  });

  it("keeps a name given to it without using a number", () => {
    expect(new Dense(1, { name: "hidden" }).name).toBe("hidden");
    expect(new Dense(1).name).toBe("dense");
  });

  it("is not built before a model gives it an input", () => {
    const layer = new Dense(3);
    expect(layer.built).toBe(false);
    expect(layer.outputShape).toBeUndefined();
    expect(() => layer.countParams()).toThrow(ValueError);
    expect(errorMessage("en", () => layer.countParams())).toContain('Layer "dense" is not built yet');
    expect(errorMessage("es", () => layer.countParams())).toContain('La capa "dense" aún no está construida');
  });

  it("rejects a missing units in both languages", () => {
    expect(errorMessage("en", () => new Dense({ activation: "relu" }))).toBe(
      "Dense needs the number of units. Write new Dense(64) or new Dense({ units: 64 }).",
    );
    expect(errorMessage("es", () => new Dense({ activation: "relu" }))).toBe(
      "Dense necesita el número de unidades (units). Escribe new Dense(64) o new Dense({ units: 64 }).",
    );
  });

  it.each([[0], [-3], [2.5], ["64"], [NaN]])("rejects units %p", (units) => {
    const message = errorMessage("en", () => new Dense({ units: units as number }));
    expect(message).toContain("Dense units must be a positive integer, but got");
    expect(message).toContain("new Dense(64)");
  });

  it("quotes the bad units value", () => {
    expect(errorMessage("en", () => new Dense(0))).toContain("but got 0.");
    expect(errorMessage("es", () => new Dense(0))).toContain("pero se recibió 0.");
  });

  it("rejects an inputShape that is not an array of positive integers", () => {
    expect(errorMessage("en", () => new Dense(3, { inputShape: 4 as unknown as number[] }))).toBe(
      "Dense: inputShape must be an array of positive integers such as [4], but got 4.",
    );
    expect(errorMessage("en", () => new Dense(3, { inputShape: [0] }))).toContain("but got [ 0 ]");
  });

  it("rejects inputShape and inputDim together", () => {
    expect(errorMessage("en", () => new Dense(3, { inputShape: [4], inputDim: 4 }))).toContain(
      'Dense received both "inputShape" and "inputDim"',
    );
  });

  it("rejects an unknown activation", () => {
    expect(errorMessage("en", () => new Dense(3, { activation: "softmaxx" }))).toContain('Did you mean "softmax"?');
  });

  it("rejects an unknown option", () => {
    expect(errorMessage("en", () => new Dense({ units: 3, unit: 3 } as never))).toContain(
      'Dense does not accept the option "unit".',
    );
  });
});

describe("Activation", () => {
  it("takes the name first or inside the options", () => {
    expect(new Activation("relu").activation).toBe("relu");
    expect(new Activation({ activation: "tanh" }).activation).toBe("tanh");
    expect(new Activation("sigmoid", { name: "squash" }).name).toBe("squash");
  });

  it("has no weights once built", () => {
    const layer = new Activation("relu", { inputShape: [3] });
    const model = tf.sequential();
    model.add(layer.tfjsLayer);
    expect(layer.countParams()).toBe(0);
    expect(layer.outputShape).toEqual([null, 3]);
    model.dispose();
  });

  it("rejects a missing activation in both languages", () => {
    expect(errorMessage("en", () => new Activation({}))).toBe(
      'Activation needs the name of an activation function, for example new Activation("relu").',
    );
    expect(errorMessage("es", () => new Activation({}))).toContain("Activation necesita el nombre");
  });
});
