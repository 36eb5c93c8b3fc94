/**
 * Data preparation that scikit-learn users reach for before Keras: trainTestSplit(), StandardScaler and
 * MinMaxScaler. Each takes tensors, nested arrays or arquero tables and gives back the same kind it received.
 */
import * as tf from "@tensorflow/tfjs";
import { arquero, isTable, type ColumnTable } from "../eda/arquero";
import { matrixRows, readNumberMatrix } from "../eda/tensor";
import { messages } from "../i18n";
import { flattenNested, isNumericTypedArray, plainArrays, type NumericTypedArray } from "./data";
import { describeValue, ValueError } from "./errors";
import { normalizeOptions, readBoolean, readFraction, readInteger } from "./options";
import { seededRandom } from "./random";
import { splitIndices } from "./split";

/** Samples that trainTestSplit() accepts: a tensor, nested arrays with one entry per sample, or an arquero table. */
export type SampleInput = tf.Tensor | unknown[] | ColumnTable | NumericTypedArray;

/** Features that the scalers accept: a 2-D tensor, an array of rows, or an arquero table of number columns. */
export type FeatureInput = tf.Tensor | number[][] | ColumnTable | NumericTypedArray[];

/** Options of trainTestSplit(). */
export interface TrainTestSplitOptions {
  /**
   * Share of the samples kept for testing, between 0 and 1 (rounded up to whole samples), or a number of
   * samples from 1 up. Default: 0.25, as scikit-learn.
   */
  testSize?: number;
  test_size?: number;
  /** Seed of the shuffle: the same seed gives the same split. Default: a seed drawn from Math.random(), which setRandomSeed() fixes. */
  seed?: number;
  /**
   * Class labels, one per sample, so that each class keeps its share in both parts. With true, the labels
   * are y, and a one-hot row counts as its class index. A table of one column gives its values as labels.
   * Default: no stratification.
   */
  stratify?: boolean | tf.Tensor | Array<number | string | boolean> | ColumnTable;
}

/** Result of trainTestSplit(): `[xTrain, xTest, yTrain, yTest]`, with the same four parts also as named fields. */
export type TrainTestSplit<X, Y> = [X, X, Y, Y] & { xTrain: X; xTest: X; yTrain: Y; yTest: Y };

/** Returns the number of samples (rows) of a tensor, array or table. */
function sampleCount(role: string, value: unknown): number {
  if (isTable(value)) return value.numRows();
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new ValueError(messages().keras.disposedInput(role));
    if (value.rank === 0) throw new ValueError(messages().keras.invalidData(role, describeValue(value)));
    return value.shape[0];
  }
  if (!Array.isArray(value) && !isNumericTypedArray(value)) throw new ValueError(messages().keras.invalidData(role, describeValue(value)));
  return value.length;
}

/** Returns the rows of value at the given positions, as a new tensor, array or table of the same kind. */
function takeRows<T extends SampleInput>(value: T, indices: number[]): T {
  if (value instanceof tf.Tensor) return tf.tidy(() => tf.gather(value, tf.tensor1d(indices, "int32"))) as T;
  if (isTable(value)) {
    // reify() takes the indices of the rows in the table's data, before any filter and order.
    const order = value.indices(true);
    return value.reify(indices.map((i) => order[i])) as T;
  }
  // A typed array gives a typed array of the same kind.
  if (isNumericTypedArray(value)) return (value.constructor as unknown as { from(values: number[]): T }).from(indices.map((i) => value[i]));
  return indices.map((i) => (value as unknown[])[i]) as T;
}

