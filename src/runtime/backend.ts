import type * as tfjs from "@tensorflow/tfjs";
import { registerWasmKernels } from "./wasm-kernels";

/** TensorFlow.js backends in the order of preference: native TensorFlow, WebAssembly, plain JavaScript. */
const PREFERENCE = ["tensorflow", "wasm", "cpu"] as const;

/** Packages that register each backend when loaded; cpu ships with @tensorflow/tfjs. */
const BACKEND_PACKAGES: Record<string, string | undefined> = {
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: undefined,
};

/**
 * Picks the fastest backend that loads here, or the one TSKERAS_BACKEND names, and returns its name.
 * A backend that fails to load is skipped with the reason passed to warn. The wasm backend gets the
 * faster kernels of ./wasm-kernels.
 */
export async function selectBackend(
  tf: typeof tfjs,
  requested: string | undefined = process.env.TSKERAS_BACKEND,
  warn: (message: string) => void = () => undefined,
): Promise<string> {
  const candidates = requested ? [requested, ...PREFERENCE.filter((name) => name !== requested)] : [...PREFERENCE];

  for (const name of candidates) {
    try {
      const packageName = BACKEND_PACKAGES[name];
      // tfjs-node is optional: npm leaves it out, or in without its native addon, when its download fails.
      if (packageName) require(packageName);
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === "cpu") silenceNodeBackendAdvice(tf);
        if (name === "wasm") registerWasmKernels();
        return name;
      }
      warn(`backend ${name} did not initialise`);
    } catch (error) {
      if (name === requested || name !== "tensorflow") warn(`backend ${name} failed to load: ${(error as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start (tried ${candidates.join(", ")}).`);
}

/**
 * Stops the cpu backend of TensorFlow.js 4.x from printing, at its first tensor, advice to install
 * tfjs-node. The advice would land in a learner's cell, and an offline machine cannot follow it.
 */
function silenceNodeBackendAdvice(tf: typeof tfjs): void {
  const backend = tf.backend() as { firstUse?: boolean };
  if (typeof backend.firstUse === "boolean") backend.firstUse = false;
}
