import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHash } from '../../src/lib/csp';
import { runScript } from '../helpers/build';
import { asArray, Dist, listFiles, xml, parsePolicy, type Policy, type RssDocument } from '../helpers/dist';
import { engineEnv, engineSites, type EngineSite } from './setup';

// One site per engine a blog moves in from (tests/fixtures/engines/<engine>, built by
// tests/dist/setup.ts with that engine's settings), read back from dist/.

interface ExpectedPost {
  title: string;
  /** As shown, in the site's locale (en-US) and zone (America/New_York). */
  date: string;
  /** The <time datetime> of the date, when it says more than the day. */
  datetime?: string;
  updated?: string;
}

interface SiteExpectations {
  site: EngineSite;
  /** Every published post: its URL → what its page shows. */
  posts: Record<string, ExpectedPost>;
  /** Every redirect file (dist path) → the URL of the post it leads to. */
  redirects: Record<string, string>;
  /** What each post page's policy adds to the site's, by post URL (none for a post not listed). */
  csp: Record<string, Partial<Record<'frame-src' | 'script-src' | 'media-src', string[]>>>;
  /** Local images, video and sources in post pages, at least: the resolve check is not vacuous. */
  localMedia: number;
  /** Template syntax left as written on purpose (and warned about): it is all the text may hold. */
  leftAsWritten?: string;
}

