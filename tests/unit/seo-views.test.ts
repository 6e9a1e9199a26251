import { describe, expect, it } from 'vitest';
import { articleJsonLd, articleMeta, pageMeta, serializeJsonLd } from '../../src/lib/seo';
import { createUrls } from '../../src/lib/urls';
import { archiveView, pagerView, postSummary, seriesBox, seriesCounts, seriesParts, headerLinks, tagCounts, tagLinks } from '../../src/lib/views';
import { buildSeriesIndex } from '../../src/lib/series';
import { buildTagIndex } from '../../src/lib/tags';
import { groupByYearMonth } from '../../src/lib/archive';
import { sortNewestFirst } from '../../src/lib/posts/query';
import { paginate } from '../../src/lib/pagination';
import { postStatus } from '../../src/lib/posts/published';
import { makePost } from '../helpers/posts';

const urls = createUrls({ site: 'https://example.org', base: '/blog/' });
const site = { title: 'My Blog', description: 'A blog.' };

describe('pageMeta', () => {
  it('suffixes page titles with the site title and keeps the home title plain', () => {
    expect(pageMeta({ title: 'Tags', description: 'All tags.', path: '/blog/tags/' }, site, urls)).toEqual({
      title: 'Tags · My Blog',
      description: 'All tags.',
      canonical: 'https://example.org/blog/tags/',
    });
    expect(pageMeta({ description: '', path: '/blog/' }, site, urls).title).toBe('My Blog');
  });

  it('falls back to the site description', () => {
    expect(pageMeta({ description: '', path: '/blog/' }, site, urls).description).toBe('A blog.');
  });
});

describe('views', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  const posts = sortNewestFirst([
    makePost('a', { date: '2024-03-03', tags: ['Go', 'web'] }),
    makePost('b', { date: '2023-01-10', tags: ['go'], draft: true }),
    makePost('c', { date: '2024-07-01' }),
  ]);
  const post = (id: string) => posts.find((p) => p.id === id)!;
  const tags = buildTagIndex(posts);
  // Every post's status from the one publishing rule, published ones included, as in dev.
  const ctx = { urls, tags, locale: 'en-US', status: new Map(posts.map((p) => [p.id, postStatus(p, now)])) };

  it('summarises a post with formatted date, URL and merged tag links', () => {
    expect(postSummary(post('a'), ctx)).toEqual({
      id: 'a',
      title: 'Title of a',
      url: '/blog/posts/a/',
      date: { datetime: '2024-03-03', label: 'March 3, 2024' },
      description: 'Some words of body text.',
      tags: [
        { label: 'Go', url: '/blog/tags/go/' },
        { label: 'web', url: '/blog/tags/web/' },
      ],
      readingMinutes: 1,
    });
  });

  it('marks drafts and scheduled posts', () => {
    expect(ctx.status.get('a')).toBe('published');
    expect(postSummary(post('a'), ctx)).not.toHaveProperty('status');
    expect(postSummary(post('b'), ctx).status).toBe('draft');
    expect(postSummary(post('c'), ctx).status).toBe('scheduled');
    // Once its date has passed, a scheduled post is a plain published one.
    const later = { ...ctx, status: new Map(posts.map((p) => [p.id, postStatus(p, new Date('2024-07-02T00:00:00Z'))])) };
    expect(postSummary(post('c'), later)).not.toHaveProperty('status');
    expect(postSummary(post('b'), later).status).toBe('draft');
    expect(tagLinks(post('b'), ctx)).toEqual([{ label: 'Go', url: '/blog/tags/go/' }]);
  });

  it('counts tags', () => {
    expect(tagCounts(tags.tags, urls)).toEqual([
      { label: 'Go', url: '/blog/tags/go/', count: 2 },
      { label: 'web', url: '/blog/tags/web/', count: 1 },
    ]);
  });

  it('gives pagers prev and next URLs only where pages exist', () => {
    const pages = paginate([1, 2, 3], 1);
    expect(pagerView(pages[0]!, (n) => urls.homePage(n))).toEqual({ current: 1, total: 3, next: '/blog/page/2/' });
    expect(pagerView(pages[1]!, (n) => urls.homePage(n))).toEqual({ current: 2, total: 3, prev: '/blog/', next: '/blog/page/3/' });
    expect(pagerView(pages[2]!, (n) => urls.homePage(n))).toEqual({ current: 3, total: 3, prev: '/blog/page/2/' });
  });

  it('labels archive months in the site locale', () => {
    const view = archiveView(groupByYearMonth(posts), ctx);
    expect(view.map((y) => [y.year, y.count, y.months.map((m) => m.label)])).toEqual([
      [2024, 2, ['July 2024', 'March 2024']],
      [2023, 1, ['January 2023']],
    ]);
  });
});

