import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, root } from '../helpers/build';
import { Dist, listFiles } from '../helpers/dist';
import { decodeJpeg } from '../helpers/images';
import { fixture } from './setup';

const second = join(root, 'tests/.output/site/dist-rebuild');
const bodies = join(fixture.cache, 'folio-bodies');
const HELLO_BODY = 'The <strong>first</strong> post links to';
let rebuildLog = '';
let deletedBody = '';

// A second build of the same posts, warm (same cache), on a machine in another time
// zone and locale, into another folder.
beforeAll(() => {
  // One rendered body is deleted from the cache: the rebuild has to render it again.
  deletedBody = readdirSync(bodies).find((name) => readFileSync(join(bodies, name), 'utf8').includes(HELLO_BODY)) ?? '';
  expect(deletedBody).not.toBe('');
  rmSync(join(bodies, deletedBody));
  const result = astroBuild({
    contentDir: fixture.posts,
    outDir: second,
    cacheDir: fixture.cache,
    env: { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, TZ: 'America/Los_Angeles', LANG: 'C' },
  });
  rebuildLog = result.output;
  expect(result.status, result.output.slice(-3000)).toBe(0);
}, 300_000);

describe('social cards', () => {
  it('are 1200x630 JPEGs, one per post without a cover, linked from og:image with their type and size', async () => {
    const dist = new Dist(fixture.out, fixture.base, fixture.site);
    const cards = dist.files.filter((f) => f.startsWith('og/'));
    // Every post page without a raster cover points at a card of its own (an SVG cover too: social
    // sites do not show SVG), a post with one at its cover; no card is left over.
    const postPages = dist.htmlFiles().filter((f) => f.startsWith('posts/') && !/http-equiv="refresh"/.test(dist.read(f)));
    const rasterCover = (f: string) => /\.(?:jpe?g|png|webp|avif|gif)$/i.test(dist.html(f).querySelector('img.cover')?.getAttribute('src') ?? '');
    const carded = postPages.filter((f) => !rasterCover(f));
    expect(carded.length).toBeGreaterThan(10);
    expect(postPages.filter(rasterCover).length).toBeGreaterThan(0);
    const linked = carded.map((f) => dist.resolve(dist.html(f).querySelector('meta[property="og:image"]')?.getAttribute('content') ?? ''));
    expect(linked.toSorted()).toEqual(carded.map((f) => `og/${f.slice('posts/'.length, -'/index.html'.length)}.jpg`).toSorted());
    expect(cards).toEqual(linked.toSorted());
    for (const card of cards) expect(await decodeJpeg(readFileSync(join(fixture.out, card))), card).toEqual({ width: 1200, height: 630 });
    const head = dist.html('posts/hello-world/index.html').querySelector('head')!;
    const meta = (property: string) => head.querySelector(`meta[property="${property}"]`)?.getAttribute('content');
    const image = meta('og:image') ?? '';
    expect(image).toBe('https://example.org/blog/og/hello-world.jpg');
    expect(dist.resolve(image)).toBe('og/hello-world.jpg');
    expect(head.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary_large_image');
    expect([meta('og:image:type'), meta('og:image:width'), meta('og:image:height')]).toEqual(['image/jpeg', '1200', '630']);
  });

  it('are rendered on a cold build and all reused on a rebuild, as the build log says', () => {
    const cards = listFiles(join(fixture.out, 'og')).length;
    expect(readFileSync(fixture.log, 'utf8')).toContain(`[og] rendered ${cards}, reused 0`);
    expect(rebuildLog).toContain(`[og] rendered 0, reused ${cards}`);
  });

  it('are all started during content sync on a cold build, as the pages then ask for them (tag labels chosen over all posts, drafts and scheduled posts left out)', () => {
    const cards = listFiles(join(fixture.out, 'og')).length;
    expect(readFileSync(fixture.log, 'utf8')).toMatch(new RegExp(`\\[og\\] rendered ${cards}, reused 0 .*; ${cards} started during content sync`));
    // a warm build finds its cards in the cache: none started early
    expect(rebuildLog).toMatch(/\[og\] rendered 0, .*; 0 started during content sync/);
  });
});

describe('reproducible builds', () => {
  it('produce byte-identical trees in another time zone and locale, warm or cold', () => {
    const a = listFiles(fixture.out);
    const b = listFiles(second);
    expect(b).toEqual(a);
    const differ = a.filter((file) => !readFileSync(join(fixture.out, file)).equals(readFileSync(join(second, file))));
    expect(differ).toEqual([]);
  });
});

describe('content store', () => {
  const store = () => readFileSync(join(fixture.cache, 'data-store.json'), 'utf8');

  it('keeps rendered bodies out of the store Astro inlines into the bundle, in files of their own', () => {
    expect(store()).toContain('Hello World');
    expect(store()).not.toContain(HELLO_BODY);
    expect(store()).not.toContain('class="heading-anchor"');
    const files = readdirSync(bodies);
    // One body file per Markdown post (MDX is compiled to a module and has none).
    const markdownPosts = listFiles(fixture.posts).filter((f) => f.endsWith('.md') && !f.split('/').some((part) => part.startsWith('_')));
    expect(files.length).toBe(markdownPosts.length);
    const page = readFileSync(join(fixture.out, 'posts/hello-world/index.html'), 'utf8');
    expect(page).toContain(HELLO_BODY);
  });

  it('renders a body again when its file has gone from the cache', () => {
    expect(existsSync(join(bodies, deletedBody))).toBe(true);
    expect(readFileSync(join(bodies, deletedBody), 'utf8')).toContain(HELLO_BODY);
    expect(readFileSync(join(second, 'posts/hello-world/index.html'), 'utf8')).toContain(HELLO_BODY);
  });
});
