import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { closeOgRenderers } from './og-image.ts';

interface OgQueue {
  cards: Map<string, Promise<string>>;
  rendered: number;
  reused: number;
  dropped: Map<string, string[]>;
}

const QUEUE = Symbol.for('folio.ogQueue');
const holder = globalThis as { [QUEUE]?: OgQueue };

/** The output paths of the cards queued in this build (e.g. "og/hello-world.png"). */
export function queuedOgCards(): string[] {
  return [...(holder[QUEUE]?.cards.keys() ?? [])];
}

/**
 * Copies the social cards queued during the build (src/data/og.ts) from the cache into the output folder,
 * and says how many were drawn and how many came from the cache.
 */
export async function writeOgCards(outDir: string, logger: AstroIntegrationLogger): Promise<void> {
  const queue = holder[QUEUE];
  delete holder[QUEUE];
  if (!queue) return;
  try {
    const made = new Set<string>();
    for (const [path, cached] of queue.cards) {
      const file = join(outDir, path);
      if (!made.has(dirname(file))) {
        await mkdir(dirname(file), { recursive: true });
        made.add(dirname(file));
      }
      // A copy, not a link: nothing done to dist/ afterwards can reach the cache.
      await copyFile(await cached, file);
    }
  } finally {
    await closeOgRenderers();
  }
  logger.info(`[og] rendered ${queue.rendered}, reused ${queue.reused}`);
  for (const [file, chars] of queue.dropped) logger.warn(`[og] ${file}: no font for ${chars.join(' ')}; left out of its social card`);
}
