import * as zmq from "zeromq";
import type { ConnectionInfo } from "./connection";
import { endpoint } from "./connection";
import type { MessageChannel, Transport } from "./transport";

type Receiver = (channel: MessageChannel, frames: Buffer[]) => Promise<void> | void;

/** The kernel's five ZeroMQ sockets, bound to the connection file's ip and ports. */
export class ZmqTransport implements Transport {
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly stdin = new zmq.Router();
  private readonly iopub = new zmq.Publisher();
  private readonly heartbeat = new zmq.Reply();
  // A zeromq 6 socket rejects a send while another is pending, so each socket sends from a queue.
  private readonly sendQueues = new Map<MessageChannel, Promise<void>>();
  private receiver: Receiver = () => undefined;
  private closed = false;

  static async bind(info: ConnectionInfo): Promise<ZmqTransport> {
    const transport = new ZmqTransport();
    await Promise.all([
      transport.shell.bind(endpoint(info, "shell")),
      transport.control.bind(endpoint(info, "control")),
      transport.stdin.bind(endpoint(info, "stdin")),
      transport.iopub.bind(endpoint(info, "iopub")),
      transport.heartbeat.bind(endpoint(info, "heartbeat")),
    ]);
    transport.start();
    return transport;
  }

  onFrames(receiver: Receiver): void {
    this.receiver = receiver;
  }

  send(channel: MessageChannel, frames: Buffer[]): Promise<void> {
    const socket = this.socketOf(channel);
    const previous = this.sendQueues.get(channel) ?? Promise.resolve();
    const next = previous.then(() => (this.closed ? undefined : socket.send(frames)));
    this.sendQueues.set(channel, next.catch(() => undefined));
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sendQueues.values()]);
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) {
      socket.linger = 0;
      socket.close();
    }
  }

  private start(): void {
    void this.receiveLoop("control", this.control);
    void this.receiveLoop("shell", this.shell);
    void this.receiveLoop("stdin", this.stdin);
    void this.echoHeartbeats();
  }

  // Frames are handed over in arrival order; the receiver decides what may run concurrently.
  private async receiveLoop(channel: MessageChannel, socket: zmq.Router): Promise<void> {
    try {
      for await (const frames of socket) await this.receiver(channel, frames);
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private async echoHeartbeats(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private socketOf(channel: MessageChannel): zmq.Router | zmq.Publisher {
    return { shell: this.shell, control: this.control, stdin: this.stdin, iopub: this.iopub }[channel];
  }
}
