import { AsyncLocalStorage } from "node:async_hooks";
import type { OutputSink } from "./mime";

// Each cell runs inside its own scope, so a timer or promise that outlives its cell still
// displays under the cell that started it.
const sinkScope = new AsyncLocalStorage<OutputSink>();

/** Runs fn with sink as the destination of every display made inside it, also asynchronously. */
export function runWithSink<T>(sink: OutputSink, fn: () => T): T {
  return sinkScope.run(sink, fn);
}

/** Returns the sink of the cell that is running, or undefined outside any cell. */
export function currentSink(): OutputSink | undefined {
  return sinkScope.getStore();
}
