import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import type { ConnectionInfo } from "../kernel/protocol/connection";
import { endpoint } from "../kernel/protocol/connection";
import { KERNEL_ENVIRONMENT } from "../kernel/environment";
import { PROTOCOL_VERSION, type Message } from "../kernel/protocol/messages";
import { Signer } from "../kernel/protocol/signing";
import { decodeFrames, encodeMessage } from "../kernel/protocol/wire";

/**
 * The compiled command line, which starts a kernel with `kernel --connection-file`. This file sits two
 * levels below the package root both as dist/notebook/client.js and as src/notebook/client.ts under jest.
 */
const CLI_ENTRY = join(__dirname, "..", "..", "dist", "cli", "index.js");

/** An iopub message received while a request ran, in arrival order. */
export type IopubMessage = Message;

export interface ExecuteResult {
  reply: Record<string, unknown>;
  iopub: IopubMessage[];
}

export interface ExecuteOptions {
  silent?: boolean;
  storeHistory?: boolean;
  stopOnError?: boolean;
  /** Answers the cell's input() questions; without it the request does not allow stdin. */
  onInput?: (prompt: string, password: boolean) => string | Promise<string>;
}

export interface KernelClientOptions {
  /** Working directory of the kernel: the notebook's folder. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called for each iopub message of a running request as it arrives. */
  onIopub?: (message: IopubMessage) => void;
  /** Maximum wait for the kernel's first reply, in milliseconds. Defaults to 60 s. */
  startTimeoutMs?: number;
  /** The compiled command line that starts the kernel; defaults to this package's dist/cli/index.js. */
  cliEntry?: string;
  /** Receives the kernel's stderr, where it logs; without it, that goes to this process's stderr. */
  onStderr?: (text: string) => void;
}

interface PendingRequest {
  replied?: Record<string, unknown>;
  idle: boolean;
  iopub: IopubMessage[];
  resolve: (result: ExecuteResult) => void;
  onInput?: ExecuteOptions["onInput"];
}

/**
 * A small Jupyter client: starts a tskeras kernel process, connects to its sockets over ZeroMQ
 * and runs requests, collecting each one's reply and its iopub messages.
 */
