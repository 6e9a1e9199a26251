/**
 * The social cards a build queued, handed from the pages to the folio integration. Cards are
 * drawn (by a worker pool when there are many) while Astro renders the HTML pages (src/data/og.ts), then written
 * into the output folder at the end of the build (src/integrations/og-write.ts) by the integration,
 * which runs in the same process but loads its own module instances: hence a global, keyed
 * by a registered symbol, that both sides reach through this module.
 */
export interface OgQueue {
  /** Each card's site path and its JPEG in the cache (pending). */
  cards: Map<string, Promise<string>>;
  rendered: number;
  reused: number;
  /** Of the cards above, those drawn or found during content sync (src/loaders/early-cards.ts). */
  early: number;
  /** Time spent drawing the rendered cards, summed over the threads that drew them. */
  drawMs: number;
  dropped: Map<string, string[]>;
}

const QUEUE = Symbol.for('folio.ogQueue');
const holder = globalThis as { [QUEUE]?: OgQueue };

/** This build's queue, if the pages started one. */
export const currentOgQueue = (): OgQueue | undefined => holder[QUEUE];

/** Starts this build's queue; undefined if one is already started. */
export function startOgQueue(): OgQueue | undefined {
  if (holder[QUEUE]) return undefined;
  const queue: OgQueue = { cards: new Map(), rendered: 0, reused: 0, early: 0, drawMs: 0, dropped: new Map() };
  holder[QUEUE] = queue;
  return queue;
}

/** Takes the queue for writing, so the next build starts a fresh one. */
export function takeOgQueue(): OgQueue | undefined {
  const queue = holder[QUEUE];
  delete holder[QUEUE];
  return queue;
}
