import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, Dist, xml, type RssDocument } from '../helpers/dist';
import { fixture } from './setup';

// Images of every format (tests/fixtures/site/posts: with-image.md, image-formats.mdx,
// animated-cover.md): each published where its page points, as the right kind of file, SVGs
// byte for byte, the animated GIF still animated, remote images as written; SVG covers' posts
// get their card as social image.
let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

const source = (path: string) => readFileSync(join(fixture.posts, path));
/** The fixture's SVGs, by name: every SVG a page points to must be one of them, unchanged. */
const svgs = { logo: 'images/logo.svg', wave: 'with-image/wave.svg', sketch: 'with-image/sketch.svg', ruler: 'with-image/ruler.svg' } as const;
const POSTS = ['with-image', 'image-formats'] as const;
/** Local images on each page (cover included), and images of any kind in each body. */
const COUNTS = { 'with-image': { local: 15, body: 14 }, 'image-formats': { local: 13, body: 12 } } as const;
const REMOTE = 'https://images.example.net/';

/** What a file is, from its first bytes. */
function kind(bytes: Buffer): string {
  const head = bytes.subarray(0, 16).toString('latin1');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('GIF8')) return 'gif';
  if (head.startsWith('\x89PNG')) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (head.slice(4, 12) === 'ftypavif') return 'avif';
  if (/^\s*(?:<\?xml|<svg)/.test(bytes.subarray(0, 64).toString('utf8'))) return 'svg';
  return 'unknown';
}

const page = (slug: string) => dist.html(`posts/${slug}/index.html`);
const images = (slug: string) => page(slug).querySelectorAll('article img');
const byAlt = (slug: string, alt: string) => images(slug).find((img) => img.getAttribute('alt') === alt);
/** The dist file an image's src points to, read. */
function published(src: string | undefined): { file: string; bytes: Buffer } {
  const file = dist.resolve(src ?? '');
  if (!file) throw new Error(`${src} points to no file in dist`);
  return { file, bytes: readFileSync(join(fixture.out, file)) };
}

