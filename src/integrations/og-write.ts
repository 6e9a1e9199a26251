import { statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { currentOgQueue, takeOgQueue } from './og-queue.ts';
import { closeOgRenderers } from './og-image.ts';
import { readPlacement, writePlacement } from './output-prune.ts';

const COPIES_AT_ONCE = 16;

/** The output paths of the cards queued in this build (e.g. "og/hello-world.jpg"). */
export function queuedOgCards(): string[] {
  return [...(currentOgQueue()?.cards.keys() ?? [])];
}

/**
 * Copies the social cards queued during the build (src/data/og.ts) from the cache into the
 * output folder, and says how many were drawn and how many came from the cache, the CPU time
 * drawing took in all (in worker threads, or in this one for a handful, while the pages rendered), and the time the end of
 * the build spent on them (waiting for the last ones, and copying).
 *
 * The output folder is kept between builds, so a card already there, copied from the same
 * cache file (`copiedFile` records which card came from which, per output folder) and of the
 * same size, is left as it is.
 */
export async function writeOgCards(outDir: string, logger: AstroIntegrationLogger, copiedFile: string): Promise<void> {
  const queue = takeOgQueue();
  if (!queue) return;
  const started = performance.now();
  let spentMs: number;
  const before = readPlacement<Record<string, string>>(copiedFile, outDir) ?? {};
  const copied: Record<string, string> = {};
  try {
    const made = new Map<string, Promise<unknown>>();
    const place = async (path: string, pending: Promise<string>) => {
      const file = join(outDir, path);
      const cached = await pending;
      copied[path] = basename(cached);
      const there = statSync(file, { throwIfNoEntry: false });
      if (before[path] === basename(cached) && there?.size === statSync(cached).size) return;
      const folder = dirname(file);
      if (!made.has(folder)) made.set(folder, mkdir(folder, { recursive: true }));
      await made.get(folder);
      // A copy, not a link: nothing done to dist/ afterwards can reach the cache.
      await copyFile(cached, file);
    };
    // A few copies at a time: a deploy into an empty folder copies every card.
    const cards = [...queue.cards];
    let next = 0;
    const worker = async () => {
      for (let item = cards[next++]; item; item = cards[next++]) await place(item[0], item[1]);
    };
    await Promise.all(Array.from({ length: Math.min(COPIES_AT_ONCE, cards.length) }, worker));
    spentMs = performance.now() - started;
  } finally {
    await closeOgRenderers();
  }
  writePlacement(copiedFile, outDir, copied);
  logger.info(
    `[og] rendered ${queue.rendered}, reused ${queue.reused} (drawing took ${Math.round(queue.drawMs)} ms of CPU; the end of the build spent ${Math.round(spentMs)} ms); ${queue.early} started during content sync`,
  );
  for (const [file, chars] of queue.dropped) logger.warn(`[og] ${file}: no font for ${chars.join(' ')}; left out of its social card`);
}
