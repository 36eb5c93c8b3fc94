import { randomUUID } from "node:crypto";
import { messages } from "../i18n";
import type { CellOutputEvent, CommAction, CommEnvelope, ErrorReport } from "../runtime/ipc";
import { CellHistory, parseHistoryRequest } from "./history";
import type { Logger } from "./log";
import {
  completeReplyContent,
  errorReplyContent,
  inspectReplyContent,
  isCompleteReplyContent,
  parseCompleteRequest,
  parseInspectRequest,
  parseIsCompleteRequest,
  type Completeness,
  type Completions,
  type MimeBundle,
} from "./protocol/introspection";
import { isRecord, parseExecuteRequest, PROTOCOL_VERSION, type Header, type Message } from "./protocol/messages";
import { SignatureHistory } from "./protocol/replay";
import type { Signer } from "./protocol/signing";
import type { MessageChannel, Transport } from "./protocol/transport";
import { decodeFrames, encodeMessage, InvalidMessageError } from "./protocol/wire";

/** The language side of a kernel: it runs cells and describes the kernel. */
export interface Interpreter {
  /** Content of kernel_info_reply, without status and protocol_version. */
  kernelInfo(): Promise<Record<string, unknown>>;
  /**
   * Runs a cell and resolves with its value or its error. Its outputs reach publishOutput() as
   * they happen, tagged with requestId.
   */
  execute(code: string, executionCount: number, requestId: string): Promise<ExecutionOutcome>;
  /** Lists completions of the word at cursor, a UTF-16 offset into code, and the span they replace. */
  complete(code: string, cursor: number): Promise<Completions>;
  /** Describes the name at cursor (a UTF-16 offset), or returns undefined when nothing there has a description. */
  inspect(code: string, cursor: number, detailLevel: 0 | 1): Promise<MimeBundle | undefined>;
  /** Tells whether code is ready to run or needs more lines, which a console requests when Enter is pressed. */
  isComplete(code: string): Promise<Completeness>;
  interrupt(): void;
  shutdown(): Promise<void>;
  /** Delivers a comm message from the front end to the code that runs cells. */
  comm?(envelope: CommEnvelope): void;
  /** Prepares slow parts ahead of the first cell; the session calls it after its first kernel_info reply. */
  warmUp?(): void;
}

/** A cell's outcome; payload contains execute_reply payloads, such as a page for the pager. */
export type ExecutionOutcome =
  | { status: "ok"; result?: Record<string, unknown>; payload?: Record<string, unknown>[] }
  | { status: "error"; error: ErrorReport };

type Handler = (request: Message, channel: MessageChannel) => Promise<void>;

/**
 * Decodes incoming frames, dispatches each message by msg_type, and sends replies and iopub
 * messages. Execute requests run one after another in arrival order. Other requests get their
 * reply at once, so kernel_info or shutdown are handled while a cell computes.
 */
