import { describe, expect, it } from 'vitest';
import { formatIssues, postSchema } from '../../src/lib/schema/post';
import { makePost } from '../helpers/posts';

const errorsOf = (input: unknown) => {
  const result = postSchema.safeParse(input);
  if (result.success) throw new Error('expected the frontmatter to be rejected');
  return formatIssues(result.error);
};

describe('postSchema', () => {
  it('accepts the README frontmatter exactly as written (YAML date, list of tags, draft)', () => {
    const data = postSchema.parse({
      title: 'Becoming a Tech Lead',
      tags: ['tech', 'career'],
      date: new Date('2024-03-03T00:00:00Z'),
      draft: true,
    });
    expect(data).toEqual({
      title: 'Becoming a Tech Lead',
      tags: ['tech', 'career'],
      date: { day: '2024-03-03' },
      draft: true,
      aliases: [],
      categories: [],
      authors: [],
    });
  });

  it('defaults tags to none and draft to false, and ignores unknown fields', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', layout: 'post', weight: 3 });
    expect(data.tags).toEqual([]);
    expect(data.draft).toBe(false);
    expect(data).not.toHaveProperty('layout');
    expect(data).not.toHaveProperty('weight');
  });

  it('accepts tags as a comma-separated string, trimmed, with case-insensitive duplicates removed', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', tags: ' writing, habits ,Writing,, ' });
    expect(data.tags).toEqual(['writing', 'habits']);
  });

  it('keeps tags as text even when YAML reads a number', () => {
    expect(postSchema.parse({ title: 'T', date: '2024-01-02', tags: [2024, 'go'] }).tags).toEqual(['2024', 'go']);
  });

  it('reads optional updated and description', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', updated: '2024-02-01', description: '  Hi.  ' });
    expect(data.updated).toEqual({ day: '2024-02-01' });
    expect(data.description).toBe('Hi.');
  });

  it('rejects a missing title, naming the field', () => {
    expect(errorsOf({ date: '2024-01-02' })).toEqual([expect.stringMatching(/^title: is required/)]);
    expect(errorsOf({ title: '   ', date: '2024-01-02' })).toEqual([expect.stringMatching(/^title: expected non-empty text/)]);
  });

  it('rejects a missing or impossible date, saying what was found', () => {
    expect(errorsOf({ title: 'T' })).toEqual([expect.stringMatching(/^date: is required/)]);
    expect(errorsOf({ title: 'T', date: '2024-13-45' })).toEqual([expect.stringContaining('date: expected a real date such as 2024-03-03')]);
    expect(errorsOf({ title: 'T', date: '2024-13-45' })[0]).toContain('found "2024-13-45"');
  });

  it('rejects wrong types with the field and the value found', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-02', tags: 42 })).toEqual(['tags: expected a list of tags or a comma-separated string, found 42']);
    expect(errorsOf({ title: 'T', date: '2024-01-02', draft: 'maybe' })).toEqual(['draft: expected true or false, found "maybe"']);
    expect(errorsOf({ title: 'T', date: '2024-01-02', tags: [{ a: 1 }] })[0]).toMatch(/^tags: each tag must be text/);
    expect(errorsOf({ title: 'T', date: '2024-01-02', updated: 'soon' })[0]).toMatch(/^updated: expected a real date/);
  });

  it('reports every problem at once', () => {
    expect(errorsOf({ date: 'x', tags: 42, draft: 'maybe' })).toHaveLength(4);
  });

  it("reports an alias field under Folio's name, naming the key the author wrote", () => {
    expect(errorsOf({ title: 'T', pubDate: '2024-13-45' })[0]).toMatch(/^date: expected a real date .* \(written as `pubDate`\)$/);
    expect(errorsOf({ title: 'T', date: '2024-01-01', categories: 7 })[0]).toMatch(/^tags: expected a list .*found 7 \(written as `categories`\)$/);
    expect(errorsOf({ title: 'T', published: 'nope' })[0]).toMatch(/^date: expected a real date .*\(written as `published`\)$/);
    // the field is named once, as Astro's own error names it (not "date: date: ...")
    expect(errorsOf({ title: 'T' })[0]).toMatch(/^date: is required/);
    expect(errorsOf({ date: '2024-01-01' })[0]).toMatch(/^title: is required/);
  });
});

