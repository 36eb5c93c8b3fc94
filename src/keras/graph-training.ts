import { writeSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { createLogger } from "../kernel/log";
import { Graph, type Output } from "../runtime/tf-graph/graph";
import { gradients } from "../runtime/tf-graph/gradients";
import * as ops from "../runtime/tf-graph/ops";
import { GraphSession, canRunGraphs } from "../runtime/tf-graph/session";
import { KerasAdam } from "./adam";
import type { ResolvedMetric } from "./names";

// The operator's log on stderr. The executor routes process.stderr into cells, so lines go to file
// descriptor 2 directly.
const operatorLog = createLogger(undefined, (line) => writeSync(2, `${line}\n`));

/**
 * Training steps as one TensorFlow graph call, on the tensorflow backend (tfjs-node).
 *
 * In eager mode each operation of a step is one call from JavaScript into TensorFlow, with about 23 us
 * of overhead. A step of the tutorial's model at batch 256 runs 138 operations, which took about 3 of
 * its 4 ms on a 2-core machine. Here the forward pass, the loss, the metrics, the gradients and Adam's
 * update form one graph, built at the first fit() and run once per batch. Weights, moments, the batch
 * and the step size go in; the loss, the metrics and the new weights and moments come out.
 *
 * The graph repeats TF.js's eager computation operation by operation: the loss clips as TF.js's does,
 * the gradients follow TF.js's rules, and Adam is KerasAdam's formula. So the two paths agree within
 * float32 rounding, and a fit may switch between them, as it does when a batch has sample weights.
 *
 * NOTE: it covers Sequential stacks of Dense layers (Flatten and an input layer allowed) with linear,
 * relu, sigmoid, tanh or softmax activations and no regularizers or constraints, trained with the
 * facade's Adam on categorical cross-entropy or mean squared error, with accuracy or mse as metrics.
 * Any other model trains in eager mode as before. TSKERAS_GRAPH_TRAINING=0 turns graph steps off.
 */

/** The train function of TF.js's LayersModel: batch tensors in, [loss, ...metrics] out. */
type TrainFunction = (data: tf.Tensor[]) => tf.Scalar[];

/**
 * The members of TF.js's LayersModel that graph training reads and its declarations mark protected.
 * A tf.Sequential compiles and fits the LayersModel it contains, so training happens in that one.
 */
interface TrainableModel {
  layers: tf.layers.Layer[];
  collectedTrainableWeights: Array<{ read(): tf.Variable }>;
  makeTrainFunction(): TrainFunction;
  optimizer: tf.Optimizer;
}

/** The members of TF.js's Dense layer that graph training reads and its declarations mark private. */
interface DenseInternals {
  activation: { getClassName(): string };
  kernel: { read(): tf.Variable };
  bias: { read(): tf.Variable } | null;
  kernelRegularizer?: unknown;
  biasRegularizer?: unknown;
  activityRegularizer?: unknown;
  kernelConstraint?: unknown;
  biasConstraint?: unknown;
}

type LossKind = "categorical_crossentropy" | "mean_squared_error";
type MetricKind = "categorical_accuracy" | "mean_squared_error";

/** The loss and metrics that the facade compiled the model with. */
export interface CompiledSettings {
  /** The loss's Keras name, undefined for a custom loss function. */
  loss: string | undefined;
  metrics: readonly ResolvedMetric[];
}

// TF.js's epsilon() for clipping probabilities in cross-entropy.
const PROBABILITY_EPSILON = 1e-7;

// The activations with a graph form, by TF.js's class name; linear adds no operation.
const ACTIVATIONS: Record<string, ((g: Graph, x: Output) => Output) | undefined> = {
  linear: undefined,
  relu: ops.relu,
  sigmoid: ops.sigmoid,
  tanh: ops.tanh,
  softmax: ops.softmax,
};

/**
 * Returns the graph training for the next fit() of model, or undefined when it trains in eager mode,
 * and logs which at debug level. Building and loading a graph takes 25-30 ms, so the graph of an
 * earlier fit() is reused while the model's weights and optimizer are the same. Otherwise it is disposed.
 */
export function graphTrainingFor(model: tf.Sequential, settings: CompiledSettings, earlier: GraphTraining | undefined): GraphTraining | undefined {
  if (earlier?.matches(model) && process.env.TSKERAS_GRAPH_TRAINING !== "0" && canRunGraphs()) return earlier;
  earlier?.dispose();

  const prepared = prepareGraphTraining(model, settings);
  if (typeof prepared === "string") {
    operatorLog.debug(`model ${model.name} trains one operation at a time: ${prepared}`);
    return undefined;
  }
  operatorLog.debug(`model ${model.name} trains one graph call per batch`);
  return prepared;
}

/**
 * Returns a new graph training for model, or the reason it trains in eager mode: a sentence for the
 * log, such as "the layer dropout_1 is a Dropout".
 */
export function prepareGraphTraining(model: tf.Sequential, settings: CompiledSettings): GraphTraining | string {
  if (process.env.TSKERAS_GRAPH_TRAINING === "0") return "TSKERAS_GRAPH_TRAINING is 0";
  if (!canRunGraphs()) return `the backend is ${tf.getBackend()}`;
  const core = trainingCore(model);
  // Not instanceof, because TF.js's Optimizer defines Symbol.hasInstance to accept any object that has
  // an optimizer's methods.
  if (!KerasAdam.prototype.isPrototypeOf(core.optimizer)) return "the optimizer is not the facade's Adam";

  const loss = lossKind(settings.loss);
  if (!loss) return `the loss ${settings.loss ?? "(a function)"} has no graph form`;
  const outputUnits = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? -1;
  const metrics: MetricKind[] = [];
  for (const metric of settings.metrics) {
    const kind = metricKind(metric, loss, outputUnits);
    if (!kind) return `the metric ${metric.name} has no graph form`;
    metrics.push(kind);
  }

  const layers: tf.layers.Layer[] = [];
  for (const layer of core.layers) {
    const reason = unsupportedLayer(layer);
    if (reason) return reason;
    if (layer.getClassName() !== "InputLayer") layers.push(layer);
  }
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return "the model has several inputs or outputs";
  if (model.inputs[0].shape.slice(1).some((size) => size == null)) return "the shape of its samples is not fully known";

  try {
    return new GraphTraining(model, layers, loss, metrics);
  } catch (error) {
    return `its graph did not load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
}

function trainingCore(model: tf.Sequential): TrainableModel {
  return (model as unknown as { model: TrainableModel }).model;
}

function lossKind(name: string | undefined): LossKind | undefined {
  if (name === "categorical_crossentropy" || name === "mean_squared_error") return name;
  return undefined;
}

/** Resolves a metric given to compile() as TF.js's compile() does, to the metric computed. */
function metricKind(metric: ResolvedMetric, loss: LossKind, outputUnits: number): MetricKind | undefined {
  if (metric.tfjs === "accuracy" && loss === "categorical_crossentropy" && outputUnits > 1) return "categorical_accuracy";
  if (metric.tfjs === tf.metrics.categoricalAccuracy) return "categorical_accuracy";
  if (metric.tfjs === "mse") return "mean_squared_error";
  return undefined;
}

/** Returns why a layer has no graph form, or undefined when it has one. */
function unsupportedLayer(layer: tf.layers.Layer): string | undefined {
  const kind = layer.getClassName();
  if (kind === "InputLayer") return undefined;
  if (kind === "Flatten") {
    const dataFormat = (layer.getConfig() as { dataFormat?: string }).dataFormat;
    return dataFormat === "channelsFirst" ? `the layer ${layer.name} flattens channels first` : undefined;
  }
  if (kind !== "Dense") return `the layer ${layer.name} is a ${kind}`;

  const dense = layer as unknown as DenseInternals;
  if (!layer.trainable) return `the layer ${layer.name} is frozen`;
  if (!Object.hasOwn(ACTIVATIONS, dense.activation.getClassName())) return `the layer ${layer.name} has the activation ${dense.activation.getClassName()}`;
  const extras = [dense.kernelRegularizer, dense.biasRegularizer, dense.activityRegularizer, dense.kernelConstraint, dense.biasConstraint];
  if (extras.some((extra) => extra != null)) return `the layer ${layer.name} has a regularizer or a constraint`;
  const rank = (layer.input as tf.SymbolicTensor).shape.length;
  if (rank !== 2) return `the layer ${layer.name} takes inputs of rank ${rank}`;
  return undefined;
}

/** A compiled training step of one model; install() makes the model's fit() use it. */
export class GraphTraining {
  private readonly session: GraphSession;
  private readonly variables: tf.Variable[];
  private readonly feeds: { x: Output; y: Output; stepSize: Output; weights: Output[]; firstMoments: Output[]; secondMoments: Output[] };
  private readonly fetches: Output[];
  private readonly metricCount: number;
  private readonly optimizer: tf.Optimizer;

  constructor(
    private readonly model: tf.Sequential,
    layers: tf.layers.Layer[],
    loss: LossKind,
    metrics: readonly MetricKind[],
  ) {
    const core = trainingCore(model);
    this.variables = core.collectedTrainableWeights.map((weight) => weight.read());
    const optimizer = core.optimizer as KerasAdam;
    this.optimizer = optimizer;
    const g = new Graph();

    // 1. Inputs: the batch, the step size, and each trainable weight with its two moments, in the
    // order of TF.js's collectedTrainableWeights, which is also the order of the optimizer's state.
    // The batch stays open even when Input() fixed it, as in TF.js's own graph of the model.
    const inputShape = [-1, ...model.inputs[0].shape.slice(1).map((size) => size ?? -1)];
    const outputShape = [-1, ...model.outputs[0].shape.slice(1).map((size) => size ?? -1)];
    const x = g.placeholder("x", "float32", inputShape);
    const y = g.placeholder("y", "float32", outputShape);
    const stepSize = g.placeholder("step_size", "float32", []);
    const weights = this.variables.map((variable, i) => g.placeholder(`weight_${i}`, "float32", variable.shape));
    const firstMoments = this.variables.map((variable, i) => g.placeholder(`first_moment_${i}`, "float32", variable.shape));
    const secondMoments = this.variables.map((variable, i) => g.placeholder(`second_moment_${i}`, "float32", variable.shape));
    const weightFor = (variable: tf.Variable) => {
      const index = this.variables.indexOf(variable);
      if (index < 0) throw new Error(`The weight ${variable.name} is not among the model's trainable weights.`);
      return weights[index];
    };

    // 2. The forward pass, layer by layer.
    let output = x;
    for (const layer of layers) {
      if (layer.getClassName() === "Flatten") {
        const sampleSize = (output.shape ?? []).slice(1).reduce((product, size) => product * size, 1);
        output = ops.reshape(g, output, [-1, sampleSize]);
        continue;
      }
      const dense = layer as unknown as DenseInternals;
      output = ops.matMul(g, output, weightFor(dense.kernel.read()));
      if (dense.bias) output = ops.biasAdd(g, output, weightFor(dense.bias.read()));
      const activation = ACTIVATIONS[dense.activation.getClassName()];
      if (activation) output = activation(g, output);
    }

    // 3. The loss and the metrics, as TF.js's functions compute them, averaged over the batch.
    const lossValue = ops.mean(g, lossPerSample(g, loss, y, output));
    const metricValues = metrics.map((metric) => ops.mean(g, metricPerSample(g, metric, y, output)));

    // 4. The gradients and Adam's update of each weight, as KerasAdam.applyGradients() makes it.
    const constants = optimizer.constants;
    const oneMinusBeta1 = g.constant(constants.oneMinusBeta1);
    const oneMinusBeta2 = g.constant(constants.oneMinusBeta2);
    const epsilon = g.constant(constants.epsilon);
    const updates = gradients(g, lossValue, weights).map((gradient, i) => {
      const firstMoment = ops.add(g, firstMoments[i], ops.mul(g, ops.sub(g, gradient, firstMoments[i]), oneMinusBeta1));
      const secondMoment = ops.add(g, secondMoments[i], ops.mul(g, ops.sub(g, ops.square(g, gradient), secondMoments[i]), oneMinusBeta2));
      const change = ops.div(g, ops.mul(g, firstMoment, stepSize), ops.add(g, ops.sqrt(g, secondMoment), epsilon));
      return { weight: ops.sub(g, weights[i], change), firstMoment, secondMoment };
    });

    this.feeds = { x, y, stepSize, weights, firstMoments, secondMoments };
    this.fetches = [
      lossValue,
      ...metricValues,
      ...updates.map((update) => update.weight),
      ...updates.map((update) => update.firstMoment),
      ...updates.map((update) => update.secondMoment),
    ];
    this.metricCount = metricValues.length;
    this.session = new GraphSession(g);
  }

  /**
   * Tells whether this graph still trains model: the same trainable weights and optimizer. A new loss or
   * metric needs compile(), and the facade disposes the graph when it compiles.
   */
  matches(model: tf.Sequential): boolean {
    const core = trainingCore(model);
    if (model !== this.model || core.optimizer !== this.optimizer) return false;
    const weights = core.collectedTrainableWeights;
    return weights.length === this.variables.length && weights.every((weight, i) => weight.read() === this.variables[i]);
  }

  /**
   * Makes the model's fit() train with this graph until the returned function is called. Batches the
   * graph does not take (sample weights, other element types) go through TF.js's own step.
   */
  install(): () => void {
    const trainable = trainingCore(this.model);
    const ownMethod = Object.getOwnPropertyDescriptor(trainable, "makeTrainFunction");
    const makeEagerFunction = trainable.makeTrainFunction.bind(trainable);
    trainable.makeTrainFunction = () => {
      const eager = makeEagerFunction();
      return (data) => (this.accepts(data) ? this.step(data[0], data[1]) : eager(data));
    };
    return () => {
      if (ownMethod) Object.defineProperty(trainable, "makeTrainFunction", ownMethod);
      else delete (trainable as Partial<TrainableModel>).makeTrainFunction;
    };
  }

  /** Closes the graph's TensorFlow session. */
  dispose(): void {
    this.session.dispose();
  }

  private accepts(data: tf.Tensor[]): boolean {
    // TF.js passes one sample-weight entry per output, null when the fit has none.
    const [x, y, ...sampleWeights] = data;
    return x?.dtype === "float32" && y?.dtype === "float32" && sampleWeights.every((weights) => weights == null);
  }

  /** Runs one step on a batch, updating the weights and the optimizer's state, and returns [loss, ...metrics]. */
  private step(x: tf.Tensor, y: tf.Tensor): tf.Scalar[] {
    const optimizer = trainingCore(this.model).optimizer as KerasAdam;
    const moments = optimizer.moments(this.variables);
    const stepSize = tf.scalar(optimizer.nextStepSize());
    const { feeds } = this;

    const results = this.session.run(
      [
        [feeds.x, x],
        [feeds.y, y],
        [feeds.stepSize, stepSize],
        ...this.variables.map((variable, i) => [feeds.weights[i], variable] as const),
        ...moments.map((moment, i) => [feeds.firstMoments[i], moment.firstMoment] as const),
        ...moments.map((moment, i) => [feeds.secondMoments[i], moment.secondMoment] as const),
      ],
      this.fetches,
    );
    stepSize.dispose();

    const count = this.variables.length;
    const newValues = results.slice(1 + this.metricCount);
    this.variables.forEach((variable, i) => {
      variable.assign(newValues[i]);
      moments[i].firstMoment.assign(newValues[count + i]);
      moments[i].secondMoment.assign(newValues[2 * count + i]);
    });
    tf.dispose(newValues);
    optimizer.countStep();
    return results.slice(0, 1 + this.metricCount) as tf.Scalar[];
  }
}

/** Computes the loss of each sample, as TF.js's loss functions do. */
function lossPerSample(g: Graph, loss: LossKind, y: Output, prediction: Output): Output {
  if (loss === "mean_squared_error") return squaredErrorPerSample(g, y, prediction);

  // Cross-entropy on probabilities: rescaled to sum to 1, clipped away from 0 and 1.
  const probabilities = ops.div(g, prediction, ops.sum(g, prediction, [-1], true));
  const clipped = ops.clipByValue(g, probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
  return ops.neg(g, ops.sum(g, ops.mul(g, y, ops.log(g, clipped)), [-1]));
}

/** Computes the metric of each sample, as TF.js's metric functions do. */
function metricPerSample(g: Graph, metric: MetricKind, y: Output, prediction: Output): Output {
  if (metric === "mean_squared_error") return squaredErrorPerSample(g, y, prediction);
  return ops.cast(g, ops.equal(g, ops.argMaxLast(g, y), ops.argMaxLast(g, prediction)), "float32");
}

/** Computes the mean squared error of each sample, the loss and the metric alike. */
function squaredErrorPerSample(g: Graph, y: Output, prediction: Output): Output {
  return ops.mean(g, ops.square(g, ops.sub(g, prediction, y)), [-1]);
}
