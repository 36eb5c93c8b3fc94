import vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import { isDisplayHandle } from "../display/display";
import { formatValue } from "../display/formatters";
import { formatBytes } from "../display/numbers";
import { messages } from "../i18n";
import { currentSink, runWithSink } from "../display/scope";
import * as tskeras from "../index";
import { interruptTraining, whenTrainingIdle } from "../keras";
import { selectBackend } from "./backend";
import { CellOutput } from "./cell-output";
import { captureConsole } from "./console-capture";
import { errorReport, registerCell, stoppedAt } from "./errors";
import type { CompiledCell, ExecutorEvent, ExecutorRequest } from "./ipc";
import { commRegistry, noteCellStarted } from "./comms";
import { ModuleLoader } from "./modules";
import { receiveInputReply } from "./stdin";
import { CellTensorScope, currentGlobalNames } from "./tensor-leaks";

/**
 * Runs the executor process: the notebook's cells share one global scope, so variables persist from
 * cell to cell, and their output goes to the kernel process over IPC.
 */
async function main(): Promise<void> {
  const send = (event: ExecutorEvent) => process.send?.(event);

  // 1. Pick the TensorFlow.js backend before any user code makes tensors. The kernel process logs
  // why a faster backend was not used.
  const warnings: string[] = [];
  const backend = await selectBackend(tf, undefined, (message) => warnings.push(message));

  // 2. Make the preloaded names global and route console output to cells. An error thrown inside
  // TensorFlow.js, such as a shape mismatch in tf.stack, passes more of its own frames than the 10 that
  // V8 keeps by default, so the traceback would lose the cell's line.
  Error.stackTraceLimit = STACK_TRACE_LIMIT;
  const loader = new ModuleLoader(process.cwd(), { tskeras, "@tensorflow/tfjs": tf });
  installGlobals(loader);
  captureConsole();

  // 3. Serve requests from the kernel process; cells arrive one at a time.
  process.on("message", (request: ExecutorRequest) => {
    if (request.type === "execute") {
      void runCell(request.requestId, request.cell, send).then((done) => send(done));
    } else if (request.type === "comm") {
      commRegistry().receive(request);
    } else if (request.type === "input_reply") {
      receiveInputReply(request);
    } else if (request.type === "shutdown") {
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
  // SIGINT interrupts a synchronous cell through breakOnSigint, stops training between batches and
  // ends the wait of an awaiting cell; it must not end the process.
  process.on("SIGINT", () => {
    interruptTraining();
    interruptAwaitingCell?.();
  });

  // 4. Errors thrown by timers, and rejections of promises that no code awaited, belong to the cell that started them.
  // Reported there, they never end the executor. The wasm backend's Emscripten glue registers
  // handlers that rethrow such errors and end the process, so they are replaced.
  process.removeAllListeners("uncaughtException");
  process.removeAllListeners("unhandledRejection");
  process.on("uncaughtException", (error) => reportLateError(error, send));
  process.on("unhandledRejection", (reason) => reportLateError(reason, send));

  baselineGlobals = currentGlobalNames();
  send({ type: "ready", backend, warnings });
}

function installGlobals(loader: ModuleLoader): void {
  const globals = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(tskeras)) globals[name] = value;
  globals.require = loader.require;
  // Helpers the compiled cells call; see src/kernel/typescript/declarations.ts.
  globals.__tskeras = {
    importModule: (specifier: string) => loader.importModule(specifier),
    // A template literal converts the specifier as import() does: a Symbol rejects with a TypeError.
    dynamicImport: async (specifier: unknown) => loader.dynamicImport(`${specifier as string}`),
    defaultExport: (module: unknown) => loader.defaultExport(module),
  };
}

/** Frames that V8 keeps in an error's stack: enough to reach the cell under a library's own calls. */
const STACK_TRACE_LIMIT = 100;

/** Ends the wait of the cell that is running, if any; set while a cell runs. */
let interruptAwaitingCell: (() => void) | undefined;

/** Names of the globals defined before any cell ran; the others are the notebook's variables. */
let baselineGlobals: ReadonlySet<string> = new Set();

/** The output of the cell that started last, for errors whose own cell is unknown. */
let lastCellOutput: CellOutput | undefined;

/** Runs one compiled cell and returns the event that ends it, with its result or its error. */
async function runCell(
  requestId: string,
  cell: CompiledCell,
  send: (event: ExecutorEvent) => void,
): Promise<Extract<ExecutorEvent, { type: "done" }>> {
  const output = new CellOutput(requestId, send);
  lastCellOutput = output;
  noteCellStarted(requestId);
  registerCell(cell);

  // A promise cannot be cancelled, so an interrupt ends the cell's wait for it; work already started
  // goes on in the background, and its output still shows under this cell.
  // NOTE: a synchronous loop that runs after the cell's first await blocks the event loop, so neither
  // breakOnSigint nor this handler can stop it.
  const interrupted = new Promise<never>((_, reject) => {
    interruptAwaitingCell = () => reject(Object.assign(new Error("interrupted"), { code: "ERR_SCRIPT_EXECUTION_INTERRUPTED" }));
  });

  return runWithSink(output, async () => {
    const tensors = new CellTensorScope(tf, baselineGlobals);
    try {
      const script = new vm.Script(cell.code, { filename: cell.filename });
      // SIGINT is armed only for cells that can block, because arming it starts a watchdog thread.
      const value: unknown = await Promise.race([script.runInThisContext({ breakOnSigint: cell.mayBlock, displayErrors: false }), interrupted]);
      // A fit started without await still belongs to this cell, as Keras's blocking fit would.
      await Promise.race([whenTrainingIdle(), interrupted]);
      const left = tensors.finish(value);
      if (left) output.write("stderr", messages().kernel.tensorsLeft(left.count, formatBytes(left.bytes), left.numTensors) + "\n");
      output.finish();
      // A handle of display() as the last line shows nothing more, as IPython's display() returns None.
      const hasValue = value !== undefined && !isDisplayHandle(value);
      return { type: "done", requestId, result: hasValue ? formatValue(value) : undefined };
    } catch (error) {
      tensors.finish(undefined);
      output.finish();
      return { type: "done", requestId, error: errorReport(error), stoppedAt: stoppedAt(error, cell.filename) };
    } finally {
      interruptAwaitingCell = undefined;
    }
  });
}

/** Reports an error that no cell awaited under the cell whose code raised it, or else the last cell. */
function reportLateError(error: unknown, send: (event: ExecutorEvent) => void): void {
  const sink = currentSink();
  const output = sink instanceof CellOutput ? sink : lastCellOutput;
  if (!output) {
    process.stderr.write(`[tskeras executor] error outside any cell: ${(error as Error)?.stack ?? String(error)}\n`);
    return;
  }
  output.flush();
  send({ type: "error", requestId: output.requestId, error: errorReport(error) });
}

main().catch((error) => {
  process.stderr.write(`[tskeras executor] failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
