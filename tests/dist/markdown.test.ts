import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dist } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});
const prose = (id: string) => dist.html(`posts/${id}/index.html`).querySelector('.prose')!;

describe('Markdown', () => {
  it('renders GFM: strikethrough, autolinks, task lists, tables, footnotes', () => {
    const body = prose('markdown-features');
    expect(body.querySelector('del')?.text).toBe('strike');
    expect(body.querySelector('a[href="https://example.net/page"]')).not.toBeNull();
    expect(body.querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
    expect(body.querySelector('table td')?.text).toBe('1');
    expect(body.querySelector('section.footnotes, .footnotes')?.text).toContain('The footnote text.');
  });

  it('gives headings ids and an anchor link', () => {
    const h2 = prose('markdown-features').querySelector('h2#tasks');
    expect(h2?.querySelector('a.heading-anchor')?.getAttribute('href')).toBe('#tasks');
    expect(h2?.querySelector('a.heading-anchor')?.getAttribute('aria-label')).toContain('Tasks');
  });

  it('highlights code with both themes and labels the language', () => {
    const block = prose('markdown-features').querySelector('.code-block');
    expect(block?.querySelector('.code-lang')?.text).toBe('ts');
    const pre = block?.querySelector('pre.astro-code');
    expect(pre?.getAttribute('style')).toContain('--shiki-dark');
    // node-html-parser keeps <pre> content as text, so look at its markup
    expect(pre?.innerHTML.match(/<span style="--shiki-light:#[0-9a-f]{6};--shiki-dark:#[0-9a-f]{6}/gi)?.length ?? 0).toBeGreaterThan(3);
  });

  it('shows a table of contents when asked, nesting h3 under h2', () => {
    const toc = dist.html('posts/markdown-features/index.html').querySelector('.toc');
    expect(toc?.querySelectorAll('nav > ol > li > a').map((a) => a.getAttribute('href'))).toEqual(['#tasks', '#a-table']);
    expect(toc?.querySelector('ol ol a')?.getAttribute('href')).toBe('#code');
    expect(dist.html('posts/hello-world/index.html').querySelector('.toc')).toBeNull();
  });

  it('adds rel="noopener noreferrer" to links that open a new tab, raw HTML included', () => {
    const link = prose('hello-world').querySelector('a[target="_blank"]');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows reading time and related posts', () => {
    const page = dist.html('posts/c-plus-plus/index.html');
    expect(page.querySelector('.post-header .meta')?.text).toMatch(/\d+ min read/);
    const related = page.querySelectorAll('.related a').map((a) => a.getAttribute('href'));
    expect(related.length).toBeGreaterThan(0);
    expect(related).not.toContain('/blog/posts/c-plus-plus/');
  });
});

describe('wikilinks', () => {
  it('link by file name, label, title, alias and heading; misses and unpublished targets stay text', () => {
    const body = prose('wikilinks');
    const links = body.querySelectorAll('a').map((a) => [a.text, a.getAttribute('href')]);
    expect(links).toEqual([
      ['hello-world', '/blog/posts/hello-world/'],
      ['the new year post', '/blog/posts/bare-date/'],
      ['Notes on C Sharp', '/blog/posts/c-sharp/'],
      ['old name', '/blog/posts/a-custom-url/'],
      ['hello-world', '/blog/posts/hello-world/#a-section'],
      ['', '#a-heading-here'], // the heading's own anchor link
    ]);
    expect(body.text).toContain('and a miss No Such Post.');
    expect(body.text).toContain('Unpublished targets stay text: draft.');
    expect(body.text).not.toContain('[[');
  });

  it('warn at build time, naming the post and the link', () => {
    const log = readFileSync(fixture.log, 'utf8');
    expect(log).toMatch(/wikilinks\.md: the wikilink \[\[No Such Post\]\] matches no published post/);
    expect(log).toMatch(/wikilinks\.md: the wikilink \[\[draft\]\] matches no published post/);
  });
});

describe('MDX components', () => {
  it('Callout and Figure work without imports, on the page and in the feed', () => {
    const body = prose('mdx-post');
    expect(body.querySelector('aside.callout-warning .callout-title')?.text.trim()).toBe('Careful');
    expect(body.querySelector('figure img')?.getAttribute('alt')).toBe('A remote photo');
    expect(body.querySelector('figcaption')?.text).toBe('A caption.');
    const feed = dist.read('rss.xml');
    // a callout reaches feed readers as a blockquote with its title in bold (tests/dist/callouts.test.ts)
    expect(feed).toContain('&lt;blockquote&gt;&lt;p&gt;&lt;strong&gt;Warning: Careful&lt;/strong&gt;');
    expect(feed).toContain('A remote photo');
  });
});
