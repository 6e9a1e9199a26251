import { describe, expect, it } from 'vitest';
import { articleJsonLd, articleMeta, pageMeta, serializeJsonLd } from '../../src/lib/seo';
import { createUrls } from '../../src/lib/urls';
import { archiveView, pagerView, postSummary, tagCounts, tagLinks } from '../../src/lib/views';
import { buildTagIndex } from '../../src/lib/tags';
import { groupByYearMonth } from '../../src/lib/archive';
import { sortNewestFirst } from '../../src/lib/posts/query';
import { paginate } from '../../src/lib/pagination';
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
  const posts = sortNewestFirst([makePost('a', { date: '2024-03-03', tags: ['Go', 'web'] }), makePost('b', { date: '2023-01-10', tags: ['go'], draft: true })]);
  const tags = buildTagIndex(posts);
  const ctx = { urls, tags, locale: 'en-US', status: new Map([['b', 'draft' as const]]) };

  it('summarises a post with formatted date, URL and merged tag links', () => {
    expect(postSummary(posts[0]!, ctx)).toEqual({
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
    expect(postSummary(posts[1]!, ctx).status).toBe('draft');
    expect(tagLinks(posts[1]!, ctx)).toEqual([{ label: 'Go', url: '/blog/tags/go/' }]);
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
      [2024, 1, ['March 2024']],
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
