import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { currentLanguage, messages, type Language } from "../i18n";
import { KernelClient } from "./client";
import { cellSource, OutputCollector, readNotebook, writeNotebook, type Notebook } from "./nbformat";

export interface RunOptions {
  /** Path of the executed notebook; defaults to NAME.executed.ipynb beside the input. */
  output?: string;
  /** Receiver of the progress lines; defaults to writing them to stdout. */
  print?: (line: string) => void;
}

export interface RunSummary {
  outputPath: string;
  /** Number of the first failing code cell, counting code cells from 1, or undefined when all passed. */
  failedCell?: number;
}

/**
 * Runs a notebook's code cells in order in a fresh tskeras kernel started in the notebook's
 * folder, stops at the first error, and writes the notebook with every output produced.
 */
export async function runNotebook(inputPath: string, options: RunOptions = {}): Promise<RunSummary> {
  const print = options.print ?? ((line: string) => process.stdout.write(line + "\n"));
  const input = resolve(inputPath);
  if (!existsSync(input)) throw new Error(messages().cli.notebookNotFound(inputPath));
  const outputPath = resolve(options.output ?? input.replace(/\.ipynb$/, "") + ".executed.ipynb");

  // A notebook written for learners of one language declares it, so its outputs come out in that language
  // unless TSKERAS_LANG sets another.
  const notebook = readNotebook(input, (reason) => messages().cli.notebookUnreadable(inputPath, reason));
  const language = process.env.TSKERAS_LANG ? currentLanguage() : (notebookLanguage(notebook) ?? currentLanguage());
  const text = messages(language).cli;
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === "code");
  const collector = new OutputCollector();
  // The kernel's log is for operators and in English. A learner running a notebook gets its errors
  // only, such as a stopped executor, unless TSKERAS_LOG_LEVEL sets a lower level.
  const logLevel = process.env.TSKERAS_LOG_LEVEL || "error";
  const client = await KernelClient.start({ cwd: dirname(input), env: { ...process.env, TSKERAS_LANG: language, TSKERAS_LOG_LEVEL: logLevel } });
  let failedCell: number | undefined;

  try {
    const info = await client.kernelInfo();
    notebook.metadata.kernelspec = { name: "tskeras", display_name: "TypeScript (tskeras)", language: "typescript" };
    notebook.metadata.language_info = info.reply.language_info;

    for (const cell of notebook.cells) if (cell.cell_type === "code") clearOutputs(cell);

    for (const [position, cell] of codeCells.entries()) {
      const index = position + 1;
      const firstLine = cellSource(cell).split("\n").find((line) => line.trim() !== "") ?? "";
      print(text.cellStarted(index, codeCells.length, firstLine.length > 70 ? firstLine.slice(0, 69) + "…" : firstLine));
      const started = Date.now();

      const { reply, iopub } = await client.execute(cellSource(cell));
      const executionCount = typeof reply.execution_count === "number" ? reply.execution_count : null;
      cell.execution_count = executionCount;
      cell.outputs = collector.collect(iopub, executionCount);

      if (reply.status !== "ok") {
        print(text.cellFailed(index, String(reply.ename), String(reply.evalue)));
        if (index < codeCells.length) print(text.cellsSkipped(codeCells.length - index));
        failedCell = index;
        break;
      }
      print("  " + text.cellSucceeded((Date.now() - started) / 1000));
    }
  } finally {
    await client.shutdown();
  }

  writeNotebook(outputPath, notebook);
  print(text.notebookWritten(outputPath));
  return { outputPath, failedCell };
}

/** Returns the learners' language that a notebook declares in metadata.tskeras.language, if any. */
function notebookLanguage(notebook: Notebook): Language | undefined {
  const declared = (notebook.metadata.tskeras as { language?: unknown } | undefined)?.language;
  return declared === "es" || declared === "en" ? declared : undefined;
}

function clearOutputs(cell: { outputs?: unknown[]; execution_count?: number | null }): void {
  cell.outputs = [];
  cell.execution_count = null;
}
