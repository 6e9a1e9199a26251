import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, Dist, xml, type RssDocument, type SitemapDocument } from '../helpers/dist';
import { fixture } from './setup';

// Pinned posts and series on the fixture site (tests/fixtures/site/posts): markdown-features is
// pinned, offset-date is AstroPaper-`featured`, and the pinned draft is nowhere. "Building a
// Compiler" has an intro placed first by seriesOrder, three parts by date (one spelled in lower
// case, one MDX), a draft part and a future part; "C Family Notes" has three, one written as
// Hugo's one-name list.
let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

const titles = (file: string, selector = '.post-list .card-title a') =>
  dist
    .html(file)
    .querySelectorAll(selector)
    .map((a) => a.text.trim());
const file = (id: string) => `posts/${id}/index.html`;

const compiler = [
  ['compiler/intro', 'Why Build a Compiler'],
  ['compiler/lexing', 'Lexing, One Character at a Time'],
  ['compiler/parsing', 'Parsing Into a Tree'],
  ['compiler/codegen', 'Generating Code'],
] as const;
const cFamily = [
  ['c-sharp', 'Notes on C Sharp'],
  ['c-plus-plus', 'Notes on C Plus Plus'],
  ['c', 'Notes on C'],
] as const;
/** The draft and the future part of "Building a Compiler": in no page, feed, sitemap or index. */
const leftOut = ['compiler/type-checking', 'compiler/optimising'];

describe('pinned posts', () => {
  it('head the home page in a Pinned group, newest first, as h3 cards under its h2', () => {
    const group = dist.html('index.html').querySelector('section.pinned');
    expect(group?.querySelector('h2')?.text).toBe('Pinned');
    expect(group?.getAttribute('aria-labelledby')).toBe(group?.querySelector('h2')?.getAttribute('id'));
    expect(group?.querySelectorAll('h3.card-title a').map((a) => a.text.trim())).toEqual(['Late Evening in California', 'Markdown Features']);
  });

  it('are not repeated in the list below, which is a full page of the other posts', () => {
    const list = titles('index.html', 'main > .wrap > .post-list .card-title a');
    expect(list).toEqual(['Hello World', 'Bare Date on New Year', 'Notes on C', 'Notes on C Plus Plus', 'Notes on C Sharp']);
  });

  it('leave page 2 onward as list pages of the unpinned posts, with no group', () => {
    for (const page of ['page/2/index.html', 'page/3/index.html', 'page/4/index.html']) {
      expect(dist.html(page).querySelector('.pinned'), page).toBeNull();
      expect(titles(page), page).not.toContain('Markdown Features');
      expect(titles(page), page).not.toContain('Late Evening in California');
    }
    expect(titles('page/2/index.html')[0]).toBe('Unicode Tags');
  });

  it('keep their date order on tag pages and in the archive', () => {
    const seriesTag = [...titles('tags/series/index.html'), ...titles('tags/series/page/2/index.html')];
    expect(seriesTag.at(-1)).toBe('Late Evening in California');
    expect(titles('tags/markdown/index.html')).toEqual(['Markdown Features']);
    const archive = dist
      .html('archive/index.html')
      .querySelectorAll('.timeline a')
      .map((a) => a.text.trim());
    // the pinned "Markdown Features" (2018-01-01) keeps its place by date: after math.md (2018-06-01),
    // before the posts of 2017 (animated-cover, remote-images)
    const at = (title: string) => archive.indexOf(title);
    expect(at('Markdown Features')).toBeGreaterThan(at('Math in a Post'));
    expect(at('Markdown Features')).toBeLessThan(at('An Animated Cover'));
    expect(at('An Animated Cover')).toBeLessThan(at('Remote Images'));
    expect(archive.indexOf('Late Evening in California')).toBeGreaterThan(archive.indexOf('An MDX Post'));
  });
});

