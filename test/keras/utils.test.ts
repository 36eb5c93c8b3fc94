import * as tf from "@tensorflow/tfjs";
import { ValueError } from "../../src/keras/errors";
import { Dense } from "../../src/keras/layers";
import { Sequential } from "../../src/keras/sequential";
import { clearSession, toCategorical } from "../../src/keras/utils";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
});

describe("utils.toCategorical()", () => {
  it("turns labels into one-hot rows", () => {
    const oneHot = toCategorical([0, 2, 1], 3);
    expect(oneHot.dtype).toBe("float32");
    expect(oneHot.shape).toEqual([3, 3]);
    expect(oneHot.arraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });

  it("counts the classes when numClasses is left out", () => {
    expect(toCategorical([1, 3]).shape).toEqual([2, 4]);
  });

  it("accepts int32 and float32 tensors", () => {
    expect(toCategorical(tf.tensor1d([2, 0], "int32"), 3).arraySync()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(toCategorical(tf.tensor1d([1, 1]), 2).arraySync()).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it("replaces a last axis of size 1, as Keras", () => {
    expect(toCategorical([[0], [1]], 2).shape).toEqual([2, 2]);
  });

  it("adds an axis to 2-D labels", () => {
    expect(toCategorical([[0, 1], [2, 0]], 3).shape).toEqual([2, 2, 3]);
  });

  it("gives more columns than labels when asked", () => {
    expect(toCategorical([0], 5).arraySync()).toEqual([[1, 0, 0, 0, 0]]);
  });

  it("rejects a label too large for numClasses in both languages", () => {
    expect(errorMessage("en", () => toCategorical([0, 3], 3))).toBe(
      "Label 3 does not fit numClasses = 3, because labels go from 0 to 2. Pass a larger numClasses, or leave it out to count the classes from the labels.",
    );
    expect(errorMessage("es", () => toCategorical([0, 3], 3))).toBe(
      "La etiqueta 3 no cabe en numClasses = 3, porque las etiquetas van de 0 a 2. Pasa un numClasses mayor, u omítelo para contar las clases a partir de las etiquetas.",
    );
  });

  it.each([[-1], [1.5], [NaN]])("rejects label %p", (label) => {
    expect(() => toCategorical([0, label], 3)).toThrow(ValueError);
    expect(errorMessage("en", () => toCategorical([0, label], 3))).toContain("at position 1.");
  });

  it("rejects non-numeric and ragged labels", () => {
    expect(errorMessage("en", () => toCategorical(["a"] as never, 2))).toBe("labels must contain only numbers, but contains 'a'.");
    expect(errorMessage("en", () => toCategorical([[0, 1], [1]], 2))).toContain(
      "labels must be a tf.Tensor or an array of numbers whose rows all have the same length",
    );
    expect(errorMessage("en", () => toCategorical("0,1" as never, 2))).toContain("but got '0,1'.");
  });

  it("rejects numClasses that is not a positive integer", () => {
    expect(errorMessage("en", () => toCategorical([0], 0))).toBe(
      "toCategorical(): numClasses must be a positive integer, but got 0.",
    );
  });
});

describe("utils.clearSession()", () => {
  it("restarts automatic names", () => {
    clearSession();
    new Sequential([new Dense(1, { inputShape: [1] })]);
    clearSession();
    const model = new Sequential([new Dense(1, { inputShape: [1] })]);
    expect(model.name).toBe("sequential");
    expect(model.layers[0].name).toBe("dense");
  });
});
