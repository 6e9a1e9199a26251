/**
 * What the published posts embed, handed from the post route (src/data/routes.ts, while
 * the routes are listed, every build, rendered or not) to the folio integration at the end
 * of the build: the files to copy into the output folder, and each page's CSP allowance for
 * the build log and the site-wide `_headers` policy. The integration loads its own module
 * instances, hence a global keyed by a registered symbol (as src/integrations/og-queue.ts).
 */
import { basename, resolve } from 'node:path';
import { isEmptyAllowance, type CspAllowance } from '../lib/csp.ts';
import type { PostEmbeds } from '../lib/embeds.ts';
import { mediaOutputPath } from '../lib/urls.ts';
import { contentDir } from '../loaders/sources.ts';

export interface EmbedsQueue {
  /** Output path ("_media/1a2b3c4d/demo.mp4") → the source file beside the post. */
  files: Map<string, string>;
  /** Page URL → what its policy allows beyond the site's (pages that embed something). */
  pages: Map<string, CspAllowance>;
}

const QUEUE = Symbol.for('folio.embedsQueue');
const holder = globalThis as { [QUEUE]?: EmbedsQueue };

/** This build's queue (in dev, the server's), started on first use. */
export function embedsQueue(): EmbedsQueue {
  return (holder[QUEUE] ??= { files: new Map(), pages: new Map() });
}

/** Takes the queue at the end of a build, so the next build starts a fresh one. */
export function takeEmbedsQueue(): EmbedsQueue | undefined {
  const queue = holder[QUEUE];
  delete holder[QUEUE];
  return queue;
}

/** Queues one published post's files to copy and its allowance. */
export function queuePostEmbeds(page: string, embeds: PostEmbeds | undefined, postsDir = contentDir()): void {
  if (!embeds) return;
  const queue = embedsQueue();
  for (const file of embeds.files) {
    if (file.copy) queue.files.set(mediaOutputPath(file.hash, basename(file.path)), resolve(postsDir, file.path));
  }
  if (!isEmptyAllowance(embeds.allow)) queue.pages.set(page, embeds.allow);
  else queue.pages.delete(page);
}
