// Counters per name prefix for this process, as Keras keeps them until keras.utils.clear_session().
const counters = new Map<string, number>();

/** Returns the next automatic name for prefix, numbered like Keras: dense, dense_1, dense_2... */
export function uniqueName(prefix: string): string {
  const count = counters.get(prefix) ?? 0;
  counters.set(prefix, count + 1);
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/** Restarts every counter, so the next Dense is named "dense" again. Existing layers keep their names. */
export function resetNames(): void {
  counters.clear();
}