const sites: Record<string, SiteExpectations> = {
  jekyll: {
    site: engineSites.jekyll,
    posts: {
      '/blog/posts/jekyll-post/': { title: 'Jekyll Post', date: 'April 1, 2019', datetime: '2019-04-01T14:30:00+02:00' },
      // a one-digit hour, with Jekyll's spaced offset
      '/blog/posts/liquid-and-kramdown/': { title: 'Liquid and kramdown, as Jekyll wrote them', date: 'May 17, 2020', datetime: '2020-05-17T09:05:00+01:00' },
      // the clash pair: the same name a year apart, dated by the file name
      '/blog/posts/2019-year-in-lists/': { title: 'The Year in Lists: 2019', date: 'December 31, 2019', datetime: '2019-12-31' },
      '/blog/posts/2020-year-in-lists/': { title: 'The Year in Lists: 2020', date: 'December 31, 2020', datetime: '2020-12-31' },
      '/blog/posts/links-from-the-old-site/': { title: 'Links From the Old Site', date: 'February 14, 2021' },
      '/blog/posts/about-this-blog/': { title: 'About This Blog', date: 'January 15, 2018' },
    },
    redirects: {
      'engines/ruby/2019/04/01/jekyll-post.html': '/blog/posts/jekyll-post/',
      'engines/notes/2020/05/17/liquid-and-kramdown.html': '/blog/posts/liquid-and-kramdown/',
      '2019/12/31/year-in-lists.html': '/blog/posts/2019-year-in-lists/',
      '2020/12/31/year-in-lists.html': '/blog/posts/2020-year-in-lists/',
      '2021/02/14/links-from-the-old-site.html': '/blog/posts/links-from-the-old-site/',
      // its own permalink, instead of Jekyll's default
      'about-this-blog/index.html': '/blog/posts/about-this-blog/',
      // the addresses these files had before Folio read their date prefix as the date
      'posts/2019-04-01-jekyll-post/index.html': '/blog/posts/jekyll-post/',
      'posts/2020-05-17-liquid-and-kramdown/index.html': '/blog/posts/liquid-and-kramdown/',
      'posts/2019-12-31-year-in-lists/index.html': '/blog/posts/2019-year-in-lists/',
      'posts/2020-12-31-year-in-lists/index.html': '/blog/posts/2020-year-in-lists/',
      'posts/2021-02-14-links-from-the-old-site/index.html': '/blog/posts/links-from-the-old-site/',
    },
    // a gist's script, and an inline script (by its hash)
    csp: { '/blog/posts/links-from-the-old-site/': { 'script-src': ['https://gist.github.com', `'${inlineScriptHash('document.documentElement.dataset.oldTheme = "minima";')}'`].sort() } },
    localMedia: 3,
  },
  hugo: {
    site: engineSites.hugo,
    posts: {
      '/posts/hugo-style/': { title: 'Hugo Post', date: 'September 29, 2020', datetime: '2020-09-29T23:15:09-07:00', updated: 'February 3, 2021' },
      '/posts/pi-day/': { title: 'Pi Day, in TOML', date: 'March 14, 2021', datetime: '2021-03-14T09:26:53+01:00', updated: 'March 15, 2021' },
      '/posts/learning-rates/': { title: 'Learning Rates', date: 'August 1, 2022', datetime: '2022-08-01T10:00:00Z' },
      '/posts/links/': { title: 'Links Written for Hugo', date: 'January 5, 2023', datetime: '2023-01-05' },
    },
    redirects: {
      '2020/09/hugo-post/index.html': '/posts/hugo-style/',
      'post/hugo-style/index.html': '/posts/hugo-style/',
      '2021/03/pi-day/index.html': '/posts/pi-day/',
      'old/pi.html': '/posts/pi-day/',
      // a relative alias, read from the post's folder under Hugo (post/)
      'post/pi-old/index.html': '/posts/pi-day/',
      'post/learning-rates/index.html': '/posts/learning-rates/',
      'post/links/index.html': '/posts/links/',
    },
    // Hugo's gist and tweet shortcodes become links: no script is allowed for them
    csp: { '/posts/pi-day/': { 'frame-src': ['https://www.youtube-nocookie.com'] }, '/posts/learning-rates/': { 'frame-src': ['https://player.vimeo.com'] } },
    localMedia: 3,
  },
  eleventy: {
    site: engineSites.eleventy,
    posts: {
      '/posts/eleventy-post/': { title: 'Eleventy Post', date: 'June 15, 2023', datetime: '2023-06-15' },
      // bundles: slug/YYYY-MM-DD-index.md
      // named by its own permalink, /notes/trip-notes/
      '/posts/notes/trip-notes/': { title: 'Trip Notes', date: 'March 8, 2017', datetime: '2017-03-08' },
      '/posts/garden-bundle/': { title: 'Garden Bundle', date: 'November 2, 2018', datetime: '2018-11-02' },
    },
    redirects: {
      'notes/trip-notes/index.html': '/posts/notes/trip-notes/',
      // the bundles' addresses before Folio read a dated index file's prefix as the date
      'posts/trip-notes/2017-03-08-index/index.html': '/posts/notes/trip-notes/',
      'posts/garden-bundle/2018-11-02-index/index.html': '/posts/garden-bundle/',
    },
    // the video beside the post is copied to the site: nothing to allow
    csp: { '/posts/garden-bundle/': { 'script-src': ['https://platform.twitter.com'] } },
    localMedia: 5,
    leftAsWritten: '{% signup "newsletter" %}',
  },
  obsidian: {
    site: engineSites.obsidian,
    posts: {
      // no frontmatter: the title from the first heading or the file name, the date from the
      // commit that added the note (setup's fixed dates), as a wall time in the site's zone
      '/posts/gardening-log/': { title: 'Gardening Log', date: 'April 2, 2023', datetime: '2023-04-02T21:30:00' },
      '/posts/seed-catalogue/': { title: 'Seed Catalogue', date: 'May 20, 2023', datetime: '2023-05-20T06:00:00' },
      // never committed: its file's time
      '/posts/uncommitted-idea/': { title: 'Uncommitted Idea', date: 'February 29, 2024', datetime: '2024-02-29T10:00:00' },
      // a one-item date list, as Obsidian's properties editor writes it
      '/posts/notes/compost-ratios/': { title: 'Compost Ratios', date: 'June 1, 2022', datetime: '2022-06-01' },
      '/posts/quartz-note/': { title: 'Quartz Note', date: 'February 2, 2022', updated: 'March 3, 2022' },
    },
    redirects: { 'posts/quartz alias/index.html': '/posts/quartz-note/' },
    csp: {},
    localMedia: 3,
  },
  astro: {
    site: engineSites.astro,
    posts: {
      '/posts/first-post/': { title: 'Astro Starter Post', date: 'July 8, 2022', updated: 'July 10, 2022' },
      '/posts/second-post/': { title: 'Second Starter Post', date: 'July 15, 2022' },
      '/posts/markdown-style-guide/': { title: 'Markdown Style Guide', date: 'June 19, 2024' },
      '/posts/adding-new-posts-in-astropaper-theme/': { title: 'AstroPaper Post', date: 'September 23, 2022', updated: 'December 21, 2023' },
      '/posts/astropaper-toc/': { title: 'How AstroPaper Writes a Table of Contents', date: 'January 30, 2023' },
    },
    redirects: {},
    csp: {},
    localMedia: 2,
  },
};

