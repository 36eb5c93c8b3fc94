import { deflateSync } from "node:zlib";

/** Channels per pixel of 8-bit image data: gray, gray and alpha, RGB, or RGBA. */
export type ChannelCount = 1 | 2 | 3 | 4;

// PNG colour types for 8-bit samples, by channel count (PNG specification, section 11.2.2).
const colorTypes: Record<ChannelCount, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// CRC-32 with the polynomial that PNG uses (0xedb88320, reflected), one table entry per byte value.
const crcTable = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** Computes the CRC-32 of bytes, as PNG chunks and gzip use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Builds one chunk: its length, its 4-letter type, its data and the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * Encodes 8-bit pixels as a PNG image. pixels contains the rows from the top, each row's pixels from the
 * left, and each pixel's channels in order (gray, gray and alpha, RGB or RGBA), so its length is
 * width * height * channels. Every row uses filter type 0 (none) and the data is compressed with zlib.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: ChannelCount): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`PNG size must be positive integers, got ${width} x ${height}`);
  }
  const rowLength = width * channels;
  if (pixels.length !== rowLength * height) {
    throw new RangeError(`expected ${rowLength * height} bytes for ${width} x ${height} x ${channels}, got ${pixels.length}`);
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = colorTypes[channels];
  header[10] = 0; // compression method: deflate
  header[11] = 0; // filter method: adaptive, with a filter type byte before each row
  header[12] = 0; // no interlacing

  const rows = Buffer.alloc((rowLength + 1) * height);
  for (let y = 0; y < height; y++) {
    // The byte before each row stays 0: filter type "none".
    rows.set(pixels.subarray(y * rowLength, (y + 1) * rowLength), y * (rowLength + 1) + 1);
  }

  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", new Uint8Array(0))]);
}
