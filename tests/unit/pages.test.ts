import { describe, expect, it } from 'vitest';
import { pageIdFromPath } from '../../src/lib/ids';
import { readPageFile } from '../../src/lib/post-file';
import { assertPageRoutes, findPageProblems, keptForFolio, navPages, pageRoute, toPage } from '../../src/lib/pages';
import { isPagePublished } from '../../src/lib/posts/published';
import { DuplicateUrlError } from '../../src/lib/posts/unique';
import { formatIssues } from '../../src/lib/schema/post';
import { pageSchema } from '../../src/lib/schema/page';
import { createUrls } from '../../src/lib/urls';
import { headerLinks } from '../../src/lib/views';
import { makePost } from '../helpers/posts';

/** A page file as the address rules see it: its id from its path, as the build gives it. */
const file = (entry: string) => ({ id: pageIdFromPath(entry), file: `src/content/pages/${entry}` });
const messages = (...args: Parameters<typeof findPageProblems>) => findPageProblems(...args).map((e) => e.message);

describe('page ids and routes', () => {
  it('come from the file path, slugged as post ids are, a folder index naming the folder', () => {
    expect(pageIdFromPath('about.md')).toBe('about');
    expect(pageIdFromPath('About Me.mdx')).toBe('about-me');
    expect(pageIdFromPath('projects/Folio Notes.md')).toBe('projects/folio-notes');
    expect(pageIdFromPath('now/index.md')).toBe('now');
    // a page has no date: a date in its name is part of its address
    expect(pageIdFromPath('2024-05-01-launch.md')).toBe('2024-05-01-launch');
    expect(pageIdFromPath('index.md')).toBe('');
  });

  it('are /<id>/ under the base', () => {
    expect(pageRoute('about')).toBe('about/');
    expect(pageRoute('')).toBe('');
    expect(createUrls({ site: 'https://example.org', base: '/blog/' }).page('projects/folio')).toBe('/blog/projects/folio/');
    expect(createUrls({ site: 'https://example.org', base: '/' }).page('über uns')).toBe('/%C3%BCber%20uns/');
  });
});