/** What other engines' templates look like: none of it may reach a reader. */
const TEMPLATE_TOKENS = ['{%', '{{', '{{<', '{:', '![[', '[[', '%%', '=='] as const;
const templateSyntax = (text: string, allowed?: string) => {
  const rest = allowed ? text.split(allowed).join(' ') : text;
  return TEMPLATE_TOKENS.filter((token) => rest.includes(token));
};

/** Text a reader sees: code (which shows syntax as written on purpose), scripts and styles left out. */
function visibleText(root: HTMLElement): string {
  for (const element of root.querySelectorAll('script, style, pre, code, template')) element.remove();
  return (root.querySelector('body') ?? root).text;
}
const fragmentText = (html: string) => visibleText(parse(html));

const isRedirect = (dist: Dist, file: string) => /http-equiv="refresh"/.test(dist.read(file));

const metaPolicy = (dist: Dist, file: string) => dist.metaPolicy(file);

/** A local URL in the page: not another origin's, not data:. */
const isLocal = (url: string) => url !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);

describe.each(Object.entries(sites))('the %s engine site', (_engine, expected) => {
  const { site } = expected;
  let dist: Dist;
  let log: string;
  let pages: string[];
  let postFiles: string[];
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
    log = readFileSync(site.log, 'utf8');
    pages = dist.htmlFiles().filter((file) => !isRedirect(dist, file));
    postFiles = pages.filter((file) => file.startsWith('posts/'));
  });

  it('publishes every post at its URL with its title and date, and no other post', () => {
    expect(postFiles.map((file) => dist.urlOf(file)).sort()).toEqual(Object.keys(expected.posts).map(encodeURI).sort());
    for (const [url, post] of Object.entries(expected.posts)) {
      const page = dist.html(dist.resolve(url)!);
      const times = page.querySelectorAll('.post-header time');
      expect(page.querySelector('.post-header h1')?.text.trim(), url).toBe(post.title);
      expect(times[0]?.text, url).toBe(post.date);
      if (post.datetime) expect(times[0]?.getAttribute('datetime'), url).toBe(post.datetime);
      expect(times[1]?.text, url).toBe(post.updated);
    }
    // the archive lists the same posts
    const archived = dist
      .html('archive/index.html')
      .querySelectorAll('main a[href*="/posts/"]')
      .map((a) => a.getAttribute('href'));
    expect([...new Set(archived)].sort()).toEqual(Object.keys(expected.posts).map(encodeURI).sort());
  });

  it('shows no template syntax in any page, feed or search result (but for the tag left as written on purpose)', () => {
    const found: string[] = [];
    /** Where the tag left as written was seen: the page, both feeds and the search index show it as written. */
    const seen = new Set<string>();
    const look = (where: string, text: string) => {
      for (const token of templateSyntax(text, expected.leftAsWritten)) found.push(`${where}: ${token}`);
      if (expected.leftAsWritten && text.includes(expected.leftAsWritten)) seen.add(where.split(' ')[0]!);
    };
    for (const file of pages) look(file, visibleText(dist.html(file)));
    for (const file of dist.files.filter((f) => f.endsWith('rss.xml'))) {
      for (const item of asArray((xml.parse(dist.read(file)) as RssDocument).rss.channel.item) as Record<string, string>[]) {
        look(`${file} ${item['title']}`, `${item['title']} ${item['description']} ${fragmentText(item['content:encoded'] ?? '')}`);
      }
    }
    const feed = JSON.parse(dist.read('feed.json')) as { items: { title: string; summary?: string; content_html: string }[] };
    for (const item of feed.items) look(`feed.json ${item.title}`, `${item.title} ${item.summary ?? ''} ${fragmentText(item.content_html)}`);
    const fragments = dist.searchFragments();
    expect(fragments).toHaveLength(Object.keys(expected.posts).length);
    for (const fragment of fragments) look(`search ${fragment.url}`, `${fragment.meta.title} ${fragment.content}`);
    expect(found).toEqual([]);
    if (expected.leftAsWritten) expect([...seen].sort()).toEqual(['feed.json', 'posts/garden-bundle/index.html', 'rss.xml', 'search', 'tags/garden/rss.xml', 'tags/posts/rss.xml']);
  });

  it('has exactly one <h1> on every page', () => {
    for (const file of pages) expect(dist.html(file).querySelectorAll('h1'), file).toHaveLength(1);
  });

  it('resolves every local image, video and source of its post pages to a file in dist', () => {
    let checked = 0;
    for (const file of postFiles) {
      const page = dist.html(file);
      const urls = [
        ...page.querySelectorAll('img[src], video[src], audio[src], source[src], track[src]').map((e) => e.getAttribute('src')!),
        ...page.querySelectorAll('video[poster]').map((e) => e.getAttribute('poster')!),
        ...page.querySelectorAll('img[srcset], source[srcset]').flatMap((e) =>
          e
            .getAttribute('srcset')!
            .split(',')
            .map((c) => c.trim().split(/\s+/)[0]!),
        ),
      ].filter(isLocal);
      for (const url of urls) expect(dist.resolve(url), `${url} in ${file}`).toBeDefined();
      checked += urls.length;
    }
    expect(checked).toBeGreaterThanOrEqual(expected.localMedia);
  });

  it('gives each post page a policy that allows exactly its own embeds', () => {
    const site = metaPolicy(dist, 'archive/index.html');
    const union: Policy = {};
    for (const file of postFiles) {
      const url = dist.urlOf(file);
      const policy = metaPolicy(dist, file);
      const added: Policy = {};
      for (const [directive, values] of Object.entries(policy)) {
        // style hashes follow each page's own <style> elements
        if (directive === 'style-src') continue;
        const extra = values.filter((v) => v !== "'self'" && !(site[directive] ?? []).includes(v));
        if (extra.length > 0) added[directive] = extra.sort();
      }
      expect(added, url).toEqual(expected.csp[url] ?? {});
      for (const [directive, values] of Object.entries(added)) union[directive] = [...new Set([...(union[directive] ?? []), ...values])].sort();
    }
    // the site's _headers allow what the pages allow
    const header = parsePolicy(/^ {2}Content-Security-Policy: (.*)$/m.exec(dist.read('_headers'))?.[1] ?? '');
    for (const [directive, values] of Object.entries(union)) for (const value of values) expect(header[directive], directive).toContain(value);
  });

  it('writes a redirect at every old address, leading to its post, and no other', () => {
    const redirects = dist.htmlFiles().filter((file) => isRedirect(dist, file));
    expect(redirects.sort()).toEqual(Object.keys(expected.redirects).sort());
    for (const [file, url] of Object.entries(expected.redirects)) {
      const target = `${site.site}${encodeURI(url)}`;
      expect(statSync(join(dist.dir, file)).isFile(), file).toBe(true);
      expect(dist.html(file).querySelector('link[rel=canonical]')?.getAttribute('href'), file).toBe(target);
      expect(dist.html(file).querySelector('meta[http-equiv=refresh]')?.getAttribute('content'), file).toBe(`0; url=${target}`);
      expect(dist.resolve(target), file).toBeDefined();
    }
  });

  it('warns only about the template syntax it left as written: one line, naming the file and line', () => {
    // every internal link resolves: no dead-link warning
    expect(log).not.toContain('[folio] Link to');
    const tagWarnings = log.split('\n').filter((line) => /template tags? Folio does not run/.test(line));
    if (!expected.leftAsWritten) {
      expect(tagWarnings).toEqual([]);
      return;
    }
    expect(tagWarnings).toHaveLength(1);
    expect(log.split('\n').filter((line) => line.includes(expected.leftAsWritten!))).toEqual(tagWarnings);
    expect(tagWarnings[0]).toContain(`tests/fixtures/engines/eleventy/posts/garden-bundle/2018-11-02-index.md: 1 template tag Folio does not run: line 7: ${expected.leftAsWritten}`);
    // check:content says it once too (tests/dist/check-parity.test.ts compares the words)
    const check = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: site.posts, ...engineEnv(site) });
    expect(check.output.split('\n').filter((line) => line.includes(expected.leftAsWritten!))).toHaveLength(1);
    // and the page shows it as written
    const page = dist.html('posts/garden-bundle/index.html');
    expect(page.querySelector('.prose')?.text).toContain(expected.leftAsWritten);
  });

  it('publishes nothing of its drafts, unpublished posts, templates and ignored folders', () => {
    // every engine fixture has such a post, marked, so the check can fail
    const marked = listFiles(site.posts).filter((file) => /\.(md|markdown|mdx)$/i.test(file) && readFileSync(join(site.posts, file), 'utf8').includes('ENGINEDRAFTMARKER'));
    expect(marked.length).toBeGreaterThan(0);
    for (const file of dist.files) {
      const text = readFileSync(join(dist.dir, file)).toString('latin1');
      expect(text.includes('ENGINEDRAFTMARKER'), file).toBe(false);
    }
  });
});

