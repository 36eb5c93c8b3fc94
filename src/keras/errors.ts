import { inspect } from "node:util";

/**
 * Error for an invalid argument, named like the ValueError that Keras raises in the same cases so
 * that learners recognise it. The message comes from the catalogue, in the learner's language.
 */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

/**
 * Error for work stopped by the user's interrupt (Jupyter's stop button): a fit() stops between
 * batches and rejects with it, so the code after `await model.fit(...)` does not run.
 */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterruptedError";
  }
}

const maxDescriptionLength = 80;

/** Describes a value for an error message: strings quoted, arrays and objects on one short line. */
export function describeValue(value: unknown): string {
  const text = inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, colors: false });
  return text.length <= maxDescriptionLength ? text : `${text.slice(0, maxDescriptionLength - 3)}...`;
}
