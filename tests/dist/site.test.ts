import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse as parse5 } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, Dist, xml, type RssDocument, type SitemapDocument, type SitemapIndexDocument } from '../helpers/dist';
import { fixture } from './setup';
import { stripAnsi } from '../../scripts/bench/log';
import { absolutizeHtml, feedCallouts } from '../../src/lib/feed';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

/** Published fixture posts, newest first, with the URL path each should get. */
const published = [
  ['hello-world', 'Hello World'],
  ['bare-date', 'Bare Date on New Year'],
  ['c', 'Notes on C'],
  ['c-plus-plus', 'Notes on C Plus Plus'],
  ['c-sharp', 'Notes on C Sharp'],
  ['unicode-tags', 'Unicode Tags'],
  ['bom-crlf', 'Windows Line Endings'],
  ['escaping', 'Ampersands & <b>Angles</b> "quoted"'],
  ['compiler/intro', 'Why Build a Compiler'],
  ['compiler/codegen', 'Generating Code'],
  ['compiler/parsing', 'Parsing Into a Tree'],
  ['compiler/lexing', 'Lexing, One Character at a Time'],
  ['mdx-post', 'An MDX Post'],
  ['offset-date', 'Late Evening in California'],
  ['with-image', 'A Post With an Image'],
  ['nested/deep/post', 'A Nested Post'],
  ['wikilinks', 'Linking Like Obsidian'],
  ['a-custom-url', 'Custom Slug'],
  ['math', 'Math in a Post'],
  ['markdown-features', 'Markdown Features'],
  ['image-formats', 'Images of Every Format in MDX'],
  ['animated-cover', 'An Animated Cover'],
  ['remote-images', 'Remote Images'],
] as const;

// `old name` is relative: it resolves from the post's folder, posts/, kept as written.
const aliasFiles = ['2019/05/old-permalink/index.html', 'posts/old name/index.html'];
const isRedirect = (file: string) => /http-equiv="refresh"/.test(dist.read(file));

const hidden = ['DRAFTMARKER7F3A', 'FUTUREMARKER91C2', 'SCHEDULEDMARKER5D1E', 'IGNOREDMARKER0B4C', 'draftonlytag', 'futureonlytag', 'SERIESDRAFTMARKER4C1D', 'SERIESFUTUREMARKER8E2B'];

const postTitles = (file: string) =>
  dist
    .html(file)
    .querySelectorAll('.post-list .card-title a')
    .map((a) => a.text.trim());

