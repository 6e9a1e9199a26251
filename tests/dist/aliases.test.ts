import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { postIdFromPath } from '../../src/lib/ids';
import { REDIRECT_CSP } from '../../src/lib/redirect-page';
import { asArray, Dist, xml, type SitemapDocument, type SitemapIndexDocument } from '../helpers/dist';
import { aliases } from './setup';

let dist: Dist;
let hugo: Dist;
let log: string;
beforeAll(() => {
  dist = new Dist(aliases.out, aliases.base, aliases.site);
  hugo = new Dist(aliases.hugo.out, '/', aliases.site);
  log = readFileSync(aliases.log, 'utf8');
});

// The Jekyll post's id comes from its file name (with or without the date prefix, as ids.ts decides).
const oldPostSlug = postIdFromPath('2019-04-01-old-post.md');
/** Published posts: their URL slug, and every redirect file that must lead to them (Jekyll build). */
const published: Record<string, string[]> = {
  // Jekyll's date permalink, and the address the file had before Folio read its date prefix
  [oldPostSlug]: ['engines/ruby/2019/04/02/old-post.html', 'posts/2019-04-01-old-post/index.html'],
  docker: ['2020/02/02/docker.html', 'posts/docker-containers-on-the-desktop.html', 'posts/old-name/index.html', 'moved/away/index.html', 'posts/sub/page.html'],
  'notes/deep-note': ['2021/03/03/deep-note.html', 'posts/notes/renamed/index.html', 'above-the-root/index.html'],
  // named by its own permalink, /the-permalink/, which redirects to it
  'the-permalink': ['the-permalink/index.html'],
  'same-address': [],
  'template-permalink': [],
  links: ['2022/01/01/links.html'],
};
const redirectFiles = Object.values(published).flat();
const isRedirect = (d: Dist, file: string) => /http-equiv="refresh"/.test(d.read(file));
const target = (slug: string, base = aliases.base) => `${aliases.site}${base}posts/${slug}/`;

describe('redirect pages', () => {
  it('exist for every old address of every published post, and lead to it', () => {
    for (const [slug, files] of Object.entries(published)) {
      expect(dist.files, slug).toContain(`posts/${slug}/index.html`);
      for (const file of files) {
        expect(dist.files, file).toContain(file);
        const page = dist.html(file);
        expect(page.querySelector('link[rel=canonical]')?.getAttribute('href'), file).toBe(target(slug));
        expect(page.querySelector('meta[http-equiv=refresh]')?.getAttribute('content'), file).toBe(`0; url=${target(slug)}`);
        expect(page.querySelector('body a')?.getAttribute('href'), file).toBe(target(slug));
        expect(dist.resolve(target(slug)), file).toBe(`posts/${slug}/index.html`);
      }
    }
  });

  it("are nothing else: no redirect for drafts, for permalink: false, or at a post's own address", () => {
    const redirects = dist.htmlFiles().filter((f) => isRedirect(dist, f));
    expect(redirects.sort()).toEqual([...redirectFiles].sort());
    for (const file of dist.files) expect(readFileSync(join(dist.dir, file)).toString('latin1'), file).not.toMatch(/DRAFTALIASMARKER|NOTWRITTENMARKER/);
    expect(dist.files.some((f) => f.includes('not-written') || f.includes('draft'))).toBe(false);
  });

  it('keep an .html address a file of that exact name, which redirects to the absolute URL', () => {
    const file = 'posts/docker-containers-on-the-desktop.html';
    expect(statSync(join(dist.dir, file)).isFile()).toBe(true);
    expect(dist.html(file).querySelector('meta[http-equiv=refresh]')?.getAttribute('content')).toBe('0; url=https://example.org/blog/posts/docker/');
    expect(dist.html(file).querySelector('title')?.text).toBe('Moved: Docker Containers on the Desktop');
  });

  it('are marked noindex, in the site language, with a policy that lets them load nothing', () => {
    for (const file of redirectFiles) {
      const page = dist.html(file);
      expect(page.querySelector('meta[name=robots]')?.getAttribute('content'), file).toBe('noindex');
      expect(page.querySelector('html')?.getAttribute('lang'), file).toBe('en');
      expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'), file).toBe(REDIRECT_CSP);
      expect(page.querySelectorAll('script, style, link[rel=stylesheet]'), file).toHaveLength(0);
    }
  });

  it('are left out of the sitemap', () => {
    const index = xml.parse(dist.read('sitemap-index.xml')) as SitemapIndexDocument;
    const locs = (asArray(index.sitemapindex.sitemap) as { loc: string }[]).flatMap(({ loc }) =>
      (asArray((xml.parse(dist.read(dist.resolve(loc)!)) as SitemapDocument).urlset.url) as { loc: string }[]).map((u) => u.loc),
    );
    expect(locs.length).toBeGreaterThan(5);
    for (const loc of locs) expect(redirectFiles, loc).not.toContain(dist.resolve(loc));
    expect(locs).toContain(target('docker'));
  });

  it('are left out of the search index', () => {
    const fragments = dist.searchFragments();
    expect(fragments.map((f) => f.url).sort()).toEqual(
      Object.keys(published)
        .map((slug) => `/posts/${slug}/`)
        .sort(),
    );
  });

  it("are written for Hugo's default URLs when the blog moved from Hugo, relative aliases read from its section", () => {
    const expected: Record<string, string[]> = {
      [oldPostSlug]: ['post/2019-04-01-old-post/index.html', 'posts/2019-04-01-old-post/index.html'],
      docker: ['post/docker/index.html', 'posts/docker-containers-on-the-desktop.html', 'post/old-name/index.html', 'moved/away/index.html', 'post/sub/page.html'],
      'notes/deep-note': ['post/notes/deep-note/index.html', 'post/notes/renamed/index.html', 'above-the-root/index.html'],
      'the-permalink': ['post/eleventy-permalink/index.html', 'the-permalink/index.html'],
      'same-address': ['post/same-address/index.html'],
      'template-permalink': ['post/template-permalink/index.html'],
      links: ['post/links/index.html'],
    };
    const redirects = hugo.htmlFiles().filter((f) => isRedirect(hugo, f));
    expect(redirects.sort()).toEqual(Object.values(expected).flat().sort());
    for (const [slug, files] of Object.entries(expected)) {
      for (const file of files) expect(hugo.html(file).querySelector('link[rel=canonical]')?.getAttribute('href'), file).toBe(target(slug, '/'));
    }
  });
});

