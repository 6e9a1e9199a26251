import { describe, expect, it } from 'vitest';
import { isPublished } from '../../src/lib/posts/published';
import { sortNewestFirst } from '../../src/lib/posts/query';
import { buildSeriesIndex, compareSeriesParts, SeriesCollisionError } from '../../src/lib/series';
import { makePost } from '../helpers/posts';

const ids = (posts: readonly { id: string }[]) => posts.map((p) => p.id);
const publish = { now: new Date('2025-01-01T00:00:00Z'), includeDrafts: false };

describe('buildSeriesIndex: grouping', () => {
  it('joins the posts that name one series, and leaves the others out', () => {
    const index = buildSeriesIndex([
      makePost('a', { series: 'Building a compiler', date: '2024-01-01' }),
      makePost('b', { date: '2024-01-02' }),
      makePost('c', { series: 'Building a compiler', date: '2024-01-03' }),
    ]);
    expect(index.series.map((s) => [s.slug, s.name, ids(s.parts)])).toEqual([['building-a-compiler', 'Building a compiler', ['a', 'c']]]);
    expect(index.positionOf('b')).toBeUndefined();
  });

  it('merges names that differ in case or spacing, shown as most parts spell it, at the slug tags would get', () => {
    const index = buildSeriesIndex([
      makePost('a', { series: 'building a compiler', date: '2024-01-01' }),
      makePost('b', { series: 'Building a Compiler', date: '2024-01-02' }),
      makePost('c', { series: ['Building  a Compiler'], date: '2024-01-03' }),
      makePost('d', { series: 'C#', date: '2024-01-04' }),
    ]);
    expect(index.series.map((s) => [s.slug, s.name, ids(s.parts)])).toEqual([
      ['building-a-compiler', 'Building a Compiler', ['a', 'b', 'c']],
      ['c-sharp', 'C#', ['d']],
    ]);
    expect(index.bySlug.get('c-sharp')?.name).toBe('C#');
  });

  it('lists series by name, whatever order the posts come in', () => {
    const posts = [makePost('x', { series: 'Zebras' }), makePost('y', { series: 'apples' }), makePost('z', { series: 'Mangoes' })];
    expect(buildSeriesIndex(posts).series.map((s) => s.name)).toEqual(['apples', 'Mangoes', 'Zebras']);
    expect(buildSeriesIndex([...posts].reverse()).series.map((s) => s.name)).toEqual(['apples', 'Mangoes', 'Zebras']);
  });

  it('stops on distinct series that would share a URL, naming both and their files', () => {
    const posts = [makePost('one', { series: 'Node.js' }), makePost('two', { series: 'node js' })];
    expect(() => buildSeriesIndex(posts)).toThrow(SeriesCollisionError);
    expect(() => buildSeriesIndex(posts)).toThrow('Series "Node.js" (in src/content/posts/one.md) and "node js" (in src/content/posts/two.md) would both be published at /series/node-js/.');
  });

  it('does not mistake a series for a tag of the same name', () => {
    const index = buildSeriesIndex([makePost('a', { series: 'Go', tags: ['go'] }), makePost('b', { tags: ['Go'] })]);
    expect(ids(index.series[0]!.parts)).toEqual(['a']);
  });
});

