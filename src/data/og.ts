import { join } from 'node:path';
import { createOgRenderer, type OgRenderer } from '../build/og-image.ts';
import { formatDate } from '../lib/dates.ts';
import type { OgCard } from '../lib/og.ts';
import type { Post } from '../lib/posts/post.ts';
import { siteConfig } from '../site.config.ts';
import { getSiteData } from './posts.ts';

export interface OgStats {
  rendered: number;
  reused: number;
  dropped: Map<string, string[]>;
}

// One renderer (fonts loaded once) for the build; its counts are read by the folio
// integration at the end of the build, which runs in the same process.
const STATS = Symbol.for('folio.ogStats');
const holder = globalThis as { [STATS]?: OgStats };
let renderer: OgRenderer | undefined;

export function ogStats(): OgStats {
  holder[STATS] ??= { rendered: 0, reused: 0, dropped: new Map() };
  return holder[STATS];
}

/** Posts that get a generated card: all of them unless cards are off, except those with a cover. */
export async function ogPosts(): Promise<Post[]> {
  if (!siteConfig.ogImages) return [];
  const { posts } = await getSiteData();
  return posts.filter((post) => !post.image);
}

/** The card drawn for a post: exactly what the cache key covers. */
export async function ogCard(post: Post): Promise<OgCard> {
  const { tags } = await getSiteData();
  return {
    title: post.title,
    date: formatDate(post.date, { locale: siteConfig.locale }),
    siteName: siteConfig.title,
    tags: post.tags.map((label) => tags.forLabel(label)?.label ?? label),
  };
}

/** Renders (or reuses from the disk cache) a post's card. */
export async function ogImage(post: Post): Promise<Buffer> {
  renderer ??= createOgRenderer({ cacheDir: join(process.env['FOLIO_CACHE_DIR'] ?? 'node_modules/.astro', 'og') });
  const result = await renderer.render(await ogCard(post));
  const stats = ogStats();
  if (result.cached) stats.reused += 1;
  else stats.rendered += 1;
  if (result.dropped.length > 0) stats.dropped.set(post.filePath ?? post.id, result.dropped);
  return result.png;
}
