import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, Dist, xml, type JsonFeed, type SitemapDocument, type SitemapIndexDocument } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

/** Every URL the built site points at, with where it was found. */
function collectUrls(): { url: string; from: string }[] {
  const found: { url: string; from: string }[] = [];
  const add = (url: string | undefined, from: string) => {
    if (url) found.push({ url, from });
  };
  for (const file of dist.htmlFiles()) {
    const page = dist.html(file);
    // (the search page's data-bundle is a folder prefix; it is checked on its own below)
    for (const el of page.querySelectorAll('[href], [src], [srcset]')) {
      add(el.getAttribute('href'), file);
      add(el.getAttribute('src'), file);
      for (const candidate of (el.getAttribute('srcset') ?? '').split(',')) add(candidate.trim().split(/\s+/)[0], file);
    }
    for (const meta of page.querySelectorAll('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]')) add(meta.getAttribute('content'), file);
    const refresh = page.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content');
    add(refresh?.replace(/^\d+;\s*url=/, ''), file);
  }
  for (const file of dist.files.filter((f) => f.endsWith('.css'))) {
    for (const [, url] of dist.read(file).matchAll(/url\(["']?([^"')]+)["']?\)/g)) if (!url?.startsWith('data:')) add(url, file);
  }
  for (const file of dist.files.filter((f) => f.endsWith('rss.xml'))) {
    const feed = parseFeed(dist.read(file));
    add(feed.url ?? undefined, file);
    add(feed.self ?? undefined, file);
    for (const item of feed.items) add(item.url ?? undefined, file);
  }
  const json = JSON.parse(dist.read('feed.json')) as JsonFeed;
  add(json.home_page_url, 'feed.json');
  add(json.feed_url, 'feed.json');
  for (const item of json.items) add(item.url, 'feed.json');
  for (const { loc } of asArray((xml.parse(dist.read('sitemap-index.xml')) as SitemapIndexDocument).sitemapindex.sitemap) as { loc: string }[]) add(loc, 'sitemap-index.xml');
  for (const { loc } of asArray((xml.parse(dist.read('sitemap-0.xml')) as SitemapDocument).urlset.url) as { loc: string }[]) add(loc, 'sitemap-0.xml');
  add(/Sitemap: (\S+)/.exec(dist.read('robots.txt'))?.[1], 'robots.txt');
  return found;
}

describe('a site built under a base path (/blog/)', () => {
  it('points every internal URL under the base, and every one resolves', () => {
    const urls = collectUrls();
    expect(urls.length).toBeGreaterThan(500);
    const problems: string[] = [];
    for (const { url, from } of urls) {
      if (url.startsWith('#') || url.startsWith('mailto:')) continue;
      const base = `${fixture.site}${dist.urlOf(from.endsWith('.html') ? from : 'index.html')}`;
      const absolute = new URL(url, base);
      if (absolute.origin !== fixture.site) continue;
      if (!(url.startsWith('/blog/') || url.startsWith('https://example.org/blog/') || !/^\/|^https?:/.test(url))) problems.push(`${from}: ${url} is not under /blog/`);
      if (!absolute.pathname.startsWith('/blog/')) problems.push(`${from}: ${url} leaves the base path`);
      else if (!dist.resolve(absolute.href)) problems.push(`${from}: ${url} does not resolve`);
    }
    expect(problems).toEqual([]);
  });

  it('has no root-relative URL that forgets the base', () => {
    for (const file of dist.htmlFiles()) {
      const stray = [...dist.read(file).matchAll(/\s(?:href|src|content|data-bundle)="(\/[^"]*)"/g)].map((m) => m[1]).filter((u) => !u?.startsWith('/blog/'));
      expect(stray, file).toEqual([]);
    }
  });

  it('serves search assets from under the base', () => {
    const bundle = dist.html('search/index.html').querySelector('form[data-bundle]')?.getAttribute('data-bundle');
    expect(bundle).toBe('/blog/pagefind/');
    expect(dist.resolve(`${bundle}pagefind.js`)).toBe('pagefind/pagefind.js');
  });
});
