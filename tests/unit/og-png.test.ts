import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng, isOpaque } from '../../src/build/og-png';

/**
 * An independent reader for what the encoder writes: checks the signature, every chunk's
 * CRC and the IHDR, inflates the IDAT data and undoes the five PNG row filters.
 */
function decodeRgbPng(png: Buffer): { width: number; height: number; filters: Set<number>; rgb: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit RGB, deflate, adaptive filters, no interlace
  const raw = inflateSync(chunks[1]!.data); // checks the Adler-32 too
  const stride = width * 3;
  expect(raw.length).toBe((stride + 1) * height);
  const rgb = new Uint8Array(stride * height);
  const filters = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    filters.add(filter);
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + i]! : 0;
      const c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`row ${y}: unknown filter ${filter}`);
      rgb[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return { width, height, filters, rgb };
}

/** A test image: flat areas, repeated rows, a gradient and single odd pixels, all opaque. */
function testImage(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const flat = y < 3 || x < 4;
      rgba[i] = flat ? 0xfb : (x * 37 + y * 11) & 0xff;
      rgba[i + 1] = flat ? 0xfa : (x * x + y) & 0xff;
      rgba[i + 2] = flat ? 0xf7 : (255 - x * 5) & 0xff;
      rgba[i + 3] = 255;
    }
  }
  rgba.set([0, 0, 0, 255], ((height - 1) * width + width - 1) * 4);
  return rgba;
}

/** The RGB bytes of RGBA pixels. */
const rgbOf = (rgba: Uint8Array) => new Uint8Array(rgba.filter((_, i) => i % 4 !== 3));

describe('PNG encoder', () => {
  const [width, height] = [29, 13];
  const rgba = testImage(width, height);

  it.each([
    { filter: 1 as const, level: 3 },
    { filter: 2 as const, level: 3 },
    { filter: 1 as const, level: 1 },
    { filter: 1 as const, level: 6 },
  ])('round-trips every pixel as RGB (filter $filter, level $level)', ({ filter, level }) => {
    const png = encodeOpaquePng(rgba, width, height, { filter, level })!;
    const decoded = decodeRgbPng(png);
    expect(decoded).toMatchObject({ width, height, filters: new Set([filter]) });
    expect(decoded.rgb).toEqual(rgbOf(rgba));
  });

  it('uses the defaults (Sub, a fast level) and is deterministic', () => {
    const a = encodeOpaquePng(rgba, width, height)!;
    expect(decodeRgbPng(a).filters).toEqual(new Set([1]));
    expect(encodeOpaquePng(new Uint8Array(rgba), width, height)!.equals(a)).toBe(true);
  });

  it('turns flat colour into zeros, so a flat image compresses to almost nothing', () => {
    const flat = new Uint8Array(1200 * 630 * 4).fill(0xee);
    for (let i = 3; i < flat.length; i += 4) flat[i] = 255;
    const png = encodeOpaquePng(flat, 1200, 630)!;
    expect(png.length).toBeLessThan(0.01 * 1200 * 630 * 3); // deflate tops out near 1:1000 on zeros
    expect(decodeRgbPng(png).rgb.every((v) => v === 0xee)).toBe(true);
  });

  it('reads pixels that do not start on a 4-byte boundary', () => {
    const shifted = new Uint8Array(rgba.length + 1).subarray(1);
    shifted.set(rgba);
    expect(encodeOpaquePng(shifted, width, height)!.equals(encodeOpaquePng(rgba, width, height)!)).toBe(true);
  });

  it('declines an image that is not fully opaque (its alpha would be lost)', () => {
    const seeThrough = new Uint8Array(rgba);
    seeThrough[(5 * width + 7) * 4 + 3] = 254;
    expect(isOpaque(rgba)).toBe(true);
    expect(isOpaque(seeThrough)).toBe(false);
    expect(encodeOpaquePng(seeThrough, width, height)).toBeUndefined();
  });

  it('rejects a size that does not match the data', () => {
    expect(() => encodeOpaquePng(rgba, width, height + 1)).toThrow(/expected 1624 bytes of RGBA for 29x14, found 1508/);
    expect(() => encodeOpaquePng(rgba, 0, height)).toThrow(/positive integer size/);
  });
});