/** Returns one label per sample: the value itself, the only entry of a one-column row, or the argmax of a one-hot row. */
function readStratifyLabels(input: tf.Tensor | unknown[] | ColumnTable | NumericTypedArray): Array<number | string | boolean> {
  const value = plainArrays(input) as tf.Tensor | unknown[] | ColumnTable;
  if (isTable(value)) {
    const names = value.columnNames();
    if (names.length === 1) return Array.from(value.array(names[0]) as ArrayLike<number | string | boolean>);
    return readStratifyLabels(matrixRows(readNumberMatrix("stratify", value)));
  }
  if (value instanceof tf.Tensor) {
    if (value.rank !== 2 || value.shape[1] === 1) return Array.from(value.dataSync());
    const classes = tf.argMax(value, 1);
    const indices = Array.from(classes.dataSync());
    classes.dispose();
    return indices;
  }

  return value.map((entry) => {
    if (!Array.isArray(entry)) return entry as number | string | boolean;
    if (entry.length === 1) return entry[0] as number | string | boolean;
    return entry.indexOf(Math.max(...(entry as number[])));
  });
}

/** Numbers the distinct labels from 0 in order of appearance, so that strings group as numbers do. */
function labelIndices(labels: Array<number | string | boolean>): number[] {
  const seen = new Map<number | string | boolean, number>();
  return labels.map((label) => {
    if (!seen.has(label)) seen.set(label, seen.size);
    return seen.get(label) as number;
  });
}

/**
 * Shuffles the samples and splits x and y into training and test parts, as scikit-learn's
 * train_test_split. Returns new tensors for tensors, new arrays for arrays and new tables for arquero
 * tables, the test part having ceil(testSize * samples) samples:
 *
 *     const [xTrain, xTest, yTrain, yTest] = utils.trainTestSplit(x, y, { testSize: 0.2, seed: 42, stratify: true });
 *
 * Raises ValueError when x and y differ in samples, or when a part would be empty.
 */
