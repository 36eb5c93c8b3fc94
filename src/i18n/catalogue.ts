/**
 * Every sentence a learner reads, as functions that quote the values they are given.
 * English and Spanish each implement this interface, so a missing translation fails the build.
 */
export interface Catalogue {
  kernel: KernelMessages;
  keras: KerasMessages;
}

/** Messages from the kernel and the executor about running cells. */
export interface KernelMessages {
  /** The kernel's banner, naming the TensorFlow.js backend in use. */
  banner(version: string, backend: string): string;
  /** The executor process ended while a cell ran, taking the notebook's variables with it. */
  executorDied(reason: string): string;
  /** A cell could not be compiled because its syntax is invalid. */
  syntaxError(line: number, column: number, detail: string): string;
}

/** Messages from the Keras facade: summaries, training progress, errors. */
export interface KerasMessages {
  summaryTitle(modelName: string): string;
}
