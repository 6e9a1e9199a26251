import { constants, crc32, deflateSync } from 'node:zlib';

/**
 * A small PNG encoder for opaque RGBA rasters (resvg's `render().pixels`). resvg's own
 * `asPng()` keeps the alpha channel and spends more time compressing than resvg spends
 * drawing; cards are opaque, so this writes 8-bit RGB (colour type 2), filters every row
 * with "Sub" (a card is mostly flat colour: runs of equal pixels become zeros) and deflates
 * at a fast level. Pure and deterministic: the same pixels always give the same bytes.
 */

export interface PngOptions {
  /** zlib level, 0-9. */
  level?: number;
  /** The PNG row filter for every row: 1 = Sub, 2 = Up. */
  filter?: 1 | 2;
}

/**
 * Measured on 1200x630 cards (30-60 titles, min of 8 runs): Sub beat Up, Paeth and a per-row
 * best-of choice at every level. Levels 1-3 (zlib's greedy matcher) all take ~3.1 ms; 4-6
 * (lazy matching) take 6.3-6.9 ms, nearly all of it spent on the long runs of zeros that
 * flat colour filters to. Level 3 is the smallest of the fast ones (~37.5 KiB a card);
 * level 6 would give ~26 KiB for ~3.8 ms more per card. (resvg's asPng: ~9.2 ms, ~32.7 KiB.)
 */
export const PNG_DEFAULTS: Required<PngOptions> = { level: 3, filter: 1 };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The alpha byte of an RGBA pixel read as one 32-bit word, in this machine's byte order. */
const ALPHA_MASK = new Uint32Array(new Uint8Array([0, 0, 0, 0xff]).buffer)[0]!;

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The pixels as 32-bit words (one a pixel), copying only if the bytes are not 4-aligned. */
function words(rgba: Uint8Array): Uint32Array {
  const bytes = rgba.byteOffset % 4 === 0 ? rgba : new Uint8Array(rgba);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
}

/** True when every pixel's alpha is 255. */
export function isOpaque(rgba: Uint8Array): boolean {
  if (rgba.length % 4 !== 0) throw new Error(`png: RGBA data must be a multiple of 4 bytes, found ${rgba.length}`);
  const px = words(rgba);
  let all = ALPHA_MASK;
  for (let i = 0; i < px.length; i++) all &= px[i]!;
  return (all & ALPHA_MASK) >>> 0 === ALPHA_MASK;
}

/**
 * Encodes opaque RGBA pixels (row-major, 4 bytes a pixel, as resvg gives them) as an RGB
 * PNG. Returns undefined if any pixel is not fully opaque: its alpha would be lost (and
 * resvg's pixels are premultiplied), so such an image needs an encoder that keeps alpha.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number, options: PngOptions = {}): Buffer | undefined {
  const { level, filter } = { ...PNG_DEFAULTS, ...options };
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`png: expected a positive integer size, found ${width}x${height}`);
  }
  if (rgba.length !== width * height * 4) {
    throw new Error(`png: expected ${width * height * 4} bytes of RGBA for ${width}x${height}, found ${rgba.length}`);
  }
  if (!isOpaque(rgba)) return undefined;

  const px = words(rgba);
  const bytes = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const rowBytes = width * 4;
  const stride = width * 3 + 1;
  // zero-filled: a pixel equal to its predictor is skipped, its three filtered bytes stay 0
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * width;
    const rowEnd = rowStart + width;
    let d = y * stride;
    // most rows of a card repeat the row above (a native compare): Sub filters them to the
    // same bytes as that row, Up to zeros
    if (y > 0 && bytes.compare(bytes, rowStart * 4 - rowBytes, rowStart * 4, rowStart * 4, rowStart * 4 + rowBytes) === 0) {
      if (filter === 1) raw.copyWithin(d, d - stride, d);
      else raw[d] = filter;
      continue;
    }
    raw[d++] = filter;
    // the first pixel of a Sub row and every pixel of the first Up row have a zero predictor
    let p = rowStart;
    if (filter === 1 || y === 0) {
      const s = p * 4;
      raw[d] = rgba[s]!;
      raw[d + 1] = rgba[s + 1]!;
      raw[d + 2] = rgba[s + 2]!;
      p++;
      d += 3;
    }
    if (filter === 2 && y === 0) {
      for (; p < rowEnd; p++, d += 3) {
        const s = p * 4;
        raw[d] = rgba[s]!;
        raw[d + 1] = rgba[s + 1]!;
        raw[d + 2] = rgba[s + 2]!;
      }
      continue;
    }
    const back = filter === 1 ? 1 : width; // predictor: the pixel to the left, or above
    for (; p < rowEnd; p++, d += 3) {
      if (px[p] === px[p - back]) continue;
      const s = p * 4;
      const b = s - back * 4;
      raw[d] = rgba[s]! - rgba[b]!; // Uint8Array stores modulo 256, as PNG filters want
      raw[d + 1] = rgba[s + 1]! - rgba[b + 1]!;
      raw[d + 2] = rgba[s + 2]! - rgba[b + 2]!;
    }
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB, no alpha
  // bytes 10-12 (compression, filter method, interlace) stay 0
  const idat = deflateSync(raw, { level, strategy: constants.Z_DEFAULT_STRATEGY });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
