import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isAstroBuild } from './mode.ts';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: 'regular' | 'last-resort' }) => void;

let collector: Gc | undefined;

/** V8's `gc()`: the one `--expose-gc` gives, or one taken from a fresh context with the flag set for that moment. */
function gc(): Gc {
  if (collector) return collector;
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed) return (collector = exposed);
  setFlagsFromString('--expose-gc');
  try {
    collector = runInNewContext('gc') as Gc;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collector;
}

// What the pages hold for the length of a build (the feeds' HTML of every post): the pages'
// bundled modules register it, the integration lets it go once they are written.
const RELEASES = Symbol.for('folio.releaseAtBuildEnd');
type Holder = { [RELEASES]?: Set<() => void> };

/**
 * Lets `release` run when the pages of `astro build` are written (see releaseMemory): for a
 * cache that serves every page of a build and none after. Outside a build, nothing.
 */
export function releaseAtBuildEnd(release: () => void): void {
  if (!isAstroBuild()) return;
  ((globalThis as Holder)[RELEASES] ??= new Set()).add(release);
}

/** Below this much heap, what a collection gives back is not worth its time (~200 ms at 100 posts, whose heap reaches ~290 MiB; 1,000 posts reach 420-450 MiB). */
export const RELEASE_HEAP_BYTES = 352 * 1024 * 1024;

/**
 * Lets go what the pages held (releaseAtBuildEnd), then, when the heap has grown past
 * `minHeapBytes`, gives its free pages back to the system: a full collection that also
 * shrinks the heap, as V8 does when memory runs low. V8 keeps the pages a build's garbage
 * filled (about 300 MB of a 430 MB heap at 1,000 posts) until it needs them again; the search
 * indexer, a process of its own started at the end of the build, would otherwise use its
 * memory on top of them. Costs 200-300 ms; returns how many bytes of heap were given back.
 */
export function releaseMemory(minHeapBytes = RELEASE_HEAP_BYTES): number {
  const releases = (globalThis as Holder)[RELEASES];
  delete (globalThis as Holder)[RELEASES];
  for (const release of releases ?? []) release();
  const before = process.memoryUsage().heapTotal;
  if (before < minHeapBytes) return 0;
  gc()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return Math.max(0, before - process.memoryUsage().heapTotal);
}