describe('the series box on each part', () => {
  it.each([
    ['Building a Compiler', '/blog/series/building-a-compiler/', compiler],
    ['C Family Notes', '/blog/series/c-family-notes/', cFamily],
  ] as const)('lists every published part of %s in order, marks the current one, and says which part it is', (name, url, parts) => {
    parts.forEach(([id], i) => {
      const box = dist.html(file(id)).querySelector('article nav.series-box');
      expect(box, id).not.toBeNull();
      expect(box?.getAttribute('aria-label')).toBe(`Series: ${name}`);
      expect(box?.querySelector('.series-box-title a')?.getAttribute('href')).toBe(url);
      expect(box?.querySelector('.series-box-title')?.text).toBe(`${name} · Part ${i + 1} of ${parts.length}`);
      expect(box?.querySelectorAll('ol a').map((a) => [a.text.trim(), dist.resolve(a.getAttribute('href') ?? '')])).toEqual(parts.map(([pid, title]) => [title, file(pid)]));
      expect(box?.querySelectorAll('[aria-current]').map((a) => [a.text.trim(), a.getAttribute('aria-current')])).toEqual([[parts[i]![1], 'page']]);
    });
  });

  it('links the previous and next parts below the post', () => {
    const links = (id: string) =>
      dist
        .html(file(id))
        .querySelectorAll('article nav.series-nav a')
        .map((a) => [a.text.trim(), dist.resolve(a.getAttribute('href') ?? '')]);
    expect(links('compiler/intro')).toEqual([['Next part →Lexing, One Character at a Time', file('compiler/lexing')]]);
    expect(links('compiler/parsing')).toEqual([
      ['← Previous partLexing, One Character at a Time', file('compiler/lexing')],
      ['Next part →Generating Code', file('compiler/codegen')],
    ]);
    // the draft part between parsing and codegen is skipped
    expect(links('compiler/codegen')).toEqual([['← Previous partParsing Into a Tree', file('compiler/parsing')]]);
  });

  it('is on no other post', () => {
    for (const id of ['hello-world', 'markdown-features', 'mdx-post']) {
      expect(dist.html(file(id)).querySelector('.series-box'), id).toBeNull();
      expect(dist.html(file(id)).querySelector('.series-nav'), id).toBeNull();
    }
  });

  it('makes each part isPartOf its series in JSON-LD, at its place', () => {
    compiler.forEach(([id], i) => {
      const blocks = dist
        .html(file(id))
        .querySelectorAll('script[type="application/ld+json"]')
        .map((s) => JSON.parse(s.text) as Record<string, unknown>);
      const posting = blocks.find((b) => b['@type'] === 'BlogPosting')!;
      expect(posting['isPartOf'], id).toEqual({ '@type': 'CreativeWorkSeries', name: 'Building a Compiler', url: 'https://example.org/blog/series/building-a-compiler/' });
      expect(posting['position'], id).toBe(i + 1);
      expect(dist.resolve((posting['isPartOf'] as { url: string }).url)).toBe('series/building-a-compiler/index.html');
    });
    const alone = dist
      .html(file('hello-world'))
      .querySelectorAll('script[type="application/ld+json"]')
      .map((s) => JSON.parse(s.text) as Record<string, unknown>);
    expect(alone.some((b) => 'isPartOf' in b)).toBe(false);
  });
});

