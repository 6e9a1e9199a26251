import type { DateParts } from './dates.ts';

export interface ArchiveMonth<P> {
  /** 1-12 */
  month: number;
  posts: P[];
}

export interface ArchiveYear<P> {
  year: number;
  months: ArchiveMonth<P>[];
}

/**
 * Groups posts by the calendar year and month the author dated them, newest group first.
 * Within a month, posts keep the order they were given in (pass them sorted newest first).
 * One pass over the posts; only the groups are sorted.
 */
export function groupByYearMonth<P extends { date: DateParts }>(posts: readonly P[]): ArchiveYear<P>[] {
  const years = new Map<number, Map<number, P[]>>();
  for (const post of posts) {
    const year = Number(post.date.day.slice(0, 4));
    const month = Number(post.date.day.slice(5, 7));
    let months = years.get(year);
    if (!months) years.set(year, (months = new Map<number, P[]>()));
    let list = months.get(month);
    if (!list) months.set(month, (list = []));
    list.push(post);
  }
  return [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, months]) => ({
      year,
      months: [...months.entries()].sort((a, b) => b[0] - a[0]).map(([month, list]) => ({ month, posts: list })),
    }));
}