describe('articleMeta, articleJsonLd and serializeJsonLd', () => {
  const input = {
    title: 'A </script><script>alert(1)</script> title & more',
    description: 'Desc',
    url: 'https://example.org/posts/x/',
    published: '2024-03-03T05:00:00.000Z',
    modified: '2024-04-01T05:00:00.000Z',
    tags: ['Go', 'C#'],
    siteTitle: 'Blog',
    author: 'Ada',
    lang: 'en-US',
  };

  it('builds OpenGraph article tags, one per tag, and a summary card without an image', () => {
    const tags = articleMeta(input);
    const get = (p: string) => tags.filter((t) => t.property === p || t.name === p).map((t) => t.content);
    expect(get('og:type')).toEqual(['article']);
    expect(get('og:locale')).toEqual(['en_US']);
    expect(get('article:tag')).toEqual(['Go', 'C#']);
    expect(get('article:modified_time')).toEqual(['2024-04-01T05:00:00.000Z']);
    expect(get('twitter:card')).toEqual(['summary']);
    expect(get('og:image')).toEqual([]);
  });

  it('uses a large image card when there is an image', () => {
    const tags = articleMeta({ ...input, image: 'https://example.org/og/x.jpg', imageAlt: 'Alt' });
    expect(tags).toContainEqual({ name: 'twitter:card', content: 'summary_large_image' });
    expect(tags).toContainEqual({ property: 'og:image', content: 'https://example.org/og/x.jpg' });
    expect(tags).toContainEqual({ property: 'og:image:alt', content: 'Alt' });
    expect(tags.some((t) => t.property === 'og:image:type')).toBe(false);
  });

  it('gives the image type and size when known (a generated card)', () => {
    const tags = articleMeta({ ...input, image: 'https://example.org/og/x.jpg', imageType: 'image/jpeg', imageSize: { width: 1200, height: 630 } });
    const og = tags.filter((t) => t.property?.startsWith('og:image')).map((t) => [t.property, t.content]);
    expect(og).toEqual([
      ['og:image', 'https://example.org/og/x.jpg'],
      ['og:image:type', 'image/jpeg'],
      ['og:image:width', '1200'],
      ['og:image:height', '630'],
    ]);
  });

  it('describes the post as a BlogPosting with a breadcrumb trail', () => {
    const [posting, crumbs] = articleJsonLd({
      ...input,
      homeUrl: 'https://example.org/',
      breadcrumbs: [
        { name: 'Home', url: 'https://example.org/' },
        { name: 'X', url: input.url },
      ],
    }) as Record<string, unknown>[];
    expect(posting).toMatchObject({
      '@type': 'BlogPosting',
      headline: input.title,
      datePublished: input.published,
      dateModified: input.modified,
      keywords: 'Go, C#',
      author: { name: 'Ada' },
    });
    expect(crumbs).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { position: 1, name: 'Home' },
        { position: 2, item: input.url },
      ],
    });
  });

  it('serialises hostile text so it cannot end the script block, and reads back the same', () => {
    const hostile = { a: '</script><script>alert(1)</script>', b: '<!-- x -->', c: 'a & b', d: 'line\u2028sep' };
    const json = serializeJsonLd(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(hostile);
  });
});

