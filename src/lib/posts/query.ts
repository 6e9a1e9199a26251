import type { Post } from './post.ts';

type Sortable = Pick<Post, 'id' | 'date'>;

/** Newest first; equal instants fall back to id so every build orders posts the same way. */
export function compareNewestFirst(a: Sortable, b: Sortable): number {
  const diff = b.date.instant.getTime() - a.date.instant.getTime();
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortNewestFirst<T extends Sortable>(posts: readonly T[]): T[] {
  return [...posts].sort(compareNewestFirst);
}

export interface Neighbours<T> {
  /** The next post in time (newer), if any. */
  newer?: T;
  /** The previous post in time (older), if any. */
  older?: T;
}

/** Previous/next links for every post, in one pass over the sorted list. */
export function buildNeighbours<T extends { id: string }>(sortedNewestFirst: readonly T[]): Map<string, Neighbours<T>> {
  const map = new Map<string, Neighbours<T>>();
  sortedNewestFirst.forEach((post, i) => {
    const entry: Neighbours<T> = {};
    const newer = sortedNewestFirst[i - 1];
    const older = sortedNewestFirst[i + 1];
    if (newer) entry.newer = newer;
    if (older) entry.older = older;
    map.set(post.id, entry);
  });
  return map;
}
