import type * as tfjs from "@tensorflow/tfjs";

/** Tensors that a cell created and left in memory where no variable reaches them. */
export interface LeftTensors {
  count: number;
  bytes: number;
  /** tf.memory().numTensors once the cell ended. */
  numTensors: number;
}

/** A cell that leaves fewer tensors, and fewer bytes, than these is not worth a warning. */
const MIN_COUNT = 10;
const MIN_BYTES = 1024 * 1024;

/** How many objects a search for reachable tensors visits before it gives up and reports nothing. */
const MAX_VISITED = 200_000;

/** One TensorFlow.js scope: the engine's record of the tensors made while it is the active scope. */
interface EngineScope {
  track: tfjs.Tensor[];
}

interface EngineState {
  scopeStack: EngineScope[];
  activeScope: EngineScope | null;
}

/**
 * Finds the tensors that a cell made and left behind, as TensorFlow.js does not free a tensor that
 * nothing refers to any more. Loops like `model.predict(tf.randomNormal([1, 4]))` then fill memory.
 *
 * While the cell runs, an engine scope records every tensor made outside a tf.tidy(). When it
 * ends, the tensors still alive that neither tf.keep(), the cell's value, nor any global variable
 * reaches (through arrays, objects, maps and sets) are counted. They are not freed: a closure or a
 * private class field may hold one, and JavaScript cannot look inside those.
 */
export class CellTensorScope {
  private readonly scope: EngineScope | undefined;

  constructor(
    private readonly tf: typeof tfjs,
    private readonly baselineGlobals: ReadonlySet<string>,
  ) {
    const engine = tf.engine();
    engine.startScope("tskeras cell");
    this.scope = engineState(engine).activeScope ?? undefined;
  }

  /** Ends the scope, keeping every tensor, and returns what the cell left behind if it is worth a warning. */
  finish(value: unknown): LeftTensors | undefined {
    const engine = this.tf.engine();
    const state = engineState(engine);
    // A cell that started a scope without ending it leaves ours below the top. Its scope stays as it
    // is, so nothing is reported.
    if (!this.scope || state.activeScope !== this.scope) return undefined;

    const alive = this.scope.track.filter((tensor) => !tensor.isDisposed && !tensor.kept);
    // Every tensor is passed as the scope's result, so ending it frees nothing.
    engine.endScope(alive);

    const reached = alive.length ? reachableTensorIds(this.userRoots(value), this.tf, new Set(alive.map((tensor) => tensor.id))) : new Set<number>();
    if (!reached) return undefined;
    const left = alive.filter((tensor) => !reached.has(tensor.id) && !tensor.isDisposed);
    const bytes = left.reduce((sum, tensor) => sum + tensor.size * bytesPerElement(tensor.dtype), 0);
    if (left.length < MIN_COUNT && bytes < MIN_BYTES) return undefined;
    return { count: left.length, bytes, numTensors: this.tf.memory().numTensors };
  }

  /** Returns the cell's value and the globals that cells defined, the places where a learner keeps tensors. */
  private userRoots(value: unknown): unknown[] {
    const globals = globalThis as Record<string, unknown>;
    const roots: unknown[] = [value];
    for (const name of Object.keys(globals)) {
      if (!this.baselineGlobals.has(name)) roots.push(globals[name]);
    }
    return roots;
  }
}

/** Returns the names of the globals that exist before any cell runs. */
export function currentGlobalNames(): Set<string> {
  return new Set(Object.keys(globalThis));
}

/**
 * Returns the ids among candidates of the tensors reachable from roots, or undefined when the search
 * visited too many objects to be sure.
 */
function reachableTensorIds(roots: unknown[], tf: typeof tfjs, candidates: ReadonlySet<number>): Set<number> | undefined {
  const found = new Set<number>();
  const visited = new Set<object>();
  const pending = [...roots];

  while (pending.length > 0 && found.size < candidates.size) {
    const value = pending.pop();
    if (value === null || typeof value !== "object" || visited.has(value)) continue;
    visited.add(value);
    if (visited.size > MAX_VISITED) return undefined;

    if (value instanceof tf.Tensor) {
      if (candidates.has(value.id)) found.add(value.id);
      continue;
    }
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Promise) continue;
    if (Array.isArray(value)) {
      // Rows of numbers, as in a dataset, hold no tensors; looking at the first element saves visiting them.
      if (value.length > 0 && typeof value[0] !== "object") continue;
      pending.push(...value);
    } else if (value instanceof Map) {
      for (const [key, item] of value) pending.push(key, item);
    } else if (value instanceof Set) {
      pending.push(...value);
    } else {
      for (const key of Object.keys(value)) pending.push(readProperty(value, key));
    }
  }
  return found;
}

/** Reads a property without letting a throwing getter end the search. */
function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function bytesPerElement(dtype: string): number {
  if (dtype === "complex64") return 8;
  // TensorFlow.js counts the bytes of string tensors separately, as it writes their values.
  if (dtype === "string") return 0;
  return 4;
}

/**
 * Returns the engine's scope stack.
 * NOTE: `state` is not part of TensorFlow.js's typed API; tfjs-core 4.22 keeps the scopes there.
 */
function engineState(engine: ReturnType<typeof tfjs.engine>): EngineState {
  return (engine as unknown as { state: EngineState }).state;
}
