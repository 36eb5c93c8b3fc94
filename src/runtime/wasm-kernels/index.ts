import * as tf from "@tensorflow/tfjs";
import { makeBatchMatMul } from "./batch-mat-mul";
import { makeGather } from "./gather";
import { makeCast, makeIdentity } from "./identity";
import { makeSlice } from "./slice";

/**
 * Faster replacements for kernels of the wasm backend of TensorFlow.js 4.22 that training and predict()
 * spend their time in. Each one computes what the backend's own kernel computes, and hands the cases it
 * does not handle back to that kernel.
 */

// The backend's own kernels, kept for the cases the replacements hand back and for restoreWasmKernels().
let originals: Map<string, tf.KernelConfig> | undefined;

/**
 * Replaces BatchMatMul, Cast, GatherV2, Identity and Slice of the wasm backend with faster versions. Call it after
 * @tensorflow/tfjs-backend-wasm is loaded, which registers the kernels it replaces, before or after the
 * backend starts; later calls do nothing. Returns the names of the replaced kernels.
 */
export function registerWasmKernels(): string[] {
  if (originals) return [...originals.keys()];

  const ownKernel = (name: string): tf.KernelConfig => {
    const config = tf.getKernel(name, "wasm");
    if (!config) throw new Error(`The wasm backend has no ${name} kernel to replace. Load @tensorflow/tfjs-backend-wasm first.`);
    return config;
  };
  const transpose = ownKernel(tf.Transpose).kernelFunc;
  const ownConfigs = new Map([tf.BatchMatMul, tf.Cast, tf.GatherV2, tf.Identity, tf.Slice].map((name) => [name, ownKernel(name)]));
  const replacements: Record<string, tf.KernelFunc> = {
    [tf.BatchMatMul]: makeBatchMatMul(ownKernel(tf.BatchMatMul).kernelFunc, transpose),
    [tf.Cast]: makeCast(ownKernel(tf.Cast).kernelFunc),
    [tf.GatherV2]: makeGather(ownKernel(tf.GatherV2).kernelFunc),
    [tf.Identity]: makeIdentity(ownKernel(tf.Identity).kernelFunc),
    [tf.Slice]: makeSlice(ownKernel(tf.Slice).kernelFunc),
  };

  // The replacements keep the original's setupFunc, which the backend runs when it starts and which
  // prepares the original's call into WebAssembly that the replacements fall back on.
  for (const [kernelName, kernelFunc] of Object.entries(replacements)) {
    const setupFunc = ownConfigs.get(kernelName)?.setupFunc;
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc, setupFunc });
  }
  originals = ownConfigs;
  return [...ownConfigs.keys()];
}

/**
 * Puts the backend's own kernels back, so tests and benchmarks can compare both. Does nothing unless
 * registerWasmKernels() replaced them.
 */
export function restoreWasmKernels(): void {
  if (!originals) return;
  for (const [kernelName, config] of originals) {
    tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel(config);
  }
  originals = undefined;
}
