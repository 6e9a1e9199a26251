import { describe, expect, it } from 'vitest';
import { groupByShard, isSearchShardDir, MAX_SEARCH_SHARDS, searchShardCount, searchShardDir, searchShardOf } from '../../src/lib/search-shards';

const pages = (n: number) => Array.from({ length: n }, (_, i) => `posts/post-${String(i).padStart(5, '0')}/index.html`);

describe('search shards', () => {
  it('keeps small sites in one index and splits large ones in powers of two, at most 16', () => {
    expect(searchShardCount(0, 600)).toBe(1);
    expect(searchShardCount(600, 600)).toBe(1);
    expect(searchShardCount(601, 600)).toBe(2);
    expect(searchShardCount(1000, 600)).toBe(2);
    expect(searchShardCount(2000, 600)).toBe(4);
    expect(searchShardCount(5000, 600)).toBe(16);
    expect(searchShardCount(100_000, 600)).toBe(MAX_SEARCH_SHARDS);
    expect(searchShardCount(6, 2)).toBe(4);
    expect(searchShardCount(10, 0)).toBe(16);
  });

  it('puts every page in exactly one shard, spread evenly, sorted', () => {
    const all = pages(5000);
    const groups = groupByShard(all, 16);
    expect(groups.flat().sort()).toEqual([...all].sort());
    for (const group of groups) {
      expect(group.length).toBeGreaterThan(5000 / 16 / 1.5);
      expect(group.length).toBeLessThan((5000 / 16) * 1.5);
      expect(group).toEqual([...group].sort());
    }
  });

  it('keeps a page in its shard whatever else is on the site', () => {
    const page = 'posts/becoming-a-tech-lead/index.html';
    const shard = searchShardOf(page, 8);
    expect(groupByShard([page, ...pages(100)], 8)[shard]).toContain(page);
    expect(groupByShard([page, ...pages(3000)], 8)[shard]).toContain(page);
    // Doubling the shards splits a shard in two: a page moves only to shard + count.
    expect([shard, shard + 8]).toContain(searchShardOf(page, 16));
  });

  it('names the main bundle and the others', () => {
    expect(searchShardDir(0)).toBe('');
    expect(searchShardDir(3)).toBe('shard-3/');
  });

  it('tells the shard folders it names from the rest of pagefind/', () => {
    for (let shard = 1; shard < MAX_SEARCH_SHARDS; shard++) expect(isSearchShardDir(searchShardDir(shard).replace(/\/$/, ''))).toBe(true);
    for (const name of ['', 'fragment', 'index', 'shard-', 'shard-0', 'shard-01', 'shard-3x', 'pagefind-ui.js']) expect(isSearchShardDir(name), name).toBe(false);
  });
});