describe('links in posts to old addresses', () => {
  const hrefs = (d: Dist) =>
    d
      .html('posts/links/index.html')
      .querySelectorAll('.prose a')
      .map((a) => a.getAttribute('href') ?? '');

  it("are rewritten to the post's current URL, base path, query and fragment kept", () => {
    const links = hrefs(dist);
    const oldPost = `/blog/posts/${oldPostSlug}/`;
    expect(links[0]).toBe(oldPost); // Jekyll's date URL
    // The old Folio address: rewritten, or left as it is where the id kept the date prefix.
    const absolute = new URL(links[1]!, aliases.site);
    expect(`${absolute.pathname}${absolute.hash}`).toBe(`${oldPost}#section`);
    expect(links.slice(2, 6)).toEqual(['/blog/posts/docker/', '/blog/posts/docker/', '/blog/posts/the-permalink/?utm=x', '/blog/posts/docker/']);
    expect(links.slice(6, 10)).toEqual(['/blog/tags/', '/blog/archive/', '/blog/rss.xml', '/blog/favicon.svg']);
    expect(links.slice(10, 14)).toEqual(['/blog/no/such/page/', '/blog/draft-alias/', '/other-app/', 'https://example.org/post/2019-04-01-old-post/']);
    expect(links[14]).toBe(oldPost); // raw HTML
  });

  it('are left as written inside code', () => {
    const page = dist.html('posts/links/index.html');
    expect(page.querySelector('.prose code a')?.getAttribute('href')).toBe('/posts/old-name/');
    // node-html-parser keeps a <pre> as raw markup: drop Shiki's token spans, then decode.
    const code = parse((page.querySelector('.prose pre')?.innerHTML ?? '').replace(/<[^>]+>/g, '')).text;
    expect(code).toContain('<a href="/posts/old-name/">in a code block</a>');
  });

  it('are rewritten in the RSS feed too, absolute', () => {
    const item = parseFeed(dist.read('rss.xml')).items.find((i) => i.title === 'Links Everywhere');
    const html = item?.content ?? '';
    expect(html).toContain('href="https://example.org/blog/posts/docker/"');
    expect(html).toContain(`href="https://example.org/blog/posts/${oldPostSlug}/"`);
    expect(html).not.toContain('href="https://example.org/engines/');
    expect(html).not.toContain('docker-containers-on-the-desktop.html"');
  });

  it("are rewritten from Hugo's addresses when the blog moved from Hugo", () => {
    const links = hrefs(hugo);
    expect(links[13]).toBe(`/posts/${oldPostSlug}/`);
  });

  it('that lead nowhere on this site get one warning each, naming the post and the link', () => {
    const warnings = log.split('\n').filter((line) => line.includes('[folio] Link to'));
    expect(warnings).toEqual([
      '[folio] Link to /blog/no/such/page/ in tests/fixtures/aliases/posts/links.md: no post, redirect, page or file in public/ of this site is at that address.',
      '[folio] Link to /blog/draft-alias/ in tests/fixtures/aliases/posts/links.md: no post, redirect, page or file in public/ of this site is at that address.',
    ]);
  });
});

describe('frontmatter paths Folio cannot fill in', () => {
  it('are named in a warning with their post, and get no redirect', () => {
    const warning =
      'tests/fixtures/aliases/posts/template-permalink.md: permalink "/notes/{{ page.fileSlug }}/" is a template, which only the engine it was written for can fill in; no redirect is written for it';
    // once, at every build
    expect(log.split('\n').filter((line) => line.includes(warning))).toHaveLength(1);
    expect(dist.files.some((f) => f.startsWith('notes/'))).toBe(false);
  });
});