describe('post pages', () => {
  it('exist for every published post, with the title as the only h1', () => {
    for (const [id, title] of published) {
      const file = `posts/${id}/index.html`;
      expect(dist.files, file).toContain(file);
      const h1s = dist.html(file).querySelectorAll('h1');
      expect(h1s, file).toHaveLength(1);
      expect(h1s[0]?.text.trim()).toBe(title);
    }
  });

  it('exist for nothing else', () => {
    const postPages = dist.files.filter((f) => f.startsWith('posts/') && f.endsWith('.html') && !isRedirect(f));
    expect(postPages.sort()).toEqual(published.map(([id]) => `posts/${id}/index.html`).sort());
  });

  it('show the calendar date written, in a <time datetime>, on a UTC+14 build machine', () => {
    const time = (id: string) => dist.html(`posts/${id}/index.html`).querySelector('.post-header time');
    expect(time('bare-date')?.getAttribute('datetime')).toBe('2024-01-01');
    expect(time('bare-date')?.text).toBe('January 1, 2024');
    expect(time('hello-world')?.text).toBe('March 3, 2024');
    expect(time('offset-date')?.getAttribute('datetime')).toBe('2020-09-29T23:15:09-07:00');
    expect(time('offset-date')?.text).toBe('September 29, 2020');
  });

  it('link to the previous and next posts', () => {
    const nav = dist.html('posts/c-plus-plus/index.html').querySelector('.post-nav');
    expect(nav?.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/blog/posts/c-sharp/');
    expect(nav?.querySelector('a[rel=next]')?.getAttribute('href')).toBe('/blog/posts/c/');
    const newest = dist.html('posts/hello-world/index.html');
    expect(newest.querySelector('a[rel=next]')).toBeNull();
    expect(newest.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/blog/posts/bare-date/');
  });

  it('show reading time and tag links', () => {
    const page = dist.html('posts/hello-world/index.html');
    expect(page.querySelector('.post-header .meta')?.text).toMatch(/1 min read/);
    expect(page.querySelectorAll('.post-header .tags a').map((a) => a.getAttribute('href'))).toEqual(['/blog/tags/go/', '/blog/tags/web/', '/blog/tags/series/']);
  });

  it('escape frontmatter text in HTML and attributes', () => {
    // Parsed as a browser does (parse5, the WHATWG algorithm): the markup in the title is
    // text everywhere, so no <b> or <script> element comes out of it.
    const names: string[] = [];
    const walk = (node: { nodeName: string; childNodes?: unknown[] }) => {
      names.push(node.nodeName);
      for (const child of node.childNodes ?? []) walk(child as typeof node);
    };
    walk(parse5(dist.read('posts/escaping/index.html')));
    expect(names).not.toContain('b');
    const page = dist.html('posts/escaping/index.html');
    expect(page.querySelector('meta[name=description]')?.getAttribute('content')).toBe('A description with <script>alert(1)</script> & friends');
    expect(page.querySelector('title')?.text).toBe('Ampersands & <b>Angles</b> "quoted" · Folio');
  });

  it('publish files with a byte-order mark and CRLF line endings', () => {
    expect(dist.html('posts/bom-crlf/index.html').querySelector('.prose')?.text).toContain('byte-order mark and CRLF');
  });

  it('optimise co-located images with width and height', () => {
    const img = dist.html('posts/with-image/index.html').querySelector('.prose img');
    expect(img?.getAttribute('width')).toBe('64');
    expect(img?.getAttribute('height')).toBe('64');
    expect(img?.getAttribute('src')).toMatch(/^\/blog\/_astro\/.+\.webp$/);
    // responsive: a srcset of WebP candidates and sizes, every candidate under the base path
    expect(img?.getAttribute('sizes')).toBeTruthy();
    for (const candidate of (img?.getAttribute('srcset') ?? '').split(',')) expect(candidate.trim()).toMatch(/^\/blog\/_astro\/\S+\.webp \d+w$/);
    expect(dist.resolve(img?.getAttribute('src') ?? '')).toBeDefined();
  });
});

describe('slug and aliases', () => {
  it('publish a post at its slug, not its file name', () => {
    expect(dist.files).toContain('posts/a-custom-url/index.html');
    expect(dist.files).not.toContain('posts/with-slug-and-aliases/index.html');
  });

  it('turn each alias into a redirect page: canonical, meta refresh, noindex', () => {
    expect(aliasFiles.filter((f) => dist.files.includes(f))).toEqual(aliasFiles);
    for (const file of aliasFiles) {
      const page = dist.html(file);
      const target = 'https://example.org/blog/posts/a-custom-url/';
      expect(page.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(target);
      expect(page.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe(`0; url=${target}`);
      expect(page.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
      expect(dist.resolve(target)).toBe('posts/a-custom-url/index.html');
    }
  });

  it('list alias pages nowhere else', () => {
    const listed = ['index.html', 'page/2/index.html', 'page/3/index.html', 'archive/index.html', 'rss.xml', 'sitemap-0.xml'];
    for (const file of listed) {
      const text = dist.read(file);
      expect(text, file).not.toContain('old-permalink');
      expect(text, file).not.toContain('posts/old%20name');
      expect(text, file).not.toContain('posts/old name');
    }
  });
});

describe('drafts, future and ignored posts', () => {
  it('appear in no output file at all, search index included', () => {
    expect(dist.files.some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
    for (const file of dist.files) {
      const raw = readFileSync(join(dist.dir, file));
      // Pagefind's index files are gzipped: read what a browser would.
      const bytes = (/\.pf_[a-z]+$/.test(file) ? gunzipSync(raw) : raw).toString('latin1');
      for (const marker of hidden) expect(bytes.includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });

  it('have no page and no tag page', () => {
    expect(dist.files.filter((f) => /draft|future|scheduled|_ignored/.test(f))).toEqual([]);
  });
});

describe('home and pagination', () => {
  it('lists every published post newest first across / to /page/5/, the pinned ones in their group on /', () => {
    expect(dist.files).toContain('page/5/index.html');
    expect(dist.files).not.toContain('page/6/index.html');
    expect(dist.files).not.toContain('page/1/index.html');
    const pages = ['index.html', 'page/2/index.html', 'page/3/index.html', 'page/4/index.html', 'page/5/index.html'];
    const pinned = ['Late Evening in California', 'Markdown Features'];
    expect(pages.flatMap(postTitles)).toEqual([...pinned, ...published.map(([, title]) => title).filter((title) => !pinned.includes(title))]);
  });

  it('links pages with rel=prev/next and self-canonical URLs', () => {
    const second = dist.html('page/2/index.html');
    expect(second.querySelector('link[rel=prev]')?.getAttribute('href')).toBe('/blog/');
    expect(second.querySelector('link[rel=next]')?.getAttribute('href')).toBe('/blog/page/3/');
    expect(second.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://example.org/blog/page/2/');
  });

  it('shows date, excerpt and tags for each entry', () => {
    const card = dist.html('index.html').querySelector('main > .wrap > .post-list .card');
    expect(card?.querySelector('time')?.getAttribute('datetime')).toBe('2024-03-03');
    expect(card?.querySelector('.excerpt')?.text).toMatch(/^The first post links to the archive/);
    expect(card?.querySelectorAll('.tags a').length).toBe(3);
    // every entry: the date and tags its post page shows, and an excerpt
    const cards = ['index.html', 'page/2/index.html', 'page/3/index.html', 'page/4/index.html', 'page/5/index.html'].flatMap((f) => dist.html(f).querySelectorAll('.card'));
    expect(cards).toHaveLength(published.length);
    for (const entry of cards) {
      const url = entry.querySelector('.card-title a')?.getAttribute('href') ?? '';
      const post = dist.html(dist.resolve(url)!).querySelector('.post-header')!;
      expect(entry.querySelector('time')?.getAttribute('datetime'), url).toBe(post.querySelector('time')?.getAttribute('datetime'));
      expect(entry.querySelector('time')?.text, url).toBe(post.querySelector('time')?.text);
      expect(entry.querySelector('.excerpt')?.text.trim(), url).not.toBe('');
      const tags = (root: typeof post) => root.querySelectorAll('.tags a').map((a) => [a.text.trim(), a.getAttribute('href')]);
      expect(tags(entry), url).toEqual(tags(post));
    }
  });
});

describe('tags', () => {
  it('keep C#, C++ and C apart and merge case variants', () => {
    expect(dist.files).toEqual(expect.arrayContaining(['tags/c-sharp/index.html', 'tags/c-plus-plus/index.html', 'tags/c/index.html']));
    expect(postTitles('tags/c-sharp/index.html')).toEqual(['Notes on C Sharp']);
    expect(postTitles('tags/c/index.html')).toEqual(['Notes on C']);
    // "Go" and "go" are one tag
    expect(postTitles('tags/go/index.html')).toEqual(['Hello World', 'Bare Date on New Year']);
  });

  it('give non-Latin tags readable, resolvable URLs', () => {
    expect(dist.files).toContain('tags/日本語/index.html');
    expect(dist.files).toContain('tags/ünïcödé/index.html');
    const links = dist.html('posts/unicode-tags/index.html').querySelectorAll('.post-header .tags a');
    expect(links.map((a) => dist.resolve(a.getAttribute('href') ?? ''))).toEqual(['tags/日本語/index.html', 'tags/ünïcödé/index.html', 'tags/series/index.html']);
  });

  it('paginate tag pages', () => {
    const titles = [...postTitles('tags/series/index.html'), ...postTitles('tags/series/page/2/index.html')];
    expect(titles).toEqual(['Hello World', 'Bare Date on New Year', 'Notes on C Plus Plus', 'Unicode Tags', 'Windows Line Endings', 'Late Evening in California']);
    expect(dist.files).not.toContain('tags/series/page/3/index.html');
  });

  it('index every tag with its count', () => {
    const items = dist.html('tags/index.html').querySelectorAll('.tag-cloud a');
    const counts = Object.fromEntries(items.map((a) => [String(a.childNodes[0]?.text.trim()), a.querySelector('.count')?.text.replace(/\D+/g, '')] as const));
    expect(counts).toMatchObject({ series: '6', Go: '2', 'C#': '1', 'C++': '1', C: '1', 日本語: '1', mdx: '1' });
    expect(Object.keys(counts)).not.toContain('draftonlytag');
  });
});

describe('archive', () => {
  it('lists every published post once, grouped by year and month, newest first', () => {
    const page = dist.html('archive/index.html');
    const years = page.querySelectorAll('.archive > section > h2').map((h) => h.childNodes[0]?.text.trim());
    expect(years).toEqual(['2024', '2023', '2022', '2021', '2020', '2019', '2018', '2017']);
    const titles = page.querySelectorAll('.timeline a').map((a) => a.text.trim());
    expect(titles).toEqual(published.map(([, title]) => title));
    expect(page.querySelectorAll('.archive h3').map((h) => h.text.trim())).toContain('September 2020');
  });
});

describe('RSS feed', () => {
  const feed = () => (xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel;

  it('lists every published post newest first with absolute links', () => {
    const items = asArray(feed().item) as { title: string; link: string; guid: { '#text': string } }[];
    expect(items.map((i) => i.title)).toEqual(published.map(([, title]) => title));
    expect(items.map((i) => i.link)).toEqual(published.map(([id]) => `https://example.org/blog/posts/${id}/`));
  });

  it('carries categories, a stable pubDate and a description', () => {
    const items = asArray(feed().item) as Record<string, unknown>[];
    const hello = items.find((i) => i['title'] === 'Hello World')!;
    expect(asArray(hello['category'])).toEqual(['Go', 'web', 'series']);
    // midnight in the site's zone (America/New_York)
    expect(hello['pubDate']).toBe('Sun, 03 Mar 2024 05:00:00 GMT');
    expect(hello['description']).toMatch(/^The first post links/);
  });

  it('has full HTML content with only absolute URLs, for MDX posts too', () => {
    const items = asArray(feed().item) as Record<string, string>[];
    for (const item of items) {
      const html = item['content:encoded'] ?? '';
      expect(html.length, item['title']).toBeGreaterThan(0);
      for (const [, url = ''] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        expect(url, `${item['title']}: ${url}`).toMatch(/^https?:\/\//);
        if (new URL(url).host === 'example.org') expect(url, `${item['title']}: ${url}`).toMatch(/^https:\/\/example\.org\/blog\//);
      }
    }
    const mdx = items.find((i) => i['title'] === 'An MDX Post')!;
    expect(mdx['content:encoded']).toContain('the answer is 42');
    expect(mdx['content:encoded']).toContain('Inside a JSX block.');
    const hello = items.find((i) => i['title'] === 'Hello World')!;
    expect(hello['content:encoded']).toContain('href="https://example.org/blog/archive/"');
    expect(hello['content:encoded']).toContain('href="https://example.org/blog/posts/bare-date/"');
    expect(hello['content:encoded']).toContain('href="https://example.org/blog/posts/hello-world/#note"');
    const image = items.find((i) => i['title'] === 'A Post With an Image')!;
    expect(image['content:encoded']).toMatch(/src="https:\/\/example\.org\/blog\/_astro\/[^"]+\.webp"/);
  });

  it('carries each post exactly as its page shows it, Markdown, MDX and images alike (only URLs made absolute, callouts as blockquotes)', () => {
    // absolutizeHtml and feedCallouts have unit tests of their own (and callouts.test.ts reads the
    // feeds' callouts); here: the same HTML, resolved against the post's URL, after the line that
    // names a part's series (tests/dist/series.test.ts)
    const items = asArray(feed().item) as Record<string, string>[];
    const seriesLine = /^<p><em>Part \d+ of the series <a href="[^"]+">[^<]+<\/a>\.<\/em><\/p>/;
    for (const item of items) {
      const page = dist.html(dist.resolve(item['link'] ?? '')!);
      const body = page.querySelector('article .prose')!.innerHTML;
      const content = item['content:encoded']?.trim() ?? '';
      expect(seriesLine.test(content), item['title']).toBe(page.querySelector('.series-box') !== null);
      expect(content.replace(seriesLine, ''), item['title']).toBe(absolutizeHtml(feedCallouts(body), item['link'] ?? '').trim());
    }
  });

  it('escapes frontmatter text as XML text', () => {
    const items = asArray(feed().item) as Record<string, string>[];
    expect(items.map((i) => i['title'])).toContain('Ampersands & <b>Angles</b> "quoted"');
    expect(dist.read('rss.xml')).not.toContain('<b>Angles</b>');
  });

  it('describes the channel with an absolute link and language', () => {
    const channel = feed();
    expect(channel.link).toBe('https://example.org/blog/');
    expect(channel.language).toBe('en');
  });
});

describe('search index', () => {
  it('indexes every published post and nothing else', () => {
    const entry = JSON.parse(dist.read('pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    expect(indexed).toBe(published.length);
    const fragments = dist.searchFragments();
    // Pagefind stores site-relative URLs; the search page adds the base path in the browser.
    expect(fragments.map((f) => f.url).sort()).toEqual(published.map(([id]) => `/posts/${id}/`).sort());
    const hello = fragments.find((f) => f.url === '/posts/hello-world/')!;
    expect(hello.meta['title']).toBe('Hello World');
    expect(hello.meta['date']).toBe('March 3, 2024');
    // navigation and tag links are not part of the indexed text
    expect(hello.content).not.toContain('Skip to content');
    expect(hello.content).not.toContain('Previous post');
  });
});

describe('sitemap and robots', () => {
  const locs = () => {
    const index = xml.parse(dist.read('sitemap-index.xml')) as SitemapIndexDocument;
    const maps = asArray(index.sitemapindex.sitemap) as { loc: string }[];
    return maps.flatMap(({ loc }) => {
      const file = dist.resolve(loc);
      expect(file, loc).toBeDefined();
      return (asArray((xml.parse(dist.read(file!)) as SitemapDocument).urlset.url) as { loc: string }[]).map((u) => u.loc);
    });
  };

  it('lists exactly the public HTML pages, absolute', () => {
    const expected = dist
      .htmlFiles()
      .filter((f) => f !== '404.html' && f !== 'search/index.html' && !aliasFiles.includes(f))
      .map((f) => `${fixture.site}${dist.urlOf(f)}`)
      .sort();
    expect([...locs()].sort()).toEqual(expected);
  });

  it('takes every page of a cold build as the layout rendered it, reading no head back (under a base path)', () => {
    const said = /\[sitemap\] (\d+) pages as their layout rendered them, (\d+) read back from the output folder/.exec(stripAnsi(readFileSync(fixture.log, 'utf8')));
    expect(said).not.toBeNull();
    // every HTML page but the 404 (not a sitemap candidate) and the redirect pages (a route of their own, not a page)
    expect(Number(said![1])).toBe(dist.htmlFiles().filter((f) => f !== '404.html' && !isRedirect(f)).length);
    expect(Number(said![2])).toBe(0);
  });

  it('is named by robots.txt', () => {
    expect(dist.read('robots.txt')).toContain('Sitemap: https://example.org/blog/sitemap-index.xml');
  });
});

describe('every page', () => {
  it('has lang, one h1, a title, a description and an absolute canonical URL', () => {
    const titles = new Set<string>();
    for (const file of dist.htmlFiles().filter((f) => !isRedirect(f))) {
      const page = dist.html(file);
      expect(page.querySelector('html')?.getAttribute('lang'), file).toBe('en');
      expect(page.querySelectorAll('h1'), file).toHaveLength(1);
      expect(page.querySelector('meta[name=description]')?.getAttribute('content'), file).toBeTruthy();
      const title = page.querySelector('title')?.text ?? '';
      expect(titles.has(title), `duplicate title ${title} (${file})`).toBe(false);
      titles.add(title);
      if (file !== '404.html') {
        expect(page.querySelector('link[rel=canonical]')?.getAttribute('href'), file).toBe(`${fixture.site}${dist.urlOf(file)}`);
      }
      expect(page.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
      expect(page.querySelector('main#main')).not.toBeNull();
    }
  });

  it('links only to pages and assets that exist', () => {
    const broken: string[] = [];
    for (const file of dist.htmlFiles()) {
      const page = dist.html(file);
      for (const el of page.querySelectorAll('[href], [src]')) {
        const url = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
        if (url.startsWith('#') || /^(mailto|data):/.test(url)) continue;
        const target = new URL(url, `${fixture.site}${dist.urlOf(file)}`);
        if (target.origin !== fixture.site) continue;
        if (!dist.resolve(target.href)) broken.push(`${file} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has a 404 page', () => {
    expect(dist.html('404.html').querySelector('h1')?.text).toBe('Page not found');
  });
});
