import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, Dist, xml, type JsonFeed, type JsonLd, type RssDocument, type SitemapDocument } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

const pages = () => dist.htmlFiles().filter((f) => !/http-equiv="refresh"/.test(dist.read(f)));

describe('feeds', () => {
  it('the site RSS parses with a real feed parser: self link, language, full content', () => {
    const feed = parseFeed(dist.read('rss.xml'));
    expect(feed.meta.type).toBe('rss');
    expect(feed.title).toBe('Folio');
    expect(feed.url).toBe('https://example.org/blog/');
    expect(feed.self).toBe('https://example.org/blog/rss.xml');
    expect(feed.language).toBe('en');
    expect(feed.items.length).toBeGreaterThan(10);
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/example\.org\/blog\/posts\//);
      expect(item.content?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('has lastBuildDate from the newest post, not the build time', () => {
    expect((xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel.lastBuildDate).toBe('Sun, 03 Mar 2024 05:00:00 GMT');
  });

  it('gives every tag its own feed with only its posts', () => {
    const feed = parseFeed(dist.read('tags/c-sharp/rss.xml'));
    expect(feed.title).toBe('Folio: C#');
    expect(feed.self).toBe('https://example.org/blog/tags/c-sharp/rss.xml');
    expect(feed.items.map((i) => i.title)).toEqual(['Notes on C Sharp']);
    const series = parseFeed(dist.read('tags/series/rss.xml'));
    expect(series.items).toHaveLength(6);
    for (const tag of dist.files.filter((f) => /^tags\/[^/]+\/index\.html$/.test(f))) {
      expect(dist.files, tag).toContain(tag.replace('index.html', 'rss.xml'));
    }
  });

  it('publishes a JSON Feed 1.1 with content_html and absolute URLs, MDX included', () => {
    const feed = JSON.parse(dist.read('feed.json')) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://example.org/blog/feed.json');
    expect(feed.home_page_url).toBe('https://example.org/blog/');
    const rssTitles = parseFeed(dist.read('rss.xml')).items.map((i) => i.title);
    expect(feed.items.map((i) => i.title)).toEqual(rssTitles);
    const mdx = feed.items.find((i) => i.title === 'An MDX Post');
    expect(mdx?.content_html).toContain('the answer is 42');
    expect(mdx?.date_published).toBe('2021-01-01T05:00:00.000Z');
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/example\.org\/blog\/posts\//);
      for (const [, url = ''] of String(item.content_html).matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^https?:\/\//);
    }
  });

  it('is announced on every page, and tag pages announce their own feed', () => {
    for (const file of pages()) {
      const head = dist.html(file).querySelector('head')!;
      expect(head.querySelector('link[rel="alternate"][type="application/rss+xml"]')?.getAttribute('href'), file).toBe('https://example.org/blog/rss.xml');
      expect(head.querySelector('link[rel="alternate"][type="application/feed+json"]')?.getAttribute('href'), file).toBe('https://example.org/blog/feed.json');
    }
    const feeds = dist.html('tags/go/index.html').querySelectorAll('link[rel="alternate"][type="application/rss+xml"]');
    expect(feeds.map((l) => l.getAttribute('href'))).toContain('https://example.org/blog/tags/go/rss.xml');
  });
});

describe('search', () => {
  it('loads its script only on the search page; other pages stay nearly script-free', () => {
    for (const file of pages()) {
      const scripts = dist
        .html(file)
        .querySelectorAll('script[src]')
        .map((s) => s.getAttribute('src') ?? '');
      const search = scripts.filter((src) => /search/.test(src));
      expect(search.length, file).toBe(file === 'search/index.html' ? 1 : 0);
      expect(dist.read(file).includes('pagefind/'), file).toBe(file === 'search/index.html');
      // every page: the theme toggle; posts add the copy-code button; the search page its search
      expect(
        scripts.filter((src) => /ThemeToggle/.test(src)),
        file,
      ).toHaveLength(1);
      expect(scripts.length, file).toBeLessThanOrEqual(2);
    }
  });
});

describe('search engines', () => {
  it('gives every page a unique title, description and canonical URL', () => {
    const seen = { title: new Map<string, string>(), canonical: new Map<string, string>() };
    for (const file of pages().filter((f) => f !== '404.html')) {
      const page = dist.html(file);
      const title = page.querySelector('title')?.text ?? '';
      const canonical = page.querySelectorAll('link[rel="canonical"]');
      expect(canonical, file).toHaveLength(1);
      const href = canonical[0]?.getAttribute('href') ?? '';
      expect(seen.title.get(title), `title "${title}"`).toBeUndefined();
      expect(seen.canonical.get(href), `canonical ${href}`).toBeUndefined();
      seen.title.set(title, file);
      seen.canonical.set(href, file);
    }
  });

  it('gives posts OpenGraph article tags and a Twitter card', () => {
    const head = dist.html('posts/hello-world/index.html').querySelector('head')!;
    const prop = (p: string) => head.querySelectorAll(`meta[property="${p}"]`).map((m) => m.getAttribute('content'));
    expect(prop('og:type')).toEqual(['article']);
    expect(prop('og:title')).toEqual(['Hello World']);
    expect(prop('og:url')).toEqual(['https://example.org/blog/posts/hello-world/']);
    expect(prop('article:published_time')).toEqual(['2024-03-03T05:00:00.000Z']);
    expect(prop('article:modified_time')).toEqual(['2024-03-03T05:00:00.000Z']);
    expect(prop('article:tag')).toEqual(['Go', 'web', 'series']);
    expect(head.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toMatch(/^summary/);
  });

  it('serialises JSON-LD safely: BlogPosting and BreadcrumbList parse, hostile titles stay data', () => {
    for (const file of pages().filter((f) => f.startsWith('posts/'))) {
      const blocks = dist
        .html(file)
        .querySelectorAll('script[type="application/ld+json"]')
        .map((s) => JSON.parse(s.text) as JsonLd);
      expect(
        blocks.map((b) => b['@type']),
        file,
      ).toEqual(['BlogPosting', 'BreadcrumbList']);
      const [posting, crumbs] = blocks;
      expect(posting?.url).toBe(`https://example.org${dist.urlOf(file)}`);
      expect(posting?.headline).toBe(dist.html(file).querySelector('h1')?.text.trim());
      expect(crumbs?.itemListElement?.at(-1)?.item).toBe(posting?.url);
    }
    const raw = dist.read('posts/escaping/index.html');
    const ld = raw.slice(raw.indexOf('application/ld+json'));
    expect(ld.slice(0, ld.indexOf('</script>'))).not.toContain('<b>');
    const posting = JSON.parse(dist.html('posts/escaping/index.html').querySelector('script[type="application/ld+json"]')!.text) as JsonLd;
    expect(posting.headline).toBe('Ampersands & <b>Angles</b> "quoted"');
    expect(posting.description).toBe('A description with <script>alert(1)</script> & friends');
  });

  it('dates sitemap entries: a post by its update, lists by their newest post', () => {
    const urls = asArray((xml.parse(dist.read('sitemap-0.xml')) as SitemapDocument).urlset.url) as { loc: string; lastmod?: string }[];
    const lastmod = (path: string) => urls.find((u) => u.loc === `https://example.org/blog/${path}`)?.lastmod;
    // c-plus-plus.md: dated 2023-05-02, updated 2024-06-01 (New York), later than any post's date.
    const update = '2024-06-01T04:00:00.000Z';
    expect(lastmod('posts/c-plus-plus/')).toBe(update);
    expect(lastmod('posts/hello-world/')).toBe('2024-03-03T05:00:00.000Z'); // never updated: its date
    // Every list that shows the updated post follows its update, though newer posts are on it...
    for (const list of ['', 'archive/', 'tags/', 'tags/c-plus-plus/', 'tags/series/']) expect(lastmod(list), list).toBe(update);
    // ...and lists without it keep their own newest post's date.
    expect(lastmod('page/2/')).toBe('2022-07-08T04:00:00.000Z');
    expect(lastmod('tags/series/page/2/')).toBe('2020-09-30T06:15:09.000Z');
    expect(lastmod('tags/go/')).toBe('2024-03-03T05:00:00.000Z');
    expect(lastmod('tags/c/')).toBe('2023-05-03T04:00:00.000Z');
    // a page of its own by its `updated`; without one (as Hugo leaves it) it has no lastmod
    expect(lastmod('about/')).toBe('2025-06-01T04:00:00.000Z');
    const undated = ['now/', 'colophon/', 'projects/'];
    for (const path of undated)
      expect(
        urls.some((u) => u.loc === `https://example.org/blog/${path}`),
        path,
      ).toBe(true);
    for (const path of undated) expect(lastmod(path), path).toBeUndefined();
    for (const url of urls.filter((u) => !undated.some((path) => u.loc.endsWith(`/blog/${path}`)))) expect(url.lastmod, url.loc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
