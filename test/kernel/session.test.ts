import { createLogger } from "../../src/kernel/log";
import type { Message } from "../../src/kernel/protocol/messages";
import { Signer } from "../../src/kernel/protocol/signing";
import type { MessageChannel, Transport } from "../../src/kernel/protocol/transport";
import { decodeFrames, encodeMessage } from "../../src/kernel/protocol/wire";
import type { Completeness, Completions, MimeBundle } from "../../src/kernel/protocol/introspection";
import { Session, type ExecutionOutcome, type Interpreter } from "../../src/kernel/session";

const KEY = "session-test-key";

/** A transport that keeps every sent message in memory and lets the test deliver frames. */
class MemoryTransport implements Transport {
  readonly sent: { channel: MessageChannel; message: Message }[] = [];
  private receiver: (channel: MessageChannel, frames: Buffer[]) => Promise<void> | void = () => undefined;

  constructor(private readonly signer: Signer) {}

  async send(channel: MessageChannel, frames: Buffer[]): Promise<void> {
    this.sent.push({ channel, message: decodeFrames(frames, this.signer) });
  }
  onFrames(receiver: (channel: MessageChannel, frames: Buffer[]) => Promise<void> | void): void {
    this.receiver = receiver;
  }
  async close(): Promise<void> {}
  deliver(channel: MessageChannel, frames: Buffer[]): Promise<void> | void {
    return this.receiver(channel, frames);
  }
  types(channel: MessageChannel): string[] {
    return this.sent.filter((s) => s.channel === channel).map((s) => s.message.header.msg_type);
  }
}

class RecordingInterpreter implements Interpreter {
  readonly executed: string[] = [];
  readonly completed: { code: string; cursor: number }[] = [];
  /** Set to make execute() wait until the test calls it. */
  holdExecution: Promise<void> | undefined;
  constructor(private readonly outcome: (code: string) => ExecutionOutcome = () => ({ status: "ok", result: { "text/plain": "2" } })) {}
  async kernelInfo() {
    return { implementation: "test", language_info: { name: "typescript" }, banner: "b" };
  }
  async execute(code: string): Promise<ExecutionOutcome> {
    this.executed.push(code);
    await this.holdExecution;
    return this.outcome(code);
  }
  async complete(code: string, cursor: number): Promise<Completions> {
    this.completed.push({ code, cursor });
    if (code === "fail") throw new Error("language service exploded");
    // Completes the last word of the code with "modelo".
    const start = code.lastIndexOf(" ") + 1;
    return { start, end: cursor, items: [{ text: "modelo", type: "const" }] };
  }
  async inspect(code: string): Promise<MimeBundle | undefined> {
    return code === "modelo" ? { "text/plain": "const modelo: Sequential" } : undefined;
  }
  async isComplete(code: string): Promise<Completeness> {
    return code.endsWith("{") ? { status: "incomplete", indent: "  " } : { status: "complete" };
  }
  interrupt(): void {}
  async shutdown(): Promise<void> {}
}

