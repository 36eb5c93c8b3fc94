import { attr, type DType, type Graph, type Output } from "./graph";

/**
 * The TensorFlow operations that training graphs use, with their static shapes worked out, so that
 * code building a graph reads like code computing with tensors: ops.matMul(g, x, kernel).
 */

/** Returns the shape two operands broadcast to, or undefined when a rank is unknown. */
function broadcastShape(a: Output, b: Output): readonly number[] | undefined {
  if (!a.shape || !b.shape) return undefined;
  const rank = Math.max(a.shape.length, b.shape.length);
  return Array.from({ length: rank }, (_, i) => {
    const x = a.shape?.[a.shape.length - rank + i] ?? 1;
    const y = b.shape?.[b.shape.length - rank + i] ?? 1;
    if (x === 1) return y;
    if (y === 1) return x;
    return x === -1 ? y : x;
  });
}

const binary = (op: string) => (g: Graph, a: Output, b: Output) => g.op(op, [a, b], { result: { shape: broadcastShape(a, b) } })[0];
const unary = (op: string) => (g: Graph, x: Output) => g.op(op, [x])[0];
const comparison = (op: string) => (g: Graph, a: Output, b: Output) =>
  g.op(op, [a, b], { result: { dtype: "bool", shape: broadcastShape(a, b) } })[0];

export const add = binary("AddV2");
export const sub = binary("Sub");
export const mul = binary("Mul");
export const div = binary("RealDiv");
export const maximum = binary("Maximum");
export const greaterEqual = comparison("GreaterEqual");
export const lessEqual = comparison("LessEqual");
export const equal = comparison("Equal");
export const logicalAnd = (g: Graph, a: Output, b: Output) => g.op("LogicalAnd", [a, b], { result: { shape: broadcastShape(a, b) } })[0];
export const neg = unary("Neg");
export const log = unary("Log");
export const sqrt = unary("Sqrt");
export const square = unary("Square");
export const relu = unary("Relu");
export const sigmoid = unary("Sigmoid");
export const tanh = unary("Tanh");
export const zerosLike = unary("ZerosLike");

export function softmax(g: Graph, logits: Output): Output {
  return g.op("Softmax", [logits])[0];
}

/** a·b for matrices, either of them transposed first. */
export function matMul(g: Graph, a: Output, b: Output, transposeA = false, transposeB = false): Output {
  const rowAxis = transposeA ? 1 : 0;
  const columnAxis = transposeB ? 0 : 1;
  const rows = a.shape?.[rowAxis] ?? -1;
  const columns = b.shape?.[columnAxis] ?? -1;
  return g.op("MatMul", [a, b], {
    attrs: { transpose_a: attr.bool(transposeA), transpose_b: attr.bool(transposeB) },
    result: { shape: [rows, columns] },
    facts: { transposeA, transposeB },
  })[0];
}

/** Adds a bias vector to the last axis. */
export function biasAdd(g: Graph, x: Output, bias: Output): Output {
  return g.op("BiasAdd", [x, bias])[0];
}

/** Sums over the given axes (negative counts from the end), or over all of them. */
export function sum(g: Graph, x: Output, axes?: readonly number[], keepDims = false): Output {
  return reduction(g, "Sum", x, axes, keepDims);
}

/** Averages over the given axes (negative counts from the end), or over all of them. */
export function mean(g: Graph, x: Output, axes?: readonly number[], keepDims = false): Output {
  return reduction(g, "Mean", x, axes, keepDims);
}

function reduction(g: Graph, op: string, x: Output, axes: readonly number[] | undefined, keepDims: boolean): Output {
  if (!x.shape) throw new Error(`${op} needs an input of known rank.`);
  const rank = x.shape.length;
  const reduced = (axes ?? x.shape.map((_, i) => i)).map((axis) => (axis < 0 ? axis + rank : axis));
  const shape = keepDims ? x.shape.map((size, i) => (reduced.includes(i) ? 1 : size)) : x.shape.filter((_, i) => !reduced.includes(i));
  return g.op(op, [x, g.constant(reduced, "int32")], {
    attrs: { keep_dims: attr.bool(keepDims) },
    result: { shape },
    facts: { axes: reduced, keepDims },
  })[0];
}

/** Limits every element to [low, high]. */
export function clipByValue(g: Graph, x: Output, low: number, high: number): Output {
  return g.op("ClipByValue", [x, g.constant(low, x.dtype), g.constant(high, x.dtype)])[0];
}

export function cast(g: Graph, x: Output, dtype: DType): Output {
  if (x.dtype === dtype) return x;
  return g.op("Cast", [x], { attrs: { SrcT: attr.type(x.dtype), DstT: attr.type(dtype) }, result: { dtype } })[0];
}

/** Finds the index of the largest element along the last axis, as int32. */
export function argMaxLast(g: Graph, x: Output): Output {
  const shape = x.shape?.slice(0, -1);
  return g.op("ArgMax", [x, g.constant(-1, "int32")], { attrs: { output_type: attr.type("int32") }, result: { dtype: "int32", shape } })[0];
}

/** Gives x a new shape, in which one dimension may be -1. */
export function reshape(g: Graph, x: Output, shape: readonly number[]): Output {
  return g.op("Reshape", [x, g.constant(shape, "int32")], { result: { shape } })[0];
}

/** Gives x the run-time shape of like. */
export function reshapeLike(g: Graph, x: Output, like: Output): Output {
  return g.op("Reshape", [x, shapeOf(g, like)], { result: { shape: like.shape } })[0];
}

/** Reads the run-time shape of x, as an int32 vector. */
export function shapeOf(g: Graph, x: Output): Output {
  return g.op("Shape", [x], { attrs: { out_type: attr.type("int32") }, result: { dtype: "int32", shape: [x.shape?.length ?? -1] } })[0];
}

/** Repeats x along its dimensions of size 1 to the run-time shape of like. */
export function broadcastLike(g: Graph, x: Output, like: Output): Output {
  return g.op("BroadcastTo", [x, shapeOf(g, like)], { result: { shape: like.shape } })[0];
}

/** Picks a where condition is true and b elsewhere. */
export function select(g: Graph, condition: Output, a: Output, b: Output): Output {
  return g.op("SelectV2", [condition, a, b], { attrs: { T: attr.type(a.dtype) }, result: { dtype: a.dtype, shape: broadcastShape(a, b) } })[0];
}

/** Counts the elements of x at run time, as float32. */
export function sizeOf(g: Graph, x: Output): Output {
  const size = g.op("Size", [x], { attrs: { out_type: attr.type("int32") }, result: { dtype: "int32", shape: [] } })[0];
  return cast(g, size, "float32");
}