describe('frontmatter from other engines', () => {
  const parse = (data: Record<string, unknown>) => postSchema.parse({ title: 'T', ...data });

  it("reads Obsidian's one-item date lists, PaperMod's cover object and the starter's public-folder heroImage", () => {
    expect(parse({ date: [new Date('2025-03-23T00:00:00Z')] }).date).toEqual({ day: '2025-03-23' });
    expect(parse({ date: '2025-03-23', updated: ['2025-04-01'] }).updated).toEqual({ day: '2025-04-01' });
    expect(postSchema.safeParse({ title: 'T', date: ['2025-03-23', '2025-03-24'] }).success).toBe(false);
    const cover = parse({ date: '2025-01-01', cover: { image: 'cover.png', alt: 'A cover', hidden: true } });
    expect(cover.image).toEqual({ kind: 'local', image: 'cover.png' });
    expect(cover.imageAlt).toBe('A cover');
    expect(parse({ pubDate: 'Jul 08 2022', heroImage: '/images/hero.png' }).image).toEqual({ kind: 'url', src: '/images/hero.png' });
    expect(parse({ date: '2025-01-01', image: '//cdn.example.org/x.png' }).image).toEqual({ kind: 'url', src: 'https://cdn.example.org/x.png' });
  });

  it.each(['date', 'pubDate', 'pubDatetime', 'publishDate', 'published', 'created'])('reads the date from %s', (key) => {
    expect(parse({ [key]: '2023-06-15' }).date).toEqual({ day: '2023-06-15' });
  });

  it.each(['updated', 'updatedDate', 'lastmod', 'modified', 'modDatetime', 'last-modified'])('reads the updated date from %s', (key) => {
    expect(parse({ date: '2023-01-01', [key]: '2023-06-15' }).updated).toEqual({ day: '2023-06-15' });
  });

  it.each(['description', 'summary', 'excerpt'])('reads the description from %s', (key) => {
    expect(parse({ date: '2023-01-01', [key]: 'About it.' }).description).toBe('About it.');
  });

  it('lets the Folio name win over an alias', () => {
    const data = parse({ date: '2024-01-01', pubDate: '2020-01-01', updated: '2024-02-02', lastmod: '2020-02-02', description: 'a', summary: 'b' });
    expect(data.date.day).toBe('2024-01-01');
    expect(data.updated?.day).toBe('2024-02-02');
    expect(data.description).toBe('a');
  });

  it('accepts quoted dates and the Astro starter human form', () => {
    expect(parse({ pubDate: 'Jul 08 2022' }).date).toEqual({ day: '2022-07-08' });
    expect(parse({ pubDatetime: '2022-09-23T15:22:00Z' }).date).toEqual({ day: '2022-09-23', time: '15:22:00', offset: 'Z' });
  });

  it('merges tag, categories and category into tags', () => {
    expect(parse({ date: '2024-01-01', tag: 'go', categories: ['Web', 'go'], category: 'life' }).tags).toEqual(['go', 'Web', 'life']);
    expect(parse({ date: '2024-01-01', categories: 'a, b' }).tags).toEqual(['a', 'b']);
    // Jekyll: space-separated categories; a tag string without commas is one tag
    expect(parse({ date: '2024-01-01', categories: 'engines ruby' }).tags).toEqual(['engines', 'ruby']);
    expect(parse({ date: '2024-01-01', tags: 'machine learning' }).tags).toEqual(['machine learning']);
  });

  it('keeps categories apart from tags too, as Jekyll reads them', () => {
    const data = parse({ date: '2024-01-01', tags: ['go'], categories: 'Engines ruby', category: 'Big Data' });
    expect(data.categories).toEqual(['Engines', 'ruby', 'Big Data']);
    expect(data.tags).toEqual(['go', 'Engines', 'ruby', 'Big', 'Data']);
    expect(parse({ date: '2024-01-01', tags: ['go'] }).categories).toEqual([]);
  });

  it('reads permalink (Jekyll, Eleventy) and url (Hugo) as paths, and rejects anything else naming the field', () => {
    expect(parse({ date: '2024-01-01', permalink: ' /2019/04/01/x.html ', url: 'articles/x/' })).toMatchObject({ permalink: '/2019/04/01/x.html', url: 'articles/x/' });
    expect(errorsOf({ title: 'T', date: '2024-01-01', permalink: 42 })).toEqual(['permalink: expected a path on this site such as /2019/04/01/my-post.html, or false, found 42']);
    expect(errorsOf({ title: 'T', date: '2024-01-01', url: 'https://example.org/x/' })).toEqual([
      'url: expected a path on this site such as /2019/04/my-post/, found "https://example.org/x/"',
    ]);
    expect(errorsOf({ title: 'T', date: '2024-01-01', url: false })[0]).toMatch(/^url: expected a path/);
  });

  it('treats permalink: false (Eleventy writes no file) as not published, whatever draft says', () => {
    expect(parse({ date: '2024-01-01', permalink: false })).toMatchObject({ draft: true, permalink: false });
    expect(parse({ date: '2024-01-01', permalink: false, draft: false }).draft).toBe(true);
  });

  it('treats published: false (Jekyll) and publish: false (Quartz) as drafts', () => {
    expect(parse({ date: '2024-01-01', published: false }).draft).toBe(true);
    expect(parse({ date: '2024-01-01', publish: false }).draft).toBe(true);
    expect(parse({ date: '2024-01-01', published: true }).draft).toBe(false);
    expect(parse({ date: '2024-01-01', draft: false, published: false }).draft).toBe(false);
  });

  it('uses published as the date when it is a date, not when it is a flag', () => {
    expect(parse({ published: '2021-05-05' }).date.day).toBe('2021-05-05');
    expect(parse({ date: '2021-05-05', published: true }).date.day).toBe('2021-05-05');
  });

  it('reads slug and aliases', () => {
    const data = parse({ date: '2024-01-01', slug: '/my-url/', aliases: ['/old/path', 'old-name'] });
    expect(data.slug).toBe('my-url');
    expect(data.aliases).toEqual(['/old/path', 'old-name']);
    expect(parse({ date: '2024-01-01', aliases: 'one' }).aliases).toEqual(['one']);
  });

  it('rejects slugs that would escape /posts/', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-01', slug: '../etc' })[0]).toMatch(/^slug: expected a URL segment/);
  });

  it.each(['image', 'cover', 'heroImage', 'coverImage', 'ogImage'])('reads a cover image from %s', (key) => {
    expect(parse({ date: '2024-01-01', [key]: './cover.png' }).image).toEqual({ kind: 'local', image: './cover.png' });
  });

  it('keeps absolute image URLs as they are and reads { src, alt } objects', () => {
    expect(parse({ date: '2024-01-01', ogImage: 'https://cdn.example.org/a.png' }).image).toEqual({ kind: 'url', src: 'https://cdn.example.org/a.png' });
    const data = parse({ date: '2024-01-01', coverImage: { src: './c.jpg', alt: 'A cat' } });
    expect(data.image).toEqual({ kind: 'local', image: './c.jpg' });
    expect(data.imageAlt).toBe('A cat');
  });

  it('reads toc and rejects a non-boolean', () => {
    expect(parse({ date: '2024-01-01', toc: true }).toc).toBe(true);
    expect(errorsOf({ title: 'T', date: '2024-01-01', toc: 'yes' })[0]).toMatch(/^toc: expected true or false/);
  });
});

