import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { ValueError } from "./errors";
import { normalizeOptions, readBoolean, readFraction, readInteger } from "./options";
import { seededRandom } from "./random";
import { splitIndices } from "./split";

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

/**
 * Loads Fisher's iris data (150 flowers, 4 measurements in cm, 3 species) from the package's data/ folder
 * and splits it with a seeded shuffle, stratified by species unless stratify is false. The features are
 * the raw measurements. Works offline.
 *
 *     const { xTrain, yTrain, xTest, yTest, classNames } = datasets.iris();
 */
export function iris(options: IrisOptions = {}): ClassificationSplit {
  const settings = normalizeOptions("datasets.iris()", options, ["testSize", "seed", "stratify"]);
  const testSize = settings.testSize === undefined ? 0.2 : readFraction("datasets.iris()", "testSize", settings.testSize, false);
  const seed = settings.seed === undefined ? 42 : readInteger("datasets.iris()", "seed", settings.seed);
  const stratify = settings.stratify === undefined ? true : readBoolean("datasets.iris()", "stratify", settings.stratify);

  const table = readLabelledCsv("iris", "iris.csv");
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