/** A post page of an engine site, and what its header shows. */
function post(dist: Dist, path: string) {
  const page = dist.html(`posts/${path}/index.html`);
  const times = page.querySelectorAll('.post-header time');
  return {
    page,
    prose: page.querySelector('.prose')!,
    title: page.querySelector('h1')?.text.trim(),
    date: times[0]?.text,
    updated: times[1]?.text,
    description: page.querySelector('meta[name=description]')?.getAttribute('content'),
    tags: page.querySelectorAll('.post-header .tags a').map((a) => a.text.trim()),
    links: page.querySelectorAll('.prose a:not(.heading-anchor)').map((a) => [a.text.trim(), a.getAttribute('href')]),
  };
}

/** A highlighted code block's markup (the HTML parser keeps a <pre>'s content as raw text). */
const code = (page: HTMLElement, lang: string) => parse(page.querySelector(`pre[data-language=${lang}]`)?.innerHTML ?? '');

describe('Jekyll: _posts names, .markdown, Liquid and kramdown, under a base path', () => {
  const site = engineSites.jekyll;
  let dist: Dist;
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
  });

  it('reads a date with a spaced offset, space-separated categories and an excerpt', () => {
    const p = post(dist, 'jekyll-post');
    expect(p.date).toBe('April 1, 2019');
    expect(p.page.querySelector('.post-header time')?.getAttribute('datetime')).toBe('2019-04-01T14:30:00+02:00');
    // engines merges with the Liquid post's Engines (one tag, one spelling)
    expect(p.tags).toEqual(['jekyll', 'Engines', 'ruby']);
    expect(p.description).toBe("A post in Jekyll's style.");
  });

  it('runs what Liquid and kramdown meant: highlighted code with line numbers, links to posts, the base URL, ids', () => {
    const p = post(dist, 'liquid-and-kramdown');
    expect(p.page.querySelector('pre[data-language=python]')?.classList.contains('line-numbers')).toBe(true);
    expect(p.prose.querySelector('h2#code')?.text).toBe('Highlighted code');
    expect(p.prose.querySelector('h2#links')?.text).toBe('Links to other posts');
    expect(p.links).toEqual([
      ['over here', '/blog/posts/jekyll-post/'],
      ['over there', '/blog/posts/2020-year-in-lists/'],
    ]);
    expect(p.prose.querySelectorAll('img').map((img) => img.getAttribute('src'))).toEqual(['/blog/images/chart.png', '/blog/images/chart.png']);
    // {% raw %} kept the Liquid in the code block as written; the comment and the TOC list are gone
    expect(code(p.page, 'liquid').text).toContain('<h1>{{ page.title }}</h1>');
    expect(p.page.text).not.toContain('A note to myself');
    expect(p.prose.querySelectorAll('li')).toHaveLength(0);
    // kramdown's {:toc} is Folio's own table of contents
    expect(p.page.querySelectorAll('.toc a').map((a) => a.getAttribute('href'))).toEqual(['#code', '#links', '#images-from-the-sites-folder', '#showing-liquid-itself']);
  });

  it("rewrites links written with the old site's addresses to the posts' URLs and files under the base path", () => {
    const p = post(dist, 'links-from-the-old-site');
    expect(p.links).toEqual([
      ['The first post, at its Jekyll address', '/blog/posts/jekyll-post/'],
      ['The 2019 lists, without .html', '/blog/posts/2019-year-in-lists/'],
      ['About, at its permalink', '/blog/posts/about-this-blog/'],
      ['The kramdown post, as a full URL', '/blog/posts/liquid-and-kramdown/#code'],
      ['The first post, at its old Folio address', '/blog/posts/jekyll-post/'],
    ]);
    expect(p.prose.querySelector('img')?.getAttribute('src')).toBe('/blog/images/chart.png');
    expect(dist.files).toContain('images/chart.png');
  });
});

