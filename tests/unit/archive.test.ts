import { describe, expect, it } from 'vitest';
import { groupByYearMonth } from '../../src/lib/archive';
import { sortNewestFirst } from '../../src/lib/posts/query';
import { makePost } from '../helpers/posts';

describe('groupByYearMonth', () => {
  it('groups by calendar year and month, newest first', () => {
    const posts = sortNewestFirst([
      makePost('a', { date: '2023-12-31' }),
      makePost('b', { date: '2024-01-01' }),
      makePost('c', { date: '2024-01-15' }),
      makePost('d', { date: '2024-03-03' }),
      makePost('e', { date: '2021-06-01' }),
    ]);
    const years = groupByYearMonth(posts);
    expect(years.map((y) => [y.year, y.months.map((m) => [m.month, m.posts.map((p) => p.id)])])).toEqual([
      [
        2024,
        [
          [3, ['d']],
          [1, ['c', 'b']],
        ],
      ],
      [2023, [[12, ['a']]]],
      [2021, [[6, ['e']]]],
    ]);
  });

  it('files a post by the day written, not the UTC day of its instant', () => {
    // 23:30 on 31 January in Los Angeles is already February in UTC.
    const post = makePost('late', { date: '2024-01-31T23:30:00-08:00' });
    expect(groupByYearMonth([post])[0]?.months[0]?.month).toBe(1);
  });

  it('never splits a month in two, even when offsets interleave instants', () => {
    const posts = sortNewestFirst([
      makePost('x', { date: '2024-02-01T01:00:00+14:00' }), // 2024-01-31T11:00Z
      makePost('y', { date: '2024-01-31T20:00:00-10:00' }), // 2024-02-01T06:00Z
      makePost('z', { date: '2024-02-01T12:00:00Z' }),
    ]);
    const months = groupByYearMonth(posts).flatMap((y) => y.months.map((m) => `${y.year}-${m.month}`));
    expect(months).toEqual(['2024-2', '2024-1']);
  });

  it('returns nothing for no posts', () => {
    expect(groupByYearMonth([])).toEqual([]);
  });
});
