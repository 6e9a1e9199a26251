import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignPostIds, postIdFromPath } from '../../src/lib/ids';
import { assertUniqueUrls, DuplicateUrlError, findDuplicateUrls, findIdClashes } from '../../src/lib/posts/unique';
import { validatePosts } from '../../src/lib/posts/validate';
import { sortNewestFirst } from '../../src/lib/posts/query';
import { buildRelated } from '../../src/lib/related';
import { scaffoldPost } from '../../src/lib/scaffold';
import { buildTagIndex, TagCollisionError } from '../../src/lib/tags';
import { tableOfContents } from '../../src/lib/toc';
import { makePost } from '../helpers/posts';
import { runScript } from '../helpers/build';

describe('postIdFromPath', () => {
  it('drops the extension, slugs segments and a trailing index', () => {
    expect(postIdFromPath('becoming-a-tech-lead.md')).toBe('becoming-a-tech-lead');
    expect(postIdFromPath('notes/My First Post.mdx')).toBe('notes/my-first-post');
    expect(postIdFromPath('trip/index.md')).toBe('trip');
    // Jekyll's date prefix is the post's date, not part of its URL
    expect(postIdFromPath('2019-04-01-jekyll-post.md')).toBe('jekyll-post');
  });
});

describe('aliases', () => {
  it("resolve from the post's folder (relative) or the site root (absolute)", () => {
    expect(makePost('a', { aliases: ['/2019/05/old-permalink/', '/old/path', '/old/page.html', 'Old Name'] }).redirects.map((r) => r.route)).toEqual([
      '2019/05/old-permalink/',
      'old/path/',
      'old/page.html',
      'posts/Old Name/',
    ]);
    expect(makePost('notes/a', { aliases: ['b', '../c.html'] }).redirects.map((r) => r.route)).toEqual(['posts/notes/b/', 'posts/c.html']);
  });

  it("name where they came from, and leave out the post's own address and repeats", () => {
    const post = makePost('a', { aliases: ['old', '/posts/a/', '/posts/old'], slug: 'a' });
    expect(post.redirects).toEqual([{ route: 'posts/old/', from: 'alias old' }]);
  });
});