export class Session {
  private readonly id = randomUUID();
  private executionCount = 0;
  private readonly signatures = new SignatureHistory();
  // Open comms by id, with their target, for comm_info_request; kept as they pass in either direction.
  private readonly openComms = new Map<string, string>();
  private readonly history = new CellHistory();
  private warmedUp = false;
  private executeQueue: Promise<void> = Promise.resolve();
  // Requests queued behind a cell that failed with stop_on_error are aborted, as ipykernel does.
  private abortQueuedUpTo = 0;
  private queuedExecutes = 0;
  // NOTE: headers of past execute requests are kept for the whole session (a few hundred bytes each),
  // because a timer may print under its cell at any later time.
  private readonly parents = new Map<string, { header: Header; silent: boolean; identities: Buffer[]; allowStdin: boolean }>();
  // The question that input() asked the front end, waiting for its input_reply on stdin.
  private pendingInput: { requestId: string; answer: (reply: { value?: string; error?: string }) => void } | undefined;
  private readonly handlers: Record<string, Handler> = {
    kernel_info_request: (request, channel) => this.kernelInfo(request, channel),
    execute_request: (request) => this.enqueueExecute(request),
    shutdown_request: (request, channel) => this.shutdown(request, channel),
    interrupt_request: (request, channel) => this.interrupt(request, channel),
    comm_info_request: (request, channel) =>
      this.busyIdle(request, () => this.reply(request, channel, "comm_info_reply", { status: "ok", comms: this.commInfo(request.content) })),
    comm_open: (request) => this.forwardComm(request, "open"),
    comm_msg: (request) => this.forwardComm(request, "msg"),
    comm_close: (request) => this.forwardComm(request, "close"),
    complete_request: (request, channel) =>
      this.answer(request, channel, "complete_reply", parseCompleteRequest, async ({ code, cursor }) =>
        completeReplyContent(code, await this.interpreter.complete(code, cursor)),
      ),
    inspect_request: (request, channel) =>
      this.answer(request, channel, "inspect_reply", parseInspectRequest, async ({ code, cursor, detailLevel }) =>
        inspectReplyContent(await this.interpreter.inspect(code, cursor, detailLevel)),
      ),
    input_reply: (request) => this.receiveInput(request),
    history_request: (request, channel) =>
      this.answer(request, channel, "history_reply", parseHistoryRequest, async (query) => ({
        status: "ok",
        history: this.history.query(query),
      })),
    // is_complete_reply has no error status, so a failed request gets "unknown": the protocol's status
    // for code the kernel cannot judge, which the client then handles by its own rules.
    is_complete_request: (request, channel) =>
      this.answer(
        request,
        channel,
        "is_complete_reply",
        parseIsCompleteRequest,
        async ({ code }) => isCompleteReplyContent(await this.interpreter.isComplete(code)),
        () => ({ status: "unknown" }),
      ),
  };

  constructor(
    private readonly transport: Transport,
    private readonly signer: Signer,
    private readonly interpreter: Interpreter,
    private readonly log: Logger,
    private readonly onShutdown: () => void = () => undefined,
    /** Called as the kernel turns busy with a request and again as it turns idle. */
    private readonly onActivity: () => void = () => undefined,
  ) {
    transport.onFrames((channel, frames) => this.receive(channel, frames));
  }

  /** Publishes a cell's output on iopub under the request that caused it, also after the cell ended. */
  publishOutput(event: CellOutputEvent): void {
    const parent = this.parents.get(event.requestId);
    if (!parent) {
      this.log.warn(`dropped output for unknown request ${event.requestId}`);
      return;
    }
    if (event.type === "comm") this.trackComm(event.action, event.commId, event.targetName);
    if (parent.silent) return;
    const [msgType, content] = iopubContent(event);
    void this.publish(msgType, content, parent.header);
  }

  /**
   * Asks the front end that sent an execute request for a line of text on the stdin channel, and
   * resolves with its answer, or with an error when the request did not allow stdin.
   */
  requestInput(requestId: string, prompt: string, password: boolean): Promise<{ value?: string; error?: string }> {
    const parent = this.parents.get(requestId);
    if (!parent?.allowStdin) return Promise.resolve({ error: messages().kernel.inputNotAllowed() });

    this.pendingInput?.answer({ error: messages().kernel.inputNotAllowed() });
    return new Promise((answer) => {
      this.pendingInput = { requestId, answer };
      const message = this.message("input_request", { prompt, password }, parent.header, parent.identities);
      void this.transport.send("stdin", encodeMessage(message, this.signer));
    });
  }

  /** Sends status "starting" once the sockets are bound, as Jupyter kernels announce themselves. */
  announceStart(): Promise<void> {
    return this.publish("status", { execution_state: "starting" }, undefined);
  }

  private async receive(channel: MessageChannel, frames: Buffer[]): Promise<void> {
    let request: Message;
    try {
      request = decodeFrames(frames, this.signer, this.signatures);
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      this.log.warn(`dropped a message on ${channel}: ${error.message}`);
      return;
    }

    const msgType = request.header.msg_type;
    this.log.debug(`received ${msgType} ${request.header.msg_id} on ${channel}`);
    const handler = this.handlers[msgType];
    if (!handler) {
      this.log.warn(`no handler for ${msgType} (id ${request.header.msg_id}) on ${channel}`);
      return;
    }
    try {
      await handler(request, channel);
    } catch (error) {
      this.log.error(`handling ${msgType} ${request.header.msg_id} failed`, error);
    }
  }

