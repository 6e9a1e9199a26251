import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse as parse5 } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPostSources } from '../../src/loaders/sources';
import { toPost } from '../../src/lib/posts/post';
import { buildTagIndex, tagSlug } from '../../src/lib/tags';
import { asArray, Dist, xml, type RssDocument, type SitemapDocument, type JsonFeed, type JsonLd } from '../helpers/dist';
import { decodeJpeg } from '../helpers/images';
import { edge } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(edge.out, edge.base, edge.site);
});

const HOSTILE_TITLE = `</script><script>alert('title')</script> & <img src=x onerror=alert(1)> ]]> "double" 'single'`;
const HOSTILE_TAGS = ['</script>', '<img onerror=x>', '"quoted"', ']]>', 'a & b'];

/** Parses HTML as a browser does and returns the elements and text we check. */
interface Node5 {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node5[];
}
function browserView(html: string) {
  const elements: Node5[] = [];
  const walk = (node: Node5) => {
    if (node.tagName) elements.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse5(html));
  const text = (node: Node5): string => (node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join(''));
  const attr = (node: Node5, name: string) => node.attrs?.find((a) => a.name === name)?.value;
  return { elements, text, attr };
}

/** Published posts of the fixture, as the site computes them. */
const posts = () => {
  const sources = readPostSources(edge.posts).filter((s) => s.data && !s.data.draft);
  return sources.map((s) => toPost({ id: s.id, data: s.data!, body: '' }, { timeZone: 'America/New_York', excerptLength: 160 }));
};

