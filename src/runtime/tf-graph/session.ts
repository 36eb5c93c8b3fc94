import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { Graph, Output } from "./graph";

/** The SavedModel methods of tfjs-node's backend, whose declarations are not part of @tensorflow/tfjs. */
interface SavedModelBackend {
  loadSavedModelMetaGraph(path: string, tags: string): number;
  runSavedModel(id: number, inputs: tf.Tensor[], inputInfos: Array<{ name: string }>, outputNames: string[]): tf.Tensor[];
  deleteSavedModel(id: number): void;
}

/** Tells whether the current backend can run graphs: tfjs-node's "tensorflow" backend. */
export function canRunGraphs(): boolean {
  if (tf.getBackend() !== "tensorflow") return false;
  const backend = tf.backend() as Partial<SavedModelBackend>;
  return typeof backend.loadSavedModelMetaGraph === "function" && typeof backend.runSavedModel === "function";
}

/**
 * A graph loaded into a TensorFlow session of tfjs-node. Each run() is one call into TensorFlow, which
 * runs all the graph's operations with the inputs fed and returns the outputs fetched as tensors of the
 * current TensorFlow.js engine.
 */
export class GraphSession {
  private readonly backend: SavedModelBackend;
  private readonly id: number;
  private disposed = false;

  constructor(graph: Graph) {
    if (!canRunGraphs()) throw new Error(`Graphs run only on the tensorflow backend, and the backend is ${tf.getBackend()}.`);
    this.backend = tf.backend() as unknown as SavedModelBackend;

    // TensorFlow's C API loads a SavedModel only from a folder, so the graph passes through a
    // temporary one, removed once the session is loaded.
    const folder = mkdtempSync(join(tmpdir(), "tskeras-graph-"));
    try {
      writeFileSync(join(folder, "saved_model.pb"), graph.savedModel());
      this.id = this.backend.loadSavedModelMetaGraph(folder, "serve");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  /** Feeds each input placeholder its tensor and returns the fetched outputs in order. */
  run(feeds: ReadonlyArray<readonly [Output, tf.Tensor]>, fetches: readonly Output[]): tf.Tensor[] {
    if (this.disposed) throw new Error("This graph session was disposed.");
    return this.backend.runSavedModel(
      this.id,
      feeds.map(([, tensor]) => tensor),
      feeds.map(([input]) => ({ name: input.name })),
      fetches.map((output) => output.name),
    );
  }

  /** Closes the session, after which run() throws. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.backend.deleteSavedModel(this.id);
  }
}
