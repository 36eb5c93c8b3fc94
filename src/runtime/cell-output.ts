import type { DisplayOutput, OutputSink } from "../display/mime";
import type { ExecutorEvent } from "./ipc";

/** How long stream text is buffered before it is sent, so a loop of writes becomes few messages. */
const STREAM_FLUSH_MS = 50;

/**
 * The outputs of one cell: displays go out at once, stream text is coalesced per stream name.
 * Every event carries the id of the request that ran the cell, also after the cell has finished.
 */
export class CellOutput implements OutputSink {
  private readonly pending = { stdout: "", stderr: "" };
  private timer: NodeJS.Timeout | undefined;

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

  write(name: "stdout" | "stderr", text: string): void {
    if (text === "") return;
    this.pending[name] += text;
    this.timer ??= setTimeout(() => this.flush(), STREAM_FLUSH_MS).unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const name of ["stdout", "stderr"] as const) {
      const text = this.pending[name];
      if (text === "") continue;
      this.pending[name] = "";
      this.send({ type: "stream", requestId: this.requestId, name, text });
    }
  }
}