describe('hostile titles, descriptions and tags stay text in every output', () => {
  it('HTML: the title is the h1 text and <title>; no element or handler comes out of it', () => {
    const html = dist.read('posts/hostile/index.html');
    const { elements, text, attr } = browserView(html);
    const h1 = elements.filter((e) => e.tagName === 'h1');
    expect(h1).toHaveLength(1);
    expect(text(h1[0]!).trim()).toBe(HOSTILE_TITLE);
    expect(text(elements.find((e) => e.tagName === 'title')!)).toBe(`${HOSTILE_TITLE} · Folio`);
    expect(elements.filter((e) => e.tagName === 'img')).toEqual([]);
    expect(elements.filter((e) => e.attrs?.some((a) => a.name.startsWith('on')))).toEqual([]);
    const scripts = elements.filter((e) => e.tagName === 'script');
    expect(scripts.map((s) => attr(s, 'src') ?? attr(s, 'type') ?? 'inline-theme')).toEqual([
      'inline-theme',
      'application/ld+json',
      'application/ld+json',
      expect.stringMatching(/ThemeToggle/),
      expect.stringMatching(/slug/),
    ]);
    const meta = (p: string) =>
      attr(
        elements.find((e) => e.tagName === 'meta' && (attr(e, 'property') === p || attr(e, 'name') === p))!,
        'content',
      );
    expect(meta('og:title')).toBe(HOSTILE_TITLE);
    expect(meta('description')).toBe(`<b>bold?</b> & ]]> </script> "quoted" description`);
    const tagTexts = elements.filter((e) => e.tagName === 'a' && attr(e, 'rel') === 'tag').map((e) => text(e));
    expect(tagTexts).toEqual(HOSTILE_TAGS);
  });

  it('JSON-LD: parses back to the same title', () => {
    const { elements, text, attr } = browserView(dist.read('posts/hostile/index.html'));
    const ld = elements.filter((e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json').map((e) => JSON.parse(text(e)) as JsonLd);
    expect(ld[0]?.headline).toBe(HOSTILE_TITLE);
    expect(ld[0]?.keywords).toBe(HOSTILE_TAGS.join(', '));
  });

  it('RSS and the tag feeds: well-formed XML with the text intact', () => {
    const feed = parseFeed(dist.read('rss.xml'));
    const item = feed.items.find((i) => i.url === 'https://example.org/blog/posts/hostile/')!;
    expect(item.title).toBe(HOSTILE_TITLE);
    expect(item.categories.map((c) => c.label)).toEqual(HOSTILE_TAGS);
    expect(item.content).toContain('a CDATA end ]]> in it');
    const raw = (xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel.item as Record<string, unknown>[];
    expect(asArray(raw).find((i) => i['title'] === HOSTILE_TITLE)?.['description']).toBe(`<b>bold?</b> & ]]> </script> "quoted" description`);
    for (const tag of HOSTILE_TAGS) {
      const tagFeed = parseFeed(dist.read(`tags/${tagSlug(tag)}/rss.xml`));
      expect(tagFeed.items.map((i) => i.title)).toEqual([HOSTILE_TITLE]);
      expect(tagFeed.title).toBe(`Folio: ${tag}`);
    }
  });

  it('JSON Feed: the same strings', () => {
    const feed = JSON.parse(dist.read('feed.json')) as JsonFeed;
    const item = feed.items.find((i) => i.url === 'https://example.org/blog/posts/hostile/');
    expect(item?.title).toBe(HOSTILE_TITLE);
    expect(item?.tags).toEqual(HOSTILE_TAGS);
  });

  it('sitemap: valid XML whose tag URLs resolve', () => {
    const urls = (asArray((xml.parse(dist.read('sitemap-0.xml')) as SitemapDocument).urlset.url) as { loc: string }[]).map((u) => u.loc);
    for (const tag of HOSTILE_TAGS) {
      const loc = urls.find((u) => u === `https://example.org/blog/tags/${encodeURIComponent(tagSlug(tag))}/`);
      expect(loc, tag).toBeDefined();
      expect(dist.resolve(loc!)).toBeDefined();
    }
    for (const loc of urls) expect(() => new URL(loc)).not.toThrow();
  });

  it('search index and social card: the title is data', async () => {
    const fragments = dist.searchFragments();
    expect(fragments.find((f) => f.url === '/posts/hostile/')?.meta.title).toBe(HOSTILE_TITLE);
    expect(await decodeJpeg(readFileSync(join(edge.out, 'og/hostile.jpg')))).toEqual({ width: 1200, height: 630 });
  });

  it('social cards: what no font draws is left out, with a warning naming the post', async () => {
    const log = readFileSync(edge.log, 'utf8');
    expect(log).toMatch(/\[og\] \S*emoji\.md: no font for 🚀 🎉; left out of its social card/);
    expect(log).toMatch(/\[og\] \S*rtl\.md: no font for ש .*; left out of its social card/);
    for (const card of ['og/emoji.jpg', 'og/rtl.jpg']) expect(await decodeJpeg(readFileSync(join(edge.out, card))), card).toEqual({ width: 1200, height: 630 });
  });

  it('an alias with markup in it becomes a harmless redirect page', () => {
    const file = dist.files.find((f) => f.startsWith('old/') && f.endsWith('index.html'))!;
    const { elements, attr } = browserView(dist.read(file));
    expect(
      attr(
        elements.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical')!,
        'href',
      ),
    ).toBe('https://example.org/blog/posts/hostile/');
    expect(elements.filter((e) => e.tagName === 'script')).toEqual([]);
  });
});

describe('odd but valid posts: nothing lost', () => {
  it('every published post is in every place it should be', () => {
    const all = posts();
    expect(all.length).toBe(8);
    const tags = buildTagIndex(all);
    const listed = (files: string[]) =>
      files.flatMap((f) =>
        dist
          .html(f)
          .querySelectorAll('.post-list .card-title a')
          .map((a) => a.getAttribute('href')),
      );
    const home = listed(dist.files.filter((f) => f === 'index.html' || /^page\/\d+\/index\.html$/.test(f)));
    const archive = dist
      .html('archive/index.html')
      .querySelectorAll('.timeline a')
      .map((a) => a.getAttribute('href'));
    const rss = parseFeed(dist.read('rss.xml')).items.map((i) => i.url);
    const json = (JSON.parse(dist.read('feed.json')) as JsonFeed).items.map((i) => i.url);
    const sitemap = (asArray((xml.parse(dist.read('sitemap-0.xml')) as SitemapDocument).urlset.url) as { loc: string }[]).map((u) => u.loc);
    const indexed = dist.searchFragments().map((f) => f.url);
    for (const post of all) {
      const path = `/blog/posts/${encodeURIComponent(post.slug)}/`;
      const absolute = `https://example.org${path}`;
      expect(dist.resolve(path), post.id).toBeDefined();
      expect(home, post.id).toContain(path);
      expect(archive, post.id).toContain(path);
      expect(rss, post.id).toContain(absolute);
      expect(json, post.id).toContain(absolute);
      expect(sitemap, post.id).toContain(absolute);
      expect(indexed, post.id).toContain(`/posts/${encodeURIComponent(post.slug)}/`);
      for (const label of post.tags) {
        const tag = tags.forLabel(label)!;
        const pagesOfTag = dist.files.filter((f) => f.startsWith(`tags/${tag.slug}/`) && f.endsWith('index.html'));
        expect(listed(pagesOfTag), `${post.id} in tag ${tag.label}`).toContain(path);
      }
    }
  });

  it('merges a composed and a decomposed accent into one tag', () => {
    const cafe = dist.files.filter((f) => /^tags\/caf/.test(f) && f.endsWith('/index.html'));
    expect(cafe).toEqual(['tags/café/index.html']);
    expect(dist.html('tags/café/index.html').querySelectorAll('.post-list .card-title a')).toHaveLength(2);
  });

  it('publishes the 2 MB post whole, and gives emoji and RTL tags readable URLs', () => {
    expect(dist.read('posts/big/index.html')).toContain('BIGPOSTENDMARKER');
    expect(dist.files).toContain('tags/עברית/index.html');
    expect(dist.files).toContain('tags/العربية/index.html');
    expect(dist.files).toContain(`tags/${tagSlug('🚀')}/index.html`);
    expect(dist.html('posts/rtl/index.html').querySelector('h1')?.text.trim()).toBe('שלום עולם — مرحبا بالعالم');
  });

  it('gives C#, F#, .NET, node.js and C++ distinct tag pages', () => {
    for (const tag of ['c-sharp', 'f-sharp', 'net', 'node-js', 'c-plus-plus']) expect(dist.files).toContain(`tags/${tag}/index.html`);
  });

  it('leaks no draft into any file', () => {
    for (const file of dist.files) {
      const raw = readFileSync(join(edge.out, file));
      const bytes = (/\.pf_[a-z]+$/.test(file) ? gunzipSync(raw) : raw).toString('latin1');
      expect(bytes.includes('EDGEDRAFTMARKER') || bytes.includes('edgedraftonly'), file).toBe(false);
    }
  });
});