describe('buildSeriesIndex: reading order', () => {
  it('orders parts oldest first without seriesOrder, whatever order they are given in', () => {
    const posts = [makePost('c', { series: 'S', date: '2024-03-01' }), makePost('a', { series: 'S', date: '2024-01-01' }), makePost('b', { series: 'S', date: '2024-02-01' })];
    expect(ids(buildSeriesIndex(posts).series[0]!.parts)).toEqual(['a', 'b', 'c']);
    expect(ids(buildSeriesIndex(sortNewestFirst(posts)).series[0]!.parts)).toEqual(['a', 'b', 'c']);
  });

  it('follows seriesOrder over dates', () => {
    const posts = [
      makePost('intro', { series: 'S', date: '2024-06-01', seriesOrder: 1 }),
      makePost('two', { series: 'S', date: '2024-01-01', seriesOrder: 2 }),
      makePost('half', { series: 'S', date: '2024-02-01', seriesOrder: 1.5 }),
    ];
    expect(ids(buildSeriesIndex(posts).series[0]!.parts)).toEqual(['intro', 'half', 'two']);
  });

  it('breaks ties on the date, then on the id', () => {
    const posts = [
      makePost('m', { series: 'S', date: '2024-01-01', seriesOrder: 1 }),
      makePost('z', { series: 'S', date: '2023-01-01', seriesOrder: 1 }),
      makePost('b', { series: 'S', date: '2024-05-05' }),
      makePost('a', { series: 'S', date: '2024-05-05' }),
    ];
    expect(ids(buildSeriesIndex(posts).series[0]!.parts)).toEqual(['z', 'm', 'a', 'b']);
    expect(ids(buildSeriesIndex([...posts].reverse()).series[0]!.parts)).toEqual(['z', 'm', 'a', 'b']);
  });

  it('puts parts with a seriesOrder before those without, which follow oldest first', () => {
    const posts = [
      makePost('old', { series: 'S', date: '2020-01-01' }),
      makePost('ordered-late', { series: 'S', date: '2024-01-01', seriesOrder: 9 }),
      makePost('new', { series: 'S', date: '2022-01-01' }),
      makePost('ordered-first', { series: 'S', date: '2025-01-01', seriesOrder: -1 }),
    ];
    expect(ids(buildSeriesIndex(posts).series[0]!.parts)).toEqual(['ordered-first', 'ordered-late', 'old', 'new']);
  });

  it('compares instants, so a time and an offset order parts of one day', () => {
    const a = makePost('a', { series: 'S', date: '2024-01-01T20:00:00-08:00' });
    const b = makePost('b', { series: 'S', date: '2024-01-02T01:00:00Z' });
    expect(compareSeriesParts(a, b)).toBeGreaterThan(0);
    expect(compareSeriesParts(b, a)).toBeLessThan(0);
    expect(compareSeriesParts(a, a)).toBe(0);
  });
});

describe('buildSeriesIndex: numbering', () => {
  const parts = [
    makePost('p1', { series: 'S', date: '2024-01-01' }),
    makePost('p2', { series: 'S', date: '2024-01-02', draft: true }),
    makePost('p3', { series: 'S', date: '2024-01-03' }),
    makePost('p4', { series: 'S', date: '2024-01-04' }),
    makePost('p5', { series: 'S', date: '2030-01-01' }),
  ];

  it('numbers the published parts from 1 with no gap where a draft or a future part was left out', () => {
    const index = buildSeriesIndex(parts.filter((post) => isPublished(post, publish)));
    expect(ids(index.series[0]!.parts)).toEqual(['p1', 'p3', 'p4']);
    expect([index.positionOf('p1'), index.positionOf('p3'), index.positionOf('p4')].map((p) => [p?.number, p?.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(index.positionOf('p2')).toBeUndefined();
    expect(index.positionOf('p5')).toBeUndefined();
  });

  it('links each part to the previous and next published parts', () => {
    const index = buildSeriesIndex(parts.filter((post) => isPublished(post, publish)));
    expect(index.positionOf('p1')?.previous).toBeUndefined();
    expect(index.positionOf('p1')?.next?.id).toBe('p3');
    expect(index.positionOf('p3')?.previous?.id).toBe('p1');
    expect(index.positionOf('p3')?.next?.id).toBe('p4');
    expect(index.positionOf('p4')?.next).toBeUndefined();
    expect(index.positionOf('p4')?.series.slug).toBe('s');
  });

  it('numbers every part when drafts are shown (the dev server)', () => {
    const index = buildSeriesIndex(parts.filter((post) => isPublished(post, { ...publish, includeDrafts: true })));
    expect([index.positionOf('p2')?.number, index.positionOf('p5')?.total]).toEqual([2, 5]);
  });

  it('makes a series of one part', () => {
    const index = buildSeriesIndex([makePost('only', { series: 'Alone' })]);
    expect(index.positionOf('only')).toMatchObject({ number: 1, total: 1 });
    expect(index.positionOf('only')?.previous).toBeUndefined();
    expect(index.positionOf('only')?.next).toBeUndefined();
  });
});
