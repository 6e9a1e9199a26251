import { createHash } from 'node:crypto';
import { embedFileKeys, readPostEmbeds } from '../lib/embeds.ts';
import { siteConfig } from '../site.config.ts';

const SITE = JSON.stringify(siteConfig);

/**
 * What every page's layout shows besides the settings: the header's links, pages listed with
 * `nav` among them. Set when the site's data is loaded (src/data/posts.ts), which every route
 * awaits before it makes its cache keys.
 */
let layout = '';

export function setLayoutKey(value: unknown): void {
  layout = JSON.stringify(value);
}

interface EntryLike {
  id: string;
  digest?: string | number | undefined;
  rendered?: { metadata?: Record<string, unknown> | undefined } | undefined;
}

/**
 * What a collection entry's rendered content depends on: its file (the digest) and the
 * files beside it that its HTML points to by content hash (src/markdown/embeds.ts), which can
 * change while the post does not.
 */
export function entryContentKey(entry: EntryLike | undefined) {
  return entry && { entry: entry.id, digest: entry.digest, files: embedFileKeys(readPostEmbeds(entry.rendered?.metadata)) };
}

/**
 * A page's cacheKey for Astro's incremental build: a hash of everything the page renders
 * (its props, with collection entries reduced to entryContentKey), of the site settings and
 * of the header every page shows. Equal keys mean the page would render the same.
 */
export function pageCacheKey(props: unknown): string {
  const json = JSON.stringify(props, (_key, value: unknown) => {
    if (value && typeof value === 'object' && 'collection' in value && 'digest' in value && 'id' in value) return entryContentKey(value as EntryLike);
    return value;
  });
  return createHash('sha256').update(SITE).update('\0').update(layout).update('\0').update(json).digest('hex').slice(0, 32);
}
