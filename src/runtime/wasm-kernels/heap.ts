import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { DataType, TensorInfo } from "@tensorflow/tfjs";

/** The parts of the backend's Emscripten module that these kernels use. */
export interface WasmModule {
  HEAPU8: Uint8Array;
  cwrap(name: string, returnType: string | null, argumentTypes: string[]): unknown;
  tfjs: { disposeData(id: number): void };
}

/** Returns the backend's Emscripten module, typed with the members that these kernels use. */
export function wasmModule(backend: BackendWasm): WasmModule {
  return backend.wasm as unknown as WasmModule;
}

/** Typed arrays that alias a tensor's memory on the WebAssembly heap, by dtype. */
export type HeapArray = Float32Array | Int32Array | Uint8Array;

/** Returns whether the dtype's values live on the WebAssembly heap. String tensors keep their bytes in JavaScript. */
export function isHeapDtype(dtype: DataType): dtype is "float32" | "int32" | "bool" {
  return dtype === "float32" || dtype === "int32" || dtype === "bool";
}

/**
 * Returns a typed array over the tensor's memory on the WebAssembly heap, without copying it, where
 * the backend's readSync() copies the whole tensor.
 * NOTE: the array is only valid until the heap grows, which any allocation may cause. Allocate every
 * output (makeOutput) before taking views.
 */
export function heapArray(backend: BackendWasm, info: TensorInfo): HeapArray {
  const { memoryOffset, shape, dtype } = backend.dataIdMap.get(info.dataId);
  const buffer = wasmModule(backend).HEAPU8.buffer;
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  switch (dtype) {
    case "float32":
      return new Float32Array(buffer, memoryOffset, size);
    case "int32":
      return new Int32Array(buffer, memoryOffset, size);
    case "bool":
      return new Uint8Array(buffer, memoryOffset, size);
    default:
      throw new Error(`No heap view for dtype ${dtype}`);
  }
}

/**
 * Registers a tensor that aliases part of another float32 tensor's memory, starting offsetElements into
 * it, so a WebAssembly kernel can read or write that part in place. Release it with releaseView(), never
 * with disposeData(), which would free memory that belongs to the other tensor.
 */
export function createView(backend: BackendWasm, owner: TensorInfo, offsetElements: number, shape: number[]): TensorInfo {
  const { memoryOffset } = backend.dataIdMap.get(owner.dataId);
  return backend.makeOutput(shape, "float32", memoryOffset + offsetElements * Float32Array.BYTES_PER_ELEMENT);
}

/** Forgets a view made by createView() on both sides of the backend, leaving its memory to its owner. */
export function releaseView(backend: BackendWasm, view: TensorInfo): void {
  const { id } = backend.dataIdMap.get(view.dataId);
  backend.dataIdMap.delete(view.dataId);
  // The C++ side drops its record of the tensor and the XNNPACK operators cached for it; it frees nothing.
  wasmModule(backend).tfjs.disposeData(id);
}

/**
 * Copies count elements from source at sourceOffset to target at targetOffset: by a plain loop for a few
 * elements, where creating a subarray costs more than the copy, else through TypedArray.set().
 */
export function copyElements(source: HeapArray, sourceOffset: number, target: HeapArray, targetOffset: number, count: number): void {
  if (count < 16) {
    for (let i = 0; i < count; i++) target[targetOffset + i] = source[sourceOffset + i];
  } else {
    target.set(source.subarray(sourceOffset, sourceOffset + count), targetOffset);
  }
}
