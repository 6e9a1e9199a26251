import { describe, expect, it } from 'vitest';
import { buildNeighbours, sortNewestFirst } from '../../src/lib/posts/query';
import { paginate, paginateHome } from '../../src/lib/pagination';
import { makePost } from '../helpers/posts';

describe('sortNewestFirst', () => {
  it('orders by date, newest first', () => {
    const posts = [makePost('a', { date: '2022-01-01' }), makePost('b', { date: '2024-01-01' }), makePost('c', { date: '2023-01-01' })];
    expect(sortNewestFirst(posts).map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });

  it('breaks ties on id, whatever the input order', () => {
    const posts = ['m', 'z', 'a', 'k'].map((id) => makePost(id, { date: '2024-01-01' }));
    expect(sortNewestFirst(posts).map((p) => p.id)).toEqual(['a', 'k', 'm', 'z']);
    expect(sortNewestFirst([...posts].reverse()).map((p) => p.id)).toEqual(['a', 'k', 'm', 'z']);
  });

  it('compares instants, so times of day and offsets order correctly', () => {
    const posts = [
      makePost('morning', { date: '2024-01-01T08:00:00Z' }),
      makePost('evening-la', { date: '2024-01-01T20:00:00-08:00' }), // 2024-01-02T04:00Z
      makePost('noon', { date: '2024-01-01T12:00:00Z' }),
    ];
    expect(sortNewestFirst(posts).map((p) => p.id)).toEqual(['evening-la', 'noon', 'morning']);
  });

  it('does not mutate its input', () => {
    const posts = [makePost('a', { date: '2022-01-01' }), makePost('b', { date: '2024-01-01' })];
    sortNewestFirst(posts);
    expect(posts.map((p) => p.id)).toEqual(['a', 'b']);
  });
});

describe('buildNeighbours', () => {
  it('links each post to the newer and older one', () => {
    const sorted = sortNewestFirst(['a', 'b', 'c'].map((id, i) => makePost(id, { date: `202${i}-01-01` })));
    const map = buildNeighbours(sorted);
    expect(map.get('c')?.newer).toBeUndefined();
    expect(map.get('c')?.older?.id).toBe('b');
    expect(map.get('b')?.newer?.id).toBe('c');
    expect(map.get('b')?.older?.id).toBe('a');
    expect(map.get('a')?.older).toBeUndefined();
  });
});

describe('paginate', () => {
  it('splits into pages with numbers and totals', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => [p.number, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('gives an empty list one empty page', () => {
    expect(paginate([], 10)).toEqual([{ items: [], number: 1, total: 1 }]);
  });

  it('makes no empty last page when the list divides evenly', () => {
    expect(paginate([1, 2, 3, 4], 2)).toHaveLength(2);
  });

  it('rejects a bad page size', () => {
    expect(() => paginate([1], 0)).toThrow(RangeError);
  });
});

describe('paginateHome: pinned posts', () => {
  // Eight posts, newest first, as the home page gets them; c and f are pinned.
  const posts = sortNewestFirst(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id, i) => makePost(id, { date: `2024-01-${String(20 - i).padStart(2, '0')}`, pinned: id === 'c' || id === 'f' })),
  );

  it('puts the pinned posts, newest first, in a group on the first page only', () => {
    const pages = paginateHome(posts, 3);
    expect(pages.map((p) => p.pinned.map((post) => post.id))).toEqual([['c', 'f'], []]);
  });

  it('paginates the other posts, newest first, page 1 holding a full page of them besides the pinned', () => {
    const pages = paginateHome(posts, 3);
    expect(pages.map((p) => p.items.map((post) => post.id))).toEqual([
      ['a', 'b', 'd'],
      ['e', 'g', 'h'],
    ]);
    expect(pages.map((p) => [p.number, p.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('shows every post on exactly one home page', () => {
    for (const size of [1, 2, 3, 5, 8, 20]) {
      const shown = paginateHome(posts, size).flatMap((p) => [...p.pinned, ...p.items].map((post) => post.id));
      expect(shown.sort(), `size ${size}`).toEqual(posts.map((p) => p.id).sort());
    }
  });

  it('is plain pagination without pinned posts, and one page when every post is pinned', () => {
    const plain = posts.map((post) => ({ ...post, pinned: false }));
    expect(paginateHome(plain, 3).map(({ items, number, total }) => ({ items, number, total }))).toEqual(paginate(plain, 3));
    const all = posts.map((post) => ({ ...post, pinned: true }));
    expect(paginateHome(all, 3)).toEqual([{ items: [], number: 1, total: 1, pinned: all }]);
  });
});