export class KernelClient {
  private readonly session = randomUUID();
  private readonly signer: Signer;
  // The kernel routes an input_request on stdin to the peer whose identity sent the execute request
  // on shell, so both sockets share one routing id, as jupyter_client's do.
  private readonly routingId = randomUUID();
  private readonly shell = new zmq.Dealer({ routingId: this.routingId });
  private readonly stdin = new zmq.Dealer({ routingId: this.routingId });
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private readonly pending = new Map<string, PendingRequest>();
  private readonly iopubListeners = new Map<string, IopubMessage[]>();
  private readonly connectionDir: string;
  private kernel: ChildProcess | undefined;
  private kernelExit: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly connection: ConnectionInfo,
    private readonly options: KernelClientOptions,
  ) {
    this.signer = new Signer(connection.key);
    this.connectionDir = mkdtempSync(join(tmpdir(), "tskeras-client-"));
  }

  /** Starts a kernel process and resolves once it has replied to kernel_info with iopub connected. */
  static async start(options: KernelClientOptions = {}): Promise<KernelClient> {
    const connection = await freeConnection();
    const client = new KernelClient(connection, options);
    await client.launch();
    return client;
  }

  get pid(): number | undefined {
    return this.kernel?.pid;
  }

  /** Runs code and resolves when the reply and the idle status of the request have both arrived. */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    return this.request(
      this.shell,
      "execute_request",
      {
        code,
        silent: options.silent ?? false,
        store_history: options.storeHistory ?? true,
        user_expressions: {},
        allow_stdin: options.onInput !== undefined,
        stop_on_error: options.stopOnError ?? true,
      },
      options.onInput,
    );
  }

  /** Interrupts as Jupyter does for interrupt_mode "signal": SIGINT to the kernel's process group. */
  signalInterrupt(): void {
    if (this.kernel?.pid) process.kill(-this.kernel.pid, "SIGINT");
  }

  /** Sends interrupt_request on the control channel, as JupyterLab does for a kernel with interrupt_mode "message". */
  interrupt(): Promise<ExecuteResult> {
    return this.request(this.control, "interrupt_request", {});
  }

  /** Sends any request on the control channel and resolves with its reply and iopub messages. */
  requestControl(msgType: string, content: Record<string, unknown>): Promise<ExecuteResult> {
    return this.request(this.control, msgType, content);
  }

  /** Resolves when the kernel process has exited, with its exit code. */
  exited(): Promise<number | null> {
    return (this.kernelExit ?? Promise.resolve()).then(() => this.kernel?.exitCode ?? null);
  }

  /** Sends any request on the shell channel and resolves with its reply and iopub messages. */
  requestShell(msgType: string, content: Record<string, unknown>): Promise<ExecuteResult> {
    return this.request(this.shell, msgType, content);
  }

  kernelInfo(): Promise<ExecuteResult> {
    return this.request(this.shell, "kernel_info_request", {});
  }

  /** Sends complete_request. cursorPos counts Unicode code points, as the protocol does; undefined leaves it out. */
  complete(code: string, cursorPos?: number): Promise<ExecuteResult> {
    return this.request(this.shell, "complete_request", { code, cursor_pos: cursorPos });
  }

  /** Sends inspect_request for the name at cursorPos, in Unicode code points. */
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1 = 0): Promise<ExecuteResult> {
    return this.request(this.shell, "inspect_request", { code, cursor_pos: cursorPos, detail_level: detailLevel });
  }

  /** Sends is_complete_request, as a console does before it runs what was typed. */
  isComplete(code: string): Promise<ExecuteResult> {
    return this.request(this.shell, "is_complete_request", { code });
  }

  /** Asks the kernel to shut down, waits for its process to end, and closes the sockets. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (this.kernel && (this.kernel.exitCode !== null || this.kernel.signalCode !== null)) {
      this.close();
      return;
    }
    const kernelExit = this.kernelExit;
    try {
      await withTimeout(this.request(this.control, "shutdown_request", { restart: false }), 10_000, "shutdown_reply");
      if (kernelExit) await withTimeout(kernelExit, 10_000, "kernel exit");
    } catch {
      this.kernel?.kill("SIGKILL");
    } finally {
      this.close();
    }
  }

  /** Sends raw frames on the shell socket, for tests of how the kernel treats malformed input. */
  sendRawShell(frames: Buffer[]): Promise<void> {
    return this.shell.send(frames);
  }

  /**
   * Builds a signed message the way this client sends it, for tests that alter it afterwards; key
   * signs it with another key than the kernel's.
   */
  encode(msgType: string, content: Record<string, unknown>, key?: string): { msgId: string; frames: Buffer[] } {
    const message = this.message(msgType, content);
    return { msgId: message.header.msg_id, frames: encodeMessage(message, key === undefined ? this.signer : new Signer(key)) };
  }

  /** Resolves with every iopub message whose parent is msgId, once its idle status arrives. */
  waitForIdle(msgId: string, timeoutMs: number): Promise<IopubMessage[]> {
    return withTimeout(
      new Promise<IopubMessage[]>((resolve) => {
        this.pending.set(msgId, { idle: false, iopub: [], replied: {}, resolve: (result) => resolve(result.iopub) });
      }),
      timeoutMs,
      `idle status for ${msgId}`,
    );
  }

  /**
   * Collects every iopub message whose parent is msgId for durationMs, also those that arrive after
   * the request's idle status, such as output of a timer the cell set.
   */
  async collectIopub(msgId: string, durationMs: number): Promise<IopubMessage[]> {
    const collected: IopubMessage[] = [];
    this.iopubListeners.set(msgId, collected);
    await delay(durationMs);
    this.iopubListeners.delete(msgId);
    return collected;
  }

  private async launch(): Promise<void> {
    const connectionFile = join(this.connectionDir, "kernel.json");
    writeFileSync(connectionFile, JSON.stringify(this.connection), { mode: 0o600 });
    const onStderr = this.options.onStderr;
    const kernel = spawn(process.execPath, [this.options.cliEntry ?? CLI_ENTRY, "kernel", "--connection-file", connectionFile], {
      cwd: this.options.cwd ?? process.cwd(),
      // A variable that the caller sets wins over the kernel's own settings.
      env: { ...KERNEL_ENVIRONMENT, ...(this.options.env ?? process.env) },
      stdio: ["ignore", "inherit", onStderr ? "pipe" : "inherit"],
      // Its own process group, as jupyter_client starts kernels, so a signal interrupt reaches the
      // kernel and its executor and nothing else.
      detached: true,
    });
    this.kernel = kernel;
    if (onStderr) {
      kernel.stderr?.setEncoding("utf8");
      kernel.stderr?.on("data", (text: string) => onStderr(text));
    }
    this.kernelExit = new Promise((resolve) => kernel.once("exit", () => resolve()));

    this.shell.connect(endpoint(this.connection, "shell"));
    this.stdin.connect(endpoint(this.connection, "stdin"));
    this.control.connect(endpoint(this.connection, "control"));
    this.iopub.connect(endpoint(this.connection, "iopub"));
    this.iopub.subscribe();
    void this.receive(this.shell, "shell");
    void this.receive(this.stdin, "stdin");
    void this.receive(this.control, "control");
    void this.receive(this.iopub, "iopub");

    // A subscriber misses what is published before its subscription reaches the kernel, so
    // kernel_info is repeated until one request's iopub status arrives too.
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    const exited = this.kernelExit.then(() => {
      throw new Error(`the kernel process exited during start-up (code ${kernel.exitCode})`);
    });
    try {
      while (Date.now() < deadline) {
        const info = this.request(this.shell, "kernel_info_request", {});
        const answered = await Promise.race([info.then(() => true), delay(1000).then(() => false), exited]);
        if (answered) return;
      }
    } catch (error) {
      this.close();
      throw error;
    }
    kernel.kill("SIGKILL");
    this.close();
    throw new Error(`timed out: the kernel sent no kernel_info_reply within ${this.options.startTimeoutMs ?? 60_000} ms`);
  }

  private request(
    socket: zmq.Dealer,
    msgType: string,
    content: Record<string, unknown>,
    onInput?: ExecuteOptions["onInput"],
  ): Promise<ExecuteResult> {
    const message = this.message(msgType, content);
    const result = new Promise<ExecuteResult>((resolve) => {
      this.pending.set(message.header.msg_id, { idle: false, iopub: [], resolve, onInput });
    });
    void socket.send(encodeMessage(message, this.signer));
    return result;
  }

  private async answerInput(request: Message, onInput: ExecuteOptions["onInput"]): Promise<void> {
    const value = onInput ? await onInput(String(request.content.prompt ?? ""), request.content.password === true) : "";
    const reply = this.message("input_reply", { value });
    reply.parent_header = request.header;
    await this.stdin.send(encodeMessage(reply, this.signer));
  }

  private message(msgType: string, content: Record<string, unknown>): Message {
    return {
      identities: [],
      header: {
        msg_id: randomUUID(),
        msg_type: msgType,
        session: this.session,
        username: "tskeras",
        date: new Date().toISOString(),
        version: PROTOCOL_VERSION,
      },
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    };
  }

  private async receive(socket: zmq.Dealer | zmq.Subscriber, channel: "shell" | "control" | "stdin" | "iopub"): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = decodeFrames(frames, this.signer);
        const parentId = (message.parent_header as { msg_id?: string }).msg_id;
        if (channel === "iopub" && parentId) this.iopubListeners.get(parentId)?.push(message);
        const pending = parentId ? this.pending.get(parentId) : undefined;
        if (!pending || !parentId) continue;

        if (channel === "stdin") {
          if (message.header.msg_type === "input_request") void this.answerInput(message, pending.onInput);
          continue;
        }
        if (channel === "iopub") {
          if (message.header.msg_type === "status" && message.content.execution_state === "idle") pending.idle = true;
          else pending.iopub.push(message);
          this.options.onIopub?.(message);
        } else {
          pending.replied = message.content;
        }
        if (pending.idle && pending.replied) {
          this.pending.delete(parentId);
          pending.resolve({ reply: pending.replied, iopub: pending.iopub });
        }
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private close(): void {
    this.closed = true;
    for (const socket of [this.shell, this.stdin, this.control, this.iopub]) {
      socket.linger = 0;
      socket.close();
    }
    rmSync(this.connectionDir, { recursive: true, force: true });
  }
}

/** Picks five free loopback ports and a fresh key, as jupyter_client does for a new kernel. */
async function freeConnection(): Promise<ConnectionInfo> {
  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  return {
    transport: "tcp",
    ip: "127.0.0.1",
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    shell_port: ports[0],
    control_port: ports[1],
    stdin_port: ports[2],
    iopub_port: ports[3],
    hb_port: ports[4],
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
