import type { DisplayOutput, OutputSink } from "../display/mime";
import { messages } from "../i18n";
import type { ExecutorEvent } from "./ipc";

/** How long stream text is buffered before it is sent, so a loop of writes becomes few messages. */
const STREAM_FLUSH_MS = 50;

/**
 * Lines of stream output a cell shows from its start, and from its end, before the lines between are
 * omitted. The 2,000 lines kept are well under the 1 MB/s that Jupyter Server lets iopub carry
 * (ServerApp.iopub_data_rate_limit) unless lines are very long.
 */
const HEAD_LINES = 1_000;
const TAIL_LINES = 1_000;

type StreamName = "stdout" | "stderr";

/**
 * The outputs of one cell: displays go out at once, stream text is coalesced per stream name, and
 * past HEAD_LINES only the last TAIL_LINES lines are kept, after a note of how many were omitted.
 * Every event carries the id of the request that ran the cell, also after the cell has finished.
 */
export class CellOutput implements OutputSink {
  private readonly pending: Record<StreamName, string> = { stdout: "", stderr: "" };
  private timer: NodeJS.Timeout | undefined;
  private headLinesLeft = HEAD_LINES;
  // Lines past the head, at most TAIL_LINES, oldest first; the ones pushed out are counted as omitted.
  private readonly tail: { name: StreamName; line: string }[] = [];
  private omitted = 0;
  private finished = false;
  private readonly deferred: Array<() => void> = [];

  constructor(
    readonly requestId: string,
    private readonly send: (event: ExecutorEvent) => void,
  ) {}

  display(output: DisplayOutput): void {
    // Text printed before a display belongs above it.
    this.flush();
    this.send({ type: "display", requestId: this.requestId, output });
  }

  clear(wait: boolean): void {
    // Text printed before the clear is cleared with the rest.
    this.flush();
    this.send({ type: "clear", requestId: this.requestId, wait });
  }

  write(name: StreamName, text: string): void {
    if (text === "") return;
    if (this.headLinesLeft > 0) {
      const cut = indexAfterLines(text, this.headLinesLeft);
      const head = text.slice(0, cut);
      this.pending[name] += head;
      this.headLinesLeft -= countLines(head);
      text = text.slice(cut);
    }
    if (text !== "") this.keepInTail(name, text);
    this.timer ??= setTimeout(() => this.flush(), STREAM_FLUSH_MS).unref();
  }

  /** Sends what is buffered; once the cell has finished, also the omitted-lines note and the tail. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sendPending();
    if (this.finished && this.tail.length > 0) this.sendTail();
  }

  /** Runs task when the cell's code has finished, or at once if it has. */
  defer(task: () => void): void {
    if (this.finished) task();
    else this.deferred.push(task);
  }

  /**
   * Runs the deferred tasks, then marks the cell's own run as over and sends everything kept; output
   * that comes later still shows.
   */
  finish(): void {
    for (const task of this.deferred.splice(0)) {
      try {
        task();
      } catch (error) {
        this.write("stderr", `${(error as Error)?.message ?? String(error)}\n`);
      }
    }
    this.finished = true;
    this.flush();
  }

  private keepInTail(name: StreamName, text: string): void {
    const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    // A line that the previous write left unended continues with this one.
    const previous = this.tail[this.tail.length - 1];
    if (previous && previous.name === name && !previous.line.endsWith("\n") && lines.length > 0) previous.line += lines.shift();
    for (const line of lines) {
      this.tail.push({ name, line });
      if (this.tail.length > TAIL_LINES) {
        this.tail.shift();
        this.omitted++;
      }
    }
  }

  private sendTail(): void {
    if (this.omitted > 0) {
      this.send({ type: "stream", requestId: this.requestId, name: "stderr", text: messages().kernel.linesOmitted(this.omitted) + "\n" });
      this.omitted = 0;
    }
    for (const { name, line } of this.tail.splice(0)) this.pending[name] += line;
    this.sendPending();
  }

  private sendPending(): void {
    for (const name of ["stdout", "stderr"] as const) {
      const text = this.pending[name];
      if (text === "") continue;
      this.pending[name] = "";
      this.send({ type: "stream", requestId: this.requestId, name, text });
    }
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) count++;
  return count;
}

/** Returns the index just after the n-th line break of text, or its length when it has fewer. */
function indexAfterLines(text: string, n: number): number {
  let index = -1;
  for (let line = 0; line < n; line++) {
    index = text.indexOf("\n", index + 1);
    if (index < 0) return text.length;
  }
  return index + 1;
}