describe('series pages', () => {
  it('/series/ lists every series by name with its number of parts', () => {
    const page = dist.html('series/index.html');
    expect(page.querySelector('h1')?.text).toBe('Series');
    expect(
      page.querySelectorAll('.series-list li').map((li) => [li.querySelector('a')?.text, dist.resolve(li.querySelector('a')?.getAttribute('href') ?? ''), li.querySelector('.count')?.text]),
    ).toEqual([
      ['Building a Compiler', 'series/building-a-compiler/index.html', '4 parts'],
      ['C Family Notes', 'series/c-family-notes/index.html', '3 parts'],
    ]);
  });

  it('/series/<slug>/ lists the parts in reading order, numbered', () => {
    const page = dist.html('series/building-a-compiler/index.html');
    expect(page.querySelector('h1')?.text).toBe('Series: Building a Compiler');
    expect(titles('series/building-a-compiler/index.html')).toEqual(compiler.map(([, title]) => title));
    expect(page.querySelectorAll('.post-list .meta').map((m) => m.text.split('·')[0])).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4']);
    expect(titles('series/c-family-notes/index.html')).toEqual(cFamily.map(([, title]) => title));
  });

  it('are in the sitemap, with the date of their newest part', () => {
    const index = xml.parse(dist.read('sitemap-0.xml')) as SitemapDocument;
    const urls = asArray(index.urlset.url) as { loc: string; lastmod?: string }[];
    const entry = (path: string) => urls.find((u) => u.loc === `https://example.org/blog/${path}`);
    expect(entry('series/')).toBeDefined();
    expect(entry('series/building-a-compiler/')?.lastmod).toBe('2021-03-01T05:00:00.000Z');
    // its newest change: c-plus-plus.md's update (2024-06-01), later than any part's date
    expect(entry('series/c-family-notes/')?.lastmod).toBe('2024-06-01T04:00:00.000Z');
  });

  it('are linked from the header of every page', () => {
    for (const page of ['index.html', 'page/2/index.html', file('hello-world'), 'tags/index.html', 'archive/index.html', 'search/index.html', '404.html', 'series/index.html']) {
      const nav = dist
        .html(page)
        .querySelectorAll('.site-header nav a')
        .map((a) => [a.text.trim(), a.getAttribute('href')]);
      expect(nav, page).toContainEqual(['Series', '/blog/series/']);
    }
    expect(dist.html('series/index.html').querySelector('.site-header a[aria-current="page"]')?.text.trim()).toBe('Series');
  });
});

describe('feeds and the search index', () => {
  const rssItems = () => asArray((xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel.item) as Record<string, string>[];

  it('start a part with a line naming its series, linked absolutely, in RSS and JSON Feed', () => {
    const line = (n: number) => `<p><em>Part ${n} of the series <a href="https://example.org/blog/series/building-a-compiler/">Building a Compiler</a>.</em></p>`;
    const rss = rssItems();
    const json = (JSON.parse(dist.read('feed.json')) as { items: { title: string; content_html: string }[] }).items;
    compiler.forEach(([, title], i) => {
      expect(rss.find((item) => item['title'] === title)?.['content:encoded'], title).toMatch(new RegExp(`^${line(i + 1).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      expect(json.find((item) => item.title === title)?.content_html.startsWith(line(i + 1)), title).toBe(true);
    });
    expect(rss.find((item) => item['title'] === 'Hello World')?.['content:encoded']).not.toContain('of the series');
  });

  it("keep a part's series and place as search metadata, not the other parts' titles as its text", () => {
    const fragments = dist.searchFragments();
    const codegen = fragments.find((f) => f.url === '/posts/compiler/codegen/')!;
    expect(codegen.meta['series']).toBe('Building a Compiler · Part 4 of 4');
    expect(codegen.content).toContain('instructions for a machine');
    expect(codegen.content).not.toContain('Lexing, One Character');
    expect(fragments.find((f) => f.url === '/posts/hello-world/')?.meta).not.toHaveProperty('series');
  });

  it('leave the draft and future parts out of every page, feed, sitemap and the index', () => {
    const everywhere = ['rss.xml', 'feed.json', 'sitemap-0.xml', ...dist.htmlFiles()].map((f) => dist.read(f)).join('\n');
    for (const id of leftOut) {
      expect(
        dist.files.some((f) => f.startsWith(`posts/${id}/`)),
        id,
      ).toBe(false);
      expect(everywhere, id).not.toContain(`/posts/${id}/`);
    }
    expect(dist.searchFragments().some((f) => leftOut.some((id) => f.url.includes(id)))).toBe(false);
  });
});
