import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { ValueError } from "./errors";
import { normalizeOptions, readBoolean, readFraction, readInteger } from "./options";
import { seededRandom } from "./random";
import { splitIndices } from "./split";
import { parseCsv, parseNumber, readCSV } from "./csv";
import type { ColumnTable } from "../eda/arquero";
import { readJSON } from "../eda/read";

export { readCSV } from "./csv";
export type { CsvData, ReadCsvOptions } from "./csv";

// The package's data/ folder: two levels up from this file, in src/keras/ under ts-jest and in dist/keras/ once built.
const dataFolder = resolve(__dirname, "..", "..", "data");

/** Options of datasets.iris(). */
export interface IrisOptions {
  /** Fraction of the samples kept for testing. Default: 0.2, which gives 30 test and 120 training samples. */
  testSize?: number;
  test_size?: number;
  /** Seed of the shuffle: the same seed gives the same split. Default: 42. */
  seed?: number;
  /** Whether each class keeps its share in both parts, as scikit-learn's stratify=y. Default: true. */
  stratify?: boolean;
}

/** A data set split into training and test tensors, with integer class labels. */
export interface ClassificationSplit {
  /** Training features, one row per sample: float32 [samples, features]. */
  xTrain: tf.Tensor2D;
  /** Training labels from 0 to classNames.length - 1: int32 [samples]. */
  yTrain: tf.Tensor1D;
  xTest: tf.Tensor2D;
  yTest: tf.Tensor1D;
  /** Column names of x, in order. */
  featureNames: string[];
  /** Class names, indexed by label. */
  classNames: string[];
}

interface LabelledTable {
  featureNames: string[];
  classNames: string[];
  features: number[][];
  labels: number[];
}

const tables = new Map<string, LabelledTable>();

const penguinFeatures = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];