  /** Hands a comm message from the front end to the executor; what its handlers print shows under it. */
  private async forwardComm(request: Message, action: CommAction): Promise<void> {
    const { comm_id: commId, target_name: targetName, data, metadata } = request.content;
    if (typeof commId !== "string" || (action === "open" && typeof targetName !== "string")) {
      this.log.warn(`dropped ${request.header.msg_type} ${request.header.msg_id}: comm_id${action === "open" ? " and target_name" : ""} must be strings`);
      return;
    }
    await this.busyIdle(request, async () => {
      this.parents.set(request.header.msg_id, { header: request.header, silent: false, identities: request.identities, allowStdin: false });
      this.trackComm(action, commId, targetName as string | undefined);
      this.interpreter.comm?.({
        type: "comm",
        requestId: request.header.msg_id,
        action,
        commId,
        targetName: targetName as string | undefined,
        data: isRecord(data) ? data : {},
        metadata: isRecord(metadata) ? metadata : {},
      });
    });
  }

  private trackComm(action: CommAction, commId: string, targetName: string | undefined): void {
    if (action === "open") this.openComms.set(commId, targetName ?? "");
    if (action === "close") this.openComms.delete(commId);
  }

  /** Lists the open comms, of one target when the request names it, as comm_info_reply does. */
  private commInfo(content: Record<string, unknown>): Record<string, { target_name: string }> {
    const requested = typeof content.target_name === "string" ? content.target_name : undefined;
    const comms: Record<string, { target_name: string }> = {};
    for (const [commId, targetName] of this.openComms) {
      if (requested === undefined || requested === targetName) comms[commId] = { target_name: targetName };
    }
    return comms;
  }

  private async receiveInput(reply: Message): Promise<void> {
    const pending = this.pendingInput;
    if (!pending) {
      this.log.warn(`input_reply ${reply.header.msg_id} arrived while no input was requested`);
      return;
    }
    this.pendingInput = undefined;
    const value = reply.content.value;
    pending.answer(typeof value === "string" ? { value } : { error: `input_reply content.value must be a string, got ${typeof value}` });
  }

  private async kernelInfo(request: Message, channel: MessageChannel): Promise<void> {
    await this.busyIdle(request, async () => {
      const info = await this.interpreter.kernelInfo();
      await this.reply(request, channel, "kernel_info_reply", { status: "ok", protocol_version: PROTOCOL_VERSION, ...info });
    });
    if (!this.warmedUp) {
      this.warmedUp = true;
      setImmediate(() => this.interpreter.warmUp?.());
    }
  }

  private enqueueExecute(request: Message): Promise<void> {
    this.queuedExecutes++;
    const position = this.queuedExecutes;
    this.executeQueue = this.executeQueue.then(() => this.execute(request, position));
    // The receive loop goes on at once, so other shell requests are not stuck behind a cell.
    return Promise.resolve();
  }

  private async execute(request: Message, position: number): Promise<void> {
    await this.busyIdle(request, async () => {
      let content;
      try {
        content = parseExecuteRequest(request.content);
      } catch (error) {
        const report = { ename: "TypeError", evalue: (error as Error).message, traceback: [(error as Error).message] };
        await this.reply(request, "shell", "execute_reply", { status: "error", execution_count: this.executionCount, ...report });
        return;
      }

      if (position <= this.abortQueuedUpTo) {
        await this.reply(request, "shell", "execute_reply", { status: "aborted", execution_count: this.executionCount });
        return;
      }

      if (content.store_history) {
        this.executionCount++;
        this.history.record(this.executionCount, content.code);
      }
      const count = this.executionCount;
      if (!content.silent) await this.publish("execute_input", { code: content.code, execution_count: count }, request.header);

      this.parents.set(request.header.msg_id, {
        header: request.header,
        silent: content.silent,
        identities: request.identities,
        allowStdin: content.allow_stdin,
      });
      const outcome = await this.interpreter.execute(content.code, count, request.header.msg_id);

      if (outcome.status === "ok") {
        if (content.store_history) this.history.recordOutput(count, outcome.result);
        if (outcome.result && !content.silent) {
          await this.publish("execute_result", { execution_count: count, data: outcome.result, metadata: {} }, request.header);
        }
        await this.reply(request, "shell", "execute_reply", {
          status: "ok",
          execution_count: count,
          user_expressions: {},
          payload: outcome.payload ?? [],
        });
        return;
      }

      if (!content.silent) await this.publish("error", { ...outcome.error }, request.header);
      if (content.stop_on_error) this.abortQueuedUpTo = this.queuedExecutes;
      await this.reply(request, "shell", "execute_reply", { status: "error", execution_count: count, ...outcome.error });
    });
  }

