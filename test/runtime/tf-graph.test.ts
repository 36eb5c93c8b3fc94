import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/runtime/backend";
import { gradients } from "../../src/runtime/tf-graph/gradients";
import { Graph, type Output } from "../../src/runtime/tf-graph/graph";
import * as ops from "../../src/runtime/tf-graph/ops";
import { ProtoWriter } from "../../src/runtime/tf-graph/protobuf";
import { GraphSession, canRunGraphs } from "../../src/runtime/tf-graph/session";
import { describeWithNative } from "../environment/native-backend";

// Graphs built in JavaScript and run by tfjs-node in one call. The encoding tests run everywhere; the
// tests that run graphs need tfjs-node (scripts/tfjs-node-offline.sh) and are skipped without it.

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("ProtoWriter", () => {
  it("writes varints seven bits a byte, lowest first", () => {
    expect(hex(new ProtoWriter().int(1, 1).bytes())).toBe("0801");
    expect(hex(new ProtoWriter().int(1, 300).bytes())).toBe("08ac02");
    expect(hex(new ProtoWriter().int(2, true).bytes())).toBe("1001");
  });

  it("writes a negative number in ten bytes, as int64 does", () => {
    expect(hex(new ProtoWriter().int(1, -1).bytes())).toBe("08ffffffffffffffffff01");
  });

  it("writes floats little-endian and strings and messages with their length", () => {
    expect(hex(new ProtoWriter().float(5, 1).bytes())).toBe("2d0000803f");
    expect(hex(new ProtoWriter().string(1, "añ").bytes())).toBe("0a0361c3b1");
    expect(hex(new ProtoWriter().message(2, new ProtoWriter().int(1, 1)).bytes())).toBe("12020801");
  });

  it("grows past its first buffer", () => {
    const long = "x".repeat(1000);
    const bytes = new ProtoWriter().string(1, long).string(1, long).bytes();
    expect(bytes.length).toBe(2 * (1 + 2 + 1000));
  });

  it("refuses a number that is not a safe integer, naming it", () => {
    expect(() => new ProtoWriter().int(1, 1.5)).toThrow("got 1.5");
  });
});

describe("Graph", () => {
  it("refuses two nodes of the same name", () => {
    const g = new Graph();
    g.placeholder("x", "float32", [2]);
    expect(() => g.placeholder("x", "float32", [2])).toThrow("already has a node named x");
  });

  it("works out the static shapes of matrix products, reductions and broadcasts", () => {
    const g = new Graph();
    const x = g.placeholder("x", "float32", [-1, 784]);
    const w = g.placeholder("w", "float32", [784, 64]);
    const product = ops.matMul(g, x, w);
    expect(product.shape).toEqual([-1, 64]);
    expect(ops.sum(g, product, [-1], true).shape).toEqual([-1, 1]);
    expect(ops.sum(g, product, [-1]).shape).toEqual([-1]);
    expect(ops.mean(g, product).shape).toEqual([]);
    expect(ops.div(g, product, ops.sum(g, product, [-1], true)).shape).toEqual([-1, 64]);
    expect(ops.argMaxLast(g, product)).toMatchObject({ dtype: "int32", shape: [-1] });
  });
});