describe('pinned posts and series', () => {
  const parse = (data: Record<string, unknown>) => postSchema.parse({ title: 'T', date: '2024-01-01', ...data });
  const post = (data: Record<string, unknown>) => makePost('p', data);

  it('reads pinned, and AstroPaper featured and sticky as its aliases; a post is not pinned by default', () => {
    expect(post({}).pinned).toBe(false);
    expect(post({ pinned: true }).pinned).toBe(true);
    expect(post({ featured: true }).pinned).toBe(true);
    expect(post({ sticky: true }).pinned).toBe(true);
    expect(post({ pinned: false, featured: true }).pinned).toBe(false);
    expect(post({ featured: false, sticky: true }).pinned).toBe(false);
  });

  it('rejects a pinned value that is not true or false, naming the key written', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-01', pinned: 'yes' })).toEqual(['pinned: expected true or false, found "yes"']);
    expect(errorsOf({ title: 'T', date: '2024-01-01', sticky: 100 })).toEqual(['pinned: expected true or false, found 100 (written as `sticky`)']);
  });

  it('reads a series name as text, or as the one-name list Hugo writes', () => {
    expect(parse({ series: '  Building   a compiler ' }).series).toBe('Building a compiler');
    expect(parse({ series: ['Building a compiler'] }).series).toBe('Building a compiler');
    expect(parse({ series: 2024 }).series).toBe('2024');
    expect(parse({}).series).toBeUndefined();
    expect(parse({ series: [] }).series).toBeUndefined();
    expect(parse({ series: '' }).series).toBeUndefined();
  });

  it('rejects two series or a name that is not text', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-01', series: ['One', 'Two'] })).toEqual([expect.stringMatching(/^series: expected one series name, found a list \(\["One","Two"\]/)]);
    expect(errorsOf({ title: 'T', date: '2024-01-01', series: { name: 'x' } })).toEqual([
      expect.stringMatching(/^series: expected a series name such as "Building a compiler", found an object/),
    ]);
  });

  it('reads seriesOrder (and Blowfish series_order) as a number', () => {
    expect(parse({ seriesOrder: 2 }).seriesOrder).toBe(2);
    expect(parse({ seriesOrder: '3' }).seriesOrder).toBe(3);
    expect(parse({ seriesOrder: 1.5 }).seriesOrder).toBe(1.5);
    expect(parse({ series_order: 4 }).seriesOrder).toBe(4);
    expect(parse({ seriesOrder: 1, series_order: 4 }).seriesOrder).toBe(1);
    expect(parse({}).seriesOrder).toBeUndefined();
    expect(post({ series: 'S', seriesOrder: 2 })).toMatchObject({ series: 'S', seriesOrder: 2 });
  });

  it('rejects a seriesOrder that is not a number', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-01', seriesOrder: 'second' })).toEqual(['seriesOrder: expected a number such as 2, found "second"']);
    expect(errorsOf({ title: 'T', date: '2024-01-01', series_order: true })).toEqual(['seriesOrder: expected a number such as 2, found true (written as `series_order`)']);
  });
});
