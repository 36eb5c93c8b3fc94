import type { Header, Message } from "./messages";
import { isRecord } from "./messages";
import type { SignatureHistory } from "./replay";
import type { Signer } from "./signing";

/** Frame that separates ZeroMQ routing identities from the message. */
export const DELIMITER = Buffer.from("<IDS|MSG>", "utf8");

/** Error for a list of frames that is not a message this kernel accepts; the message gives the reason. */
export class InvalidMessageError extends Error {
  override name = "InvalidMessageError";
}

/**
 * Decodes frames received on a socket into a message, checking the signature first. With a history,
 * a signed message whose signature was seen before is rejected as a replay.
 */
export function decodeFrames(frames: readonly Buffer[], signer: Signer, history?: SignatureHistory): Message {
  const delimiterIndex = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (delimiterIndex < 0) throw new InvalidMessageError("missing <IDS|MSG> delimiter");
  if (frames.length < delimiterIndex + 6) {
    throw new InvalidMessageError(`expected 5 frames after the delimiter, got ${frames.length - delimiterIndex - 1}`);
  }

  const signature = frames[delimiterIndex + 1];
  const signed = frames.slice(delimiterIndex + 2, delimiterIndex + 6);
  if (!signer.verify(signature, signed)) throw new InvalidMessageError("signature does not match");
  if (history && signer.enabled && !history.add(signature.toString("latin1"))) {
    throw new InvalidMessageError("signature was already used: a replayed message");
  }

  const [header, parentHeader, metadata, content] = signed.map((frame, i) => parseJsonFrame(frame, FRAME_NAMES[i]));
  if (!isHeader(header)) throw new InvalidMessageError("header lacks msg_id, msg_type or session");

  return {
    identities: frames.slice(0, delimiterIndex),
    header,
    parent_header: (isHeader(parentHeader) ? parentHeader : {}) as Message["parent_header"],
    metadata,
    content,
    buffers: frames.slice(delimiterIndex + 6),
  };
}

/** Encodes a message into the frames to send, signed with signer. */
export function encodeMessage(message: Message<unknown>, signer: Signer): Buffer[] {
  const signed = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  const signature = Buffer.from(signer.sign(signed), "utf8");
  return [...message.identities, DELIMITER, signature, ...signed, ...message.buffers];
}

const FRAME_NAMES = ["header", "parent_header", "metadata", "content"];

function parseJsonFrame(frame: Buffer, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    throw new InvalidMessageError(`${name} frame is not valid JSON`);
  }
  if (!isRecord(value)) throw new InvalidMessageError(`${name} frame is not a JSON object`);
  return value;
}

function isHeader(value: Record<string, unknown>): value is Header & Record<string, unknown> {
  return typeof value.msg_id === "string" && typeof value.msg_type === "string" && typeof value.session === "string";
}
