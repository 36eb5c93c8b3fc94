import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signs and verifies messages as jupyter_client's Session does: HMAC-SHA256 over the
 * header, parent header, metadata and content frames, hex-encoded. An empty key means unsigned.
 */
export class Signer {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = Buffer.from(key, "utf8");
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  /** Returns the hex signature of the four signed frames, or "" when signing is off. */
  sign(frames: readonly Buffer[]): string {
    if (!this.enabled) return "";
    const hmac = createHmac("sha256", this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  }

  /** Checks a received signature against the frames in constant time. */
  verify(signature: Buffer, frames: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), "utf8");
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}
