import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { reportCacheDamage } from './cache-damage.ts';

/**
 * The output folder is kept between builds (Astro would empty it and then copy every
 * unchanged page back from its incremental cache: at 5,000 posts, 6 s to delete and as
 * long again to copy). What a build did not produce is removed at its end instead, so a
 * page, card or feed of a post that was deleted or turned back into a draft cannot
 * outlive the build that dropped it.
 *
 * A file stays when the build listed it (its routes' output files, which include the
 * unchanged pages Astro left in place, and Folio's social cards) or wrote it after the
 * build started (scripts, styles, images, public files, headers). `.git` is left alone,
 * as Astro's own emptying does, and so are folders whose writer keeps them up to date (the
 * search index replaces the shards that changed).
 */

/** A file's path in the output folder, with "/" separators: "posts/x/index.html". */
export function outputPath(outDir: string, file: string): string {
  return relative(outDir, file).split(sep).join('/');
}

/**
 * What a writer put into an output folder at the last build (cards, search shards), as it
 * recorded it in the cache: undefined when there is no record, or it is for another folder.
 * What it lists is in place unless something other than a build changed the folder.
 */
export function readPlacement<T>(file: string, outDir: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // none yet: everything is put in place
  }
  try {
    const record = JSON.parse(text) as { outDir: string; placed: T };
    if (record && typeof record === 'object' && 'placed' in record) return record.outDir === outDir ? record.placed : undefined;
  } catch {
    // unreadable: reported below, and everything is put in place again
  }
  reportCacheDamage(file);
  return undefined;
}

export function writePlacement(file: string, outDir: string, placed: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ outDir, placed }));
}

/** Marks the start of a build: files written after it have an mtime at or after the one returned. */
export function markBuildStart(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, 'folio-build-started');
  writeFileSync(marker, `${process.pid}\n`);
  // The file system's clock, not Date.now(): file times are taken from a coarser clock.
  return statSync(marker).mtimeMs;
}

export interface PruneOptions {
  /** Paths relative to the output folder, with "/" separators, that the build produced. */
  keep: ReadonlySet<string>;
  /** Files modified at or after this time (ms, as `markBuildStart` returns) were written by this build. */
  since: number;
  /** Folders (relative, ending in "/") whose writer keeps them up to date itself: left alone. */
  keepUnder?: readonly string[];
}

/** Deletes stale files from `outDir` (and folders left empty); returns the deleted paths, relative, sorted. */
export function pruneStaleOutput(outDir: string, { keep, since, keepUnder = [] }: PruneOptions): string[] {
  const removed: string[] = [];
  const walk = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (dir === outDir && entry.name === '.git') {
        empty = false;
        continue;
      }
      const rel = outputPath(outDir, path);
      if (entry.isDirectory()) {
        if (keepUnder.includes(`${rel}/`)) empty = false;
        else if (walk(path)) rmdirSync(path);
        else empty = false;
        continue;
      }
      if (keep.has(rel) || statSync(path).mtimeMs >= since) {
        empty = false;
        continue;
      }
      unlinkSync(path);
      removed.push(rel);
    }
    return empty;
  };
  try {
    walk(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return removed.sort();
}
