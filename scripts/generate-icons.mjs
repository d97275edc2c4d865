// Draws the add-in's icons (assets/icon-16.png, icon-32.png, icon-80.png for the ribbon, icon-64.png
// for HighResolutionIconUrl, which must be 64 px) with Node only:
// a green rounded square with a white check mark, written by a minimal RGBA PNG encoder.
// Usage: node scripts/generate-icons.mjs [output folder]   (default: assets/ of the repository)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80];

const GREEN = [0x1f, 0x7a, 0x3d];
const WHITE = [0xff, 0xff, 0xff];
/** Samples per pixel side: edges are anti-aliased by averaging SUPERSAMPLE² samples. */
const SUPERSAMPLE = 4;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (width × height × 4 bytes, row by row) as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x, y, size) {
  const margin = size * 0.04;
  const radius = size * 0.2;
  const lo = margin + radius;
  const hi = size - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return x >= margin && x <= size - margin && y >= margin && y <= size - margin && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onCheckMark(x, y, size) {
  const points = [
    [0.25, 0.52],
    [0.43, 0.7],
    [0.76, 0.33],
  ].map(([u, v]) => [u * size, v * size]);
  const halfWidth = Math.max(size * 0.065, 1.1);
  return distanceToSegment(x, y, points[0], points[1]) <= halfWidth || distanceToSegment(x, y, points[1], points[2]) <= halfWidth;
}

/** RGBA pixels of the icon at one size. */
export function drawIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLE;
          const y = py + (sy + 0.5) / SUPERSAMPLE;
          if (!insideRoundedSquare(x, y, size)) continue;
          const colour = onCheckMark(x, y, size) ? WHITE : GREEN;
          covered++;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
        }
      }
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      for (let i = 0; i < 3; i++) rgba[at + i] = Math.round(sum[i] / covered);
      rgba[at + 3] = Math.round((255 * covered) / samples);
    }
  }
  return rgba;
}

export function writeIcons(folder) {
  mkdirSync(folder, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = path.join(folder, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const folder = path.resolve(process.argv[2] ?? path.join(root, 'assets'));
  for (const file of writeIcons(folder)) console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