describe('Hugo: TOML, bundles, shortcodes, aliases, url', () => {
  const site = engineSites.hugo;
  let dist: Dist;
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
  });

  it('reads an offset datetime as written, lastmod, summary, categories, slug and aliases', () => {
    const p = post(dist, 'hugo-style');
    expect(p.title).toBe('Hugo Post');
    expect(p.date).toBe('September 29, 2020');
    expect(p.updated).toBe('February 3, 2021');
    expect(p.description).toBe('Written for Hugo, with an offset datetime.');
    expect(p.tags).toEqual(['hugo', 'Go', 'Engines']);
    expect(dist.html('2020/09/hugo-post/index.html').querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://example.org/posts/hugo-style/');
  });

  it('reads TOML frontmatter and runs highlight, youtube and ref', () => {
    const p = post(dist, 'pi-day');
    expect(p.description).toBe("Hugo's TOML frontmatter, its highlight and youtube shortcodes.");
    expect(p.page.querySelector('pre[data-language=go]')?.classList.contains('line-numbers')).toBe(true);
    expect(
      code(p.page, 'go')
        .querySelectorAll('.line')
        .map((line) => line.classList.contains('highlighted')),
    ).toEqual([false, true, false]);
    expect(p.prose.querySelector('iframe')?.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc');
    expect(p.links).toEqual([['the Hugo post', '/posts/hugo-style/']]);
    expect(p.page.text).not.toContain('A draft paragraph');
  });

  it("publishes a page bundle's PaperMod cover and figure, and gists and posts on X as links", () => {
    const p = post(dist, 'learning-rates');
    const cover = p.page.querySelector('img.cover');
    expect(cover?.getAttribute('src')).toMatch(/^\/_astro\/cover\..+\.webp$/);
    expect(cover?.getAttribute('alt')).toBe('A green gradient');
    expect(p.prose.querySelector('figure img')?.getAttribute('src')).toMatch(/^\/_astro\/diagram\..+\.webp$/);
    expect(p.prose.querySelector('figcaption')?.text.trim()).toBe('The loss falls, then flattens.');
    expect(p.links).toEqual([
      ['View the gist spf13/7896402 on GitHub', 'https://gist.github.com/spf13/7896402'],
      ['View the post by @SanDiegoZoo on X', 'https://x.com/SanDiegoZoo/status/1453110110599868418'],
    ]);
    expect(p.prose.querySelectorAll('script')).toHaveLength(0);
  });

  it('merges machine_learning and Machine Learning into one tag', () => {
    expect(post(dist, 'pi-day').tags).toEqual(['Machine Learning', 'math']);
    expect(post(dist, 'learning-rates').tags).toEqual(['Machine Learning', 'notes']);
    const tag = dist.html('tags/machine-learning/index.html');
    expect(tag.querySelectorAll('main a[href^="/posts/"]').map((a) => a.getAttribute('href'))).toEqual(expect.arrayContaining(['/posts/pi-day/', '/posts/learning-rates/']));
    expect(dist.files.filter((f) => f.startsWith('tags/machine')).map((f) => f.split('/')[1])).toEqual(['machine-learning', 'machine-learning']);
  });

  it("rewrites links to the posts' Hugo addresses, url and aliases", () => {
    expect(post(dist, 'links').links).toEqual([
      ['Pi day, at its url', '/posts/pi-day/'],
      ['Pi day, at its .html alias', '/posts/pi-day/'],
      ['The Hugo post, at its section URL', '/posts/hugo-style/'],
      ['Learning rates', '/posts/learning-rates/'],
    ]);
    expect(post(dist, 'links').prose.querySelector('img')?.getAttribute('src')).toBe('/images/logo.png');
  });
});

