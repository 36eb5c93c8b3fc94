import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { copyElements, heapArray, isHeapDtype, type HeapArray } from "./heap";

/**
 * Returns the Slice kernel function for the wasm backend. The backend's own kernel in TensorFlow.js
 * 4.22 reads its input through readSync(), which copies the whole tensor out of the WebAssembly heap,
 * so taking 32 rows of a 60,000 x 784 tensor copied 188 MB. This one copies only the slice, straight
 * from heap to heap. String tensors go to original.
 */
export function makeSlice(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const backend = args.backend as BackendWasm;
    if (!isHeapDtype(x.dtype)) return original(args);

    // The original checks nothing here, and reads outside the tensor for a begin below -1.
    const [start, extent] = tf.slice_util.parseSliceParams(x, begin, size);
    tf.slice_util.assertParamsValid(x, start, extent);
    tf.util.assert(start.every((index) => index >= 0), () => `Slice: begin [${start}] has a negative index. Each begin must be 0 or more.`);
    const out = backend.makeOutput(extent, x.dtype);
    const count = extent.reduce((product, length) => product * length, 1);
    if (count === 0) return out;

    // Views are taken after makeOutput(), whose allocation may grow the heap and move its buffer.
    const source = heapArray(backend, x);
    const target = heapArray(backend, out);
    const strides = tf.util.computeStrides(x.shape);
    if (tf.slice_util.isSliceContinous(x.shape, start, extent)) {
      const offset = tf.slice_util.computeFlatOffset(start, strides);
      target.set(source.subarray(offset, offset + count));
      return out;
    }
    copyRuns(source, target, x.shape, strides, start, extent);
    return out;
  };
}

/**
 * Copies a non-contiguous slice run by run. A run is the longest stretch contiguous in both tensors:
 * the slice's extent along the last axis that it does not take whole, times the full sizes after it.
 */
function copyRuns(
  source: HeapArray,
  target: HeapArray,
  shape: number[],
  strides: number[],
  start: number[],
  extent: number[],
): void {
  const rank = shape.length;
  let runAxis = rank - 1;
  while (runAxis > 0 && extent[runAxis] === shape[runAxis] && start[runAxis] === 0) runAxis--;
  const runStride = runAxis === rank - 1 ? 1 : strides[runAxis];
  const runLength = extent[runAxis] * runStride;

  // An odometer over the axes before runAxis, from the slice's first element onwards.
  const position = new Array<number>(runAxis).fill(0);
  let sourceOffset = start.reduce((offset, index, axis) => offset + index * (axis === rank - 1 ? 1 : strides[axis]), 0);
  for (let targetOffset = 0; targetOffset < target.length; targetOffset += runLength) {
    copyElements(source, sourceOffset, target, targetOffset, runLength);

    let axis = runAxis - 1;
    while (axis >= 0 && position[axis] === extent[axis] - 1) {
      sourceOffset -= position[axis] * strides[axis];
      position[axis] = 0;
      axis--;
    }
    if (axis < 0) break;
    position[axis]++;
    sourceOffset += strides[axis];
  }
}