/** Returns the path of a file in the vega-datasets package's data/ folder, searching node_modules folders as require() does. */
function vegaDatasetsFile(file: string): string | undefined {
  for (const folder of require.resolve.paths("vega-datasets") ?? []) {
    const path = join(folder, "vega-datasets", "data", file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Reads penguins.json from the vega-datasets package, once per process, keeping the records that have all
 * four measurements. The package's JavaScript API fetches its files from the web, so the file is read directly.
 */
function readPenguins(): LabelledTable {
  const cached = tables.get("penguins");
  if (cached) return cached;

  const path = vegaDatasetsFile("penguins.json");
  if (path === undefined) throw new ValueError(messages().keras.packageDatasetMissing("penguins", "vega-datasets/data/penguins.json"));

  const records = JSON.parse(readFileSync(path, "utf8")) as Array<Record<string, unknown>>;
  const complete = records.filter((record) => penguinFeatures.every((name) => typeof record[name] === "number"));
  const classNames: string[] = [];
  const labels = complete.map((record) => {
    const species = String(record.Species);
    if (!classNames.includes(species)) classNames.push(species);
    return classNames.indexOf(species);
  });

  const table = {
    featureNames: [...penguinFeatures],
    classNames,
    features: complete.map((record) => penguinFeatures.map((name) => record[name] as number)),
    labels,
  };
  tables.set("penguins", table);
  return table;
}

/** Reads a CSV file of numeric columns followed by a class name column, once per process. */
function readLabelledCsv(name: string, file: string): LabelledTable {
  const cached = tables.get(file);
  if (cached) return cached;

  const path = resolve(dataFolder, file);
  if (!existsSync(path)) throw new ValueError(messages().keras.datasetFileMissing(name, path));

  const [header, ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  const classNames: string[] = [];
  const features: number[][] = [];
  const labels: number[] = [];
  for (const row of rows) {
    const cells = row.split(",");
    const className = cells[cells.length - 1];
    if (!classNames.includes(className)) classNames.push(className);
    features.push(cells.slice(0, -1).map(Number));
    labels.push(classNames.indexOf(className));
  }

  const table = { featureNames: columns.slice(0, -1), classNames, features, labels };
  tables.set(file, table);
  return table;
}

/** Reads digits.csv, whose label column contains the digit itself, so classNames are "0" to "9" in label order. */
function readDigits(): LabelledTable {
  const cached = tables.get("digits.csv");
  if (cached) return cached;

  const path = resolve(dataFolder, "digits.csv");
  if (!existsSync(path)) throw new ValueError(messages().keras.datasetFileMissing("digits", path));

  const [header, ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const features: number[][] = [];
  const labels: number[] = [];
  for (const row of rows) {
    const cells = row.split(",").map(Number);
    features.push(cells.slice(0, -1));
    labels.push(cells[cells.length - 1]);
  }

  const table = {
    featureNames: header.split(",").slice(0, -1),
    classNames: Array.from({ length: 10 }, (_, digit) => String(digit)),
    features,
    labels,
  };
  tables.set("digits.csv", table);
  return table;
}

/**
 * Loads Fisher's iris data (150 flowers, 4 measurements in cm, 3 species) from the package's data/ folder
 * and splits it with a seeded shuffle, stratified by species unless stratify is false. The features are
 * the raw measurements. Works offline.
 *
 *     const { xTrain, yTrain, xTest, yTest, classNames } = datasets.iris();
 */
export function iris(options: IrisOptions = {}): ClassificationSplit {
  return splitTable("datasets.iris()", () => readLabelledCsv("iris", "iris.csv"), options);
}

/**
 * Loads the Palmer penguins (342 penguins of 3 species, Adelie, Chinstrap and Gentoo, from 3 islands of
 * the Palmer Archipelago) and splits them as iris() does: same options, same defaults. The features are
 * beak length and depth (mm), flipper length (mm) and body mass (g). The 2 of the file's 344 records
 * without measurements are left out. Island and sex are not features. Works offline.
 *
 *     const { xTrain, yTrain, xTest, yTest, featureNames, classNames } = datasets.penguins();
 */
export function penguins(options: IrisOptions = {}): ClassificationSplit {
  return splitTable("datasets.penguins()", readPenguins, options);
}

/**
 * Loads the 8x8 handwritten digits as scikit-learn ships them (1,797 images from the UCI "Optical
 * Recognition of Handwritten Digits" test set) and splits them as iris() does: same options, same
 * defaults. Each row of x contains the 64 pixels of one image, row by row, as counts from 0 to 16 that are
 * not scaled. The label is the digit, so classNames[label] is String(label). Works offline.
 *
 *     const { xTrain, yTrain, xTest, yTest } = datasets.digits();
 *     const xTrainScaled = xTrain.div(16); // pixel values from 0 to 1
 */
export function digits(options: IrisOptions = {}): ClassificationSplit {
  return splitTable("datasets.digits()", readDigits, options);
}

/** One day of datasets.seattleWeather(), with the column names of the CSV file. */
export interface SeattleWeatherRecord {
  /** Day of the observation as an ISO 8601 date, such as "2012-01-01". new Date(date) gives midnight UTC. */
  date: string;
  /** Precipitation in mm. */
  precipitation: number;
  /** Maximum temperature in °C. */
  temp_max: number;
  /** Minimum temperature in °C. */
  temp_min: number;
  /** Wind speed, in km/h as the datapackage.json of vega-datasets 3.2.1 states. */
  wind: number;
  /** Weather type: "drizzle", "rain", "snow", "sun" or "fog". */
  weather: string;
}

const weatherNumberColumns = ["precipitation", "temp_max", "temp_min", "wind"] as const;

/**
 * Loads the daily weather of Seattle from 2012 to 2015 (1,461 days) as an array of records, one per day
 * in date order, from the seattle-weather.csv file of the vega-datasets package. Each call returns new
 * records, so changing them does not change the next call's. Works offline.
 *
 *     const days = datasets.seattleWeather();
 *     const rainy = days.filter((day) => day.weather === "rain").length;
 */
export function seattleWeather(): SeattleWeatherRecord[] {
  const path = vegaDatasetsFile("seattle-weather.csv");
  if (path === undefined) {
    throw new ValueError(messages().keras.packageDatasetMissing("seattleWeather", "vega-datasets/data/seattle-weather.csv"));
  }

  const table = parseCsv(readFileSync(path, "utf8"), path);
  const column = (name: string) => table.header.indexOf(name);
  return table.records.map(({ line, cells }) => {
    const numbers = weatherNumberColumns.map((name) => {
      const value = parseNumber(cells[column(name)]);
      if (value === undefined) throw new ValueError(messages().keras.csvNonNumericValue(path, line, name, cells[column(name)]));
      return value;
    });
    return {
      date: cells[column("date")],
      precipitation: numbers[0],
      temp_max: numbers[1],
      temp_min: numbers[2],
      wind: numbers[3],
      weather: cells[column("weather")],
    };
  });
}

/** Reads the split options, then reads the table and splits it with a seeded shuffle. */
function splitTable(owner: string, readTable: () => LabelledTable, options: IrisOptions): ClassificationSplit {
  const settings = normalizeOptions(owner, options, ["testSize", "seed", "stratify"]);
  const testSize = settings.testSize === undefined ? 0.2 : readFraction(owner, "testSize", settings.testSize, false);
  const seed = settings.seed === undefined ? 42 : readInteger(owner, "seed", settings.seed);
  const stratify = settings.stratify === undefined ? true : readBoolean(owner, "stratify", settings.stratify);

  const table = readTable();
  const testCount = Math.ceil(testSize * table.labels.length);
  const { train, test } = splitIndices(table.labels, testCount, stratify, seededRandom(seed));
  const featureCount = table.featureNames.length;
  const rows = (indices: number[]) => indices.map((i) => table.features[i]);
  const labels = (indices: number[]) => indices.map((i) => table.labels[i]);

  return {
    xTrain: tf.tensor2d(rows(train), [train.length, featureCount], "float32"),
    yTrain: tf.tensor1d(labels(train), "int32"),
    xTest: tf.tensor2d(rows(test), [test.length, featureCount], "float32"),
    yTest: tf.tensor1d(labels(test), "int32"),
    featureNames: [...table.featureNames],
    classNames: [...table.classNames],
  };
}

/** Names of the data sets that datasets.table() returns. */
export type DatasetName = "iris" | "penguins" | "digits" | "seattleWeather";

const datasetNames: DatasetName[] = ["iris", "penguins", "digits", "seattleWeather"];

/**
 * Loads a bundled data set whole, as an arquero table for exploratory analysis, with the columns and
 * records of its file. The data sets are iris (150 rows) and penguins (all 344 rows with Island and
 * Sex, including the 2 without measurements and the 10 without a sex). Also digits (1,797 rows of 64
 * pixels and the label) and seattleWeather (1,461 days, dates as text). The functions of the same name give the
 * data split into training and test tensors instead. Works offline.
 *
 *     const penguins = datasets.table("penguins");
 *     describe(penguins)
 */
export function table(name: DatasetName): ColumnTable {
  const text = messages();
  switch (name) {
    case "iris":
    case "digits": {
      const path = resolve(dataFolder, `${name}.csv`);
      if (!existsSync(path)) throw new ValueError(text.keras.datasetFileMissing(name, path));
      return readCSV(path);
    }
    case "penguins": {
      const path = vegaDatasetsFile("penguins.json");
      if (path === undefined) throw new ValueError(text.keras.packageDatasetMissing(name, "vega-datasets/data/penguins.json"));
      return readJSON(path);
    }
    case "seattleWeather": {
      const path = vegaDatasetsFile("seattle-weather.csv");
      if (path === undefined) throw new ValueError(text.keras.packageDatasetMissing(name, "vega-datasets/data/seattle-weather.csv"));
      return readCSV(path);
    }
    default:
      throw new ValueError(text.data.unknownDataset(String(name), datasetNames));
  }
}
