import { attr, type Graph, type GraphNode, type Output } from "./graph";
import * as ops from "./ops";

/**
 * Reverse-mode differentiation of a graph: adds to the graph the nodes that compute the gradient of a
 * scalar with respect to some of its inputs. The rules are those TensorFlow.js's tape applies in eager
 * mode, so both ways of training give the same numbers within float32 rounding.
 */

/** Gradients of the node's inputs, given the gradient of its first output, with undefined for an input that gets none. */
type GradientRule = (g: Graph, node: GraphNode, dy: Output) => Array<Output | undefined>;

/** The operations that have a rule. A graph with any other operation on the path to the loss cannot be differentiated. */
const RULES: Record<string, GradientRule> = {
  MatMul: (g, node, dy) => {
    const [a, b] = node.inputs;
    if (node.facts.transposeA || node.facts.transposeB) throw new Error("MatMul with transposes has no gradient rule here.");
    return [ops.matMul(g, dy, b, false, true), ops.matMul(g, a, dy, true, false)];
  },
  BiasAdd: (g, _node, dy) => [dy, g.op("BiasAddGrad", [dy], { result: { shape: dy.shape?.slice(-1) } })[0]],
  Relu: (g, node, dy) => [g.op("ReluGrad", [dy, node.inputs[0]])[0]],
  Sigmoid: (g, node, dy) => [g.op("SigmoidGrad", [node.outputs[0], dy])[0]],
  Tanh: (g, node, dy) => [g.op("TanhGrad", [node.outputs[0], dy])[0]],
  Softmax: (g, node, dy) => {
    const y = node.outputs[0];
    return [ops.mul(g, ops.sub(g, dy, ops.sum(g, ops.mul(g, dy, y), [-1], true)), y)];
  },
  Log: (g, node, dy) => [ops.div(g, dy, node.inputs[0])],
  Neg: (g, _node, dy) => [ops.neg(g, dy)],
  Square: (g, node, dy) => [ops.mul(g, dy, ops.mul(g, node.inputs[0], g.constant(2, dy.dtype)))],
  AddV2: (g, node, dy) => [unbroadcast(g, dy, node.inputs[0], node.inputs[1], 0), unbroadcast(g, dy, node.inputs[1], node.inputs[0], 1)],
  Sub: (g, node, dy) => [unbroadcast(g, dy, node.inputs[0], node.inputs[1], 0), unbroadcast(g, ops.neg(g, dy), node.inputs[1], node.inputs[0], 1)],
  Mul: (g, node, dy) => {
    const [a, b] = node.inputs;
    return [unbroadcast(g, ops.mul(g, dy, b), a, b, 0), unbroadcast(g, ops.mul(g, dy, a), b, a, 1)];
  },
  RealDiv: (g, node, dy) => {
    const [a, b] = node.inputs;
    const da = ops.div(g, dy, b);
    const db = ops.neg(g, ops.div(g, ops.mul(g, dy, a), ops.square(g, b)));
    return [unbroadcast(g, da, a, b, 0), unbroadcast(g, db, b, a, 1)];
  },
  Sum: (g, node, dy) => [ops.broadcastLike(g, keepReducedAxes(g, node, dy), node.inputs[0])],
  Mean: (g, node, dy) => {
    const x = node.inputs[0];
    const count = ops.div(g, ops.sizeOf(g, x), ops.sizeOf(g, node.outputs[0]));
    return [ops.div(g, ops.broadcastLike(g, keepReducedAxes(g, node, dy), x), count)];
  },
  ClipByValue: (g, node, dy) => {
    // Inclusive bounds pass the gradient, as TensorFlow.js's rule does.
    const [x, low, high] = node.inputs;
    const inside = ops.logicalAnd(g, ops.greaterEqual(g, x, low), ops.lessEqual(g, x, high));
    return [ops.select(g, inside, dy, ops.zerosLike(g, dy))];
  },
  Reshape: (g, node, dy) => [ops.reshapeLike(g, dy, node.inputs[0])],
};

/**
 * Adds the gradients of scalar with respect to each of targets and returns them in that order. A target
 * that scalar does not depend on gets a zero gradient of its shape.
 */
export function gradients(g: Graph, scalar: Output, targets: readonly Output[]): Output[] {
  const producers = new Map<string, GraphNode>();
  for (const node of g.nodes) for (const output of node.outputs) producers.set(output.name, node);

  // The nodes between the targets and the scalar, the only ones whose gradients are needed.
  const dependsOnTarget = new Set(targets.map((target) => target.name));
  for (const node of g.nodes) {
    if (node.inputs.some((input) => dependsOnTarget.has(input.name))) for (const output of node.outputs) dependsOnTarget.add(output.name);
  }
  const forwardNodes = [...g.nodes];

  // From the scalar back to the targets, each node's rule turns its output's gradient into its inputs'.
  const accumulated = new Map<string, Output>([[scalar.name, g.constant(1, scalar.dtype)]]);
  for (const node of forwardNodes.reverse()) {
    const dy = accumulated.get(node.outputs[0].name);
    if (!dy || !node.inputs.some((input) => dependsOnTarget.has(input.name))) continue;
    const rule = RULES[node.op];
    if (!rule) throw new Error(`The operation ${node.op} (node ${node.name}) has no gradient rule for graph training.`);

    rule(g, node, dy).forEach((gradient, i) => {
      const input = node.inputs[i];
      if (!gradient || !dependsOnTarget.has(input.name)) return;
      const earlier = accumulated.get(input.name);
      accumulated.set(input.name, earlier ? ops.add(g, earlier, gradient) : gradient);
    });
  }

  return targets.map((target) => accumulated.get(target.name) ?? ops.zerosLike(g, target));
}

/** Reduces a gradient that broadcasting widened back to the shape of the operand it belongs to. */
function unbroadcast(g: Graph, gradient: Output, operand: Output, other: Output, position: 0 | 1): Output {
  if (sameShape(gradient, operand)) return gradient;
  const reductions = g.op("BroadcastGradientArgs", position === 0 ? [ops.shapeOf(g, operand), ops.shapeOf(g, other)] : [ops.shapeOf(g, other), ops.shapeOf(g, operand)], {
    result: { dtype: "int32", shape: [-1] },
    count: 2,
  });
  const summed = g.op("Sum", [gradient, reductions[position]], { attrs: { keep_dims: attr.bool(false) }, result: { shape: undefined } })[0];
  return ops.reshapeLike(g, summed, operand);
}

function sameShape(a: Output, b: Output): boolean {
  return a.shape !== undefined && b.shape !== undefined && a.shape.length === b.shape.length && a.shape.every((size, i) => size === b.shape?.[i]);
}

/** Reshapes the gradient of a reduction's output with the reduced axes back as size 1, so it broadcasts to the input. */
function keepReducedAxes(g: Graph, node: GraphNode, dy: Output): Output {
  if (node.facts.keepDims) return dy;
  const inputShape = node.inputs[0].shape;
  const axes = node.facts.axes as number[];
  if (!inputShape) throw new Error(`${node.op} needs an input of known rank.`);
  const keptShape = inputShape.map((size, i) => (axes.includes(i) ? 1 : size));
  if (keptShape.filter((size) => size === -1).length > 1) throw new Error(`${node.op} of ${node.name} has more than one dimension known only at run time.`);
  return ops.reshape(g, dy, keptShape);
}
