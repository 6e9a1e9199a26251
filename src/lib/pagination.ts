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
