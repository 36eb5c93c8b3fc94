import { availableParallelism } from "node:os";
import type * as tfjs from "@tensorflow/tfjs";
import { registerWasmKernels } from "./wasm-kernels";

/** TensorFlow.js backends in the order of preference: native TensorFlow, WebAssembly, plain JavaScript. */
const PREFERENCE = ["tensorflow", "wasm", "cpu"] as const;

/**
 * Packages that register each backend when loaded; cpu ships with @tensorflow/tfjs. tfjs-node-gpu and
 * tfjs-node both register "tensorflow", and the first one installed is loaded.
 */
const BACKEND_PACKAGES: Record<string, readonly string[]> = {
  tensorflow: ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"],
  wasm: ["@tensorflow/tfjs-backend-wasm"],
  cpu: [],
};

/** Install hints for a backend whose package is missing, added to the log line that reports it. */
const INSTALL_HINTS: Record<string, string> = {
  tensorflow: "scripts/tfjs-node-offline.sh installs it without Google's storage",
};

/**
 * Picks the fastest backend that loads here, or the one TSKERAS_BACKEND names, and returns its name.
 * For each backend tried before it and not used, warn gets one line with the reason.
 * requireFrom resolves and loads the backends' packages.
 * The wasm backend gets the faster kernels of ./wasm-kernels.
 */
export async function selectBackend(
  tf: typeof tfjs,
  requested: string | undefined = process.env.TSKERAS_BACKEND,
  warn: (message: string) => void = () => undefined,
  requireFrom: NodeJS.Require = require,
): Promise<string> {
  const candidates = requested ? [requested, ...PREFERENCE.filter((name) => name !== requested)] : [...PREFERENCE];
  const reasons: string[] = [];

  for (const name of candidates) {
    const failure = await startBackend(tf, name, requireFrom);
    if (failure === undefined) {
      for (const reason of reasons) warn(`${reason}; using ${name}`);
      return name;
    }
    reasons.push(`backend ${name} not used: ${failure}`);
  }
  throw new Error(`No TensorFlow.js backend could start: ${reasons.join("; ")}.`);
}

/** Loads a backend's package and makes it TensorFlow.js's backend. Returns the reason when that fails, else undefined. */
async function startBackend(tf: typeof tfjs, name: string, requireFrom: NodeJS.Require): Promise<string | undefined> {
  const packages = BACKEND_PACKAGES[name] ?? [];
  if (packages.length > 0) {
    // tfjs-node is optional: npm leaves it out, or installs it without its native addon when its
    // install script is skipped or its download fails, and then loading it throws.
    const installed = packages.find((packageName) => isInstalled(packageName, requireFrom));
    if (installed === undefined) {
      const hint = INSTALL_HINTS[name];
      return `${packages[packages.length - 1]} is not installed${hint ? ` (${hint})` : ""}`;
    }
    // TensorFlow's C++ library prints INFO lines (oneDNN, CPU features) on stderr when it loads;
    // level 1 keeps its warnings and errors. A value the user set is left alone.
    if (name === "tensorflow") {
      process.env.TF_CPP_MIN_LOG_LEVEL ??= "1";
      // TensorFlow splits each kernel over all cores by default, but in eager mode the JavaScript
      // thread that issues the ops is busy too. Leaving it a core made a step of the tutorial's model at
      // batch 256 about 1.25x faster on 2 cores, and batch 32 unchanged. A value the user set is kept.
      process.env.TF_NUM_INTRAOP_THREADS ??= String(Math.max(1, availableParallelism() - 1));
    }
    try {
      requireFrom(installed);
    } catch (error) {
      return `${installed} failed to load: ${firstLine(error)}`;
    }
  }

  try {
    if (!(await tf.setBackend(name))) return "it did not initialise";
    await tf.ready();
  } catch (error) {
    return `it failed to start: ${firstLine(error)}`;
  }
  if (name === "cpu") silenceNodeBackendAdvice(tf);
  if (name === "wasm") registerWasmKernels();
  return undefined;
}

/** Tells whether packageName resolves, even when its main file is missing or fails to load. */
function isInstalled(packageName: string, requireFrom: NodeJS.Require): boolean {
  for (const specifier of [packageName, `${packageName}/package.json`]) {
    try {
      requireFrom.resolve(specifier);
      return true;
    } catch {
      // Not found under this specifier; the next one may resolve.
    }
  }
  return false;
}

/** Returns the first line of an error's message, so that a reason fits on one log line. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].trim();
}

/**
 * Stops the cpu backend of TensorFlow.js 4.x from printing, at its first tensor, advice to install
 * tfjs-node. The advice would land in a learner's cell, and an offline machine cannot follow it.
 */
function silenceNodeBackendAdvice(tf: typeof tfjs): void {
  const backend = tf.backend() as { firstUse?: boolean };
  if (typeof backend.firstUse === "boolean") backend.firstUse = false;
}