describeWithNative("graphs on the tensorflow backend", () => {
  beforeAll(async () => {
    await selectBackend(tf, "tensorflow");
  });

  it("decodes as a SavedModel with TensorFlow's own message classes", () => {
    // tfjs-node ships TensorFlow's protos compiled for google-protobuf.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SavedModel } = require("@tensorflow/tfjs-node/dist/proto/api_pb");
    const g = new Graph();
    const x = g.placeholder("x", "float32", [-1, 3]);
    ops.clipByValue(g, x, 0.25, 2);

    const decoded = SavedModel.deserializeBinary(g.savedModel()).toObject();
    const [metaGraph] = decoded.metaGraphsList;
    expect(metaGraph.metaInfoDef.tagsList).toEqual(["serve"]);
    const nodes = metaGraph.graphDef.nodeList;
    expect(nodes.map((node: { op: string }) => node.op)).toEqual(["Placeholder", "Const", "Const", "ClipByValue"]);
    const placeholderShape = nodes[0].attrMap.find(([key]: [string]) => key === "shape")[1].shape;
    expect(placeholderShape.dimList.map((dim: { size: number }) => dim.size)).toEqual([-1, 3]);
    expect(nodes[1].attrMap.find(([key]: [string]) => key === "value")[1].tensor.floatValList).toEqual([0.25]);
    expect(nodes[3].inputList).toEqual(["x", "const_1", "const_2"]);
  });

  it("runs a graph in one call and gives TF.js's numbers", () => {
    const g = new Graph();
    const x = g.placeholder("x", "float32", [-1, 3]);
    const w = g.placeholder("w", "float32", [3, 2]);
    const y = ops.softmax(g, ops.matMul(g, x, w));
    const session = new GraphSession(g);

    const xValue = tf.tensor2d([[1, 2, 3], [-1, 0.5, 2]]);
    const wValue = tf.tensor2d([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]);
    const [result] = session.run([[x, xValue], [w, wValue]], [y]);
    const expected = tf.softmax(tf.matMul(xValue, wValue));
    expect(tf.max(tf.abs(tf.sub(result, expected))).dataSync()[0]).toBeLessThan(1e-6);

    tf.dispose([xValue, wValue, result, expected]);
    session.dispose();
  });

  it("reports a graph TensorFlow refuses, naming the node", () => {
    const g = new Graph();
    const x = g.placeholder("x", "float32", [2]);
    g.op("Log", [x], { attrs: { T: { kind: "type", dtype: "int32" } } });
    expect(() => new GraphSession(g)).toThrow(/log_1/);
  });

  it("refuses to run once disposed", () => {
    const g = new Graph();
    const x = g.placeholder("x", "float32", [1]);
    const session = new GraphSession(g);
    session.dispose();
    expect(() => session.run([[x, tf.scalar(1)]], [x])).toThrow("disposed");
  });

  it("can run graphs only on the tensorflow backend", async () => {
    expect(canRunGraphs()).toBe(true);
    await tf.setBackend("cpu");
    try {
      expect(canRunGraphs()).toBe(false);
      expect(() => new GraphSession(new Graph())).toThrow("the backend is cpu");
    } finally {
      await tf.setBackend("tensorflow");
    }
  });

  // Each case builds a scalar from inputs in a graph and with TF.js's eager ops; the graph's gradients
  // must equal those of TF.js's tape.
  const x = () => tf.tensor2d([[0.5, -1.5, 2, 0.1], [1, 0.25, -0.75, 3], [-2, 0.3, 0.7, -0.2]]);
  const w = () => tf.tensor2d([[0.2, -0.4, 0.1], [0.5, 0.3, -0.6], [-0.1, 0.8, 0.2], [0.4, -0.3, 0.7]]);
  const bias = () => tf.tensor1d([0.1, -0.2, 0.3]);
  const target = () => tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
  type Case = {
    inputs: Array<() => tf.Tensor>;
    graph: (g: Graph, inputs: Output[]) => Output;
    eager: (inputs: tf.Tensor[]) => tf.Scalar;
  };
  const cases: Array<[string, Case]> = [
    [
      "a dense layer with relu and a mean",
      {
        inputs: [x, w, bias],
        graph: (g, [a, b, c]) => ops.mean(g, ops.relu(g, ops.biasAdd(g, ops.matMul(g, a, b), c))),
        eager: ([a, b, c]) => tf.mean(tf.relu(tf.add(tf.matMul(a, b), c))),
      },
    ],
    [
      "sigmoid and tanh with squares",
      {
        inputs: [x],
        graph: (g, [a]) => ops.sum(g, ops.square(g, ops.sub(g, ops.sigmoid(g, a), ops.tanh(g, a)))),
        eager: ([a]) => tf.sum(tf.square(tf.sub(tf.sigmoid(a), tf.tanh(a)))),
      },
    ],
    [
      "softmax cross-entropy with rescaling, clipping and a broadcast division",
      {
        inputs: [x, w, target],
        graph: (g, [a, b, y]) => {
          const p = ops.softmax(g, ops.matMul(g, a, b));
          const q = ops.clipByValue(g, ops.div(g, p, ops.sum(g, p, [-1], true)), 0.2, 0.9);
          return ops.mean(g, ops.neg(g, ops.sum(g, ops.mul(g, y, ops.log(g, q)), [-1])));
        },
        eager: ([a, b, y]) => {
          const p = tf.softmax(tf.matMul(a, b));
          const q = tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), 0.2, 0.9);
          return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(q)), -1)));
        },
      },
    ],
    [
      "a mean over the last axis, a reshape and a sum that broadcasts",
      {
        inputs: [x, bias],
        graph: (g, [a, c]) => ops.sum(g, ops.add(g, ops.reshape(g, ops.mean(g, a, [-1], true), [-1, 1]), c)),
        eager: ([a, c]) => tf.sum(tf.add(tf.reshape(tf.mean(a, -1, true), [-1, 1]), c)),
      },
    ],
  ];

  it.each(cases)("differentiates %s as TF.js does", (_name, { inputs, graph, eager }) => {
    const values = inputs.map((make) => make());
    const g = new Graph();
    const placeholders = values.map((value, i) => g.placeholder(`input_${i}`, "float32", value.shape));
    const scalar = graph(g, placeholders);
    const graphGradients = gradients(g, scalar, placeholders);
    const session = new GraphSession(g);

    const fromGraph = session.run(
      placeholders.map((placeholder, i) => [placeholder, values[i]] as const),
      [scalar, ...graphGradients],
    );
    const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => eager(args))(values);
    expect(Math.abs(fromGraph[0].dataSync()[0] - value.dataSync()[0])).toBeLessThan(1e-6);
    grads.forEach((expected, i) => {
      expect(fromGraph[i + 1].shape).toEqual(expected.shape);
      expect(tf.max(tf.abs(tf.sub(fromGraph[i + 1], expected))).dataSync()[0]).toBeLessThan(1e-6);
    });

    tf.dispose([...values, ...fromGraph, value, ...grads]);
    session.dispose();
  });

  it("names an operation it cannot differentiate", () => {
    const g = new Graph();
    const a = g.placeholder("a", "float32", [2]);
    const scalar = ops.sum(g, g.op("Exp", [a])[0]);
    expect(() => gradients(g, scalar, [a])).toThrow("The operation Exp");
  });

  it("gives a zero gradient for an input the scalar does not depend on", () => {
    const g = new Graph();
    const a = g.placeholder("a", "float32", [2]);
    const unused = g.placeholder("unused", "float32", [3]);
    const scalar = ops.sum(g, ops.square(g, a));
    const [, gradient] = gradients(g, scalar, [a, unused]);
    const session = new GraphSession(g);
    const [values] = session.run([[a, tf.tensor1d([1, 2])], [unused, tf.tensor1d([1, 2, 3])]], [gradient]);
    expect(Array.from(values.dataSync())).toEqual([0, 0, 0]);
    session.dispose();
  });
});
