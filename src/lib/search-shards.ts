/**
 * How the search index is split. Pagefind cannot update an index in place, so a large site's
 * index is built in shards: each post page belongs to one shard (by a hash of its path, so it
 * stays put as the site grows), and a rebuild re-indexes only the shards whose pages changed.
 * The search page merges the shards in the browser (Pagefind's mergeIndex).
 */

/** At most this many shards (each is one more small request per search in the browser). */
export const MAX_SEARCH_SHARDS = 16;

/**
 * Shards for a number of post pages, aiming at `perShard` posts in each (the site's
 * `searchShardPosts`, 2,000 by default): a power of two, so the split changes only as the site
 * doubles; one shard up to `perShard` posts; at most 16.
 */
export function searchShardCount(pages: number, perShard: number): number {
  const wanted = Math.ceil(pages / Math.max(1, perShard));
  let count = 1;
  while (count < wanted && count < MAX_SEARCH_SHARDS) count *= 2;
  return count;
}

/** The shard of a page (its path in the output folder): FNV-1a over the path, modulo the count. */
export function searchShardOf(path: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** Where a shard's bundle sits inside the pagefind/ folder: shard 0 is the main bundle. */
export function searchShardDir(shard: number): string {
  return shard === 0 ? '' : `shard-${shard}/`;
}

/** Whether a folder name inside pagefind/ is a secondary shard's (what `searchShardDir` names). */
export function isSearchShardDir(name: string): boolean {
  return /^shard-[1-9]\d*$/.test(name);
}

/** Groups page paths by shard (each group sorted), for `count` shards. */
export function groupByShard(paths: readonly string[], count: number): string[][] {
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (const path of paths) groups[searchShardOf(path, count)]!.push(path);
  for (const group of groups) group.sort();
  return groups;
}
