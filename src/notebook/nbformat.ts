import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { IopubMessage } from "./client";

/** One output of a code cell, as nbformat 4 stores it. */
export type NotebookOutput = Record<string, unknown> & { output_type: string };

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/**
 * Reads an nbformat 4 notebook. A file that cannot be read or parsed, or that is not nbformat 4,
 * raises an Error whose message describe() builds from the reason.
 */
export function readNotebook(path: string, describe: (reason: string) => string = (reason) => `${path}: ${reason}`): Notebook {
  let notebook: Notebook;
  try {
    notebook = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  } catch (error) {
    throw new Error(describe((error as Error).message));
  }
  if (typeof notebook !== "object" || notebook === null || notebook.nbformat !== 4 || !Array.isArray(notebook.cells)) {
    throw new Error(describe(`nbformat is ${String((notebook as Partial<Notebook> | null)?.nbformat)}, expected 4`));
  }
  return notebook;
}

export function writeNotebook(path: string, notebook: Notebook): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(notebook, null, 1) + "\n");
}

/** Returns a cell's source as one string; nbformat allows a list of lines too. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * Collects a cell's outputs from its iopub messages, as a notebook front end does. Consecutive
 * stream text is merged and clear_output empties the list. An update_display_data replaces the data
 * of every earlier output with the same display id, in this cell or an earlier one.
 */
export class OutputCollector {
  // Outputs by display id across the notebook, because an update may target an earlier cell.
  private readonly byDisplayId = new Map<string, NotebookOutput[]>();

  collect(messages: IopubMessage[], executionCount: number | null): NotebookOutput[] {
    let outputs: NotebookOutput[] = [];
    let clearOnNext = false;

    for (const message of messages) {
      const content = message.content;
      const type = message.header.msg_type;
      if (type === "clear_output") {
        if (content.wait === true) clearOnNext = true;
        else outputs = [];
        continue;
      }
      if (type === "update_display_data") {
        this.update(content);
        continue;
      }
      const output = toOutput(type, content, executionCount);
      if (!output) continue;
      if (clearOnNext) {
        outputs = [];
        clearOnNext = false;
      }

      const last = outputs[outputs.length - 1];
      if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
        last.text = String(last.text) + String(output.text);
        continue;
      }
      outputs.push(output);
      const displayId = (content.transient as { display_id?: string } | undefined)?.display_id;
      if (displayId) this.byDisplayId.set(displayId, [...(this.byDisplayId.get(displayId) ?? []), output]);
    }
    return outputs;
  }

  private update(content: Record<string, unknown>): void {
    const displayId = (content.transient as { display_id?: string } | undefined)?.display_id;
    for (const output of this.byDisplayId.get(displayId ?? "") ?? []) {
      output.data = content.data;
      output.metadata = content.metadata ?? {};
    }
  }
}

function toOutput(type: string, content: Record<string, unknown>, executionCount: number | null): NotebookOutput | undefined {
  switch (type) {
    case "stream":
      return { output_type: "stream", name: content.name, text: content.text };
    case "display_data":
      return { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
    case "execute_result":
      return { output_type: "execute_result", execution_count: executionCount, data: content.data, metadata: content.metadata ?? {} };
    case "error":
      return { output_type: "error", ename: content.ename, evalue: content.evalue, traceback: content.traceback };
    default:
      return undefined;
  }
}
