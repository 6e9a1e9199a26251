import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { groupByShard, isSearchShardDir, searchShardCount, searchShardDir } from '../lib/search-shards.ts';
import { reportCacheDamage } from './cache-damage.ts';
import { filesUnder } from './output-mirror.ts';
import { pruneBundle, readBundle, seedBundle, untrusted, type BundleIndex } from './pagefind-files.ts';
import { readPlacement, writePlacement } from './output-prune.ts';

export interface SearchIndexResult {
  /** Posts in the index, over every shard. */
  pages: number;
  shards: number;
  /** Shards taken from the cache, unchanged since the last build. */
  reused: number;
  /** Files of the shards indexed again that Pagefind found in place from their last version, and did not write again. */
  kept: number;
  /** Shard folders inside pagefind/ (e.g. "shard-1/"), besides the main bundle. */
  bundles: string[];
  ms: number;
}

/** Lists the extra shard bundles for the search page; written into pagefind/. */
export const SHARDS_MANIFEST = 'folio-shards.json';
/** What a secondary shard needs in the browser (the main bundle brings the code and wasm). */
const SHARD_FILES = /^(pagefind-entry\.json|.*\.pf_meta|fragment|index|filter)$/;
/** Marks a cached shard as whole (see `ShardMark`). */
const COMPLETE = '.complete';

/**
 * What a cached shard's mark holds: which shard it is, for the shard's next version to start
 * from (see `lastVersion`), and the size of each of its files, so that a shard restored
 * half-saved (a CI cache cut short) is not published or built on.
 */
interface ShardMark {
  shard: number;
  shards: number;
  /** The Pagefind that wrote it: another one's files are not started from. */
  pagefind: string;
  sizes: Record<string, number>;
}

/** Every file under `dir` but the mark, by path inside it, with its size. */
function fileSizes(dir: string): Record<string, number> {
  return Object.fromEntries(
    filesUnder(dir)
      .filter((path) => path !== COMPLETE)
      .map((path) => [path, statSync(join(dir, path)).size]),
  );
}

/**
 * A cached shard's mark; `old` for the empty mark of an earlier Folio (the shard is indexed
 * again, quietly), `damaged` for one that does not read or a file that is missing or of
 * another size than written, `missing` when there is none.
 */
function readMark(dir: string): ShardMark | 'old' | 'damaged' | 'missing' {
  let text: string;
  try {
    text = readFileSync(join(dir, COMPLETE), 'utf8');
  } catch {
    return 'missing';
  }
  if (text === '') return 'old';
  try {
    const mark = JSON.parse(text) as Partial<ShardMark>;
    if (typeof mark.shard !== 'number' || typeof mark.shards !== 'number' || typeof mark.pagefind !== 'string' || !mark.sizes || typeof mark.sizes !== 'object') return 'damaged';
    return mark as ShardMark;
  } catch {
    return 'damaged';
  }
}

/** Whether every file a mark lists is in `dir` at the size it was written. */
const intact = (dir: string, mark: ShardMark): boolean => Object.entries(mark.sizes).every(([path, size]) => statSync(join(dir, path), { throwIfNoEntry: false })?.size === size);
/** Shards Pagefind indexes at the same time. */
const SHARDS_AT_ONCE = 2;

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

/**
 * Post pages under posts/ (the only pages with a data-pagefind-body), as paths in the output
 * folder: every posts/.../index.html but the redirect pages (`skip`) kept there.
 */
export function postPages(outDir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const root = join(outDir, 'posts');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => `posts/${file.split('\\').join('/')}`)
    .filter((file) => file.endsWith('/index.html') && !skip.has(file));
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/** Left out of the index unless the site's `searchCode` is on: code blocks (Folio's and raw <pre>). */
export const CODE_SELECTORS = ['.code-block', 'pre'];
/** Left out of indexed code: the +/− signs of a diff's lines, which are not the code's. */
export const CODE_DECORATION_SELECTORS = ['.diff-sign'];

async function createIndex(searchCode: boolean): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: searchCode ? CODE_DECORATION_SELECTORS : CODE_SELECTORS });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/** Paths a Pagefind glob can list verbatim (no glob syntax in them). */
const GLOB_SAFE = /^[^{}[\]*?,!\\]+$/;

/**
 * Adds pages from the output folder to an index. Pagefind reads the files itself (in
 * parallel, and about twice as fast as pages sent over its pipe) and its index does not
 * depend on the order they are listed in; the few names a glob cannot hold go one by one,
 * in sorted order, after them.
 */
