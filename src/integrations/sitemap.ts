import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { SitemapItem } from '@astrojs/sitemap';
import type { MetaTag } from '../lib/seo.ts';

import { isAstroBuild } from './mode.ts';

const HEAD_BYTES = 8192;

// What each page rendered by this build said in its head, by path: recorded by the layout as it
// renders the head (the pages' bundle and this module are separate module instances, hence
// globalThis), so that the sitemap reads only the heads of pages it did not render (kept from
// the last build, or written by routes of their own).
const FACTS = Symbol.for('folio.pageFacts');
interface Facts {
  told: Map<string, PageFacts>;
  /** Pages of the sitemap whose facts were told, and whose heads were read back. */
  used: { told: number; read: number };
}
type Holder = { [FACTS]?: Facts };
const noFacts = (): Facts => ({ told: new Map(), used: { told: 0, read: 0 } });
const factsStore = (): Facts => ((globalThis as Holder)[FACTS] ??= noFacts());

/** Notes what a page's head says (`astro build` only), from the same values the head is rendered from. */
export function recordPageFacts(path: string, told: PageFacts): void {
  if (!isAstroBuild()) return;
  factsStore().told.set(path, told);
}

/** Forgets what earlier builds in this process recorded (at the start of a build). */
export function forgetPageFacts(): void {
  (globalThis as Holder)[FACTS] = noFacts();
}

/** How many of the sitemap's pages this build's layout told about, and how many heads it read back. */
export function pageFactsUsed(): { told: number; read: number } {
  return { ...factsStore().used };
}

/** What `pageFacts` reads from a head, from the meta tags a layout renders (`noindex` aside). */
export function factsFromMeta(noindex: boolean, tags: readonly MetaTag[]): PageFacts {
  const facts: PageFacts = { noindex };
  const modified = tags.find((tag) => tag.property === 'article:modified_time' || tag.property === 'og:updated_time');
  if (modified?.content) facts.lastmod = modified.content;
  return facts;
}

export interface PageFacts {
  noindex: boolean;
  /** ISO date from article:modified_time (posts) or og:updated_time (lists). */
  lastmod?: string;
}

/** What the sitemap needs from a page's <head>. */
export function pageFacts(head: string): PageFacts {
  const facts: PageFacts = { noindex: /<meta\s+name=["']?robots["']?\s+content=["'][^"']*noindex/i.test(head) };
  const modified = /<meta\s+property=["'](?:article:modified_time|og:updated_time)["']\s+content=["']([^"']+)["']/i.exec(head);
  if (modified?.[1]) facts.lastmod = modified[1];
  return facts;
}

/** One buffer for every head read (the reads are synchronous, one at a time). */
let headBuffer: Buffer | undefined;

/**
 * The start of a page up to its </head>, as Latin-1 (what `pageFacts` looks for is ASCII, and
 * Latin-1 is several times cheaper to decode than UTF-8; sitemaps read every page's head).
 */
function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = (headBuffer ??= Buffer.allocUnsafe(HEAD_BYTES));
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const end = buffer.subarray(0, read).indexOf('</head>');
    return buffer.toString('latin1', 0, end === -1 ? read : end);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Sitemap options that take each built page's head once: pages marked noindex (alias
 * redirects, 404) are left out, and lastmod is the date the page itself declares, so the
 * sitemap and the pages cannot disagree. A page this build rendered through the layout says
 * so itself (`recordPageFacts`); the others' heads are read from the output folder.
 */
export function sitemapOptions(outDir: string, base: string) {
  const cache = new Map<string, PageFacts>();
  const facts = (url: string): PageFacts => {
    let found = cache.get(url);
    if (!found) {
      const pathname = decodeURIComponent(new URL(url).pathname);
      const store = factsStore();
      found = store.told.get(pathname);
      store.used[found ? 'told' : 'read'] += 1;
      if (!found) {
        const path = pathname.slice(base.length);
        const head = readHead(join(outDir, path.endsWith('/') || path === '' ? `${path}index.html` : path));
        found = head === undefined ? { noindex: false } : pageFacts(head);
      }
      cache.set(url, found);
    }
    return found;
  };
  return {
    filter: (page: string) => !facts(page).noindex,
    serialize: (item: SitemapItem): SitemapItem => {
      const lastmod = facts(item.url).lastmod;
      return lastmod ? { ...item, lastmod } : item;
    },
  };
}