describe('Eleventy: bundles, files beside the post, permalink', () => {
  const site = engineSites.eleventy;
  let dist: Dist;
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
  });

  it('a quoted date is a calendar date', () => {
    expect(post(dist, 'eleventy-post').date).toBe('June 15, 2023');
  });

  it('reads a fence language in any case, with line numbers and a marked line', () => {
    const page = post(dist, 'eleventy-post').page;
    expect(page.querySelector('pre[data-language=python]')?.classList.contains('line-numbers')).toBe(true);
    expect(
      code(page, 'python')
        .querySelectorAll('.line')
        .map((line) => line.classList.contains('highlighted')),
    ).toEqual([false, true, false]);
  });

  it("copies a bundle's video and its poster, with their bytes, to content-addressed URLs", () => {
    const video = post(dist, 'notes/trip-notes').prose.querySelector('video')!;
    const copied: [string | undefined, string][] = [
      [video.getAttribute('poster'), 'photo.jpg'],
      [video.querySelector('source')?.getAttribute('src'), 'dunes.webm'],
    ];
    for (const [url, name] of copied) {
      expect(url, name).toMatch(new RegExp(`^/_media/[0-9a-f]{8}/${name.replace('.', '\\.')}$`));
      expect(readFileSync(join(dist.dir, dist.resolve(url!)!)).equals(readFileSync(join(site.posts, 'trip-notes', name))), name).toBe(true);
    }
  });

  it("sends a bundle's raw <img> and Markdown image through the image pipeline", () => {
    const images = post(dist, 'notes/trip-notes').prose.querySelectorAll('img');
    expect(images.map((img) => img.getAttribute('alt'))).toEqual(['A sandy hillside at noon', 'The hillside once more']);
    for (const img of images) expect(img.getAttribute('src')).toMatch(/^\/_astro\/photo\..+\.webp$/);
  });

  it('evaluates Liquid URL filters', () => {
    expect(post(dist, 'garden-bundle').links.find(([text]) => text === 'tag list')).toEqual(['tag list', '/tags/']);
  });
});

