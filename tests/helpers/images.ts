import { loadImage } from '@napi-rs/canvas';

/**
 * Decodes a JPEG with Skia (@napi-rs/canvas) and returns its size. Throws unless the bytes
 * are a JPEG (start-of-image marker), a whole one (end-of-image marker) and decode: Skia's
 * loadImage also takes PNG, WebP and so on, and fills in a JPEG cut short without a word,
 * so decoding alone proves neither.
 */
export async function decodeJpeg(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const hex = (part: Uint8Array) => [...part].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  if (hex(bytes.subarray(0, 3)) !== 'ff d8 ff') throw new Error(`not a JPEG: it starts with ${hex(bytes.subarray(0, 3))}`);
  if (hex(bytes.subarray(-2)) !== 'ff d9') throw new Error(`a JPEG cut short: ${bytes.length} bytes, ending without the end-of-image marker`);
  const image = await loadImage(bytes);
  return { width: image.width, height: image.height };
}
