/**
 * Ordering of the work that models do asynchronously. fit() and evaluate() calls on one model run one
 * after another in call order, so `model.fit(...); model.fit(...);` without await trains twice instead
 * of failing in TF.js, whose LayersModel rejects a fit() while another one runs.
 */

// One promise per queued or running task, removed once it settles.
const pendingTasks = new Set<Promise<void>>();

// Incremented by interruptTraining(). A task compares it with the value it saw when it was queued.
let interruptCount = 0;

/** A chain of asynchronous tasks that run one at a time, in the order they were queued. */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues task after the ones already queued and returns its result. A failed task does not stop the ones after it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);

    const settled: Promise<void> = result.then(
      () => undefined,
      () => undefined,
    );
    const tracked = settled.then(() => {
      pendingTasks.delete(tracked);
    });
    pendingTasks.add(tracked);
    return result;
  }
}

/**
 * Resolves once no fit() or evaluate() is running or queued on any model, including tasks queued while
 * it waits. It never rejects: a failed task reports its error through its own promise. The executor
 * awaits it at the end of each cell, so the cell stays busy until training ends, as Keras's fit() blocks.
 */
export async function whenTrainingIdle(): Promise<void> {
  while (pendingTasks.size > 0) {
    await Promise.all([...pendingTasks]);
  }
}

/**
 * Stops training everywhere: each running fit() ends after its current batch and resolves with the
 * epochs done so far, and fit() calls still queued resolve at once with an empty History.
 */
export function interruptTraining(): void {
  interruptCount += 1;
}

/** Returns a token for interruptedSince(), taken when a task is queued. */
export function interruptToken(): number {
  return interruptCount;
}

/** True when interruptTraining() was called after the token was taken. */
export function interruptedSince(token: number): boolean {
  return interruptCount !== token;
}
