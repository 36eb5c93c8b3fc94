import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { isHeapDtype } from "./heap";

/**
 * Identity and same-dtype Cast for the wasm backend. Its own kernels in TensorFlow.js 4.22 allocate
 * and copy a new tensor each time, and one training step of the tutorial's MLP (784 -> 64 -> 10, adam)
 * runs Identity 29 times and Cast 12 times. These return the input's memory with its reference count
 * raised, as the cpu backend does and as the wasm backend's own Reshape does. Sharing is safe because
 * the kernels of TF.js 4.22 write only to outputs they allocate.
 */

/** Returns the Identity kernel function. String tensors go to original. */
export function makeIdentity(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (!isHeapDtype(x.dtype)) return original(args);
    return share(args.backend as BackendWasm, x);
  };
}

/** Returns the Cast kernel function, which shares the input when the dtype stays. Other casts go to original. */
export function makeCast(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (dtype !== x.dtype || !isHeapDtype(x.dtype)) return original(args);
    return share(args.backend as BackendWasm, x);
  };
}

function share(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
