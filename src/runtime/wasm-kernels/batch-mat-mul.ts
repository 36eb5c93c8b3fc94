import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { createView, heapArray, releaseView, wasmModule } from "./heap";

/**
 * BatchMatMul for the wasm backend of TensorFlow.js 4.22, which computes a product with XNNPACK only
 * when neither operand is transposed and both have a batch size of 1; every other product goes through
 * a scalar loop about 13 times slower. Dense layers train with both transposed forms: x^T dy for the
 * kernel's gradient and dy W^T for the input's. So this kernel first copies the operands into the
 * layout XNNPACK takes, and runs a batched product as one XNNPACK call per batch entry.
 */

/** The backend's exported C function behind its own BatchMatMul kernel. */
type WasmBatchMatMul = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

/** A float32 tensor seen as [batch, rows, columns] in row-major order. */
interface Matrices {
  info: tf.TensorInfo;
  batch: number;
  rows: number;
  columns: number;
}

/**
 * Batched products whose single product has fewer multiply-adds than this run through the backend's own
 * kernel, because the per-entry XNNPACK calls cost more than they save for tiny matrices.
 * NOTE: an estimate from a few shapes timed on a 2-core x86-64 machine: batches of 16 x 16 x 16
 * products ran at 0.7-1.1 times the original's speed, of 24 x 24 x 24 at 1.4 times.
 */
const MIN_BATCHED_PRODUCT = 8192;

const wasmFunctions = new WeakMap<BackendWasm, WasmBatchMatMul>();

// The backend caches the XNNPACK operator for a right-hand operand under the tensor's id alone. A
// tensor id reused with other dimensions (tf.reshape() keeps the id) then meets an operator built for
// the wrong sizes, which aborts the WebAssembly module. So the dimensions each id was first used with
// are recorded here, and an id met with new dimensions goes through a fresh view instead.
// NOTE: the backend's own _FusedMatMul kernel fills the same cache without this record, so a tensor it
// multiplied without bias, then reshaped and passed here, can still meet a stale operator.
const operandDimensions = new WeakMap<object, string>();

/** Returns the BatchMatMul kernel function, which falls back to original for what it does not handle. */
export function makeBatchMatMul(original: tf.KernelFunc, transpose: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const backend = args.backend as BackendWasm;
    if (a.dtype !== "float32" || b.dtype !== "float32") return original(args);

    // 1. Read the shapes. Inputs the original rejects (sizes that do not match, batch shapes that do
    //    not broadcast) go to it, so the error is the usual one.
    const left = asMatrices(a);
    const right = asMatrices(b);
    const rows = transposeA ? left.columns : left.rows;
    const inner = transposeA ? left.rows : left.columns;
    const columns = transposeB ? right.rows : right.columns;
    const innerB = transposeB ? right.columns : right.rows;
    const broadcastable = left.batch === right.batch || left.batch === 1 || right.batch === 1;
    if (inner !== innerB || !broadcastable) return original(args);
    const batchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const outShape = [...batchShape, rows, columns];

    // An empty inner dimension gives zeros. The original leaves such an output unwritten, because
    // XNNPACK rejects a product with no input channels.
    if (tf.util.sizeFromShape(outShape) === 0 || inner === 0) {
      const out = backend.makeOutput(outShape, "float32");
      heapArray(backend, out).fill(0);
      return out;
    }

    // Entry i of the result takes entry i, or the only entry, of each operand. Batch shapes such as
    // [3, 1] and [1, 3] broadcast to more entries than either has, which that mapping cannot pair.
    if (tf.util.sizeFromShape(batchShape) !== Math.max(left.batch, right.batch)) return original(args);
    const batched = left.batch > 1 || right.batch > 1;
    if (batched && rows * inner * columns < MIN_BATCHED_PRODUCT) return original(args);

    // 2. Pick the cheaper of a b = c and b^T a^T = c^T by the elements copied: operands stored
    //    transposed, the right operand that XNNPACK packs, and for the second the transposed result.
    const directCost = (transposeA ? rows * inner : 0) + (transposeB ? inner * columns : 0) + inner * columns;
    const swappedCost = (transposeB ? 0 : inner * columns) + (transposeA ? 0 : rows * inner) + rows * inner + rows * columns;
    const temporaries: tf.TensorInfo[] = [];
    const plain = (matrices: Matrices, transposed: boolean): Matrices => {
      if (!transposed) return matrices;
      const copy = transposeMatrices(backend, transpose, matrices);
      temporaries.push(copy.info);
      return copy;
    };

    // 3. Multiply in XNNPACK's layout, then transpose c^T back when the operands were swapped.
    let result: Matrices;
    try {
      if (directCost <= swappedCost) {
        result = multiply(backend, plain(left, transposeA), plain(right, transposeB));
      } else {
        const swapped = multiply(backend, plain(right, !transposeB), plain(left, !transposeA));
        temporaries.push(swapped.info);
        result = transposeMatrices(backend, transpose, swapped);
      }
    } finally {
      for (const info of temporaries) backend.disposeData(info.dataId);
    }
    return { ...result.info, shape: outShape };
  };
}