async function addPages(index: PagefindIndex, outDir: string, pages: readonly string[]): Promise<void> {
  const plain = pages.filter((page) => GLOB_SAFE.test(page));
  const odd = pages.filter((page) => !GLOB_SAFE.test(page)).sort();
  if (plain.length > 0) {
    const glob = plain.length === 1 ? plain[0]! : `{${plain.join(',')}}`;
    const added = await index.addDirectory({ path: outDir, glob });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
  }
  for (const page of odd) {
    const added = await index.addHTMLFile({ sourcePath: page, content: readFileSync(join(outDir, page), 'utf8') });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page}: ${added.errors.join('; ')}`);
  }
}

/** The pages in a Pagefind bundle, from its entry file; undefined when that file is missing or does not read. */
function readPageCount(bundle: string): number | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const count = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return Number.isFinite(count) ? count : undefined;
  } catch {
    return undefined;
  }
}

/** Where the digests of the post pages in an output folder are remembered between builds. */
const DIGESTS = 'pages.json';

type PageStamp = [size: number, mtimeMs: number, ino: number, digest: string];

/**
 * A digest of each page's bytes. The output folder is kept between builds, and a page the
 * build left in place keeps its size, modification time and inode, so its digest from the
 * last build (recorded per output folder) is taken instead of reading and hashing it again;
 * a page written by this build, or touched by anything else, is read and hashed.
 */
export function pageDigests(outDir: string, file: string, pages: readonly string[]): Map<string, string> {
  const before = new Map(Object.entries(readPlacement<Record<string, PageStamp>>(file, outDir) ?? {}));
  const now: Record<string, PageStamp> = {};
  const digests = new Map<string, string>();
  for (const page of pages) {
    const path = join(outDir, page);
    const { size, mtimeMs, ino } = statSync(path);
    const known = before.get(page);
    const digest = known && known[0] === size && known[1] === mtimeMs && known[2] === ino ? known[3] : createHash('sha256').update(readFileSync(path)).digest('base64');
    now[page] = [size, mtimeMs, ino, digest];
    digests.set(page, digest);
  }
  writePlacement(file, outDir, now);
  return digests;
}

/**
 * The cached bundle of the same shard (same number, same count) that is not among this
 * build's `keys`: the shard's last version, which its new version starts from (see
 * src/integrations/pagefind-files.ts). Undefined when there is none.
 */
function lastVersion(store: string, keys: readonly string[], shard: number, shards: number, version: string): { dir: string; mark: ShardMark; index: BundleIndex } | undefined {
  const live = new Set(keys);
  for (const name of readdirSync(store).sort()) {
    if (live.has(name) || name.endsWith('.tmp') || !statSync(join(store, name), { throwIfNoEntry: false })?.isDirectory()) continue;
    const mark = readMark(join(store, name));
    if (typeof mark !== 'object' || mark.shard !== shard || mark.shards !== shards || mark.pagefind !== version) continue;
    try {
      return { dir: join(store, name), mark, index: readBundle(join(store, name)) };
    } catch {
      return undefined; // its metadata does not read: not a starting point
    }
  }
  return undefined;
}

/** Where the record of which cached shard each bundle in an output folder's pagefind/ came from is kept. */
const PLACED = 'placed.json';

/**
 * Puts each shard's bundle into `<outDir>/pagefind/` from the cache. The output folder is
 * kept between builds, so a bundle already there from the same cached shard stays; the
 * others are replaced whole (shard 0, the main bundle, is every entry but the other shards'
 * folders), and folders of shards that no longer exist go.
 */
function placeShards(output: string, store: string, keys: readonly string[], placed: readonly (string | undefined)[]): { bundles: string[]; indexed: number } {
  mkdirSync(output, { recursive: true });
  const dirs = keys.map((_key, shard) => searchShardDir(shard).replace(/\/$/, '')); // "" for the main bundle
  const current = keys.map((key, shard) => placed[shard] === key && readPageCount(join(output, dirs[shard]!)) !== undefined);
  for (const name of readdirSync(output)) {
    const shard = dirs.indexOf(name);
    const isShardDir = isSearchShardDir(name);
    if (isShardDir ? shard === -1 || !current[shard] : !current[0]) rmSync(join(output, name), { recursive: true, force: true });
  }
  const bundles: string[] = [];
  let indexed = 0;
  keys.forEach((key, shard) => {
    const target = join(output, dirs[shard]!);
    if (!current[shard]) {
      const cached = join(store, key);
      mkdirSync(target, { recursive: true });
      for (const name of readdirSync(cached)) {
        if (name === COMPLETE || (shard > 0 && !SHARD_FILES.test(name))) continue;
        cpSync(join(cached, name), join(target, name), { recursive: true });
      }
    }
    indexed += readPageCount(target) ?? 0;
    if (shard > 0) bundles.push(searchShardDir(shard));
  });
  return { bundles, indexed };
}

/**
 * Builds the Pagefind index of a finished site into `<outDir>/pagefind/`. Only elements
 * marked data-pagefind-body (post articles) are indexed, so navigation, lists and tag pages
 * stay out of results; `skip` lists redirect pages under posts/, which are not read at all.
 *
 * Large sites are indexed in shards (src/lib/search-shards.ts). Each shard is cached in
 * `<cacheDir>/folio-search/` under a hash of its pages' bytes and Pagefind's
 * version, so a rebuild after editing one post re-indexes one shard and copies the others.
 */
export interface SearchOptions {
  /** Posts per shard (the site's `searchShardPosts`). */
  perShard: number;
  /** Whether code blocks are indexed (the site's `searchCode`). */
  searchCode: boolean;
  /** Pages under posts/ that are not posts (redirect pages), as paths in the output folder. */
  skip?: ReadonlySet<string> | undefined;
  /**
   * Called once Pagefind has been asked for the pages of every shard it indexes first (or
   * when there is nothing to index): from then on it works on its own, and the build's main
   * thread can be busy without holding it up.
   */
  onStarted?: (() => void) | undefined;
}

export async function indexSite(outDir: string, cacheDir: string, { perShard, searchCode, skip, onStarted }: SearchOptions): Promise<SearchIndexResult> {
  const started = performance.now();
  const pages = postPages(outDir, skip);
  const count = searchShardCount(pages.length, perShard);
  const groups = groupByShard(pages, count);
  const version = pagefindVersion();
  const store = join(cacheDir, 'folio-search');
  mkdirSync(store, { recursive: true });
  const output = join(outDir, 'pagefind');
  // What the output folder holds from the last build (see `placeShards`); forgotten until
  // this build has put its own shards there.
  const placedFile = join(store, PLACED);
  const recorded = readPlacement<string[]>(placedFile, outDir);
  const placed = recorded?.length === count ? recorded : [];
  rmSync(placedFile, { force: true });

  const digests = pageDigests(outDir, join(store, DIGESTS), pages);
  const keys = groups.map((group, shard) => {
    const hash = createHash('sha256').update(`pagefind@${version}\0${count}\0${shard}\0code:${searchCode}\0`);
    for (const page of group) hash.update(page).update('\0').update(digests.get(page)!).update('\0');
    return hash.digest('hex').slice(0, 32);
  });
  let reused = 0;
  let kept = 0;
  const missing = groups.flatMap((group, shard) => {
    const cached = join(store, keys[shard]!);
    const mark = readMark(cached);
    if (mark === 'missing' || mark === 'old') return [{ group, shard }];
    // A shard restored half-saved (a file missing, cut short, or an entry that does not read) is indexed again.
    if (mark === 'damaged' || !intact(cached, mark) || readPageCount(cached) === undefined) {
      reportCacheDamage(join(cached, 'pagefind-entry.json'));
      return [{ group, shard }];
    }
    reused += 1;
    return [];
  });
  // Shards asked for their pages, of the first few (see `onStarted`).
  const first = Math.min(SHARDS_AT_ONCE, missing.length);
  let asked = 0;
  if (first === 0) onStarted?.();
  try {
    // A few shards at a time, each index dropped from Pagefind's memory once written: all at
    // once held every post's index in its process together (~600 MB at 5,000 posts), for no gain.
    let next = 0;
    const indexShards = async () => {
      for (let todo = missing[next++]; todo; todo = missing[next++]) {
        const cached = join(store, keys[todo.shard]!);
        const index = await createIndex(searchCode);
        const adding = addPages(index, outDir, todo.group);
        adding.catch(() => {}); // awaited below; an error before then is not left unhandled
        if (++asked === first) onStarted?.();
        // While Pagefind reads the pages: the shard's last version put in place, so that
        // Pagefind writes only what changed (src/integrations/pagefind-files.ts).
        const partial = `${cached}.${process.pid}.tmp`;
        rmSync(partial, { recursive: true, force: true });
        const last = lastVersion(store, keys, todo.shard, count, version);
        const seeded = last ? seedBundle(last.dir, partial, last.mark.sizes) : [];
        await adding;
        const write = async () => {
          const written = await index.writeFiles({ outputPath: partial });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        };
        await write();
        if (last && seeded.length > 0) {
          // Files whose names may have moved to another content are written again; then what the new index does not name goes.
          const doubtful = untrusted(partial, seeded, last.index);
          if (doubtful && doubtful.length > 0) await write();
          const wanted = doubtful && pruneBundle(partial);
          if (wanted) {
            kept += seeded.filter((file) => wanted.has(file) && !doubtful.includes(file)).length;
          } else {
            // metadata this code cannot read (another Pagefind's layout): written afresh
            rmSync(partial, { recursive: true, force: true });
            await write();
          }
        }
        await index.deleteIndex();
        writeFileSync(join(partial, COMPLETE), JSON.stringify({ shard: todo.shard, shards: count, pagefind: version, sizes: fileSizes(partial) } satisfies ShardMark));
        rmSync(cached, { recursive: true, force: true });
        renameSync(partial, cached);
      }
    };
    await Promise.all(Array.from({ length: first }, indexShards));
  } finally {
    if (asked < first) onStarted?.(); // Pagefind failed to start: the error is the caller's to see
    await pagefind.close();
  }

  const { bundles, indexed } = placeShards(output, store, keys, placed);
  writeFileSync(join(output, SHARDS_MANIFEST), `${JSON.stringify({ bundles })}\n`);
  writePlacement(placedFile, outDir, keys);

  // Shards no page maps to any more (edited, removed, or split differently).
  const live = new Set(keys);
  for (const name of readdirSync(store)) {
    if (!live.has(name) && statSync(join(store, name)).isDirectory()) rmSync(join(store, name), { recursive: true, force: true });
  }
  return { pages: indexed, shards: count, reused, kept, bundles, ms: Math.round(performance.now() - started) };
}