export function trainTestSplit<X extends SampleInput, Y extends SampleInput>(
  x: X,
  y: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<X, Y> {
  const owner = "trainTestSplit()";
  const text = messages().keras;
  const settings = normalizeOptions(owner, options, ["testSize", "seed", "stratify"]);

  // 1. Read the data and the options.
  const samples = sampleCount("x", x);
  const ySamples = sampleCount("y", y);
  if (samples !== ySamples) throw new ValueError(text.sampleCountMismatch(samples, ySamples));
  const testCount = readTestCount(owner, settings.testSize, samples);
  if (testCount < 1 || testCount >= samples) throw new ValueError(text.emptySplit(samples, testCount));
  const seed = settings.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : readInteger(owner, "seed", settings.seed);

  // 2. Find the labels to stratify by, if any.
  let labels: number[] = new Array<number>(samples).fill(0);
  const stratify = settings.stratify ?? false;
  if (stratify !== false) {
    const source = stratify === true ? y : stratify;
    if (typeof source === "boolean" || (!Array.isArray(source) && !(source instanceof tf.Tensor) && !isTable(source) && !isNumericTypedArray(source))) {
      throw new ValueError(text.invalidData("stratify", describeValue(stratify)));
    }
    const read = readStratifyLabels(source);
    if (read.length !== samples) throw new ValueError(text.stratifyLengthMismatch(samples, read.length));
    labels = labelIndices(read);
  }

  // 3. Split the indices and take the rows.
  const { train, test } = splitIndices(labels, testCount, stratify !== false, seededRandom(seed));
  const xTrain = takeRows(x, train);
  const xTest = takeRows(x, test);
  const yTrain = takeRows(y, train);
  const yTest = takeRows(y, test);
  return Object.assign([xTrain, xTest, yTrain, yTest] as [X, X, Y, Y], { xTrain, xTest, yTrain, yTest });
}

function readTestCount(owner: string, value: unknown, samples: number): number {
  if (value === undefined) return Math.ceil(0.25 * samples);
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  return Math.ceil(readFraction(owner, "testSize", value, false) * samples);
}

/** A 2-D table of numbers read from a tensor, nested arrays or an arquero table, and the kind it came as. */
interface Table {
  rows: number[][];
  columns: number;
  fromTensor: boolean;
  /** The column names, when it came as an arquero table. */
  columnNames?: string[];
}

/**
 * Reads x as rows of numbers in float64. Raises ValueError for anything but a 2-D tensor, an array of
 * rows, or an arquero table whose values are all numbers.
 */
function readTable(input: unknown): Table {
  const text = messages().keras;
  const value = plainArrays(input);
  if (isTable(value)) {
    const matrix = readNumberMatrix("x", value);
    return { rows: matrixRows(matrix), columns: matrix.columns.length, fromTensor: false, columnNames: matrix.columns };
  }
  if (value instanceof tf.Tensor) {
    if (value.isDisposed) throw new ValueError(text.disposedInput("x"));
    if (value.rank !== 2) throw new ValueError(text.invalidData("x", describeValue(value)));
    return { rows: value.arraySync() as number[][], columns: value.shape[1], fromTensor: true };
  }
  if (!Array.isArray(value)) throw new ValueError(text.invalidData("x", describeValue(value)));

  const { shape } = flattenNested("x", value);
  if (shape.length !== 2) throw new ValueError(text.invalidData("x", describeValue(value)));
  return { rows: value as number[][], columns: shape[1], fromTensor: false };
}

/**
 * A scaler that learns one statistic pair per column in fit() and maps each value by
 * (value - center) / divisor, or back by value * divisor + center.
 */
abstract class ColumnScaler {
  protected center: number[] | undefined;
  protected divisor: number[] | undefined;

  protected abstract get owner(): string;

  /** Computes center and divisor from the columns of a table with at least one row. */
  protected abstract learn(columns: number[][]): void;

  /** Learns the statistics of each column (feature) of x: a 2-D tensor, an array of rows or a table. Returns this scaler. */
  fit(x: FeatureInput): this {
    const table = readTable(x);
    if (table.rows.length === 0) throw new ValueError(messages().keras.invalidData("x", describeValue(x)));
    const columns = Array.from({ length: table.columns }, (_, j) => table.rows.map((row) => row[j]));
    this.learn(columns);
    return this;
  }

  /**
   * Scales x with the statistics of fit(). Returns a new float32 tensor for a tensor, new arrays for arrays,
   * and a new table with the same column names for a table.
   */
  transform<T extends FeatureInput>(x: T): T {
    return this.map(x, (value, j) => (value - this.centerOf(j)) / this.divisorOf(j));
  }

  /** Fits to x and returns x scaled. */
  fitTransform<T extends FeatureInput>(x: T): T {
    return this.fit(x).transform(x);
  }

  /** Undoes transform(): returns the values in their original units. */
  inverseTransform<T extends FeatureInput>(x: T): T {
    return this.map(x, (value, j) => value * this.divisorOf(j) + this.centerOf(j));
  }

  private centerOf(column: number): number {
    return (this.center as number[])[column];
  }

  private divisorOf(column: number): number {
    return (this.divisor as number[])[column];
  }

  private map<T extends FeatureInput>(x: T, convert: (value: number, column: number) => number): T {
    const text = messages().keras;
    if (!this.center || !this.divisor) throw new ValueError(text.scalerNotFitted(this.owner));
    const table = readTable(x);
    if (table.columns !== this.center.length) throw new ValueError(text.featureCountMismatch(this.owner, this.center.length, table.columns));

    const rows = table.rows.map((row) => row.map(convert));
    if (table.columnNames) {
      const names = table.columnNames;
      return arquero().table(Object.fromEntries(names.map((name, j) => [name, rows.map((row) => row[j])])), names) as T;
    }
    return (table.fromTensor ? tf.tensor2d(rows, [rows.length, table.columns], "float32") : rows) as T;
  }
}

/** Options of StandardScaler. */
export interface StandardScalerOptions {
  /** Whether to subtract each column's mean. Default: true. */
  withMean?: boolean;
  with_mean?: boolean;
  /** Whether to divide by each column's standard deviation. Default: true. */
  withStd?: boolean;
  with_std?: boolean;
}

/**
 * Scales each column to mean 0 and standard deviation 1, as scikit-learn's StandardScaler: the standard
 * deviation is the population one (divided by n), and a constant column is only centred.
 *
 *     const scaler = new utils.StandardScaler();
 *     const xTrainScaled = scaler.fitTransform(xTrain);
 *     const xTestScaled = scaler.transform(xTest);
 */
export class StandardScaler extends ColumnScaler {
  private readonly withMean: boolean;
  private readonly withStd: boolean;
  private means: number[] | undefined;
  private deviations: number[] | undefined;

  constructor(options: StandardScalerOptions = {}) {
    super();
    const settings = normalizeOptions("StandardScaler", options, ["withMean", "withStd"]);
    this.withMean = settings.withMean === undefined ? true : readBoolean("StandardScaler", "withMean", settings.withMean);
    this.withStd = settings.withStd === undefined ? true : readBoolean("StandardScaler", "withStd", settings.withStd);
  }

  protected get owner(): string {
    return "StandardScaler";
  }

  /** Mean of each column seen by fit(), or undefined before fit(). */
  get mean(): number[] | undefined {
    return this.means && [...this.means];
  }

  /** Standard deviation of each column seen by fit(), 1 for a constant column, or undefined before fit(). */
  get scale(): number[] | undefined {
    return this.deviations && [...this.deviations];
  }

  protected learn(columns: number[][]): void {
    this.means = columns.map((column) => column.reduce((sum, value) => sum + value, 0) / column.length);
    this.deviations = columns.map((column, j) => {
      const variance = column.reduce((sum, value) => sum + (value - (this.means as number[])[j]) ** 2, 0) / column.length;
      return variance === 0 ? 1 : Math.sqrt(variance);
    });
    this.center = this.withMean ? [...this.means] : this.means.map(() => 0);
    this.divisor = this.withStd ? [...this.deviations] : this.deviations.map(() => 1);
  }
}

/** Options of MinMaxScaler. */
export interface MinMaxScalerOptions {
  /** The [min, max] that each column's smallest and largest values map to. Default: [0, 1]. */
  featureRange?: [number, number];
  feature_range?: [number, number];
}

/**
 * Maps each column linearly so that its smallest value seen by fit() becomes featureRange[0] and its largest
 * featureRange[1], as scikit-learn's MinMaxScaler. A constant column maps to featureRange[0]. Values
 * outside the fitted range map outside featureRange, because nothing is clipped.
 */
export class MinMaxScaler extends ColumnScaler {
  private readonly low: number;
  private readonly high: number;
  private minima: number[] | undefined;
  private maxima: number[] | undefined;

  constructor(options: MinMaxScalerOptions = {}) {
    super();
    const settings = normalizeOptions("MinMaxScaler", options, ["featureRange"]);
    const range = settings.featureRange ?? [0, 1];
    const valid = Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] < range[1];
    if (!valid) throw new ValueError(messages().keras.invalidFeatureRange(describeValue(range)));
    [this.low, this.high] = range as [number, number];
  }

  protected get owner(): string {
    return "MinMaxScaler";
  }

  /** Smallest value of each column seen by fit(), or undefined before fit(). */
  get dataMin(): number[] | undefined {
    return this.minima && [...this.minima];
  }

  /** Largest value of each column seen by fit(), or undefined before fit(). */
  get dataMax(): number[] | undefined {
    return this.maxima && [...this.maxima];
  }

  protected learn(columns: number[][]): void {
    const minima = columns.map((column) => column.reduce((a, b) => Math.min(a, b)));
    const maxima = columns.map((column) => column.reduce((a, b) => Math.max(a, b)));
    const width = this.high - this.low;

    // (value - center) / divisor = low + (value - min) * width / (max - min), with a range of 0 counted as 1.
    this.divisor = minima.map((min, j) => (maxima[j] - min === 0 ? 1 : maxima[j] - min) / width);
    this.center = minima.map((min, j) => min - this.low * (this.divisor as number[])[j]);
    this.minima = minima;
    this.maxima = maxima;
  }
}
