/**
 * The last build's output, kept in the cache folder as hard links (no second copy of the
 * bytes), so a deploy that restores only the cache folder into a fresh checkout (an empty
 * `dist/`) starts from the last output, as a rebuild in place does: unchanged pages, cards,
 * search shards and files stay, instead of every page being copied back from Astro's cache
 * one by one (11 s at 5,000 posts) and every card and shard after them.
 *
 * Linking, not copying: at the end of a build the mirror is brought up to date by linking
 * each output file that is not already linked, and removing what the output no longer has.
 * Where links cannot be made (the cache folder on another file system), there is no mirror.
 *
 * The links sit in one flat folder, named by a hash of their path: making the output's
 * thousands of folders a second time is most of what a mirror would cost (creating a folder is
 * as dear as creating a file, and dearer on a disk that just deleted many).
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { reportCacheDamage } from './cache-damage.ts';

export const MIRROR = 'folio-output';
/**
 * The output folder the mirror was saved from, and each file's size: a file restored
 * half-saved is not put back.
 */
const RECORD = 'folio-output.json';
interface MirrorRecord {
  outDir: string;
  sizes: Record<string, number>;
}

function readRecord(cacheDir: string): MirrorRecord | undefined {
  const file = join(cacheDir, RECORD);
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<MirrorRecord>;
    if (typeof record.outDir === 'string' && record.sizes && typeof record.sizes === 'object') return record as MirrorRecord;
  } catch {
    // missing or unreadable
  }
  if (existsSync(file)) reportCacheDamage(file);
  return undefined;
}

/** A file's name in the mirror: its path in the output, hashed. */
const linkName = (file: string): string => createHash('sha256').update(file).digest('base64url').slice(0, 32);

/** Every file under `dir`, relative to it with "/" separators; `skip` names top-level entries left out. */
export function filesUnder(dir: string, skip: readonly string[] = []): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const top of readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(top.name)) continue;
    if (top.isFile()) found.push(top.name);
    else if (top.isDirectory()) found.push(...inside(dir, top.name));
  }
  return found;
}

/** The files under `dir/top` (a folder), as paths relative to `dir`. */
function inside(dir: string, top: string): string[] {
  return readdirSync(join(dir, top), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * Fills an empty or missing output folder from the mirror in `cacheDir`, by hard links, when
 * it is the folder the mirror was saved from (a fresh checkout at the same path). Another
 * output folder built from the same cache gets nothing: Astro writes pages in place, and a link
 * shared with a folder that still exists would change it too. Returns how many files it put
 * there (0 when the folder already had files, there is no mirror for it, or links cannot be made).
 */
export function restoreOutput(outDir: string, cacheDir: string): number {
  const mirror = join(cacheDir, MIRROR);
  if (!existsSync(mirror) || (existsSync(outDir) && readdirSync(outDir).length > 0)) return 0;
  const record = readRecord(cacheDir);
  if (!record || record.outDir !== resolve(outDir)) return 0;
  const made = new Set<string>();
  let restored = 0;
  for (const [file, size] of Object.entries(record.sizes)) {
    const link = join(mirror, linkName(file));
    const saved = statSync(link, { throwIfNoEntry: false });
    if (!saved) continue;
    // A file of another size than it was saved at (a cache saved halfway) is left to the build.
    if (saved.size !== size) {
      reportCacheDamage(link);
      continue;
    }
    const target = join(outDir, file);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(link, target);
      restored += 1;
    } catch {
      // No links here (another file system, a read-only cache): leave what was made to the
      // build, which renders or copies back whatever is missing.
      return restored;
    }
  }
  return restored;
}

/**
 * Brings the mirror up to date with `outDir`: links what is new or changed (a file written
 * anew has a new inode), removes what the output no longer has. Returns false, and removes the
 * mirror, when links cannot be made.
 */
export function saveOutput(outDir: string, cacheDir: string): boolean {
  return startSavingOutput(outDir, cacheDir, [])();
}

/**
 * `saveOutput` in two steps, so that the end of a build can link most of its output while
 * the last of it is still being written: now, every file but those under the top-level
 * entries `later` names (a folder or a file); then, in the step returned, those, and the
 * removal of what the output no longer has.
 */
export function startSavingOutput(outDir: string, cacheDir: string, later: readonly string[]): () => boolean {
  const mirror = join(cacheDir, MIRROR);
  const sizes: Record<string, number> = {};
  const linked = new Set<string>();
  const fail = () => {
    rmSync(mirror, { recursive: true, force: true });
    rmSync(join(cacheDir, RECORD), { force: true });
    return false;
  };
  const link = (list: readonly string[]) => {
    for (const file of list) {
      const name = linkName(file);
      const source = join(outDir, file);
      const target = join(mirror, name);
      const here = statSync(source);
      sizes[file] = here.size;
      linked.add(name);
      const there = statSync(target, { throwIfNoEntry: false });
      if (there && there.ino === here.ino && there.dev === here.dev) continue;
      if (there) unlinkSync(target);
      linkSync(source, target);
    }
  };
  try {
    // Until the second step writes it anew, no record: a build that fails between the steps
    // leaves a mirror that no longer matches the last record, and nothing is restored from it.
    rmSync(join(cacheDir, RECORD), { force: true });
    mkdirSync(mirror, { recursive: true });
    // a mirror saved by an older Folio held the output's folders
    for (const entry of readdirSync(mirror, { withFileTypes: true })) if (entry.isDirectory()) rmSync(join(mirror, entry.name), { recursive: true, force: true });
    link(filesUnder(outDir, later));
  } catch {
    return fail;
  }
  return () => {
    try {
      for (const top of later) {
        const entry = statSync(join(outDir, top), { throwIfNoEntry: false });
        if (entry?.isFile()) link([top]);
        else if (entry?.isDirectory()) link(inside(outDir, top));
      }
      // what the output no longer has goes
      for (const name of readdirSync(mirror)) if (!linked.has(name)) unlinkSync(join(mirror, name));
      writeFileSync(join(cacheDir, RECORD), JSON.stringify({ outDir: resolve(outDir), sizes } satisfies MirrorRecord));
      return true;
    } catch {
      return fail();
    }
  };
}
