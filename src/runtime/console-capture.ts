import { Console } from "node:console";
import { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { currentSink } from "../display/scope";
import { CellOutput } from "./cell-output";

type StreamName = "stdout" | "stderr";

/**
 * Routes console output and writes to process.stdout/stderr into the running cell's output.
 * Writes made outside any cell (the executor's own start-up) still reach the real stream.
 */
export function captureConsole(): void {
  const original = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  };

  // A multi-byte UTF-8 character split across two writes of bytes is joined again before it is sent.
  const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  const route = (name: StreamName, chunk: unknown, encoding?: unknown): boolean => {
    const sink = currentSink();
    if (!(sink instanceof CellOutput)) return original[name](chunk as string, encoding as BufferEncoding);
    const text = typeof chunk === "string" ? chunk : decoders[name].write(Buffer.from(chunk as Uint8Array));
    sink.write(name, text);
    return true;
  };

  process.stdout.write = ((chunk: unknown, encoding?: unknown) => route("stdout", chunk, encoding)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, encoding?: unknown) => route("stderr", chunk, encoding)) as typeof process.stderr.write;

  // The write callback runs synchronously, so each write runs in the async context of its caller.
  const streamOf = (name: StreamName) =>
    new Writable({
      decodeStrings: false,
      write(chunk, encoding, callback) {
        route(name, chunk, encoding);
        callback();
      },
    });
  globalThis.console = new Console({ stdout: streamOf("stdout"), stderr: streamOf("stderr"), colorMode: false });
}