describe('Obsidian vault: notes without frontmatter, embeds, a front note, dates from git', () => {
  const site = engineSites.obsidian;
  let dist: Dist;
  let log: string;
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
    log = readFileSync(site.log, 'utf8');
  });

  it('reads created and modified dates, and resolves wikilinks to notes', () => {
    const p = post(dist, 'quartz-note');
    expect(p.date).toBe('February 2, 2022');
    expect(p.updated).toBe('March 3, 2022');
    expect(p.links).toEqual([
      ['the gardening log', '/posts/gardening-log/'],
      ['Seed Catalogue', '/posts/seed-catalogue/'],
    ]);
    expect(dist.files).toContain('og/quartz-note.jpg');
  });

  it('embeds attachments (at a width when asked), links embedded notes, marks highlights and drops comments', () => {
    const p = post(dist, 'gardening-log');
    const images = p.prose.querySelectorAll('img');
    expect(images.map((img) => img.getAttribute('alt'))).toEqual(['bed-layout', 'tomato', 'tomato']);
    expect(images[2]?.getAttribute('width')).toBe('400');
    expect(p.prose.querySelector('mark')?.text).toBe('Water in the morning');
    expect(p.links).toEqual([
      ['Seed Catalogue', '/posts/seed-catalogue/'],
      ['the compost note', '/posts/notes/compost-ratios/'],
      ['Seed Catalogue', '/posts/seed-catalogue/'],
    ]);
    // the first heading was the title: it is the page's <h1>, not repeated in the body
    expect(p.prose.querySelectorAll('h1, h2')).toHaveLength(0);
    for (const file of dist.files) expect(readFileSync(join(dist.dir, file)).toString('latin1').includes('order more seeds'), file).toBe(false);
    expect(post(dist, 'seed-catalogue').prose.text).not.toContain('failed');
  });

  it("moves a note's own level-1 headings down under the title", () => {
    expect(
      post(dist, 'notes/compost-ratios')
        .prose.querySelectorAll('h2')
        .map((h) => h.text),
    ).toEqual(['Greens', 'Browns']);
  });

  it('leaves out the front note, templates and .obsidian, and says how notes were dated', () => {
    expect(dist.files.filter((f) => /daily|templates|\.obsidian|my-garden/i.test(f))).toEqual([]);
    for (const file of dist.files) expect(readFileSync(join(dist.dir, file)).toString('latin1').includes('The front page of the vault'), file).toBe(false);
    expect(log).toContain("tests/.output/engines/obsidian/vault/index.md is the folder's front note (a vault's index.md), not a post: Folio leaves it out.");
    expect(log).toContain(
      "3 posts have no date in their frontmatter or file name: dated 2 by the commit that added them, and 1 by their file's time (Uncommitted Idea.md), which changes with every fresh checkout: commit them, or add a date.",
    );
  });
});

