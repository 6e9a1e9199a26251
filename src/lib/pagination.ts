export interface Page<T> {
  items: T[];
  /** 1-based page number. */
  number: number;
  /** Number of pages in the list (at least 1, so an empty list still has its first page). */
  total: number;
}

/** Splits a list into pages of `size`. An empty list yields one empty page. */
export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => ({
    items: items.slice(i * size, (i + 1) * size),
    number: i + 1,
    total,
  }));
}

export interface HomePage<T> extends Page<T> {
  /** Pinned posts, shown in a group above the list on the first page; empty on the others. */
  pinned: T[];
}

/**
 * The home page's pages. Pinned posts are taken out of the list and shown together on the
 * first page, above it, in the order given (newest first); the list pages paginate the
 * other posts, `size` a page. So every post is on exactly one home page, and the first page
 * holds `size` posts plus the pinned ones.
 */
export function paginateHome<T extends { pinned: boolean }>(sortedNewestFirst: readonly T[], size: number): HomePage<T>[] {
  const pinned: T[] = [];
  const rest: T[] = [];
  for (const post of sortedNewestFirst) (post.pinned ? pinned : rest).push(post);
  return paginate(rest, size).map((page) => ({ ...page, pinned: page.number === 1 ? pinned : [] }));
}
