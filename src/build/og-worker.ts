import type { OgCard } from '../lib/og.ts';
import { loadOgFonts, renderOgPng } from './og-image.ts';
import { serveTasks } from './og-pool.ts';

/**
 * An OG card worker (see the pool in og-image.ts): loads the fonts once, then draws the
 * cards it is sent and hands the PNG bytes back without copying them.
 */
await serveTasks<OgCard>(async (card) => {
  const { png, dropped, drawMs } = await renderOgPng(card);
  // a Buffer may share its memory with others: give the bytes an ArrayBuffer of their own to transfer
  const bytes = new Uint8Array(png);
  return { value: { png: bytes, dropped, drawMs }, transfer: [bytes.buffer] };
}, loadOgFonts);
