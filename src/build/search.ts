import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { groupByShard, searchShardCount, searchShardDir, searchShardOf } from '../lib/search-shards.ts';

export interface SearchIndexResult {
  /** Posts in the index, over every shard. */
  pages: number;
  shards: number;
  /** Shards taken from the cache, unchanged since the last build. */
  reused: number;
  /** Pages Pagefind read while Astro rendered them (in shards that were re-indexed). */
  whileRendering: number;
  /** Shard folders inside pagefind/ (e.g. "shard-1/"), besides the main bundle. */
  bundles: string[];
  ms: number;
}

/** Lists the extra shard bundles for the search page; written into pagefind/. */
export const SHARDS_MANIFEST = 'folio-shards.json';
/** What a secondary shard needs in the browser (the main bundle brings the code and wasm). */
const SHARD_FILES = /^(pagefind-entry\.json|.*\.pf_meta|fragment|index|filter)$/;
const COMPLETE = '.complete';

/** Pagefind's version, part of every shard's cache key (its index format changes between versions). */
function pagefindVersion(): string {
  const starts = [process.cwd()];
  try {
    starts.unshift(dirname(fileURLToPath(import.meta.url)));
  } catch {
    // not a file: URL
  }
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      const file = join(dir, 'node_modules', 'pagefind', 'package.json');
      if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
      if (dirname(dir) === dir) break;
    }
  }
  return 'unknown';
}