  private async shutdown(request: Message, channel: MessageChannel): Promise<void> {
    const restart = isRecord(request.content) && request.content.restart === true;
    this.log.info(`shutdown requested (restart: ${restart})`);
    await this.busyIdle(request, async () => {
      await this.interpreter.shutdown();
      await this.reply(request, channel, "shutdown_reply", { status: "ok", restart });
    });
    this.onShutdown();
  }

  private async interrupt(request: Message, channel: MessageChannel): Promise<void> {
    this.log.info("interrupt requested");
    await this.busyIdle(request, async () => {
      this.interpreter.interrupt();
      await this.reply(request, channel, "interrupt_reply", { status: "ok" });
    });
  }

  /**
   * Replies at once, between busy and idle, to a request that does not run code. Content that does not
   * parse and a failure of the interpreter each get an error reply, so a client waiting for the reply gets one.
   */
  private async answer<Request>(
    request: Message,
    channel: MessageChannel,
    replyType: string,
    parse: (content: Record<string, unknown>) => Request,
    work: (parsed: Request) => Promise<Record<string, unknown>>,
    failed: (error: unknown) => Record<string, unknown> = errorReplyContent,
  ): Promise<void> {
    const { msg_type: msgType, msg_id: msgId } = request.header;
    await this.busyIdle(request, async () => {
      let parsed: Request;
      try {
        parsed = parse(request.content);
      } catch (error) {
        this.log.warn(`invalid ${msgType} ${msgId}: ${error instanceof Error ? error.message : String(error)}`);
        await this.reply(request, channel, replyType, failed(error));
        return;
      }

      let content: Record<string, unknown>;
      try {
        content = await work(parsed);
      } catch (error) {
        this.log.error(`handling ${msgType} ${msgId} failed`, error);
        content = failed(error);
      }
      await this.reply(request, channel, replyType, content);
    });
  }

  private async busyIdle(request: Message, work: () => Promise<void>): Promise<void> {
    this.onActivity();
    await this.publish("status", { execution_state: "busy" }, request.header);
    try {
      await work();
    } finally {
      await this.publish("status", { execution_state: "idle" }, request.header);
      this.onActivity();
    }
  }

  private reply(request: Message, channel: MessageChannel, msgType: string, content: Record<string, unknown>): Promise<void> {
    this.log.debug(`sending ${msgType} for ${request.header.msg_id}`);
    return this.transport.send(channel, encodeMessage(this.message(msgType, content, request.header, request.identities), this.signer));
  }

  private publish(msgType: string, content: Record<string, unknown>, parent: Header | undefined): Promise<void> {
    const topic = Buffer.from(`kernel.${this.id}.${msgType}`, "utf8");
    return this.transport.send("iopub", encodeMessage(this.message(msgType, content, parent, [topic]), this.signer));
  }

  private message(msgType: string, content: Record<string, unknown>, parent: Header | undefined, identities: Buffer[]): Message {
    return {
      identities,
      header: {
        msg_id: randomUUID(),
        msg_type: msgType,
        session: this.id,
        username: "kernel",
        date: new Date().toISOString(),
        version: PROTOCOL_VERSION,
      },
      parent_header: parent ?? {},
      metadata: {},
      content,
      buffers: [],
    };
  }
}

/** Maps an executor output event to its iopub message type and content. */
export function iopubContent(event: CellOutputEvent): [string, Record<string, unknown>] {
  switch (event.type) {
    case "stream":
      return ["stream", { name: event.name, text: event.text }];
    case "display": {
      const { output } = event;
      const transient = output.displayId ? { display_id: output.displayId } : {};
      return [output.kind === "update" ? "update_display_data" : "display_data", { data: output.data, metadata: output.metadata, transient }];
    }
    case "error":
      return ["error", { ...event.error }];
    case "clear":
      return ["clear_output", { wait: event.wait }];
    case "comm": {
      const content: Record<string, unknown> = { comm_id: event.commId, data: event.data };
      if (event.action === "open") content.target_name = event.targetName;
      return [`comm_${event.action}`, content];
    }
  }
}
