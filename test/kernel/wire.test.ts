import { createHmac } from "node:crypto";
import type { Message } from "../../src/kernel/protocol/messages";
import { Signer } from "../../src/kernel/protocol/signing";
import { decodeFrames, DELIMITER, encodeMessage, InvalidMessageError } from "../../src/kernel/protocol/wire";

const KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";

function sampleMessage(): Message {
  return {
    identities: [Buffer.from("client-1")],
    header: { msg_id: "m1", msg_type: "execute_request", session: "s1", username: "u", date: "2026-01-01T00:00:00Z", version: "5.4" },
    parent_header: {},
    metadata: {},
    content: { code: "1 + 1" },
    buffers: [],
  };
}

describe("Signer", () => {
  it("signs header, parent, metadata and content with HMAC-SHA256 in hex", () => {
    const frames = ["{}", "{}", "{}", '{"a":1}'].map((s) => Buffer.from(s));
    const expected = createHmac("sha256", KEY).update(Buffer.concat(frames)).digest("hex");
    expect(new Signer(KEY).sign(frames)).toBe(expected);
  });

  it("treats an empty key as unsigned", () => {
    const signer = new Signer("");
    expect(signer.sign([Buffer.from("{}")])).toBe("");
    expect(signer.verify(Buffer.from(""), [Buffer.from("{}")])).toBe(true);
  });

  it("rejects a signature of a different length without throwing", () => {
    expect(new Signer(KEY).verify(Buffer.from("abc"), [Buffer.from("{}")])).toBe(false);
  });
});

describe("encodeMessage() and decodeFrames()", () => {
  const signer = new Signer(KEY);

  it("round-trips a message with its routing identities", () => {
    const decoded = decodeFrames(encodeMessage(sampleMessage(), signer), signer);
    expect(decoded.identities.map(String)).toEqual(["client-1"]);
    expect(decoded.header.msg_type).toBe("execute_request");
    expect(decoded.content).toEqual({ code: "1 + 1" });
  });

  it("places the delimiter and signature before the four JSON frames", () => {
    const frames = encodeMessage(sampleMessage(), signer);
    expect(frames[1].equals(DELIMITER)).toBe(true);
    expect(frames[2].toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(frames).toHaveLength(7);
  });

  it("rejects a message whose content was altered after signing", () => {
    const frames = encodeMessage(sampleMessage(), signer);
    frames[6] = Buffer.from('{"code":"process.exit()"}');
    expect(() => decodeFrames(frames, signer)).toThrow(/signature does not match/);
  });

  it("rejects a message signed with another key", () => {
    const frames = encodeMessage(sampleMessage(), new Signer("another key"));
    expect(() => decodeFrames(frames, signer)).toThrow(InvalidMessageError);
  });

  it("rejects frames without the delimiter", () => {
    const frames = encodeMessage(sampleMessage(), signer).filter((frame) => !frame.equals(DELIMITER));
    expect(() => decodeFrames(frames, signer)).toThrow(/delimiter/);
  });

  it("rejects too few frames and content that is not JSON", () => {
    const frames = encodeMessage(sampleMessage(), signer);
    expect(() => decodeFrames(frames.slice(0, 5), signer)).toThrow(/expected 5 frames/);

    const unsigned = new Signer("");
    const broken = encodeMessage(sampleMessage(), unsigned);
    broken[6] = Buffer.from("{not json");
    expect(() => decodeFrames(broken, unsigned)).toThrow(/content frame is not valid JSON/);
  });
});
