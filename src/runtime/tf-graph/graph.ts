import { ProtoWriter } from "./protobuf";

/**
 * A TensorFlow graph built in JavaScript and serialised as a SavedModel, so that tfjs-node can run many
 * operations in one call into TensorFlow instead of one call per operation.
 *
 * Each method adds one node and returns its output: the tensor's name in the graph ("node:0"), its
 * element type and its shape as far as known when building. A dimension known only at run time,
 * such as the batch, is -1. Field numbers follow TensorFlow's graph.proto, node_def.proto,
 * attr_value.proto, tensor.proto, tensor_shape.proto, meta_graph.proto and saved_model.proto.
 */

export type DType = "float32" | "int32" | "bool";

/** One output of a node. */
export interface Output {
  readonly name: string;
  readonly dtype: DType;
  /** The static shape, with -1 for a dimension known only at run time, or undefined when even the rank is unknown. */
  readonly shape: readonly number[] | undefined;
}

/** A node as the gradient builder reads it. */
export interface GraphNode {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly Output[];
  readonly outputs: readonly Output[];
  /** Facts about the node that its attributes contain in encoded form, such as reduced axes. */
  readonly facts: Readonly<Record<string, unknown>>;
}

type AttrValue =
  | { kind: "type"; dtype: DType }
  | { kind: "bool"; value: boolean }
  | { kind: "shape"; dims: readonly number[] }
  | { kind: "tensor"; dtype: DType; dims: readonly number[]; values: readonly number[] };

// TensorFlow's DataType enum (types.proto).
const DATA_TYPES: Record<DType, number> = { float32: 1, int32: 3, bool: 10 };

// The graph's producer version, with min_consumer left at 0 so that no TensorFlow rejects it as too new.
// NOTE: loading was tried here only with TensorFlow 2.12.1, not with the 2.9.1 that tfjs-node 4.22
// downloads.
const PRODUCER_VERSION = 1087;

// Operations that have no "T" attribute. Every other one takes its element type from its first input.
const UNTYPED_OPS = new Set(["Placeholder", "Const", "Cast", "LogicalAnd"]);

export class Graph {
  readonly nodes: GraphNode[] = [];
  private readonly attributes = new Map<string, Record<string, AttrValue>>();
  private readonly names = new Set<string>();

  /** Adds an input that each run feeds, named name:0. */
  placeholder(name: string, dtype: DType, shape: readonly number[]): Output {
    const attrs: Record<string, AttrValue> = { dtype: { kind: "type", dtype }, shape: { kind: "shape", dims: shape } };
    return this.addNode("Placeholder", [], attrs, { dtype, shape }, {}, name, 1).outputs[0];
  }

  /** Adds a constant tensor, a scalar when values is a single number. */
  constant(values: number | readonly number[], dtype: DType = "float32", shape?: readonly number[]): Output {
    const list = typeof values === "number" ? [values] : values;
    const dims = shape ?? (typeof values === "number" ? [] : [list.length]);
    const value: AttrValue = { kind: "tensor", dtype, dims, values: list };
    return this.addNode("Const", [], { dtype: { kind: "type", dtype }, value }, { dtype, shape: dims }, { values: list }, undefined, 1).outputs[0];
  }

  /**
   * Adds an operation. The output has the first input's type and shape unless `result` gives them.
   * Operations with several outputs give `count` of them.
   */
  op(
    op: string,
    inputs: readonly Output[],
    options: { attrs?: Record<string, AttrValue>; result?: Partial<Pick<Output, "dtype" | "shape">>; facts?: Record<string, unknown>; count?: number } = {},
  ): Output[] {
    const attrs: Record<string, AttrValue> = { ...options.attrs };
    if (!UNTYPED_OPS.has(op) && inputs.length > 0 && !("T" in attrs)) attrs.T = { kind: "type", dtype: inputs[0].dtype };
    const result = { dtype: options.result?.dtype ?? inputs[0]?.dtype ?? "float32", shape: "shape" in (options.result ?? {}) ? options.result?.shape : inputs[0]?.shape };
    return this.addNode(op, inputs, attrs, result, options.facts ?? {}, undefined, options.count ?? 1).outputs as Output[];
  }

  /** Encodes the SavedModel holding this graph under the tag "serve", as saved_model.pb's bytes. */
  savedModel(tag = "serve"): Uint8Array {
    const graph = new ProtoWriter();
    for (const node of this.nodes) graph.message(1, this.nodeDef(node));
    graph.message(4, new ProtoWriter().int(1, PRODUCER_VERSION));

    const metaInfo = new ProtoWriter().string(4, tag);
    const metaGraph = new ProtoWriter().message(1, metaInfo).message(2, graph);
    return new ProtoWriter().int(1, 1).message(2, metaGraph).bytes();
  }

  private addNode(
    op: string,
    inputs: readonly Output[],
    attrs: Record<string, AttrValue>,
    result: { dtype: DType; shape: readonly number[] | undefined },
    facts: Record<string, unknown>,
    name: string | undefined,
    count: number,
  ): GraphNode {
    const nodeName = name ?? `${op.toLowerCase()}_${this.nodes.length}`;
    if (this.names.has(nodeName)) throw new Error(`The graph already has a node named ${nodeName}.`);
    this.names.add(nodeName);

    const outputs = Array.from({ length: count }, (_, i) => ({ name: `${nodeName}:${i}`, ...result }));
    const node: GraphNode = { name: nodeName, op, inputs, outputs, facts };
    this.nodes.push(node);
    this.attributes.set(nodeName, attrs);
    return node;
  }

  private nodeDef(node: GraphNode): ProtoWriter {
    const def = new ProtoWriter().string(1, node.name).string(2, node.op);
    for (const input of node.inputs) def.string(3, input.name.endsWith(":0") ? input.name.slice(0, -2) : input.name);
    for (const [key, value] of Object.entries(this.attributes.get(node.name) ?? {})) {
      def.message(5, new ProtoWriter().string(1, key).message(2, attrValue(value)));
    }
    return def;
  }
}

/** Attribute helpers for Graph.op(). */
export const attr = {
  type: (dtype: DType): AttrValue => ({ kind: "type", dtype }),
  bool: (value: boolean): AttrValue => ({ kind: "bool", value }),
};

function attrValue(value: AttrValue): ProtoWriter {
  switch (value.kind) {
    case "type":
      return new ProtoWriter().int(6, DATA_TYPES[value.dtype]);
    case "bool":
      return new ProtoWriter().int(5, value.value);
    case "shape":
      return new ProtoWriter().message(7, shapeProto(value.dims));
    case "tensor":
      return new ProtoWriter().message(8, tensorProto(value.dtype, value.dims, value.values));
  }
}

function shapeProto(dims: readonly number[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const size of dims) shape.message(2, new ProtoWriter().int(1, size));
  return shape;
}

function tensorProto(dtype: DType, dims: readonly number[], values: readonly number[]): ProtoWriter {
  const tensor = new ProtoWriter().int(1, DATA_TYPES[dtype]).message(2, shapeProto(dims));
  // float_val (5), int_val (7) or bool_val (11), one field per value. TensorFlow repeats the last
  // value to fill the shape, so one value makes a filled tensor.
  for (const value of values) {
    if (dtype === "float32") tensor.float(5, value);
    else if (dtype === "int32") tensor.int(7, value);
    else tensor.int(11, value !== 0);
  }
  return tensor;
}
