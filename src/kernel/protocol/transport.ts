import type { Channel } from "./messages";

/** Channels that carry Jupyter messages; heartbeat only echoes bytes. */
export type MessageChannel = Exclude<Channel, "heartbeat">;

/**
 * Sends and receives raw frames per channel. The ZeroMQ sockets are one implementation;
 * tests use an in-memory one.
 */
export interface Transport {
  send(channel: MessageChannel, frames: Buffer[]): Promise<void>;
  /** Registers the one receiver of frames arriving on shell, control and stdin. */
  onFrames(receiver: (channel: MessageChannel, frames: Buffer[]) => Promise<void> | void): void;
  close(): Promise<void>;
}
