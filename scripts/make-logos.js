// Draws the kernel's PNG logos (the same picture as assets/logo-svg.svg) without any image library,
// so the kernelspec has the PNG sizes Jupyter front ends look for. Run: node scripts/make-logos.js
const { deflateSync } = require("node:zlib");
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const BLUE = [0x31, 0x78, 0xc6];
const ORANGE = [0xff, 0x8f, 0x00];
const WHITE = [0xff, 0xff, 0xff];

/** Returns the colour at (x, y) of the 64x64 picture, or null outside the rounded square. */
function colourAt(x, y) {
  const corner = 10;
  const cx = Math.min(Math.max(x, corner), 64 - corner);
  const cy = Math.min(Math.max(y, corner), 64 - corner);
  if (Math.hypot(x - cx, y - cy) > corner) return null;
  const nodes = [[16, 20, 6], [16, 44, 6], [48, 32, 7]];
  if (nodes.some(([nx, ny, r]) => Math.hypot(x - nx, y - ny) <= r)) return ORANGE;
  const edges = [[21, 22, 42, 30], [21, 42, 42, 34]];
  for (const [x1, y1, x2, y2] of edges) {
    const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
    if (Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))) <= 1.5) return WHITE;
  }
  return BLUE;
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0];
    for (let px = 0; px < size; px++) {
      const colour = colourAt(((px + 0.5) * 64) / size, ((py + 0.5) * 64) / size);
      row.push(...(colour ?? [0, 0, 0]), colour ? 255 : 0);
    }
    rows.push(Buffer.from(row));
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

for (const size of [32, 64]) writeFileSync(join(__dirname, "..", "assets", `logo-${size}x${size}.png`), png(size));
