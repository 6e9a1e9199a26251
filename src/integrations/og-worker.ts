import type { OgCard } from '../lib/og.ts';
import { loadOgFonts, renderOgJpeg } from './og-image.ts';
import { serveTasks } from './og-pool.ts';

/**
 * An OG card worker (see the pool in og-image.ts): loads the fonts once, then draws the
 * cards it is sent and hands the JPEG bytes back without copying them.
 */
await serveTasks<OgCard>(async (card) => {
  const { jpeg, ...rest } = await renderOgJpeg(card);
  // a Buffer may share its memory with others: give the bytes an ArrayBuffer of their own to transfer
  const bytes = new Uint8Array(jpeg);
  return { value: { ...rest, jpeg: bytes }, transfer: [bytes.buffer] };
}, loadOgFonts);