describe('series views and JSON-LD', () => {
  const parts = [
    makePost('intro', { date: '2024-01-01', series: 'Building a Compiler', title: 'Why' }),
    makePost('lexing', { date: '2024-01-02', series: 'Building a Compiler', title: 'Lexing', slug: 'lexer' }),
    makePost('parsing', { date: '2024-01-03', series: 'building a compiler', title: 'Parsing' }),
    makePost('other', { date: '2024-01-04', series: 'Tiny' }),
  ];
  const index = buildSeriesIndex(parts);
  const ctx = { urls, tags: buildTagIndex(parts), locale: 'en-US' };

  it('gives each part a box: every part linked, the current one marked, its place, previous and next', () => {
    expect(seriesBox(index.positionOf('lexing')!, urls)).toEqual({
      name: 'Building a Compiler',
      url: '/blog/series/building-a-compiler/',
      position: 'Part 2 of 3',
      parts: [
        { label: 'Why', url: '/blog/posts/intro/', current: false },
        { label: 'Lexing', url: '/blog/posts/lexer/', current: true },
        { label: 'Parsing', url: '/blog/posts/parsing/', current: false },
      ],
      previous: { label: 'Why', url: '/blog/posts/intro/' },
      next: { label: 'Parsing', url: '/blog/posts/parsing/' },
    });
    const first = seriesBox(index.positionOf('intro')!, urls);
    expect([first.position, first.previous, first.next?.label]).toEqual(['Part 1 of 3', undefined, 'Lexing']);
    expect(seriesBox(index.positionOf('other')!, urls)).not.toHaveProperty('next');
  });

  it('counts the parts of every series, and numbers them on a series page', () => {
    expect(seriesCounts(index.series, urls)).toEqual([
      { label: 'Building a Compiler', url: '/blog/series/building-a-compiler/', count: 3, countLabel: '3 parts' },
      { label: 'Tiny', url: '/blog/series/tiny/', count: 1, countLabel: '1 part' },
    ]);
    expect(seriesParts(index.bySlug.get('building-a-compiler')!, ctx).map((p) => [p.part, p.title, p.url])).toEqual([
      ['Part 1', 'Why', '/blog/posts/intro/'],
      ['Part 2', 'Lexing', '/blog/posts/lexer/'],
      ['Part 3', 'Parsing', '/blog/posts/parsing/'],
    ]);
  });

  it('links the series page from the header only on a site with a series', () => {
    expect(headerLinks(urls, [], { series: false }).map((l) => l.label)).toEqual(['Home', 'Archive', 'Tags', 'Search', 'RSS']);
    expect(headerLinks(urls, [], { series: true })).toContainEqual({ label: 'Series', url: '/blog/series/' });
    expect(headerLinks(urls, [{ id: 'about', title: 'About', nav: 1 }], { series: true }).map((l) => l.label)).toEqual(['Home', 'Archive', 'Tags', 'Series', 'Search', 'RSS', 'About']);
  });

  it('makes a part of a series isPartOf a CreativeWorkSeries, at its position', () => {
    const base = {
      title: 'Lexing',
      description: 'D',
      url: 'https://example.org/blog/posts/lexer/',
      published: 'x',
      modified: 'x',
      tags: [],
      siteTitle: 'S',
      author: 'A',
      lang: 'en',
      homeUrl: 'h',
      breadcrumbs: [],
    };
    const [posting] = articleJsonLd({ ...base, series: { name: 'Building a Compiler', url: 'https://example.org/blog/series/building-a-compiler/', position: 2 } }) as Record<
      string,
      unknown
    >[];
    expect(posting?.['isPartOf']).toEqual({ '@type': 'CreativeWorkSeries', name: 'Building a Compiler', url: 'https://example.org/blog/series/building-a-compiler/' });
    expect(posting?.['position']).toBe(2);
    const [alone] = articleJsonLd(base) as Record<string, unknown>[];
    expect(alone).not.toHaveProperty('isPartOf');
    expect(alone).not.toHaveProperty('position');
  });
});