describe('images of every format', () => {
  it('are published where their pages point, as the kind of file their names say, srcset included', () => {
    for (const slug of POSTS) {
      const local = images(slug).filter((img) => !img.getAttribute('src')?.startsWith(REMOTE));
      expect(local.length, slug).toBe(COUNTS[slug].local);
      for (const img of local) {
        const urls = [img.getAttribute('src'), ...(img.getAttribute('srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0])].filter((u): u is string => !!u);
        for (const url of urls) {
          const { file, bytes } = published(url);
          expect(kind(bytes), `${slug}: ${file}`).toBe(file.split('.').at(-1)?.toLowerCase());
        }
      }
    }
  });

  it('publish SVGs as they are, byte for byte, with the width and height the file states, or none', () => {
    for (const slug of POSTS) {
      const sized = {
        'Logo, 120 by 60': [svgs.logo, '120', '60'],
        'A wave, sized by its viewBox': [svgs.wave, '200', '100'],
        'A sketch that states no size': [svgs.sketch, null, null],
        // a viewBox written with commas, which Astro's reader does not take
        'A ruler, 80 by 20': [svgs.ruler, '80', '20'],
      } as const;
      for (const [alt, [path, width, height]] of Object.entries(sized)) {
        const img = byAlt(slug, alt);
        expect(published(img?.getAttribute('src')).bytes.equals(source(path)), `${slug}: ${alt}`).toBe(true);
        expect([img?.getAttribute('width') ?? null, img?.getAttribute('height') ?? null], `${slug}: ${alt}`).toEqual([width, height]);
        expect(img?.getAttribute('loading'), `${slug}: ${alt}`).toBe('lazy');
      }
      const raw = byAlt(slug, slug === 'with-image' ? 'The sketch, as raw HTML' : 'The sketch, as JSX');
      expect(published(raw?.getAttribute('src')).bytes.equals(source(svgs.sketch)), slug).toBe(true);
    }
  });

  it('show an SVG cover as it is, with its size', () => {
    const md = page('with-image').querySelector('img.cover');
    expect(published(md?.getAttribute('src')).bytes.equals(source(svgs.logo))).toBe(true);
    expect([md?.getAttribute('width'), md?.getAttribute('height'), md?.getAttribute('alt')]).toEqual(['120', '60', 'The Folio logo']);
    const mdx = page('image-formats').querySelector('img.cover');
    expect(published(mdx?.getAttribute('src')).bytes.equals(source(svgs.wave))).toBe(true);
    expect([mdx?.getAttribute('width'), mdx?.getAttribute('height')]).toEqual(['200', '100']);
  });

  it('keep an animated GIF animated, inline and as a cover: both frames, their timing and the loop', async () => {
    const original = await sharp(source('with-image/spinner.gif'), { pages: -1 }).metadata();
    expect(original.pages).toBe(2);
    const shown = [
      byAlt('with-image', 'Two frames, red then blue'),
      byAlt('with-image', 'The spinner, as raw HTML'),
      byAlt('image-formats', 'Two frames, red then blue'),
      byAlt('image-formats', 'The spinner, as JSX'),
      page('animated-cover').querySelector('img.cover'),
    ];
    for (const img of shown) {
      const { file, bytes } = published(img?.getAttribute('src'));
      const meta = await sharp(bytes, { pages: -1 }).metadata();
      expect([meta.pages, meta.delay, meta.loop, meta.width, meta.pageHeight], file).toEqual([2, original.delay, original.loop, original.width, original.pageHeight]);
    }
  });

  it('are the same file for a name with a space written <...> or with %20', () => {
    for (const slug of POSTS) {
      const [a, b] = [byAlt(slug, 'A diagram'), byAlt(slug, 'The same diagram')];
      expect(published(a?.getAttribute('src')).file, slug).toBe(published(b?.getAttribute('src')).file);
      expect(a?.getAttribute('width'), slug).toBe('30');
    }
  });

  it('leave remote images as written, lazy, and fetch none of them', () => {
    // in Markdown and raw HTML (remote-images.md), as Markdown and as JSX in MDX (mdx-post.mdx)
    for (const slug of ['remote-images', 'mdx-post']) {
      const remote = images(slug).filter((img) => img.getAttribute('src')?.startsWith(REMOTE));
      expect(
        remote.map((img) => img.getAttribute('src')),
        slug,
      ).toEqual([`${REMOTE}photos/harbour.jpg`, `${REMOTE}photos/pier.jpg`]);
      for (const img of remote) expect([img.getAttribute('loading'), img.getAttribute('decoding'), img.getAttribute('srcset')], slug).toEqual(['lazy', 'async', undefined]);
    }
    // nothing was made from them: the build has no network, and needs none
    expect(dist.files.filter((f) => /harbour|pier/.test(f))).toEqual([]);
  });
});

describe('social images of posts with covers of other formats', () => {
  const meta = (slug: string, property: string) => page(slug).querySelector(`meta[property="${property}"]`)?.getAttribute('content');

  it('are the generated card for an SVG cover, which social platforms do not show', async () => {
    for (const slug of POSTS) {
      const image = meta(slug, 'og:image');
      expect(image, slug).toBe(`https://example.org/blog/og/${slug}.jpg`);
      const { bytes } = published(image);
      expect([kind(bytes), (await sharp(bytes).metadata()).width], slug).toEqual(['jpeg', 1200]);
      expect([meta(slug, 'og:image:type'), meta(slug, 'og:image:width'), meta(slug, 'og:image:height')], slug).toEqual(['image/jpeg', '1200', '630']);
      expect(page(slug).querySelector('meta[name="twitter:image"]')?.getAttribute('content'), slug).toBe(image);
    }
  });

  it('are the cover itself, as a JPEG, for an animated GIF cover, and no card is drawn for it', () => {
    const image = meta('animated-cover', 'og:image') ?? '';
    expect(image).toMatch(/^https:\/\/example\.org\/blog\/_astro\/spinner\.[^/]+\.jpeg$/);
    expect(kind(published(image).bytes)).toBe('jpeg');
    expect(meta('animated-cover', 'og:image:alt')).toBe('A square turning from red to blue');
    expect(dist.files).not.toContain('og/animated-cover.jpg');
  });

  it('leave the card pipeline as it was: one card for each post whose social image is its card, and no other', () => {
    const posts = dist.files.filter((f) => /^posts\/.+\/index\.html$/.test(f) && dist.html(f).querySelector('meta[property="og:image"]'));
    const cards = posts.map((f) => dist.html(f).querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '').filter((u) => u.startsWith('https://example.org/blog/og/'));
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.map((u) => dist.resolve(u)).sort()).toEqual(dist.files.filter((f) => f.startsWith('og/')).sort());
  });
});

describe('images in the feeds and the search index', () => {
  /** Every image URL in a feed item's HTML: absolute, and (when the site's) a file in dist. */
  function checkItem(title: string, html: string, count: number) {
    const srcs = [...html.matchAll(/<img\s[^>]*?src="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length, title).toBe(count);
    for (const src of srcs) {
      expect(src, title).toMatch(/^https:\/\/example\.org\/blog\//);
      expect(published(src).file, `${title}: ${src}`).toBeDefined();
    }
    for (const set of html.matchAll(/srcset="([^"]+)"/g))
      for (const candidate of set[1]!.split(',')) expect(candidate.trim(), title).toMatch(/^https:\/\/example\.org\/blog\/_astro\/\S+ \d+w$/);
  }

  it('are in the RSS and JSON feeds with absolute URLs to published files', () => {
    const rss = asArray((xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel.item) as Record<string, string>[];
    const json = (JSON.parse(dist.read('feed.json')) as { items: { title: string; content_html: string }[] }).items;
    for (const [title, slug] of [
      ['A Post With an Image', 'with-image'],
      ['Images of Every Format in MDX', 'image-formats'],
    ] as const) {
      checkItem(`rss: ${title}`, rss.find((i) => i['title'] === title)?.['content:encoded'] ?? '', COUNTS[slug].body);
      checkItem(`json: ${title}`, json.find((i) => i.title === title)?.content_html ?? '', COUNTS[slug].body);
    }
    const remote = rss.find((i) => i['title'] === 'Remote Images')?.['content:encoded'] ?? '';
    expect(remote).toContain(`<img src="${REMOTE}photos/harbour.jpg" alt="A remote harbour" loading="lazy" decoding="async">`);
    expect(json.find((i) => i.title === 'An MDX Post')?.content_html).toContain(`<img src="${REMOTE}photos/pier.jpg" alt="A remote pier, as JSX" loading="lazy" decoding="async">`);
  });

  it('are indexed for search with an image that exists', () => {
    const fragments = dist.searchFragments().filter((f) => /^\/posts\/(with-image|image-formats|animated-cover)\/$/.test(f.url));
    expect(fragments).toHaveLength(3);
    for (const fragment of fragments) {
      const image = fragment.meta['image'];
      expect(published(image).file, fragment.url).toBeDefined();
    }
  });
});
