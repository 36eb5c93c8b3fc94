import * as tf from "@tensorflow/tfjs";
import type { DisplayOutput } from "../../src/display/mime";
import { runWithSink } from "../../src/display/scope";
import type { Language } from "../../src/i18n";
import { Dense } from "../../src/keras/layers";
import { SGD } from "../../src/keras/optimizers";
import { Sequential } from "../../src/keras/sequential";
import { selectBackend } from "../../src/runtime/backend";

/**
 * Starts the backend the tests run on: the one TSKERAS_BACKEND names, else cpu. Throws when that backend
 * cannot start, so a run meant for tfjs-node does not pass on a fallback.
 */
export async function selectTestBackend(): Promise<void> {
  const requested = process.env.TSKERAS_BACKEND || "cpu";
  const started = await selectBackend(tf, requested);
  if (started !== requested) throw new Error(`backend ${requested} (TSKERAS_BACKEND) could not start, so TensorFlow.js fell back to ${started}`);
}

/** Runs fn with TSKERAS_LANG set to language, so the catalogue returns messages in that language. */
export function inLanguage<T>(language: Language, fn: () => T): T {
  const saved = process.env.TSKERAS_LANG;
  process.env.TSKERAS_LANG = language;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.TSKERAS_LANG;
    else process.env.TSKERAS_LANG = saved;
  }
}

/** Awaits fn with TSKERAS_LANG set to language, for work that goes on after fn returns a promise. */
export async function inLanguageAsync<T>(language: Language, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TSKERAS_LANG;
  process.env.TSKERAS_LANG = language;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TSKERAS_LANG;
    else process.env.TSKERAS_LANG = saved;
  }
}

/** Returns the message of the error that fn throws, in the given language. */
export function errorMessage(language: Language, fn: () => unknown): string {
  return inLanguage(language, () => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected an error, but none was thrown");
  });
}

/** Runs fn as a notebook cell would, collecting every display and update it makes, also after awaits. */
export async function captureOutputs(fn: () => Promise<unknown> | unknown): Promise<DisplayOutput[]> {
  const outputs: DisplayOutput[] = [];
  await runWithSink({ display: (output) => outputs.push(output) }, async () => {
    await fn();
  });
  return outputs;
}

/** The four XOR samples, inputs and targets, which small models in these tests train on. */
export const xorInputs = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
export const xorTargets = [[0], [1], [1], [0]];

/** Builds a small compiled model for the XOR samples: Dense(4, tanh) then Dense(1, sigmoid). */
export function compiledXorModel(optimizer: "adam" | "sgd" | SGD = "adam"): Sequential {
  const model = new Sequential([new Dense(4, { activation: "tanh", inputShape: [2] }), new Dense(1, { activation: "sigmoid" })]);
  model.compile({ optimizer, loss: "binary_crossentropy", metrics: ["accuracy"] });
  return model;
}
