import type { DataMessages } from "./data.catalogue";
import type { KerasMessages } from "./keras.catalogue";
import type { PlotMessages } from "./plot.catalogue";

export type { DataMessages } from "./data.catalogue";
export type { ExpectedType, KerasMessages, NameKind } from "./keras.catalogue";
export type { ChartKind, ExpectedData, PlotMessages } from "./plot.catalogue";

/**
 * Every sentence a learner reads, as functions that quote the values they are given.
 * English and Spanish each implement this interface, so a missing translation fails the build.
 */
export interface Catalogue {
  kernel: KernelMessages;
  cli: CliMessages;
  keras: KerasMessages;
  data: DataMessages;
  plot: PlotMessages;
}

/** Messages of the `tskeras` command line: install and run. */
export interface CliMessages {
  usage(): string;
  installed(kernelName: string, folder: string): string;
  /** An option's value is invalid; names the option, the value and the accepted ones. */
  invalidOption(option: string, value: string, accepted: readonly string[]): string;
  unknownOption(option: string): string;
  /** An option came without its value; names the accepted values when the option has a fixed set. */
  missingOptionValue(option: string, accepted?: readonly string[]): string;
  notebookNotFound(path: string): string;
  /** The file exists but is not a notebook that can be read; reason is the parser's or the system's. */
  notebookUnreadable(path: string, reason: string): string;
  /** Progress line for one code cell: its position among the code cells and its first line. */
  cellStarted(index: number, total: number, firstLine: string): string;
  cellSucceeded(seconds: number): string;
  cellFailed(index: number, ename: string, evalue: string): string;
  /** Says that the cells after a failing one were not run. */
  cellsSkipped(count: number): string;
  notebookWritten(path: string): string;
}

/** Messages from the kernel and the executor about running cells. */
export interface KernelMessages {
  /** The kernel's banner, naming the TensorFlow.js backend in use. */
  banner(version: string, backend: string): string;
  /** Stands for the backend's name in the banner while TensorFlow.js is still loading. */
  backendLoading(): string;
  /** The executor process ended while a cell ran, taking the notebook's variables with it. */
  executorDied(reason: string): string;
  /** Location of a stack frame in the notebook: the cell's name, line and column. */
  frameLocation(cell: string, line: number, column: number): string;
  /** The line and column in the cell that a note of a type error points at, written after the note. */
  notePosition(line: number, column: number): string;
  /** A cell in a traceback, by its execution count, as `cell[5]`. */
  cellLabel(executionCount: string): string;
  /** One line of a traceback: the function, if it has a name, and where it was. */
  stackFrame(functionName: string | undefined, location: string): string;
  /** Marks where a cell's long stream output was cut: count lines between the first and the last ones were left out. */
  linesOmitted(count: number): string;
  /** input() was called while no cell runs, so there is no front end to ask. */
  inputOutsideCell(): string;
  /** The front end that ran the cell does not accept input (allow_stdin false), as nbconvert and tskeras run do. */
  inputNotAllowed(): string;
  /** The user interrupted the running cell; the variables are kept. */
  interrupted(): string;
  /** Summarises the type errors that stopped a cell: how many, and the first one. */
  typeErrors(count: number, line: number, column: number, detail: string): string;
  /** One type error in the traceback, with its position. */
  typeErrorAt(line: number, column: number, detail: string): string;
  /** Says where imports are looked for and how to install a missing package. */
  moduleNotFoundHint(folder: string): string;
  /** Follows a type error about a relative import that names no file: paths start at the notebook's folder. */
  fileNotFoundHint(folder: string): string;
  /**
   * Follows a type error that names a primed type, such as Pointʹ: the earlier definition of a type that
   * a later cell defined again, which values made before keep.
   */
  earlierTypeHint(): string;
  /** A package that a cell imports is not installed where the notebook's imports look. */
  moduleNotFound(specifier: string, folder: string): string;
  /** A cell's require() named a package that ships ES modules only, which require cannot load. */
  requireOfEsModule(specifier: string): string;
  /** A relative or absolute path that a cell imports names no file. */
  fileNotFound(specifier: string, folder: string): string;
  /** Says how to run a cell despite its type errors. */
  typecheckHint(): string;
  /**
   * Warns that a cell left tensors in memory that no variable refers to: how many, their size, the
   * engine's tensor count now, and how to free them.
   */
  tensorsLeft(count: number, size: string, numTensors: number): string;
  /** Introduces type errors shown as warnings, when the cell runs anyway. */
  typeWarnings(count: number): string;
  /** A typecheck mode other than error, warn or off was requested. */
  invalidTypecheckMode(value: string): string;
  /** A .ts file that a cell imports could not be compiled because its syntax is invalid. */
  importedFileSyntaxError(file: string, line: number, column: number, detail: string): string;
  /** A cell could not be compiled because its syntax is invalid. */
  syntaxError(line: number, column: number, detail: string): string;
  /** A cell declares, at its top level, a built-in global of JavaScript or Node.js, which libraries and the kernel read. */
  replacedGlobal(name: string, line: number, column: number): string;
  /** A cell describes a built-in or preloaded global again with `declare` or a namespace of types, which would change its type only. */
  declaredGlobal(name: string, line: number, column: number): string;
}