describe('page addresses', () => {
  it('accept pages at addresses nothing else has', () => {
    expect(findPageProblems([file('about.md'), file('now.md'), file('projects/index.md'), file('projects/folio.md')])).toEqual([]);
    expect(() => assertPageRoutes([file('about.md')], [makePost('a', { aliases: ['/old/'] })])).not.toThrow();
  });

  it("refuse Folio's own routes, naming the file and what is there", () => {
    expect(messages([file('tags.md')])).toEqual(["src/content/pages/tags.md would be published at /tags/, the address of the tag pages (src/pages/tags/). Rename the page's file."]);
    for (const [entry, what] of [
      ['index.md', 'the home page and its list pages'],
      ['page/2.md', 'the home page and its list pages'],
      ['archive.md', 'the archive'],
      ['search/index.md', 'the search page'],
      ['404.md', 'the 404 page'],
      ['og/cards.md', 'the social cards'],
      ['pagefind/x.md', 'the search index'],
      ['posts.md', 'the posts'],
      ['posts/hello.md', 'the posts'],
      ['series.md', 'the series pages'],
      ['authors/ann.md', 'the author pages'],
    ] as const) {
      expect(messages([file(entry)]), entry).toEqual([
        expect.stringContaining(`src/content/pages/${entry} would be published at /${pageRoute(pageIdFromPath(entry))}, the address of ${what} (`),
      ]);
    }
  });

  it('leave addresses that only start like a route alone', () => {
    for (const route of ['tagsoup/', 'archives/', 'postscript/', 'pages/', 'og-image/', 'feed/', 'rss/']) expect(keptForFolio(route), route).toBeUndefined();
    expect(keptForFolio('rss.xml')).toBeDefined();
    expect(keptForFolio('feed.json')).toBeDefined();
  });

  it('refuse two pages at one address, naming both files', () => {
    const errors = findPageProblems([file('about/index.md'), file('about.md')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DuplicateUrlError);
    expect(errors[0]?.message).toBe('Two pages would be published at /about/: src/content/pages/about.md and src/content/pages/about/index.md. Rename one of the files.');
    expect(errors[0]?.files).toEqual(['src/content/pages/about.md', 'src/content/pages/about/index.md']);
    // names that slug alike are one address
    expect(messages([file('About Me.md'), file('about-me.md')])).toHaveLength(1);
  });

  it("refuse a post's redirect, however the post wrote it, naming both files and the redirect", () => {
    expect(messages([file('about.md')], [makePost('old', { aliases: ['/about/'] })])).toEqual([
      "src/content/pages/about.md would be published at /about/, where src/content/posts/old.md keeps a redirect (alias /about/). Rename the page's file, or remove the redirect from the post.",
    ]);
    expect(messages([file('about.md')], [makePost('old', { aliases: ['/about/index.html'] })])).toHaveLength(1);
    expect(messages([file('about.md')], [makePost('old', { permalink: '/about/' })])[0]).toContain('(permalink /about/)');
    // a redirect beside or under the page is another address
    expect(messages([file('about.md')], [makePost('old', { aliases: ['/about.html', '/about/old/'] })])).toEqual([]);
  });

  it('name the files in file order, whatever order they come in', () => {
    const pages = [file('zz.md'), file('tags.md'), file('aa.md'), file('zz/index.md')];
    expect(messages(pages)).toEqual(messages([...pages].reverse()));
    expect(messages(pages)[0]).toMatch(/^src\/content\/pages\/tags\.md/);
  });

  it('stop the build with every problem at once', () => {
    const stop = () => assertPageRoutes([file('tags.md'), file('now.md'), file('about.md'), file('about/index.md')], [makePost('old', { aliases: ['/now/'] })]);
    expect(stop).toThrow(DuplicateUrlError);
    expect(stop).toThrow(/^Two pages would be published at \/about\/.*\n.*now\.md would be published at \/now\/, where .*\n.*tags\.md would be published at \/tags\/.*$/);
    expect(() => assertPageRoutes([file('now.md')], [makePost('old', { aliases: ['/now/'] })])).toThrow(/now\.md would be published at \/now\/, where/);
  });
});

describe('the header', () => {
  const page = (id: string, title: string, nav?: number) => ({ id, title, ...(nav === undefined ? {} : { nav }) });
  const urls = createUrls({ site: 'https://example.org', base: '/blog/' });

  it('lists pages with a nav number, in that order, after the built-in links', () => {
    const links = headerLinks(urls, [page('colophon', 'Colophon', 3), page('about', 'About', 1), page('now', 'Now', 2), page('projects', 'Projects')]);
    expect(links.map((l) => l.label)).toEqual(['Home', 'Archive', 'Tags', 'Search', 'RSS', 'About', 'Now', 'Colophon']);
    expect(links.at(-3)).toEqual({ label: 'About', url: '/blog/about/' });
  });

  it('orders by number, not as text, negative and fractional numbers too', () => {
    const order = navPages([page('ten', 'Ten', 10), page('nine', 'Nine', 9), page('first', 'First', -1), page('half', 'Half', 9.5)]).map((p) => p.id);
    expect(order).toEqual(['first', 'nine', 'half', 'ten']);
  });

  it('breaks ties by title, whatever the file order, then by id', () => {
    const tied = [page('b-now', 'Now', 2), page('a-uses', 'Uses', 2), page('colophon', 'colophon', 2)];
    expect(navPages(tied).map((p) => p.title)).toEqual(['colophon', 'Now', 'Uses']);
    expect(navPages([...tied].reverse()).map((p) => p.title)).toEqual(['colophon', 'Now', 'Uses']);
    expect(navPages([page('b', 'Same', 1), page('a', 'Same', 1)]).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('has only the built-in links without pages', () => {
    expect(headerLinks(urls, []).map((l) => l.url)).toEqual(['/blog/', '/blog/archive/', '/blog/tags/', '/blog/search/', '/blog/rss.xml']);
  });
});

describe('page frontmatter', () => {
  const parse = (data: Record<string, unknown>) => pageSchema.safeParse(data);
  const problems = (data: Record<string, unknown>) => {
    const result = parse(data);
    return result.success ? [] : formatIssues(result.error);
  };

  it("takes the day it was last changed, under posts' names for it, read in the site's zone", () => {
    expect(parse({ title: 'A', updated: '2025-06-01' }).data?.updated).toEqual({ day: '2025-06-01' });
    expect(parse({ title: 'A', lastmod: '2025-06-01T10:00:00+02:00' }).data?.updated).toEqual({ day: '2025-06-01', time: '10:00:00', offset: '+02:00' });
    expect(problems({ title: 'A', updated: '2025-13-01' })).toEqual([expect.stringMatching(/^updated: expected a real date such as 2024-03-03/)]);
    const page = toPage({ id: 'a', data: pageSchema.parse({ title: 'A', updated: '2025-06-01' }) }, { excerptLength: 160, timeZone: 'America/New_York' });
    expect(page.updated?.instant.toISOString()).toBe('2025-06-01T04:00:00.000Z');
  });

  it('needs a title; takes a description, a nav number, draft and toc; ignores other fields', () => {
    expect(parse({ title: ' About ', description: 'Who writes this.', nav: 2, draft: false, toc: true, date: '2024-01-01' }).data).toEqual({
      title: 'About',
      description: 'Who writes this.',
      nav: 2,
      draft: false,
      toc: true,
    });
    expect(parse({ title: 'About' }).data).toEqual({ title: 'About', draft: false });
    expect(problems({})).toEqual(['title: is required (add a line such as `title: My post` to the frontmatter)']);
  });

  it('are read as posts are: YAML or TOML, dates as written, broken YAML named with its line', () => {
    const yaml = readPageFile('---\ntitle: About\nupdated: 2025-06-01T23:30:00-07:00\nnav: 1\n---\nBody.\n');
    expect(yaml.data).toEqual({ title: 'About', updated: '2025-06-01T23:30:00-07:00', nav: 1 });
    expect(pageSchema.parse(yaml.data).updated).toEqual({ day: '2025-06-01', time: '23:30:00', offset: '-07:00' });
    expect(yaml.body).toBe('Body.\n');
    expect(readPageFile('+++\ntitle = "About"\nnav = 2\n+++\nBody.\n').data).toEqual({ title: 'About', nav: 2 });
    expect(readPageFile('---\ntitle: [broken\n---\n').problems).toEqual([expect.stringMatching(/^frontmatter: the YAML does not parse at line \d+/)]);
  });

  it('says what nav expects and what it found', () => {
    expect(problems({ title: 'A', nav: 'first' })).toEqual([`nav: expected a number such as 1 (the page's place among the header's links), found "first"`]);
    expect(problems({ title: 'A', nav: true })).toEqual([`nav: expected a number such as 1 (the page's place among the header's links), found true`]);
    expect(parse({ title: 'A', nav: false }).data?.nav).toBeUndefined();
    expect(parse({ title: 'A', nav: 0 }).data?.nav).toBe(0);
  });

  it('reads draft as posts do', () => {
    expect(problems({ title: 'A', draft: 'maybe' })).toEqual(['draft: expected true or false, found "maybe"']);
  });
});

describe('pages as the site sees them', () => {
  const data = (extra: Record<string, unknown> = {}) => pageSchema.parse({ title: 'About', ...extra });

  it('describe themselves, or with an excerpt of their text', () => {
    expect(toPage({ id: 'about', data: data({ description: 'Mine.' }), body: 'Body text.' }, { excerptLength: 160, timeZone: 'UTC' }).description).toBe('Mine.');
    const page = toPage(
      { id: 'about', data: data({ nav: 1 }), body: '## Hello\n\nThis **page** has [a link](/x/) and more words.', filePath: 'src/content/pages/about.md' },
      { excerptLength: 20, timeZone: 'UTC' },
    );
    expect(page).toEqual({ id: 'about', route: 'about/', title: 'About', description: 'Hello This page has…', nav: 1, draft: false, filePath: 'src/content/pages/about.md' });
  });

  it('are left out of a build when drafts, and shown in dev', () => {
    const draft = toPage({ id: 'd', data: data({ draft: true }) }, { excerptLength: 160, timeZone: 'UTC' });
    expect(isPagePublished(draft, { includeDrafts: false })).toBe(false);
    expect(isPagePublished(draft, { includeDrafts: true })).toBe(true);
    expect(isPagePublished(toPage({ id: 'p', data: data() }, { excerptLength: 160, timeZone: 'UTC' }), { includeDrafts: false })).toBe(true);
  });
});