function request(msgType: string, content: Record<string, unknown>, id = `id-${msgType}`): Message {
  return {
    identities: [Buffer.from("peer")],
    header: { msg_id: id, msg_type: msgType, session: "client", username: "u", date: "", version: "5.4" },
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

function setup(interpreter = new RecordingInterpreter()) {
  const signer = new Signer(KEY);
  const logs: string[] = [];
  const transport = new MemoryTransport(signer);
  const session = new Session(transport, signer, interpreter, createLogger("warn", (line) => logs.push(line)));
  const send = (message: Message, channel: MessageChannel = "shell") => transport.deliver(channel, encodeMessage(message, signer));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { transport, session, interpreter, logs, send, settle, signer };
}

describe("Session", () => {
  it("answers kernel_info between busy and idle with the protocol version", async () => {
    const { transport, send, settle } = setup();
    await send(request("kernel_info_request", {}));
    await settle();
    expect(transport.types("iopub")).toEqual(["status", "status"]);
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.header.msg_type).toBe("kernel_info_reply");
    expect(reply.content.protocol_version).toBe("5.4");
    expect(reply.parent_header).toMatchObject({ msg_id: "id-kernel_info_request" });
    expect(reply.identities.map(String)).toEqual(["peer"]);
  });

  it("runs an execute request: busy, execute_input, execute_result, reply, idle", async () => {
    const { transport, send, settle, interpreter } = setup();
    await send(request("execute_request", { code: "1 + 1" }));
    await settle();
    expect(interpreter.executed).toEqual(["1 + 1"]);
    expect(transport.types("iopub")).toEqual(["status", "execute_input", "execute_result", "status"]);
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 1 });
  });

  it("reports activity at busy and at idle", async () => {
    const signer = new Signer(KEY);
    const transport = new MemoryTransport(signer);
    const interpreter = new RecordingInterpreter();
    let release = () => undefined as void;
    interpreter.holdExecution = new Promise<void>((resolve) => (release = resolve));
    const activity: string[] = [];
    new Session(transport, signer, interpreter, createLogger("warn", () => undefined), undefined, () => activity.push(interpreter.executed.join()));

    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await transport.deliver("shell", encodeMessage(request("execute_request", { code: "1 + 1" }), signer));
    await settle();
    expect(activity).toEqual([""]);
    release();
    await settle();
    expect(activity).toEqual(["", "1 + 1"]);
  });

  it("never executes a message whose signature was tampered with, and logs it", async () => {
    const { transport, interpreter, logs, signer, settle } = setup();
    const frames = encodeMessage(request("execute_request", { code: "1" }), signer);
    frames[frames.length - 1] = Buffer.from(JSON.stringify({ code: "process.exit(1)" }));
    await transport.deliver("shell", frames);
    await settle();
    expect(interpreter.executed).toEqual([]);
    expect(transport.sent).toEqual([]);
    expect(logs.join("\n")).toMatch(/dropped a message on shell: signature does not match/);
    expect(logs.join("\n")).not.toContain(KEY);
  });

  it("refuses a replayed message, even with a valid signature", async () => {
    const { transport, interpreter, logs, signer, settle } = setup();
    const frames = encodeMessage(request("execute_request", { code: "1" }), signer);
    await transport.deliver("shell", frames);
    await transport.deliver("shell", frames.map((frame) => Buffer.from(frame)));
    await settle();
    expect(interpreter.executed).toEqual(["1"]);
    expect(logs.join("\n")).toMatch(/dropped a message on shell: signature was already used/);
  });

  it("survives thousands of malformed messages, then runs a valid one", async () => {
    const { transport, interpreter, signer, settle, logs } = setup();
    const random = seededRandom(7);
    const valid = encodeMessage(request("execute_request", { code: "valid" }, "valid"), signer);
    for (let i = 0; i < 3_000; i++) await transport.deliver(pick(random, ["shell", "control", "stdin"]), malformedFrames(random, valid, signer));
    await transport.deliver("shell", valid);
    await settle();
    expect(interpreter.executed).toEqual(["valid"]);
    expect(logs.length).toBeGreaterThan(1_000);
    expect(logs.join("\n")).not.toContain(KEY);
  });

  it("aborts execute requests queued behind a failing cell", async () => {
    const failing = new RecordingInterpreter((code) =>
      code === "boom" ? { status: "error", error: { ename: "Error", evalue: "boom", traceback: [] } } : { status: "ok" },
    );
    const { transport, send, settle, interpreter } = setup(failing);
    await send(request("execute_request", { code: "boom" }, "a"));
    await send(request("execute_request", { code: "after" }, "b"));
    await settle();
    expect(interpreter.executed).toEqual(["boom"]);
    const replies = transport.sent.filter((s) => s.channel === "shell").map((s) => s.message.content.status);
    expect(replies).toEqual(["error", "aborted"]);
  });

  it("does not count or echo a silent execution", async () => {
    const { transport, send, settle } = setup();
    await send(request("execute_request", { code: "1", silent: true }));
    await settle();
    expect(transport.types("iopub")).toEqual(["status", "status"]);
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.content.execution_count).toBe(0);
  });

  it("attributes late output to the request that caused it", async () => {
    const { transport, session, send, settle } = setup();
    await send(request("execute_request", { code: "setTimeout(...)" }, "first"));
    await settle();
    session.publishOutput({ type: "stream", requestId: "first", name: "stdout", text: "tarde\n" });
    await settle();
    const stream = transport.sent.find((s) => s.message.header.msg_type === "stream")!.message;
    expect(stream.parent_header).toMatchObject({ msg_id: "first" });
    expect(stream.content).toEqual({ name: "stdout", text: "tarde\n" });
  });

  it("replies to shutdown on control", async () => {
    const { transport, send, settle } = setup();
    await send(request("shutdown_request", { restart: true }), "control");
    await settle();
    const reply = transport.sent.find((s) => s.channel === "control")!.message;
    expect(reply.header.msg_type).toBe("shutdown_reply");
    expect(reply.content).toEqual({ status: "ok", restart: true });
  });

  it("answers complete_request in code points", async () => {
    const { transport, send, settle, interpreter } = setup();
    await send(request("complete_request", { code: "😀 mo", cursor_pos: 4 }));
    await settle();
    expect(interpreter.completed).toEqual([{ code: "😀 mo", cursor: 5 }]);
    expect(transport.types("iopub")).toEqual(["status", "status"]);
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.header.msg_type).toBe("complete_reply");
    expect(reply.content).toMatchObject({ status: "ok", matches: ["modelo"], cursor_start: 2, cursor_end: 4 });
  });

  it("rejects a cursor_pos past the end", async () => {
    const { transport, send, settle, interpreter, logs } = setup();
    await send(request("complete_request", { code: "mo", cursor_pos: 3 }));
    await settle();
    expect(interpreter.completed).toEqual([]);
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.content).toMatchObject({ status: "error", ename: "RangeError" });
    expect(String(reply.content.evalue)).toContain("cursor_pos 3");
    expect(transport.types("iopub")).toEqual(["status", "status"]);
    expect(logs.join("\n")).toMatch(/WARN\] invalid complete_request/);
  });

  it("replies an error when completion fails", async () => {
    const { transport, send, settle, logs } = setup();
    await send(request("complete_request", { code: "fail", cursor_pos: 4 }));
    await settle();
    const reply = transport.sent.find((s) => s.channel === "shell")!.message;
    expect(reply.content).toMatchObject({ status: "error", ename: "Error", evalue: "language service exploded" });
    expect(logs.join("\n")).toMatch(/ERROR\] handling complete_request id-complete_request failed/);
  });

  it("answers inspect_request, found or not", async () => {
    const { transport, send, settle } = setup();
    await send(request("inspect_request", { code: "modelo", cursor_pos: 6, detail_level: 0 }, "found"));
    await send(request("inspect_request", { code: "  ", cursor_pos: 1, detail_level: 0 }, "missing"));
    await settle();
    const replies = transport.sent.filter((s) => s.channel === "shell").map((s) => s.message);
    expect(replies.map((r) => r.header.msg_type)).toEqual(["inspect_reply", "inspect_reply"]);
    expect(replies[0].content).toEqual({ status: "ok", found: true, data: { "text/plain": "const modelo: Sequential" }, metadata: {} });
    expect(replies[1].content).toEqual({ status: "ok", found: false, data: {}, metadata: {} });
  });

  it("answers is_complete_request, unknown if invalid", async () => {
    const { transport, send, settle } = setup();
    await send(request("is_complete_request", { code: "if (x) {" }, "open"));
    await send(request("is_complete_request", { code: 7 }, "bad"));
    await settle();
    const replies = transport.sent.filter((s) => s.channel === "shell").map((s) => s.message);
    expect(replies.map((r) => r.header.msg_type)).toEqual(["is_complete_reply", "is_complete_reply"]);
    expect(replies[0].content).toEqual({ status: "incomplete", indent: "  " });
    expect(replies[1].content).toEqual({ status: "unknown" });
  });

  it("answers complete_request while a cell runs", async () => {
    const interpreter = new RecordingInterpreter();
    let release = () => undefined as void;
    interpreter.holdExecution = new Promise<void>((resolve) => (release = resolve));
    const { transport, send, settle } = setup(interpreter);
    await send(request("execute_request", { code: "await train()" }, "cell"));
    await send(request("complete_request", { code: "mo", cursor_pos: 2 }, "completion"));
    await settle();
    const repliesWhileRunning = transport.sent.filter((s) => s.channel === "shell").map((s) => s.message.header.msg_type);
    expect(repliesWhileRunning).toEqual(["complete_reply"]);
    release();
    await settle();
    expect(transport.sent.filter((s) => s.channel === "shell").map((s) => s.message.header.msg_type)).toEqual(["complete_reply", "execute_reply"]);
  });
});

