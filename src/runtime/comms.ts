import { randomUUID } from "node:crypto";
import { currentSink, runWithSink } from "../display/scope";
import { CellOutput } from "./cell-output";
import type { CommAction, ExecutorEvent, ExecutorRequest } from "./ipc";

/** Data a comm message carries, as JSON. */
export type CommData = Record<string, unknown>;

/** One message received on a comm from the front end. */
export interface CommMessage {
  data: CommData;
  metadata: CommData;
}

/**
 * A channel between code in the notebook and code in the front end (Jupyter's comms), on which
 * widget libraries are built. Either side can open one; both can send and close.
 */
export interface Comm {
  readonly id: string;
  readonly targetName: string;
  send(data: CommData, metadata?: CommData): void;
  close(data?: CommData): void;
  /** Adds a handler for messages from the front end. */
  onMessage(handler: (message: CommMessage) => void): void;
  /** Adds a handler for the front end closing the comm. */
  onClose(handler: (message: CommMessage) => void): void;
}

type CommRequest = Extract<ExecutorRequest, { type: "comm" }>;
type Send = (event: ExecutorEvent) => void;

class OpenComm implements Comm {
  readonly messageHandlers: ((message: CommMessage) => void)[] = [];
  readonly closeHandlers: ((message: CommMessage) => void)[] = [];
  closed = false;

  constructor(
    readonly id: string,
    readonly targetName: string,
    private readonly registry: CommRegistry,
  ) {}

  send(data: CommData, metadata: CommData = {}): void {
    if (this.closed) throw new Error(`Comm ${this.id} (target "${this.targetName}") is closed; open a new one to send.`);
    this.registry.emit("msg", this, data, metadata);
  }

  close(data: CommData = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.registry.forget(this.id);
    this.registry.emit("close", this, data, {});
  }

  onMessage(handler: (message: CommMessage) => void): void {
    this.messageHandlers.push(handler);
  }

  onClose(handler: (message: CommMessage) => void): void {
    this.closeHandlers.push(handler);
  }
}

/** The comms of the executor and the targets that accept comms the front end opens. */
export class CommRegistry {
  private readonly comms = new Map<string, OpenComm>();
  private readonly targets = new Map<string, (comm: Comm, message: CommMessage) => void>();

  constructor(
    private readonly send: Send,
    private readonly fallbackRequestId: () => string | undefined,
  ) {}

  /** Opens a comm to a target that the front end registered, and returns it. */
  open(targetName: string, data: CommData = {}, metadata: CommData = {}): Comm {
    const comm = new OpenComm(randomUUID(), targetName, this);
    this.comms.set(comm.id, comm);
    this.emit("open", comm, data, metadata);
    return comm;
  }

  /** Accepts comms that the front end opens to targetName; handler receives each new comm. */
  registerTarget(targetName: string, handler: (comm: Comm, message: CommMessage) => void): void {
    this.targets.set(targetName, handler);
  }

  /** Handles a comm message from the front end; output of the handlers shows under that message. */
  receive(request: CommRequest): void {
    const output = new CellOutput(request.requestId, this.send);
    runWithSink(output, () => {
      const message = { data: request.data, metadata: request.metadata };
      if (request.action === "open") this.receiveOpen(request, message);
      else this.receiveOnExisting(request, message);
    });
    output.finish();
  }

  /** Sends a comm message on iopub under the cell or comm message whose code sent it. */
  emit(action: CommAction, comm: OpenComm, data: CommData, metadata: CommData): void {
    const sink = currentSink();
    const requestId = sink instanceof CellOutput ? sink.requestId : this.fallbackRequestId();
    if (!requestId) throw new Error("A comm can only send while a cell runs or after one has run.");
    this.send({ type: "comm", requestId, action, commId: comm.id, targetName: comm.targetName, data, metadata });
  }

  forget(commId: string): void {
    this.comms.delete(commId);
  }

  private receiveOpen(request: CommRequest, message: CommMessage): void {
    const targetName = request.targetName ?? "";
    const comm = new OpenComm(request.commId, targetName, this);
    const handler = this.targets.get(targetName);
    if (!handler) {
      // As ipykernel does, a comm to an unknown target is closed at once, so the front end learns it failed.
      comm.closed = true;
      this.emit("close", comm, { error: `no comm target "${targetName}" is registered` }, {});
      return;
    }
    this.comms.set(comm.id, comm);
    handler(comm, message);
  }

  private receiveOnExisting(request: CommRequest, message: CommMessage): void {
    const comm = this.comms.get(request.commId);
    if (!comm) return;
    if (request.action === "close") {
      comm.closed = true;
      this.forget(comm.id);
      comm.closeHandlers.forEach((handler) => handler(message));
    } else {
      comm.messageHandlers.forEach((handler) => handler(message));
    }
  }
}

let sharedRegistry: CommRegistry | undefined;
let lastRequestId: string | undefined;

/** Records the request of the cell that started last, under which comm messages sent from callbacks go. */
export function noteCellStarted(requestId: string): void {
  lastRequestId = requestId;
}

/** Returns the executor's comm registry, which sends to the kernel process over IPC. */
export function commRegistry(): CommRegistry {
  sharedRegistry ??= new CommRegistry(
    (event) => process.send?.(event),
    () => lastRequestId,
  );
  return sharedRegistry;
}