describe('unique URLs', () => {
  it('accepts distinct slugs and aliases', () => {
    expect(() => assertUniqueUrls([makePost('a', {}), makePost('b', { aliases: ['/x/'] })])).not.toThrow();
  });

  it("names both files when a slug takes another post's URL", () => {
    const errors = findDuplicateUrls([makePost('fine', {}), makePost('other', { slug: 'fine' })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DuplicateUrlError);
    expect(errors[0]?.message).toContain('/posts/fine/: src/content/posts/fine.md (its file name) and src/content/posts/other.md (slug: fine)');
  });

  it('catches an alias that shadows a post or another alias', () => {
    expect(() => assertUniqueUrls([makePost('a', {}), makePost('b', { aliases: ['a'] })])).toThrow(/\/posts\/a\//);
    expect(() => assertUniqueUrls([makePost('a', { aliases: ['/x/'] }), makePost('b', { aliases: ['/x'] })])).toThrow(/\/x\//);
  });

  it('catches two posts claiming one redirect, however each wrote it, naming both files and how', () => {
    const errors = findDuplicateUrls([makePost('one', { permalink: '/old/' }), makePost('two', { aliases: ['/old/index.html'] })]);
    expect(errors.map((e) => e.message)).toEqual([
      'Two posts would be published at /old/index.html: src/content/posts/one.md (permalink /old/) and src/content/posts/two.md (alias /old/index.html). ' +
        'Give one of them a different file name, `slug`, alias or permalink.',
    ]);
    expect(errors[0]?.files).toEqual(['src/content/posts/one.md', 'src/content/posts/two.md']);
  });

  it("catches a redirect that would take one of Folio's own pages", () => {
    const [error] = findDuplicateUrls([makePost('a', { aliases: ['/archive/'] })]);
    expect(error?.message).toBe('src/content/posts/a.md (alias /archive/) would take /archive/, the address of the archive (src/pages/archive.astro). Remove or change it.');
    expect(findDuplicateUrls([makePost('a', { url: '/tags/go/' })])[0]?.message).toMatch(/url \/tags\/go\/\) would take \/tags\/go\/, the address of the tag pages/);
    expect(findDuplicateUrls([makePost('a', { aliases: ['/'] })])[0]?.message).toMatch(/the address of the home page/);
  });

  it('catches a file redirect and a folder of the same name', () => {
    const [error] = findDuplicateUrls([makePost('a', { aliases: ['/old/x.html'] }), makePost('b', { aliases: ['/old/x.html/more/'] })]);
    expect(error?.message).toMatch(/^Two posts would be published at \/old\/x\.html: src\/content\/posts\/a\.md \(alias \/old\/x\.html\) and src\/content\/posts\/b\.md/);
  });

  it('checks drafts too, so publishing one cannot break the site', () => {
    expect(() => validatePosts([makePost('a', {}), makePost('b', { slug: 'a', draft: true })], { now: new Date(), includeDrafts: false })).toThrow(DuplicateUrlError);
  });

  it('names the posts in file order, whatever order it is given them in', () => {
    const [one, two] = [makePost('one', { tags: ['Node.js'] }), makePost('two', { tags: ['node js'] })];
    const publish = { now: new Date(), includeDrafts: false };
    const message = (posts: Parameters<typeof validatePosts>[0]) => {
      try {
        validatePosts(posts, publish);
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    expect(message([two, one])).toBe(message([one, two]));
    expect(message([two, one])).toMatch(/^Tags "Node\.js" \(in src\/content\/posts\/one\.md\) and "node js"/);
    const [a, b] = [makePost('a', { slug: 'same' }), makePost('b', { slug: 'same' })];
    expect(message([b, a])).toBe(message([a, b]));
  });

  it('ignores tag collisions among unpublished posts only', () => {
    const posts = [makePost('a', { tags: ['Node.js'] }), makePost('b', { tags: ['node js'], draft: true })];
    expect(() => validatePosts(posts, { now: new Date(), includeDrafts: false })).not.toThrow();
    expect(() => validatePosts(posts, { now: new Date(), includeDrafts: true })).toThrow(TagCollisionError);
  });
});

describe('tableOfContents', () => {
  const headings = [
    { depth: 2, slug: 'a', text: 'A' },
    { depth: 3, slug: 'a1', text: 'A1' },
    { depth: 4, slug: 'deep', text: 'Deep' },
    { depth: 2, slug: 'b', text: 'B' },
  ];

  it('nests h3 under h2 and leaves deeper headings out', () => {
    expect(tableOfContents(headings, { explicit: true, minHeadings: 0 })).toEqual([
      { text: 'A', url: '#a', children: [{ text: 'A1', url: '#a1', children: [] }] },
      { text: 'B', url: '#b', children: [] },
    ]);
  });

  it('leaves out the footnotes heading', () => {
    expect(tableOfContents([...headings, { depth: 2, slug: 'footnote-label', text: 'Footnotes' }], { explicit: true, minHeadings: 0 })?.map((e) => e.url)).toEqual(['#a', '#b']);
  });

  it('appears automatically from the site threshold, and the post can override it', () => {
    expect(tableOfContents(headings, { minHeadings: 3 })).toBeDefined();
    expect(tableOfContents(headings, { minHeadings: 4 })).toBeUndefined();
    expect(tableOfContents(headings, { explicit: false, minHeadings: 1 })).toBeUndefined();
    expect(tableOfContents(headings, { minHeadings: 0 })).toBeUndefined();
    expect(tableOfContents([], { explicit: true, minHeadings: 0 })).toBeUndefined();
  });
});

describe('buildRelated', () => {
  const posts = sortNewestFirst([
    makePost('a', { date: '2024-01-05', tags: ['common', 'rare'] }),
    makePost('b', { date: '2024-01-04', tags: ['common'] }),
    makePost('c', { date: '2024-01-03', tags: ['common', 'rare'] }),
    makePost('d', { date: '2024-01-02', tags: ['common'] }),
    makePost('e', { date: '2020-01-01', tags: ['other'] }),
  ]);
  const related = buildRelated(posts, buildTagIndex(posts), { limit: 2 });

  it('ranks a shared rare tag above shared common ones', () => {
    expect(related.get('a')?.map((p) => p.id)).toEqual(['c', 'b']);
  });

  it('breaks ties by closeness in time', () => {
    expect(related.get('b')?.map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('gives posts with no shared tags no related posts, and never the post itself', () => {
    expect(related.get('e')).toEqual([]);
    for (const [id, list] of related) expect(list.map((p) => p.id)).not.toContain(id);
  });

  it('ranks exactly as scoring every candidate in the window and sorting them all would', () => {
    // a seeded corpus with heavy tag overlap, many ties in score and in date
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const labels = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const many = sortNewestFirst(
      Array.from({ length: 400 }, (_, i) =>
        makePost(`p${String(i).padStart(3, '0')}`, {
          date: `20${String(10 + Math.floor(next() * 5))}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
          tags: labels.filter(() => next() < 0.25),
        }),
      ),
    );
    const index = buildTagIndex(many);
    const window = 15;
    const reference = (post: (typeof many)[number], limit: number) => {
      const scores = new Map<string, number>();
      for (const label of post.tags) {
        const tag = index.forLabel(label)!;
        const at = tag.posts.findIndex((p) => p.id === post.id);
        const weight = Math.log(1 + many.length / tag.posts.length);
        for (let i = Math.max(0, at - window); i < Math.min(tag.posts.length, at + window + 1); i += 1) {
          const other = tag.posts[i]!;
          if (other.id !== post.id) scores.set(other.id, (scores.get(other.id) ?? 0) + weight);
        }
      }
      const time = (id: string) => Math.abs(many.find((p) => p.id === id)!.date.instant.getTime() - post.date.instant.getTime());
      return [...scores]
        .sort((a, b) => b[1] - a[1] || time(a[0]) - time(b[0]) || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([id]) => id);
    };
    for (const limit of [0, 1, 3, 8]) {
      const related = buildRelated(many, index, { limit, window });
      for (const post of many)
        expect(
          related.get(post.id)?.map((p) => p.id),
          `${post.id}, limit ${limit}`,
        ).toEqual(reference(post, limit));
    }
  });

  it('looks at a bounded window of each tag, so work stays linear', () => {
    let reads = 0;
    const many = sortNewestFirst(Array.from({ length: 2000 }, (_, i) => makePost(`p${i}`, { date: `20${String(10 + (i % 15))}-01-01`, tags: ['big'] })));
    const index = buildTagIndex(many);
    const tag = index.tags[0]!;
    const original = tag.posts;
    tag.posts = new Proxy(original, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads += 1;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    buildRelated(many, index, { limit: 3, window: 10 });
    // one pass to index positions, then at most 2 * window + 1 reads per post (not 2000 * 2000)
    expect(reads).toBeLessThanOrEqual(2000 + 2000 * 21);
  });
});

describe('scaffoldPost and npm run new', () => {
  it('writes a draft with the title, the date given, no tags', () => {
    expect(scaffoldPost('  My Post: Title  ', { today: '2026-11-25' })).toEqual({
      fileName: 'my-post-title.md',
      content: '---\ntitle: "My Post: Title"\ndate: 2026-11-25\ntags: []\ndraft: true\n---\n\nWrite here.\n',
    });
  });

  it('refuses an empty title', () => {
    expect(() => scaffoldPost('  ', { today: '2026-11-25' })).toThrow(/needs a title/);
  });

  it('creates the file in the posts folder, dated today in the site zone, and never overwrites', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-new-'));
    try {
      // 03:00 UTC on 25 Nov is still 24 Nov in New York (the sample site's zone)
      const env = { FOLIO_CONTENT_DIR: dir, FOLIO_NOW: '2026-11-25T03:00:00Z' };
      const first = runScript('scripts/new-post.ts', ['Hello', 'There'], env);
      expect(first.status, first.output).toBe(0);
      expect(readFileSync(join(dir, 'hello-there.md'), 'utf8')).toContain('date: 2026-11-24\n');
      writeFileSync(join(dir, 'hello-there.md'), 'mine');
      const second = runScript('scripts/new-post.ts', ['Hello There'], env);
      expect(second.status).toBe(1);
      expect(second.output).toContain('Not overwriting');
      expect(readFileSync(join(dir, 'hello-there.md'), 'utf8')).toBe('mine');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('toPost with text derived by the loader', () => {
  it('takes the excerpt and reading time from the stored lead, not the (absent) body', () => {
    const post = makePost('a', { __folio: { lead: 'The start of the text, as stored by the loader.', readingMinutes: 7 } }, '');
    expect(post.description).toBe('The start of the text, as stored by the loader.');
    expect(post.readingMinutes).toBe(7);
  });
});

describe('findIdClashes', () => {
  it('names two files whose names give one id, which the content store would keep only one of', () => {
    const ids = assignPostIds(['My Post.md', 'my-post.md', 'notes/x.md', '2024-01-03-unique.md']);
    const [clash, ...rest] = findIdClashes(ids, (entry) => `posts/${entry}`);
    expect(rest).toEqual([]);
    expect(clash?.message).toBe('Two post files would be one post, my-post (at /posts/my-post/ unless a `slug` moves it): posts/My Post.md and posts/my-post.md. Rename one of the files.');
    expect(clash?.files).toEqual(['posts/My Post.md', 'posts/my-post.md']);
    expect(findIdClashes(assignPostIds(['2019-12-31-year.md', '2020-12-31-year.md']), (e) => e)).toEqual([]);
  });
});