describe('Astro: the blog starter and AstroPaper', () => {
  const site = engineSites.astro;
  let dist: Dist;
  beforeAll(() => {
    dist = new Dist(site.out, site.base, site.site);
  });

  it('Astro starter: human pubDate, updatedDate and an optimised hero image', () => {
    const p = post(dist, 'first-post');
    expect(p.date).toBe('July 8, 2022');
    expect(p.updated).toBe('July 10, 2022');
    const cover = p.page.querySelector('img.cover');
    expect(cover?.getAttribute('src')).toMatch(/^\/_astro\/hero\..+\.webp$/);
    expect(cover?.getAttribute('width')).toBeTruthy();
    expect(dist.resolve(cover?.getAttribute('src') ?? '')).toBeDefined();
    // the cover is the social image too, so no card is generated for this post
    const og = p.page.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
    expect(og).toMatch(/^https:\/\/example\.org\/_astro\/hero\..+\.jpe?g$/);
    expect(dist.resolve(og)).toBeDefined();
    expect(dist.files).not.toContain('og/first-post.jpg');
    expect(dist.files).toContain('og/markdown-style-guide.jpg');
  });

  it('Astro starter: a hero image from the site folder', () => {
    const p = post(dist, 'second-post');
    expect(p.page.querySelector('img.cover')?.getAttribute('src')).toBe('/images/placeholder.jpg');
    expect(dist.files).toContain('images/placeholder.jpg');
    expect(dist.files).not.toContain('og/second-post.jpg');
  });

  it("Astro starter: the style guide's headings sit under the title", () => {
    expect(
      post(dist, 'markdown-style-guide')
        .prose.querySelectorAll('h2, h3, h4, h5, h6')
        .map((h) => h.tagName.toLowerCase()),
    ).toEqual(['h2', 'h3', 'h4', 'h5', 'h6', 'h6']);
  });

  it('AstroPaper: pubDatetime, modDatetime, slug and an absolute ogImage used as is', () => {
    const p = post(dist, 'adding-new-posts-in-astropaper-theme');
    expect(p.date).toBe('September 23, 2022');
    expect(p.updated).toBe('December 21, 2023');
    expect(p.page.querySelector('img.cover')?.getAttribute('src')).toBe('https://cdn.example.org/og.png');
    // used as is for the social image too: no card is drawn for it
    expect(p.page.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe('https://cdn.example.org/og.png');
    expect(dist.files).not.toContain('og/adding-new-posts-in-astropaper-theme.jpg');
  });

  it('AstroPaper: a featured post is pinned at the top of the home page, one with featured: false is not', () => {
    const home = dist.html('index.html');
    expect(home.querySelectorAll('.pinned .card-title a').map((a) => a.getAttribute('href'))).toEqual(['/posts/adding-new-posts-in-astropaper-theme/']);
    expect(home.querySelectorAll('main > .wrap > .post-list .card-title a').map((a) => a.getAttribute('href'))).toContain('/posts/astropaper-toc/');
  });

  it("AstroPaper: the 'Table of contents' placeholder is Folio's table of contents", () => {
    const p = post(dist, 'astropaper-toc');
    expect(p.page.querySelectorAll('.toc a').map((a) => a.text)).toEqual(['Writing the post', 'Adding the heading', 'Building']);
    expect(p.prose.querySelectorAll('h2').map((h) => h.text)).toEqual(['Writing the post', 'Adding the heading', 'Building']);
  });
});
