import { crc32 as zlibCrc32, inflateSync } from "node:zlib";

/** A decoded 8-bit PNG: its header fields and its pixels, rows from the top, channels interleaved. */
export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  channels: number;
  pixels: Uint8Array;
  /** Chunk types in file order, such as ["IHDR", "IDAT", "IEND"]. */
  chunks: string[];
}

export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const channelsByColorType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Returns the predictor of PNG filter type 4 (Paeth) for left a, above b and upper left c. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Decodes a non-interlaced 8-bit PNG of colour type 0, 2, 4 or 6, checking the signature and every
 * chunk's CRC with zlib's own crc32, independently of the encoder under test.
 */
export function readPng(bytes: Uint8Array): DecodedPng {
  const buffer = Buffer.from(bytes);
  if (!pngSignature.every((byte, index) => buffer[index] === byte)) throw new Error("not a PNG: bad signature");

  const chunks: string[] = [];
  const data: Buffer[] = [];
  let header: Buffer | undefined;
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    const crc = buffer.readUInt32BE(offset + 8 + length);
    if (zlibCrc32(buffer.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in chunk ${type}`);
    chunks.push(type);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (header === undefined) throw new Error("no IHDR chunk");

  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const colorType = header[9];
  if (header[8] !== 8 || header[12] !== 0 || !(colorType in channelsByColorType)) throw new Error("unsupported PNG format");
  const channels = channelsByColorType[colorType];

  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const predictors = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)];
      pixels[y * stride + x] = (value + predictors[filter]) & 0xff;
    }
  }
  return { width, height, colorType, channels, pixels, chunks };
}

/** Returns the channels of the pixel at column x, row y. */
export function pixelAt(png: DecodedPng, x: number, y: number): number[] {
  const start = (y * png.width + x) * png.channels;
  return Array.from(png.pixels.subarray(start, start + png.channels));
}

/** True when a pixel of an RGBA image is neither transparent nor white, the background of Vega-Lite's charts. */
export function isInk(png: DecodedPng, x: number, y: number): boolean {
  const [red, green, blue, alpha] = pixelAt(png, x, y);
  return alpha !== 0 && (red < 250 || green < 250 || blue < 250);
}
