/**
 * A cache folder restored on a deploy can be damaged (a CI cache saved halfway, a full
 * disk): whatever reads it treats a damaged file as missing, makes it again, and reports it
 * here; the end of the build says so once. Shared through globalThis: the content loader and
 * the integration are loaded as separate module instances.
 */
import { relative } from 'node:path';

const KEY = Symbol.for('folio.cacheDamage');
type Holder = { [KEY]?: Set<string> };

const damaged = (): Set<string> => ((globalThis as Holder)[KEY] ??= new Set());

/** Notes a damaged cache file (a path, or a short description). */
export function reportCacheDamage(what: string): void {
  damaged().add(what);
}

const KINDS: [RegExp, string, string][] = [
  [/\.jpg$/, 'social card', 'social cards'],
  [/pagefind-entry\.json$/, 'search shard', 'search shards'],
  [/folio-bodies[\\/]/, 'post body', 'post bodies'],
  [/\.json$/, 'record', 'records'],
];

/** The one warning for this build's damaged cache files (undefined when there were none); forgets them. */
export function takeCacheDamage(): string | undefined {
  const all = [...damaged()].sort();
  damaged().clear();
  if (all.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const file of all) {
    const kind = KINDS.find(([pattern]) => pattern.test(file));
    const key = kind ? kind[1] : 'other file';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = [...KINDS.map(([, one]) => one), 'other file'];
  const kinds = [...counts]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([one, n]) => `${n} ${n === 1 ? one : (KINDS.find(([, o]) => o === one)?.[2] ?? `${one}s`)}`)
    .join(', ');
  const shown =
    all
      .slice(0, 3)
      .map((file) => relative(process.cwd(), file))
      .join(', ') + (all.length > 3 ? `, and ${all.length - 3} more` : '');
  return `${all.length} damaged file${all.length === 1 ? '' : 's'} in the cache folder (${kinds}) ${all.length === 1 ? 'was' : 'were'} ignored and made again: ${shown}`;
}
