/**
 * The protocol buffer wire format, written by hand: enough to encode TensorFlow's GraphDef and
 * SavedModel messages without a protobuf compiler. Fields are written in the order they are added,
 * which every protobuf parser accepts.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** Writes one message: call a field method per field, then bytes(). */
export class ProtoWriter {
  private buffer = new Uint8Array(64);
  private length = 0;

  /** Writes an int32, int64, enum or bool field. Negative numbers take ten bytes, as int64 does in protobuf. */
  int(field: number, value: number | boolean): this {
    this.tag(field, VARINT);
    this.varint(typeof value === "boolean" ? Number(value) : value);
    return this;
  }

  /** Writes a float field (32 bits). */
  float(field: number, value: number): this {
    this.tag(field, FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.append(bytes);
    return this;
  }

  /** Writes a string field, in UTF-8. */
  string(field: number, value: string): this {
    return this.rawBytes(field, new TextEncoder().encode(value));
  }

  /** Writes a bytes field. */
  rawBytes(field: number, value: Uint8Array): this {
    this.tag(field, LENGTH_DELIMITED);
    this.varint(value.length);
    this.append(value);
    return this;
  }

  /** Writes a field holding another message. */
  message(field: number, value: ProtoWriter): this {
    return this.rawBytes(field, value.bytes());
  }

  /** Returns the encoded message. */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`A protobuf integer must be a safe integer, got ${value}.`);
    // Two's complement over 64 bits, seven bits a byte, lowest first.
    let remaining = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    while (remaining >= 0x80n) {
      bytes.push(Number(remaining & 0x7fn) | 0x80);
      remaining >>= 7n;
    }
    bytes.push(Number(remaining));
    this.append(bytes);
  }

  private append(bytes: ArrayLike<number>): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
}