function asMatrices(info: tf.TensorInfo): Matrices {
  const rank = info.shape.length;
  const batch = info.shape.slice(0, -2).reduce((product, size) => product * size, 1);
  return { info, batch, rows: info.shape[rank - 2], columns: info.shape[rank - 1] };
}

/** Returns a new tensor with each matrix transposed, made by the backend's Transpose kernel. */
function transposeMatrices(backend: BackendWasm, transpose: tf.KernelFunc, matrices: Matrices): Matrices {
  const { info, batch, rows, columns } = matrices;
  const x = { ...info, shape: [batch, rows, columns] };
  const transposed = transpose({ inputs: { x }, backend, attrs: { perm: [0, 2, 1] } }) as tf.TensorInfo;
  return { info: transposed, batch, rows: columns, columns: rows };
}

/**
 * Returns left times right in a new [batch, rows, columns] tensor, through XNNPACK: one call when both
 * batch sizes are 1, else one call per batch entry on views of the operands and of the result. A batch
 * size of 1 broadcasts.
 */
function multiply(backend: BackendWasm, left: Matrices, right: Matrices): Matrices {
  const batch = Math.max(left.batch, right.batch);
  const out = backend.makeOutput([batch, left.rows, right.columns], "float32");
  const result = { info: out, batch, rows: left.rows, columns: right.columns };
  const leftSize = left.rows * left.columns;
  const rightSize = right.rows * right.columns;
  const outSize = left.rows * right.columns;

  if (batch === 1) {
    multiplyOne(backend, left.info, [1, left.rows, left.columns], right.info, [1, right.rows, right.columns], out);
    return result;
  }

  // A right operand shared by every entry keeps one id, so XNNPACK packs it once.
  const sharedRight = right.batch === 1 ? right.info : undefined;
  for (let entry = 0; entry < batch; entry++) {
    const views: tf.TensorInfo[] = [];
    const view = (owner: tf.TensorInfo, offset: number, shape: number[]) => {
      const created = createView(backend, owner, offset, shape);
      views.push(created);
      return created;
    };
    try {
      const leftEntry = left.batch === 1 ? left.info : view(left.info, entry * leftSize, [1, left.rows, left.columns]);
      const rightEntry = sharedRight ?? view(right.info, entry * rightSize, [1, right.rows, right.columns]);
      const outEntry = view(out, entry * outSize, [1, left.rows, right.columns]);
      multiplyOne(backend, leftEntry, [1, left.rows, left.columns], rightEntry, [1, right.rows, right.columns], outEntry);
    } finally {
      for (const created of views) releaseView(backend, created);
    }
  }
  return result;
}

/** Runs the backend's C BatchMatMul on one pair of matrices without transposes, its XNNPACK path. */
function multiplyOne(
  backend: BackendWasm,
  a: tf.TensorInfo,
  aShape: number[],
  b: tf.TensorInfo,
  bShape: number[],
  out: tf.TensorInfo,
): void {
  const run = wasmBatchMatMul(backend);
  const dimensions = bShape.join(",");
  const recorded = operandDimensions.get(b.dataId);
  const freshB = recorded !== undefined && recorded !== dimensions ? createView(backend, b, 0, bShape) : undefined;
  if (recorded === undefined) operandDimensions.set(b.dataId, dimensions);
  try {
    const id = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).id;
    run(id(a), shapeBytes(aShape), 3, id(freshB ?? b), shapeBytes(bShape), 3, false, false, id(out));
  } finally {
    if (freshB) releaseView(backend, freshB);
  }
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

function wasmBatchMatMul(backend: BackendWasm): WasmBatchMatMul {
  let run = wasmFunctions.get(backend);
  if (!run) {
    const argumentTypes = ["number", "array", "number", "number", "array", "number", "number", "number", "number"];
    run = wasmModule(backend).cwrap("BatchMatMul", null, argumentTypes) as WasmBatchMatMul;
    wasmFunctions.set(backend, run);
  }
  return run;
}