/** Post pages under posts/ (the only pages with a data-pagefind-body), as paths in the output folder. */
function postPages(outDir: string): string[] {
  const root = join(outDir, 'posts');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.html'))
    .map((file) => `posts/${file.split('\\').join('/')}`);
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

async function createIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex();
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

async function addPage(index: PagefindIndex, page: string, content: string): Promise<void> {
  const added = await index.addHTMLFile({ sourcePath: page, content });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page}: ${added.errors.join('; ')}`);
}

/** Adds pages from the output folder to an index, one after another (Pagefind's output depends on the order). */
async function addPages(index: PagefindIndex, outDir: string, pages: readonly string[]): Promise<void> {
  for (const page of pages) await addPage(index, page, readFileSync(join(outDir, page), 'utf8'));
}

/**
 * The shards as planned from the routes (see `createLiveSearch`). Each shard lists its pages
 * in the order Astro renders them, and its index receives them in exactly that order,
 * whichever were rendered in this build and whichever were unchanged and read from the
 * output folder: so an index never depends on what the last build happened to render.
 */
interface LiveShards {
  count: number;
  planned: Set<string>;
  groups: string[][];
  /** A page's place in its shard's group. */
  place: Map<string, number>;
  indexes: Promise<PagefindIndex>[];
  /** How many of each group's pages are queued for its index. */
  queued: number[];
  /** Each shard's additions, in order. */
  chains: Promise<void>[];
  /** A shard whose live index failed or got a page out of order: indexed again at the end. */
  broken: boolean[];
  /** Pages handed over as Astro rendered them. */
  rendered: number;
}

const pageCount = (bundle: string): number => {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
};

const sameSet = (a: ReadonlySet<string>, b: readonly string[]) => a.size === b.length && b.every((page) => a.has(page));

/**
 * Builds the Pagefind index of a finished site into `<outDir>/pagefind/`. Only elements
 * marked data-pagefind-body (post articles) are indexed, so navigation, lists and tag pages
 * stay out of results.
 *
 * Large sites are indexed in shards (src/lib/search-shards.ts). Each shard is cached in
 * `<cacheDir>/folio-search/` under a hash of its pages' bytes (in order) and Pagefind's
 * version, so a rebuild after editing one post re-indexes one shard and copies the others.
 */
export async function indexSite(outDir: string, cacheDir: string, perShard: number, liveShards?: LiveShards): Promise<SearchIndexResult> {
  const started = performance.now();
  const pages = postPages(outDir);
  // The plan is used when the folder holds exactly the planned pages (always, after the prune).
  const live = liveShards && sameSet(liveShards.planned, pages) ? liveShards : undefined;
  const count = live ? live.count : searchShardCount(pages.length, perShard);
  const groups = live ? live.groups : groupByShard(pages, count);
  const version = pagefindVersion();
  const store = join(cacheDir, 'folio-search');
  mkdirSync(store, { recursive: true });
  const output = join(outDir, 'pagefind');
  rmSync(output, { recursive: true, force: true });

  const keys = groups.map((group, shard) => {
    const hash = createHash('sha256').update(`pagefind@${version}\0${count}\0${shard}\0`);
    for (const page of group) hash.update(page).update('\0').update(readFileSync(join(outDir, page))).update('\0');
    return hash.digest('hex').slice(0, 32);
  });
  let reused = 0;
  try {
    await Promise.all(liveShards?.chains ?? []);
    if (liveShards && !live) await Promise.all(liveShards.indexes.map(async (index) => (await index.catch(() => undefined))?.deleteIndex()));
    await Promise.all(
      groups.map(async (group, shard) => {
        const cached = join(store, keys[shard]!);
        const liveIndex = live?.indexes[shard];
        const usable = live !== undefined && !live.broken[shard];
        if (existsSync(join(cached, COMPLETE))) {
          reused += 1;
          await (await liveIndex)?.deleteIndex();
          return;
        }
        if (liveIndex && !usable) await (await liveIndex).deleteIndex();
        const index = usable ? await liveIndex! : await createIndex();
        // The pages after the last one rendered in this build, unchanged, from the folder.
        await addPages(index, outDir, usable ? group.slice(live.queued[shard]) : group);
        const partial = `${cached}.${process.pid}.tmp`;
        rmSync(partial, { recursive: true, force: true });
        const written = await index.writeFiles({ outputPath: partial });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        writeFileSync(join(partial, COMPLETE), '');
        rmSync(cached, { recursive: true, force: true });
        renameSync(partial, cached);
      }),
    );
  } finally {
    await pagefind.close();
  }

  const bundles: string[] = [];
  let indexed = 0;
  groups.forEach((_group, shard) => {
    const cached = join(store, keys[shard]!);
    const dir = searchShardDir(shard);
    const target = join(output, dir);
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(cached)) {
      if (name === COMPLETE || (shard > 0 && !SHARD_FILES.test(name))) continue;
      cpSync(join(cached, name), join(target, name), { recursive: true });
    }
    indexed += pageCount(target);
    if (shard > 0) bundles.push(dir);
  });
  writeFileSync(join(output, SHARDS_MANIFEST), `${JSON.stringify({ bundles })}\n`);

  // Shards no page maps to any more (edited, removed, or split differently).
  const current = new Set(keys);
  for (const name of readdirSync(store)) {
    if (!current.has(name) && statSync(join(store, name)).isDirectory()) rmSync(join(store, name), { recursive: true, force: true });
  }
  return { pages: indexed, shards: count, reused, whileRendering: live?.rendered ?? 0, bundles, ms: Math.round(performance.now() - started) };
}

/** A rendered page's path in the output folder, from its request URL: "posts/x/index.html". */
export function outputPathOf(url: string, base: string): string {
  let path = decodeURI(new URL(url).pathname);
  if (path.startsWith(base)) path = path.slice(base.length);
  else if (path.startsWith('/')) path = path.slice(1);
  return path.endsWith('/') || path === '' ? `${path}index.html` : path;
}

/** The output paths of post pages (and anything else under posts/) among the routes Astro will build. */
export function plannedPostPages(pathnames: readonly string[]): string[] {
  return pathnames
    .filter((pathname) => pathname.startsWith('/posts/'))
    .map((pathname) => (pathname.endsWith('/') ? `${pathname.slice(1)}index.html` : pathname.slice(1)))
    .filter((page) => page.endsWith('.html'));
}

export interface LiveSearch {
  /** The routes about to be built, in the order Astro renders them: sets up one index per shard. */
  plan(pathnames: readonly string[]): void;
  /** A page Astro just rendered; post pages go to their shard's index while the others render. */
  offer(url: string, html: () => Promise<string>): Promise<void>;
  /** Finishes the index at the end of the build (`indexSite` with the pages already added). */
  finish(outDir: string, cacheDir: string): Promise<SearchIndexResult>;
}

/**
 * Indexing while Astro renders: Pagefind runs in a process of its own, so on a cold build it
 * reads each post page on another core as soon as the page exists, instead of reading them
 * all after the last one. A page rendered in this build is preceded in its shard's index by
 * the unchanged pages planned before it, read from the output folder (Astro renders one page
 * at a time, in plan order, so they are there, left in place or restored from its cache).
 * The end of the build adds the pages after the last one rendered and writes the shards
 * (or copies unchanged ones from the cache).
 *
 * `outDir` is the output folder; pass `live: false` when pages may render out of order
 * (Astro's build.concurrency above 1): everything is then indexed at the end.
 */
export function createLiveSearch(base: string, perShard: number, outDir: string, live = true): LiveSearch {
  let shards: LiveShards | undefined;
  return {
    plan(pathnames) {
      if (!live) return;
      const pages = plannedPostPages(pathnames);
      const count = searchShardCount(pages.length, perShard);
      const groups: string[][] = Array.from({ length: count }, () => []);
      const place = new Map<string, number>();
      for (const page of pages) {
        if (place.has(page)) continue;
        const group = groups[searchShardOf(page, count)]!;
        place.set(page, group.length);
        group.push(page);
      }
      shards = {
        count,
        planned: new Set(place.keys()),
        groups,
        place,
        indexes: [],
        queued: groups.map(() => 0),
        chains: groups.map(() => Promise.resolve()),
        broken: groups.map(() => false),
        rendered: 0,
      };
      for (let shard = 0; shard < count; shard++) {
        const index = createIndex();
        index.catch(() => {}); // reported by finish
        shards.indexes.push(index);
      }
    },
    async offer(url, html) {
      const state = shards;
      if (!state) return;
      const page = outputPathOf(url, base);
      const at = state.place.get(page);
      if (at === undefined) return;
      const shard = searchShardOf(page, state.count);
      if (at < state.queued[shard]!) {
        state.broken[shard] = true; // rendered twice, or out of order
        return;
      }
      const earlier = state.groups[shard]!.slice(state.queued[shard], at);
      state.queued[shard] = at + 1;
      state.rendered += 1;
      const content = await html();
      state.chains[shard] = state.chains[shard]!.then(async () => {
        if (state.broken[shard]) return;
        const index = await state.indexes[shard]!;
        await addPages(index, outDir, earlier);
        await addPage(index, page, content);
      }).catch(() => {
        state.broken[shard] = true; // indexed again at the end, where an error is reported
      });
    },
    finish(folder, cacheDir) {
      return indexSite(folder, cacheDir, perShard, shards);
    },
  };
}
