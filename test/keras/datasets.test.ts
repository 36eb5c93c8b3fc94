import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { iris, penguins } from "../../src/keras/datasets";
import { errorMessage } from "./helpers";
import { selectBackend } from "../../src/runtime/backend";

beforeAll(async () => {
  await selectBackend(tf, "cpu");
});

function countLabels(labels: tf.Tensor): number[] {
  const counts = [0, 0, 0];
  for (const label of labels.arraySync() as number[]) counts[label] += 1;
  return counts;
}

function rowsOf(x: tf.Tensor): string[] {
  // One decimal, as in the CSV file, because float32 turns 4.3 into 4.300000190734863.
  return (x.arraySync() as number[][]).map((row) => row.map((value) => value.toFixed(1)).join(","));
}

describe("datasets.iris()", () => {
  it("splits 150 flowers into 120 training and 30 test samples", () => {
    const data = iris();
    expect(data.xTrain.shape).toEqual([120, 4]);
    expect(data.yTrain.shape).toEqual([120]);
    expect(data.xTest.shape).toEqual([30, 4]);
    expect(data.yTest.shape).toEqual([30]);
    expect(data.xTrain.dtype).toBe("float32");
    expect(data.yTrain.dtype).toBe("int32");
    tf.dispose([data.xTrain, data.yTrain, data.xTest, data.yTest]);
  });

  it("names the features and classes", () => {
    const data = iris();
    expect(data.featureNames).toEqual(["sepal_length", "sepal_width", "petal_length", "petal_width"]);
    expect(data.classNames).toEqual(["setosa", "versicolor", "virginica"]);
  });

  it("keeps each species' share in both parts", () => {
    const data = iris();
    expect(countLabels(data.yTest)).toEqual([10, 10, 10]);
    expect(countLabels(data.yTrain)).toEqual([40, 40, 40]);
  });

  it("gives the same split for the same seed", () => {
    const first = iris({ seed: 7 });
    const second = iris({ seed: 7 });
    expect(first.xTrain.arraySync()).toEqual(second.xTrain.arraySync());
    expect(first.yTest.arraySync()).toEqual(second.yTest.arraySync());
  });

  it("gives another split for another seed", () => {
    expect(rowsOf(iris({ seed: 1 }).xTest)).not.toEqual(rowsOf(iris({ seed: 2 }).xTest));
  });

  it("uses every flower exactly once", () => {
    const csvRows = readFileSync(resolve(__dirname, "..", "..", "data", "iris.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",").slice(0, 4).join(","));
    const data = iris();
    const splitRows = [...rowsOf(data.xTrain), ...rowsOf(data.xTest)];
    expect(splitRows).toHaveLength(150);
    expect([...splitRows].sort()).toEqual([...csvRows].sort());
  });

  it("mixes the classes so a validation split sees all of them", () => {
    const labels = iris().yTrain.arraySync() as number[];
    const lastTwelve = new Set(labels.slice(-12));
    expect(lastTwelve.size).toBeGreaterThan(1);
  });

  it("takes testSize in either spelling", () => {
    expect(iris({ testSize: 0.3 }).xTest.shape).toEqual([45, 4]);
    expect(iris({ test_size: 0.3 }).xTest.shape).toEqual([45, 4]);
  });

  it("rounds a stratified test size up, as scikit-learn", () => {
    const data = iris({ testSize: 0.25 });
    expect(data.xTest.shape[0]).toBe(38);
    expect(countLabels(data.yTest).reduce((a, b) => a + b)).toBe(38);
    for (const count of countLabels(data.yTest)) expect([12, 13]).toContain(count);
  });

  it("splits without stratifying when asked", () => {
    const data = iris({ stratify: false, seed: 3 });
    expect(data.xTest.shape).toEqual([30, 4]);
    expect(countLabels(data.yTest).reduce((a, b) => a + b)).toBe(30);
  });

  it.each([[0], [1], [-0.2], ["0.2"]])("rejects testSize %p", (testSize) => {
    expect(errorMessage("en", () => iris({ testSize: testSize as number }))).toContain(
      "datasets.iris(): testSize must be a number greater than 0 and less than 1",
    );
    expect(errorMessage("es", () => iris({ testSize: testSize as number }))).toContain("debe ser un número mayor que 0");
  });

  it("rejects a seed that is not an integer", () => {
    expect(errorMessage("en", () => iris({ seed: 1.5 }))).toBe("datasets.iris(): seed must be an integer, but got 1.5.");
  });

  it("rejects an unknown option", () => {
    expect(errorMessage("en", () => iris({ random_state: 1 } as never))).toContain(
      'datasets.iris() does not accept the option "random_state".',
    );
  });
});

describe("datasets.penguins()", () => {
  it("keeps the 342 penguins with measurements", () => {
    const data = penguins();
    expect(data.xTrain.shape[0] + data.xTest.shape[0]).toBe(342);
    expect(data.xTest.shape).toEqual([69, 4]);
    expect(data.yTrain.dtype).toBe("int32");
    tf.dispose([data.xTrain, data.yTrain, data.xTest, data.yTest]);
  });

  it("names the features and species", () => {
    const data = penguins();
    expect(data.featureNames).toEqual(["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]);
    expect(data.classNames).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
  });

  it("counts each species as the file does", () => {
    const data = penguins();
    const total = countLabels(data.yTrain).map((count, i) => count + countLabels(data.yTest)[i]);
    // Adelie has 152 records and Gentoo 124, each with one record without measurements.
    expect(total).toEqual([151, 68, 123]);
  });

  it("reads the first record's measurements", () => {
    const data = penguins({ testSize: 0.5, seed: 0 });
    expect([...rowsOf(data.xTrain), ...rowsOf(data.xTest)]).toContain("39.1,18.7,181.0,3750.0");
  });

  it("checks its options as iris() does", () => {
    expect(errorMessage("en", () => penguins({ testSize: 1 }))).toContain("datasets.penguins(): testSize must be a number");
  });
});
