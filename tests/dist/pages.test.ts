import { stripVTControlCharacters } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuildAsync, root, runScript } from '../helpers/build';
import { asArray, Dist, listFiles, xml, type SitemapDocument, type SitemapIndexDocument } from '../helpers/dist';
import { fixture } from './setup';

// Pages of their own: tests/fixtures/site/pages, beside the fixture's posts folder, built by
// the global setup with the site under /blog/.
let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

/** The published fixture pages: file in dist/, title, text only that page has. */
const pages = [
  ['about/index.html', 'About This Fixture', 'ABOUTPAGEMARKER'],
  ['now/index.html', 'Now', 'NOWPAGEMARKER'],
  ['colophon/index.html', 'Site Colophon', 'COLOPHONPAGEMARKER'],
  ['projects/index.html', 'Projects', 'PROJECTSPAGEMARKER'],
] as const;
const unpublished = ['DRAFTPAGEMARKER3C9E', 'IGNOREDPAGEMARKER'];

const headerLinks = (file: string) =>
  dist
    .html(file)
    .querySelectorAll('header.site-header nav a')
    .map((a) => [a.text.trim(), a.getAttribute('href')]);
/** Every byte of the output as a reader gets it (Pagefind's files are gzipped). */
const outputText = (file: string) => {
  const raw = readFileSync(join(dist.dir, file));
  return (/\.pf_[a-z]+$|pagefind\/(?:shard-\d+\/)?fragment\//.test(file) ? gunzipSync(raw) : raw).toString('utf8');
};

describe('a page of its own', () => {
  it('is published at /<id>/ under the base, its title the only h1, its body rendered by the Markdown pipeline', () => {
    for (const [file, title, marker] of pages) {
      const page = dist.html(file);
      expect(
        page.querySelectorAll('h1').map((h) => h.text.trim()),
        file,
      ).toEqual([title]);
      expect(page.querySelector('title')?.text).toBe(`${title} · Folio`);
      expect(page.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${fixture.site}${dist.urlOf(file)}`);
      expect(page.querySelector('article .prose')?.text, file).toContain(marker);
    }
    const about = dist.html('about/index.html');
    // heading anchors, highlighted code with its header, an optimised image beside the page
    expect(about.querySelector('h2#a-section a.heading-anchor')?.getAttribute('href')).toBe('#a-section');
    expect(about.querySelector('.code-block .code-lang')?.text).toBe('js');
    expect(about.querySelector('pre.astro-code')).not.toBeNull();
    const img = about.querySelector('.prose img');
    expect(img?.getAttribute('alt')).toBe('A small square portrait');
    expect(img?.getAttribute('src')).toMatch(/^\/blog\/_astro\/\S+\.webp$/);
    expect(dist.resolve(img!.getAttribute('src')!)).toBeDefined();
    expect(img?.getAttribute('width')).toBeTruthy();
  });

  it('has the layout of a post without its date, tags, reading time, related posts, neighbours or social card', () => {
    const about = dist.html('about/index.html');
    expect(about.querySelector('main article.post .post-header h1')).not.toBeNull();
    expect(about.querySelector('time')).toBeNull();
    expect(about.querySelector('.meta')).toBeNull();
    expect(about.querySelector('.tag-links, .related, nav.post-nav, .post-nav')).toBeNull();
    expect(about.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
    expect(about.querySelector('meta[property="og:image"]')).toBeNull();
    expect(about.querySelector('meta[property^="article:"]')).toBeNull();
    // its `updated`, for the sitemap; a page without one has none
    expect(about.querySelector('meta[property="og:updated_time"]')?.getAttribute('content')).toBe('2025-06-01T04:00:00.000Z');
    expect(dist.html('now/index.html').querySelector('meta[property="og:updated_time"]')).toBeNull();
    expect(about.querySelector('meta[name=description]')?.getAttribute('content')).toBe("The fixture site's own About page, in the header first.");
    // without a description, the start of its text
    expect(dist.html('now/index.html').querySelector('meta[name=description]')?.getAttribute('content')).toMatch(/^NOWPAGEMARKER What this fixture is doing now/);
    expect(dist.files.filter((f) => f.startsWith('og/'))).not.toContain('og/about.jpg');
  });

  it('renders MDX, with the components posts use', () => {
    const colophon = dist.html('colophon/index.html');
    expect(colophon.querySelector('.prose')?.text).toContain('An MDX page, built in 2026.');
    expect(colophon.querySelector('.prose aside, .prose .callout')?.text).toContain('Pages use the same components as MDX posts.');
  });

  it('links to posts and pages, wikilinks included, and publishes a file beside it as a post does', () => {
    const links = dist
      .html('about/index.html')
      .querySelectorAll('.prose a:not(.heading-anchor)')
      .map((a) => [a.text, a.getAttribute('href')]);
    expect(links.slice(0, 3)).toEqual([
      ['a post', '/blog/posts/hello-world/'],
      ['Now', '/blog/now/'],
      ['the projects', '/blog/projects/'],
    ]);
    const [text, href] = links[3]!;
    expect(text).toBe('a file beside it');
    expect(href).toMatch(/^\/blog\/_media\/[0-9a-f]{8}\/notes\.txt$/);
    expect(dist.read(dist.resolve(href!)!)).toBe('Plain notes, copied as they are.\n');
    // none of these links is reported as leading nowhere
    const log = readFileSync(fixture.log, 'utf8');
    expect(log).not.toMatch(/Link to \S+ in tests\/fixtures\/site\/pages\//);
    expect(log).not.toMatch(/pages\/about\/index\.md: the wikilink/);
  });
});

describe('the header', () => {
  it('lists pages with `nav` after the built-in links, by number, ties by title, on every page', () => {
    const expected = [
      ['Home', '/blog/'],
      ['Archive', '/blog/archive/'],
      ['Tags', '/blog/tags/'],
      // the fixture has series
      ['Series', '/blog/series/'],
      ['Search', '/blog/search/'],
      ['RSS', '/blog/rss.xml'],
      ['About This Fixture', '/blog/about/'],
      // both nav: 2; "Now" before "Site Colophon", though colophon.mdx comes first by file name
      ['Now', '/blog/now/'],
      ['Site Colophon', '/blog/colophon/'],
    ];
    for (const file of [
      'index.html',
      'page/2/index.html',
      'posts/hello-world/index.html',
      'tags/index.html',
      'archive/index.html',
      'search/index.html',
      '404.html',
      'about/index.html',
      'projects/index.html',
    ]) {
      expect(headerLinks(file), file).toEqual(expected);
    }
  });

  it('marks the page being read', () => {
    const current = (file: string) =>
      dist
        .html(file)
        .querySelectorAll('header nav a[aria-current="page"]')
        .map((a) => a.text.trim());
    expect(current('about/index.html')).toEqual(['About This Fixture']);
    expect(current('now/index.html')).toEqual(['Now']);
    expect(current('projects/index.html')).toEqual([]);
  });
});

describe('pages and the rest of the site', () => {
  it('are in the sitemap', () => {
    const index = xml.parse(dist.read('sitemap-index.xml')) as SitemapIndexDocument;
    const locs = (asArray(index.sitemapindex.sitemap) as { loc: string }[]).flatMap(({ loc }) =>
      (asArray((xml.parse(dist.read(dist.resolve(loc)!)) as SitemapDocument).urlset.url) as { loc: string }[]).map((u) => u.loc),
    );
    for (const [file] of pages) expect(locs).toContain(`${fixture.site}${dist.urlOf(file)}`);
  });

  it('are in no feed, post list, archive or tag page, and not in the search index', () => {
    const lists = dist.files.filter((f) => /^(index\.html|page\/|archive\/|tags\/|rss\.xml$|feed\.json$|pagefind\/)/.test(f) && !f.endsWith('.wasm'));
    expect(lists.length).toBeGreaterThan(10);
    for (const file of lists) {
      const text = outputText(file);
      for (const [, , marker] of pages) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
    }
    expect(dist.searchFragments().filter((f) => !f.url.startsWith('/posts/'))).toEqual([]);
    const titles = (file: string) =>
      dist
        .html(file)
        .querySelectorAll('main a')
        .map((a) => a.text.trim());
    for (const file of ['index.html', 'page/2/index.html', 'archive/index.html']) expect(titles(file), file).not.toContain('Site Colophon');
  });

  it('leave the home pagination and the redirects of posts working', () => {
    expect(dist.html('page/2/index.html').querySelectorAll('.post-list .card-title a').length).toBeGreaterThan(0);
    expect(dist.html('page/2/index.html').querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://example.org/blog/page/2/');
    const redirect = dist.read('2019/05/old-permalink/index.html');
    expect(redirect).toMatch(/http-equiv="refresh"/);
    expect(redirect).toContain('/blog/posts/a-custom-url/');
  });

  it('leave out a draft page, and a file whose name starts with "_", everywhere', () => {
    expect(dist.files.filter((f) => /secret|ignored-page/.test(f))).toEqual([]);
    expect(headerLinks('index.html').map(([label]) => label)).not.toContain('Secret Plans');
    for (const file of dist.files) {
      const text = outputText(file);
      for (const marker of unpublished) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });
});

// Pages whose addresses are taken: each case is a posts and a pages folder side by side.
const broken = join(root, 'tests/fixtures/pages-broken');
const out = join(root, 'tests/.output/pages-broken');
const cases = {
  // Folio's tag pages, and two files that give one page
  taken: [
    'Two pages would be published at /about/: tests/fixtures/pages-broken/taken/pages/about.md and tests/fixtures/pages-broken/taken/pages/about/index.md. Rename one of the files.',
    "tests/fixtures/pages-broken/taken/pages/tags.md would be published at /tags/, the address of the tag pages (src/pages/tags/). Rename the page's file.",
  ],
  // an old address a post keeps as a redirect
  redirect: [
    "tests/fixtures/pages-broken/redirect/pages/colophon.md would be published at /colophon/, where tests/fixtures/pages-broken/redirect/posts/moved.md keeps a redirect (alias /colophon/). Rename the page's file, or remove the redirect from the post.",
  ],
};
const builds = new Map<string, { status: number | null; output: string }>();
const plain = (text: string) => stripVTControlCharacters(text).replace(/\s+/g, ' ');

describe.each(Object.entries(cases))('a page at a taken address: %s', (name, messages) => {
  beforeAll(async () => {
    builds.set(
      name,
      await astroBuildAsync({
        contentDir: join(broken, name, 'posts'),
        outDir: join(out, name, 'dist'),
        cacheDir: join(out, name, 'cache'),
        env: { NO_COLOR: '1', FORCE_COLOR: '0' },
      }),
    );
  }, 300_000);

  it('stops the build, naming the files and the address', () => {
    const build = builds.get(name)!;
    expect(build.status, plain(build.output).slice(-2000)).not.toBe(0);
    for (const message of messages) expect(plain(build.output)).toContain(message);
    expect(existsSync(join(out, name, 'dist', 'index.html'))).toBe(false);
    expect(existsSync(join(out, name, 'dist', '404.html'))).toBe(false);
  });

  it('is reported by check:content in the same words', () => {
    const result = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: join(broken, name, 'posts') });
    expect(result.status).toBe(1);
    for (const message of messages) expect(plain(result.output)).toContain(message);
  });
});

// Every page shows the header: a page added to it must reach pages a warm rebuild would
// otherwise leave in place (their cache keys follow the header's links).
describe('a page added to the header, rebuilt in place', () => {
  const work = join(root, 'tests/.output/pages-rebuild');
  const env = { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, FOLIO_SETTINGS: JSON.stringify({ ogImages: false }) };
  const build = () => astroBuildAsync({ contentDir: join(work, 'posts'), outDir: join(work, 'dist'), cacheDir: join(work, 'cache'), env });
  const page = (nav: string) => `---\ntitle: Colophon\n${nav}---\nHow this site is made.\n`;
  let second = '';

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'posts'), { recursive: true });
    mkdirSync(join(work, 'pages'), { recursive: true });
    for (const n of [1, 2, 3]) writeFileSync(join(work, 'posts', `post-${n}.md`), `---\ntitle: Post ${n}\ndate: 2024-01-0${n}\ntags: [t${n}]\n---\nBody ${n}.\n`);
    writeFileSync(join(work, 'pages/colophon.md'), page(''));
    const first = await build();
    expect(first.status, first.output.slice(-3000)).toBe(0);
    writeFileSync(join(work, 'pages/colophon.md'), page('nav: 1\n'));
    const again = await build();
    second = again.output;
    expect(again.status, again.output.slice(-3000)).toBe(0);
  }, 300_000);

  it('shows the new link on every page, none left as the first build wrote it', () => {
    const out = new Dist(join(work, 'dist'), fixture.base, fixture.site);
    const withHeader = listFiles(out.dir).filter((f) => f.endsWith('.html') && out.read(f).includes('class="site-header"'));
    expect(withHeader.length).toBeGreaterThan(8);
    for (const file of withHeader)
      expect(
        out
          .html(file)
          .querySelectorAll('header nav a')
          .map((a) => a.text.trim()),
        file,
      ).toContain('Colophon');
    // the rebuild was warm: only the header changed, yet nothing was left as cached
    expect(second).not.toContain('(cached)');
  });
});
