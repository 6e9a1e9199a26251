import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportCacheDamage } from '../integrations/cache-damage.ts';

/**
 * Rendered post bodies, kept out of Astro's content store.
 *
 * Astro inlines the whole content store into the build's server bundle as one JavaScript
 * string (`export default JSON.parse("…")`): with every post's HTML in it, that module was
 * 100+ MB at 5,000 posts, and Node spent ~20 s compiling it and held it in memory for the
 * whole build. Folio's loader moves each rendered body into a file of its own in the cache
 * folder (named by the hash of its HTML), keeps only the file name in the entry's render
 * metadata, and the post page reads the file when it renders that post.
 *
 * The folder sits next to Astro's data store in `cacheDir`, so clearing the cache clears
 * both; an entry whose file has gone missing is rendered again at the next content sync.
 */

/** Key in `entry.rendered.metadata` that holds the body's file name. */
export const BODY_FILE_KEY = 'folioBodyFile';
/** Key in `entry.rendered.metadata` that holds the body file's size in bytes (a damaged file is rendered anew). */
export const BODY_SIZE_KEY = 'folioBodySize';
const DIR_KEY = Symbol.for('folio.bodyStoreDir');
type Holder = { [DIR_KEY]?: string };

export interface RenderedLike {
  html: string;
  metadata?: Record<string, unknown>;
}

/** The folder of body files for a cache folder. */
export function bodyStoreDir(cacheDir: string): string {
  return join(cacheDir, 'folio-bodies');
}

/** Set by the loader at content sync; read by pages at render time (same process). */
export function setActiveBodyStore(dir: string): void {
  (globalThis as Holder)[DIR_KEY] = dir;
}

function activeBodyStore(): string {
  const dir = (globalThis as Holder)[DIR_KEY];
  if (!dir) throw new Error('Folio: post bodies are read before the content was synced (no body store folder is set).');
  return dir;
}

/** The body file an entry's rendered content points to, if its HTML was moved out. */
export function bodyFileOf(rendered: RenderedLike | undefined): string | undefined {
  const name = rendered?.metadata?.[BODY_FILE_KEY];
  return typeof name === 'string' ? name : undefined;
}

export interface BodyStore {
  readonly dir: string;
  /**
   * Moves `rendered.html` into the folder (written once per distinct HTML) and returns the
   * rendered content without it. Raw frontmatter copies are dropped too: the schema's parsed
   * data is what pages use. During content sync the file is written in the background (see
   * `flush`); after it, at once.
   */
  stash(rendered: RenderedLike): RenderedLike;
  /** Whether an entry points to a body file that is not there, or not whole (false for entries that point to none). */
  missing(rendered: RenderedLike | undefined): boolean;
  /** Waits for the background writes, and writes at once from then on (dev edits). */
  flush(): Promise<void>;
  /** Deletes body files no entry points to any more (edited or removed posts); returns how many. */
  prune(keep: ReadonlySet<string>): number;
}

export function createBodyStore(dir: string): BodyStore {
  mkdirSync(dir, { recursive: true });
  const present = new Set(readdirSync(dir));
  let writes: Promise<void>[] = [];
  let background = true;
  return {
    dir,
    stash(rendered) {
      if (!rendered.html) return rendered;
      const name = `${createHash('sha256').update(rendered.html).digest('hex').slice(0, 32)}.html`;
      if (!present.has(name)) {
        present.add(name);
        if (background) writes.push(writeFile(join(dir, name), rendered.html));
        else writeFileSync(join(dir, name), rendered.html);
      }
      const { frontmatter: _frontmatter, ...metadata } = rendered.metadata ?? {};
      return { html: '', metadata: { ...metadata, [BODY_FILE_KEY]: name, [BODY_SIZE_KEY]: Buffer.byteLength(rendered.html) } };
    },
    missing(rendered) {
      const name = bodyFileOf(rendered);
      if (name === undefined) return false;
      if (!present.has(name)) return true;
      // A cache restored half-saved can hold a cut-off body: its size tells.
      const size = rendered?.metadata?.[BODY_SIZE_KEY];
      if (typeof size === 'number' && statSync(join(dir, name), { throwIfNoEntry: false })?.size !== size) {
        reportCacheDamage(join(dir, name));
        present.delete(name);
        return true;
      }
      return false;
    },
    async flush() {
      const pending = writes;
      writes = [];
      background = false;
      await Promise.all(pending);
    },
    prune(keep) {
      let removed = 0;
      for (const name of [...present]) {
        if (!keep.has(name)) {
          rmSync(join(dir, name), { force: true });
          present.delete(name);
          removed += 1;
        }
      }
      return removed;
    },
  };
}

/** The rendered content with its HTML read back from the store, ready for Astro's render(). */
export function restoreBody<T extends RenderedLike>(rendered: T): T {
  const name = bodyFileOf(rendered);
  if (name === undefined) return rendered;
  const file = join(activeBodyStore(), name);
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Folio: the rendered body ${file} is missing. Run the build again (content sync renders it anew).`);
  }
  return { ...rendered, html };
}
