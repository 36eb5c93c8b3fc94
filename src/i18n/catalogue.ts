import type { KerasMessages } from "./keras.catalogue";

export type { ExpectedType, KerasMessages, NameKind } from "./keras.catalogue";

/**
 * Every sentence a learner reads, as functions that quote the values they are given.
 * English and Spanish each implement this interface, so a missing translation fails the build.
 */
export interface Catalogue {
  kernel: KernelMessages;
  cli: CliMessages;
  keras: KerasMessages;
}

/** Messages of the `tskeras` command line: install and run. */
export interface CliMessages {
  usage(): string;
  installed(kernelName: string, folder: string): string;
  /** An option's value is invalid; names the option, the value and the accepted ones. */
  invalidOption(option: string, value: string, accepted: string): string;
  notebookNotFound(path: string): string;
  /** Progress line for one code cell: position among code cells and the notebook's cell number. */
  cellStarted(index: number, total: number, cellNumber: number): string;
  cellSucceeded(seconds: number): string;
  cellFailed(cellNumber: number, ename: string, evalue: string): string;
  notebookWritten(path: string): string;
}

/** Messages from the kernel and the executor about running cells. */
export interface KernelMessages {
  /** The kernel's banner, naming the TensorFlow.js backend in use. */
  banner(version: string, backend: string): string;
  /** The executor process ended while a cell ran, taking the notebook's variables with it. */
  executorDied(reason: string): string;
  /** The user interrupted the running cell; the variables are kept. */
  interrupted(): string;
  /** Summarises the type errors that stopped a cell: how many, and the first one. */
  typeErrors(count: number, line: number, column: number, detail: string): string;
  /** One type error in the traceback, with its position. */
  typeErrorAt(line: number, column: number, detail: string): string;
  /** Says how to run a cell despite its type errors. */
  typecheckHint(): string;
  /** Introduces type errors shown as warnings, when the cell runs anyway. */
  typeWarnings(count: number): string;
  /** A typecheck mode other than error, warn or off was requested. */
  invalidTypecheckMode(value: string): string;
  /** A cell could not be compiled because its syntax is invalid. */
  syntaxError(line: number, column: number, detail: string): string;
}
