// Decodes the 8-bit RGB/RGBA PNGs Chromium writes, and compares two of them pixel by pixel.
import { inflateSync } from 'node:zlib';

/**
 * @param {Buffer} png
 * @returns {{ width: number, height: number, channels: number, rows: Uint8Array[] }}
 */
export function decodePng(png) {
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    if (type === 'IHDR') {
      width = png.readUInt32BE(i + 8);
      height = png.readUInt32BE(i + 12);
      if (png[i + 16] !== 8) throw new Error('only 8-bit PNGs');
      channels = { 2: 3, 6: 4 }[png[i + 17]] || 0;
      if (!channels) throw new Error('only RGB/RGBA PNGs');
    } else if (type === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const e = a + b - c;
        const pa = Math.abs(e - a);
        const pb = Math.abs(e - b);
        const pc = Math.abs(e - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x] + p) & 255;
    }
    rows.push(line);
    prev = line;
  }
  return { width, height, channels, rows };
}

/**
 * Counts pixels that differ by more than `tolerance` in any channel, skipping a border of
 * `inset` px (rounded corners show whatever the host page has behind them).
 * @param {Buffer} a
 * @param {Buffer} b
 * @param {{ tolerance?: number, inset?: number }} [opts]
 */
export function diffPng(a, b, opts = {}) {
  const A = decodePng(a);
  const B = decodePng(b);
  if (A.width !== B.width || A.height !== B.height) return { sameSize: false, differing: Infinity, maxDelta: 255 };
  const tol = opts.tolerance ?? 0;
  const inset = opts.inset ?? 0;
  let differing = 0;
  let maxDelta = 0;
  for (let y = inset; y < A.height - inset; y++) {
    for (let x = inset; x < A.width - inset; x++) {
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(A.rows[y][x * A.channels + c] - B.rows[y][x * B.channels + c]));
      if (d > maxDelta) maxDelta = d;
      if (d > tol) differing++;
    }
  }
  return { sameSize: true, differing, maxDelta };
}
