import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, astroBuildAsync, root } from '../helpers/build';
import { stripAnsi } from '../../scripts/bench/log';
import { listFiles } from '../helpers/dist';
import { fixture } from './setup';

// The output folder is kept between builds and pruned at the end (src/integrations/output-prune.ts).
// A rebuild in place, after a post was deleted, one turned into a draft and one edited, must
// leave exactly the tree a cold build of the new posts writes into an empty folder.
const work = join(root, 'tests/.output/in-place');
const posts = join(work, 'posts');
const dist = join(work, 'dist');
const fresh = join(work, 'fresh');
// Search shards of a post or two (16 shards), so that a rebuild keeps some shards in place and replaces others.
const env = { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, FOLIO_SETTINGS: JSON.stringify({ searchShardPosts: 1 }) };
let rebuildLog = '';

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  cpSync(fixture.posts, posts, { recursive: true });
  const first = astroBuild({ contentDir: posts, outDir: dist, cacheDir: join(work, 'cache'), env });
  expect(first.status, first.output.slice(-3000)).toBe(0);
  expect(existsSync(join(dist, 'posts/a-custom-url/index.html'))).toBe(true);
  expect(existsSync(join(dist, 'og/unicode-tags.jpg'))).toBe(true);

  rmSync(join(posts, 'unicode-tags.md'));
  const aliased = join(posts, 'with-slug-and-aliases.md');
  writeFileSync(aliased, readFileSync(aliased, 'utf8').replace('slug: a-custom-url', 'slug: a-custom-url\ndraft: true'));
  const edited = join(posts, 'c.md');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('title: Notes on C', 'title: Notes on C, Revised'));
  writeFileSync(join(dist, 'left-by-hand.txt'), 'not part of any build\n');

  const [again, cold] = await Promise.all([
    astroBuildAsync({ contentDir: posts, outDir: dist, cacheDir: join(work, 'cache'), env }),
    astroBuildAsync({ contentDir: posts, outDir: fresh, cacheDir: join(work, 'cache-fresh'), env }),
  ]);
  expect(again.status, again.output.slice(-3000)).toBe(0);
  expect(cold.status, cold.output.slice(-3000)).toBe(0);
  rebuildLog = again.output;
}, 300_000);

describe('a rebuild into the same folder', () => {
  it('writes the same files, byte for byte, as a cold build into an empty folder', () => {
    const kept = listFiles(dist);
    expect(kept).toEqual(listFiles(fresh));
    expect(kept.filter((file) => !readFileSync(join(dist, file)).equals(readFileSync(join(fresh, file))))).toEqual([]);
  });

  it('removes the pages, redirects, cards and tag pages of deleted and drafted posts, and stray files', () => {
    for (const gone of [
      'posts/a-custom-url/index.html',
      'posts/unicode-tags/index.html',
      'og/a-custom-url.jpg',
      'og/unicode-tags.jpg',
      '2019/05/old-permalink/index.html',
      'left-by-hand.txt',
    ]) {
      expect(existsSync(join(dist, gone)), gone).toBe(false);
    }
    // The log names the first few removed files (sorted): the drafted post's card or page among them.
    expect(rebuildLog).toMatch(/\[output\] removed \d+ files an earlier build wrote and this one does not: [^\n]*a-custom-url/);
  });

  it('keeps the unchanged pages it did not render again, draws only the edited card, and keeps unchanged search shards', () => {
    expect(existsSync(join(dist, 'posts/hello-world/index.html'))).toBe(true);
    expect(rebuildLog).toMatch(/\[og\] rendered 1, reused \d+/);
    expect(rebuildLog).toContain('(cached)');
    const search = /\[search\] indexed \d+ posts in \d+ ms \((\d+) shards, (\d+) unchanged[);]/.exec(rebuildLog);
    expect(Number(search?.[1])).toBeGreaterThan(1);
    expect(Number(search?.[2])).toBeGreaterThan(0);
    expect(Number(search?.[2])).toBeLessThan(Number(search?.[1]));
    // the sitemap reads back the heads of the pages kept from the last build, and only those
    const plain = stripAnsi(rebuildLog); // CI's log is coloured
    const sitemap = /\[sitemap\] (\d+) pages as their layout rendered them, (\d+) read back from the output folder/.exec(plain);
    expect(Number(sitemap?.[2])).toBe((plain.match(/\.html \(cached\)/g) ?? []).length);
    expect(Number(sitemap?.[1])).toBeGreaterThan(0);
  });
});
