import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, astroBuildAsync, root } from '../helpers/build';
import { Dist, listFiles } from '../helpers/dist';
import { fixture } from './setup';

// A post page shows its series' other parts (titles, URLs, how many) and the header shows a
// Series link while the site has a series: an incremental rebuild must render an unchanged
// post again when another part changes, and every page when the first or last series comes or
// goes, or the page cache (src/data/cache-key.ts) serves a stale box or header.
const work = join(root, 'tests/.output/series-rebuild');
const posts = join(work, 'posts');
const out = join(work, 'dist');
const cache = join(work, 'cache');
const fresh = join(work, 'fresh');
const env = { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, FOLIO_SETTINGS: JSON.stringify({ ogImages: false }) };

const post = (name: string, title: string, date: string, extra = '') => writeFileSync(join(posts, `${name}.md`), `---\ntitle: ${title}\ndate: ${date}\n${extra}---\nThe text of ${title}.\n`);

let before: { box: ReturnType<typeof box>; header: string[] };
let after: Dist;
let warmLog = '';
let unseries: Dist;

const box = (dist: Dist, id: string) => {
  const nav = dist.html(`posts/${id}/index.html`).querySelector('.series-box');
  return { position: nav?.querySelector('.muted')?.text, parts: nav?.querySelectorAll('ol a').map((a) => [a.text.trim(), a.getAttribute('href')]) };
};
const headerLinks = (dist: Dist, file: string) =>
  dist
    .html(file)
    .querySelectorAll('.site-header nav a')
    .map((a) => a.text.trim());

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(posts, { recursive: true });
  // Dated so that no post's newer and older neighbours change but through the series.
  post('ancient', 'An Ancient Post', '2020-01-01');
  post('old', 'An Old Post', '2020-06-01');
  post('one', 'Part One', '2024-01-01', 'series: Stale Boxes\n');
  post('between', 'In Between', '2024-01-10');
  post('two', 'Part Two', '2024-01-20', 'series: Stale Boxes\n');
  post('after', 'After Two', '2024-01-30');
  post('three', 'Part Three', '2024-02-10', 'series: Stale Boxes\n');
  const first = astroBuild({ contentDir: posts, outDir: out, cacheDir: cache, env });
  expect(first.status, first.output.slice(-3000)).toBe(0);
  const built = new Dist(out, fixture.base, fixture.site);
  before = { box: box(built, 'one'), header: headerLinks(built, 'posts/ancient/index.html') };

  // Part two is renamed and moved, part three becomes a draft; part one's file is untouched.
  post('two', 'Part Two, Renamed', '2024-01-20', 'series: Stale Boxes\nslug: second\n');
  post('three', 'Part Three', '2024-02-10', 'series: Stale Boxes\ndraft: true\n');
  const [again, cold] = await Promise.all([
    astroBuildAsync({ contentDir: posts, outDir: out, cacheDir: cache, env }),
    astroBuildAsync({ contentDir: posts, outDir: fresh, cacheDir: join(work, 'cache-fresh'), env }),
  ]);
  expect(cold.status, cold.output.slice(-3000)).toBe(0);
  expect(again.status, again.output.slice(-3000)).toBe(0);
  warmLog = again.output;
  after = new Dist(out, fixture.base, fixture.site);
}, 300_000);

describe('a warm rebuild after another part of a series changed', () => {
  it('starts from a box that lists the three parts, and a header with the Series link', () => {
    expect(before.box).toEqual({
      position: 'Part 1 of 3',
      parts: [
        ['Part One', '/blog/posts/one/'],
        ['Part Two', '/blog/posts/two/'],
        ['Part Three', '/blog/posts/three/'],
      ],
    });
    expect(before.header).toEqual(['Home', 'Archive', 'Tags', 'Series', 'Search', 'RSS']);
  });

  it('reuses the pages whose key did not change (the page cache is on)', () => {
    expect(warmLog).toMatch(/posts\/ancient\/index\.html.*\(cached\)/);
  });

  it('renders the unchanged part again: the new title and URL, the draft gone, the numbering closed', () => {
    expect(box(after, 'one')).toEqual({
      position: 'Part 1 of 2',
      parts: [
        ['Part One', '/blog/posts/one/'],
        ['Part Two, Renamed', '/blog/posts/second/'],
      ],
    });
    expect(after.html('posts/one/index.html').querySelector('.series-nav a')?.getAttribute('href')).toBe('/blog/posts/second/');
    expect(existsSync(join(out, 'posts/three/index.html'))).toBe(false);
  });

  it('writes the same files, byte for byte, as a cold build of the changed posts', () => {
    const kept = listFiles(out);
    expect(kept).toEqual(listFiles(fresh));
    expect(kept.filter((file) => !readFileSync(join(out, file)).equals(readFileSync(join(fresh, file))))).toEqual([]);
  });
});

describe('a warm rebuild after the last series went', () => {
  beforeAll(() => {
    post('one', 'Part One', '2024-01-01');
    post('two', 'Part Two, Renamed', '2024-01-20', 'slug: second\n');
    const third = astroBuild({ contentDir: posts, outDir: out, cacheDir: cache, env });
    expect(third.status, third.output.slice(-3000)).toBe(0);
    unseries = new Dist(out, fixture.base, fixture.site);
  }, 300_000);

  it('drops the Series link from the header of the unchanged pages, and the series pages', () => {
    expect(headerLinks(unseries, 'posts/ancient/index.html')).toEqual(['Home', 'Archive', 'Tags', 'Search', 'RSS']);
    expect(headerLinks(unseries, 'index.html')).not.toContain('Series');
    expect(unseries.files.filter((f) => f.startsWith('series/'))).toEqual([]);
    expect(unseries.html('posts/one/index.html').querySelector('.series-box')).toBeNull();
  });
});