/** A small deterministic generator, so a failing fuzz case repeats. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Builds one malformed message: random bytes, a dropped or altered frame, bad JSON, or bad content. */
function malformedFrames(random: () => number, valid: Buffer[], signer: Signer): Buffer[] {
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  const frames = valid.map((frame) => Buffer.from(frame));
  switch (Math.floor(random() * 7)) {
    case 0:
      return Array.from({ length: 1 + Math.floor(random() * 8) }, () => bytes(Math.floor(random() * 64)));
    case 1:
      frames.splice(Math.floor(random() * frames.length), 1);
      return frames;
    case 2: {
      const index = Math.floor(random() * frames.length);
      frames[index] = bytes(frames[index].length);
      return frames;
    }
    case 3:
      return frames.slice(0, Math.floor(random() * frames.length));
    case 4: {
      // Correctly signed, but the header is not an object with the fields a message needs.
      const message = request("execute_request", { code: "never" });
      const signed = encodeMessage(message, signer);
      const header = pick(random, ["[]", "null", '"text"', '{"msg_id": 1}', "{}"]);
      signed[signed.length - 4] = Buffer.from(header);
      signed[signed.length - 5] = Buffer.from(signer.sign(signed.slice(-4)));
      return signed;
    }
    case 5: {
      // Correctly signed, with content that a handler must reject without running anything.
      const content = pick(random, [{ code: 42 }, { code: null }, {}, { code: ["x"] }]);
      return encodeMessage(request(pick(random, ["execute_request", "history_request", "complete_request", "no_such_request"]), content, `m${random()}`), signer);
    }
    default:
      frames[frames.length - 1] = Buffer.from(frames[frames.length - 1].toString("utf8").slice(0, Math.floor(random() * 10)));
      return frames;
  }
}
