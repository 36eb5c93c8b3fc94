import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { digits, iris, penguins, seattleWeather } from "../../src/keras/datasets";
import { errorMessage, selectTestBackend } from "./helpers";

beforeAll(async () => {
  await selectTestBackend();
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

describe("datasets.digits()", () => {
  function totalsPerDigit(data: { yTrain: tf.Tensor; yTest: tf.Tensor }): number[] {
    const totals = new Array<number>(10).fill(0);
    for (const label of [...(data.yTrain.arraySync() as number[]), ...(data.yTest.arraySync() as number[])]) totals[label] += 1;
    return totals;
  }

  it("splits 1797 images into 1437 training and 360 test samples", () => {
    const data = digits();
    expect(data.xTrain.shape).toEqual([1437, 64]);
    expect(data.yTrain.shape).toEqual([1437]);
    expect(data.xTest.shape).toEqual([360, 64]);
    expect(data.yTest.shape).toEqual([360]);
    expect(data.xTrain.dtype).toBe("float32");
    expect(data.yTrain.dtype).toBe("int32");
    tf.dispose([data.xTrain, data.yTrain, data.xTest, data.yTest]);
  });

  it("names the 64 pixels and the 10 digits", () => {
    const data = digits();
    expect(data.featureNames).toHaveLength(64);
    expect(data.featureNames[0]).toBe("pixel_0");
    expect(data.featureNames[63]).toBe("pixel_63");
    expect(data.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("counts each digit as scikit-learn does", () => {
    const totals = totalsPerDigit(digits());
    expect(totals).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(totals.reduce((a, b) => a + b)).toBe(1797);
  });

  it("reads the first image with label 0", () => {
    const firstImage =
      "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0";
    const data = digits();
    const rows = [...(data.xTrain.arraySync() as number[][]), ...(data.xTest.arraySync() as number[][])];
    const labels = [...(data.yTrain.arraySync() as number[]), ...(data.yTest.arraySync() as number[])];
    const position = rows.findIndex((row) => row.join(",") === firstImage);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(labels[position]).toBe(0);
  });

  it("keeps pixel values between 0 and 16", () => {
    const data = digits();
    expect(data.xTrain.min().arraySync()).toBe(0);
    expect(data.xTrain.max().arraySync()).toBe(16);
  });

  it("gives the same split for the same seed", () => {
    const first = digits({ seed: 5 });
    const second = digits({ seed: 5 });
    expect(first.xTest.arraySync()).toEqual(second.xTest.arraySync());
    expect(first.yTrain.arraySync()).toEqual(second.yTrain.arraySync());
    expect(digits({ seed: 6 }).yTest.arraySync()).not.toEqual(first.yTest.arraySync());
  });

  it("keeps each digit's share in the test part", () => {
    const counts = new Array<number>(10).fill(0);
    for (const label of digits().yTest.arraySync() as number[]) counts[label] += 1;
    for (const count of counts) expect([34, 35, 36, 37]).toContain(count);
  });

  it("checks its options as iris() does", () => {
    expect(errorMessage("en", () => digits({ testSize: 0 }))).toContain("datasets.digits(): testSize must be a number");
  });
});

describe("datasets.seattleWeather()", () => {
  it("returns one record per day of 2012-2015", () => {
    const days = seattleWeather();
    expect(days).toHaveLength(1461);
    expect(days[days.length - 1].date).toBe("2015-12-31");
  });

  it("reads the first day", () => {
    expect(seattleWeather()[0]).toEqual({
      date: "2012-01-01",
      precipitation: 0,
      temp_max: 12.8,
      temp_min: 5,
      wind: 4.7,
      weather: "drizzle",
    });
  });

  it("types every field", () => {
    for (const day of seattleWeather()) {
      expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(new Date(day.date).getTime())).toBe(false);
      for (const value of [day.precipitation, day.temp_max, day.temp_min, day.wind]) expect(Number.isFinite(value)).toBe(true);
      expect(["drizzle", "rain", "snow", "sun", "fog"]).toContain(day.weather);
    }
  });

  it("counts each weather type", () => {
    const counts: Record<string, number> = {};
    for (const day of seattleWeather()) counts[day.weather] = (counts[day.weather] ?? 0) + 1;
    expect(counts).toEqual({ drizzle: 53, fog: 101, rain: 641, snow: 26, sun: 640 });
  });

  it("returns new records on each call", () => {
    seattleWeather()[0].temp_max = 99;
    expect(seattleWeather()[0].temp_max).toBe(12.8);
  });
});
