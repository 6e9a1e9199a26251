import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { Dist, type RssDocument, type JsonFeed } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});
const prose = (id: string) => dist.html(`posts/${id}/index.html`).querySelector('.prose')!;
const summary = (callout: HTMLElement) => [callout.getAttribute('class'), callout.getAttribute('aria-label'), callout.querySelector('.callout-title > span')?.text.trim()];
/** The stylesheets a page links, as files in the output. */
const stylesheets = (file: string) =>
  dist
    .html(file)
    .querySelectorAll('link[rel="stylesheet"]')
    .map((link) => dist.resolve(link.getAttribute('href') ?? ''));
const calloutSheet = (file: string) => stylesheets(file).find((f) => f !== undefined && /callout/i.test(f) && readFileSync(join(dist.dir, f), 'utf8').includes('.callout-title'));

describe('callouts on the post page', () => {
  it('draws GitHub alerts and Obsidian callouts, nested ones too, and leaves other blockquotes alone', () => {
    const body = prose('markdown-features');
    expect(body.querySelectorAll('aside.callout').map(summary)).toEqual([
      ['callout callout-note', 'Note', 'Note'],
      ['callout callout-tip', 'Tip: A title with code and bold', 'A title with code and bold'],
      ['callout callout-question', 'FAQ: A folded question?', 'A folded question?'],
      ['callout callout-danger', 'Danger: Nested danger', 'Nested danger'],
      ['callout callout-note', 'Recipe: Grandma’s bread', 'Grandma’s bread'],
      ['callout callout-info', 'Info: Linked to hello-world', 'Linked to hello-world'],
    ]);
    const quotes = body.querySelectorAll('blockquote').map((q) => q.text.replace(/\s+/g, ' ').trim());
    expect(quotes).toEqual(['[!NOTE] An escaped marker stays a quotation.', 'A plain quotation. [!NOTE] is not on its first line.']);
  });

  it('keeps Markdown in a title, and lists, highlighted code and optimised images in the body', () => {
    const tip = prose('markdown-features').querySelector('aside.callout-tip')!;
    expect(tip.querySelector('.callout-title span code')?.text).toBe('code');
    expect(tip.querySelector('.callout-title span strong')?.text).toBe('bold');
    const body = tip.querySelector('.callout-body')!;
    expect(body.querySelectorAll('li').map((li) => li.text)).toEqual(['first item', 'second item']);
    expect(body.querySelector('.code-block .code-lang')?.text).toBe('sh');
    const img = body.querySelector('img');
    expect(img?.getAttribute('alt')).toBe('A small square');
    expect(img?.getAttribute('src')).toMatch(/^\/blog\/_astro\/square\.[\w-]+\.webp$/);
    expect(dist.resolve(img?.getAttribute('src') ?? '')).toBeDefined();
  });

  it('resolves wikilinks in a title and a body', () => {
    const info = prose('markdown-features').querySelector('aside.callout-info')!;
    expect(info.querySelector('.callout-title a')?.getAttribute('href')).toBe('/blog/posts/hello-world/');
    expect(info.querySelector('.callout-body a')?.getAttribute('href')).toBe('/blog/posts/c-sharp/');
  });

  it('folds with details and summary: - closed, + open', () => {
    const faq = prose('markdown-features').querySelector('aside.callout-question')!;
    const details = faq.querySelector(':scope > details.callout-fold');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(details?.querySelector(':scope > summary.callout-title')?.text.trim()).toBe('A folded question?');
    expect(faq.querySelector('aside.callout-danger > details.callout-fold')?.hasAttribute('open')).toBe(true);
  });

  it('works in MDX: a Markdown callout and a folded <Callout>', () => {
    const body = prose('mdx-post');
    expect(body.querySelectorAll('aside.callout').map(summary)).toEqual([
      ['callout callout-warning', 'Warning: Careful', 'Careful'],
      ['callout callout-tip', 'Tip: Markdown callouts in MDX', 'Markdown callouts in MDX'],
      ['callout callout-question', 'FAQ: Folded in MDX', 'Folded in MDX'],
    ]);
    expect(body.querySelector('aside.callout-question > details:not([open]) .callout-body')?.text.trim()).toBe('The hidden MDX answer.');
  });
});

describe('callout styles', () => {
  it('come with the posts that have callouts, Markdown and MDX', () => {
    for (const file of ['posts/markdown-features/index.html', 'posts/mdx-post/index.html']) {
      expect(calloutSheet(file), file).toBeDefined();
      expect(stylesheets(file), file).not.toContain(undefined);
    }
  });

  it('cost nothing on a post without callouts, or on any other page', () => {
    const sheet = calloutSheet('posts/markdown-features/index.html')!;
    const others = dist.htmlFiles().filter((f) => !['posts/markdown-features/index.html', 'posts/mdx-post/index.html'].includes(f));
    expect(others.length).toBeGreaterThan(10);
    for (const file of others) expect(stylesheets(file), file).not.toContain(sheet);
    // and no page's own CSS holds the callout rules
    const css = dist.files.filter((f) => f.endsWith('.css') && f !== sheet).map((f) => dist.read(f));
    expect(css.some((text) => text.includes('.callout-title'))).toBe(false);
  });
});

describe('callouts in the feeds', () => {
  const rssContent = (id: string) => {
    const items = (new XMLParser().parse(dist.read('rss.xml')) as RssDocument).rss.channel.item as { link: string; 'content:encoded': string }[];
    return parse(items.find((i) => i.link.endsWith(`/posts/${id}/`))!['content:encoded']);
  };
  const jsonContent = (id: string) => {
    const items = (JSON.parse(dist.read('feed.json')) as JsonFeed).items;
    return parse(items.find((i) => i.url.endsWith(`/posts/${id}/`))!.content_html);
  };

  it.each([
    ['RSS', rssContent],
    ['JSON Feed', jsonContent],
  ])('are blockquotes with their titles in bold in the %s, without icons or classes', (_name, content) => {
    const html = content('markdown-features');
    expect(html.querySelectorAll('aside, svg, details, summary, [class^="callout"]')).toHaveLength(0);
    const titles = html.querySelectorAll('blockquote > p:first-child > strong').map((s) => s.text);
    expect(titles).toEqual(['Note', 'Tip: A title with code and bold', 'FAQ: A folded question?', 'Danger: Nested danger', 'Recipe: Grandma’s bread', 'Info: Linked to hello-world']);
    expect(html.querySelector('blockquote blockquote > p > strong')?.text).toBe('Danger: Nested danger');
    expect(html.text).toContain('The folded reply, quillwork.');
    const mdx = content('mdx-post');
    expect(mdx.querySelectorAll('blockquote > p:first-child > strong').map((s) => s.text)).toEqual(['Warning: Careful', 'Tip: Markdown callouts in MDX', 'FAQ: Folded in MDX']);
    expect(mdx.querySelectorAll('svg, [class^="callout"]')).toHaveLength(0);
  });
});

describe('callouts in the search index', () => {
  it('hold their text, folded ones included, and no marker', () => {
    const fragment = dist.searchFragments().find((f) => f.url === '/posts/markdown-features/');
    expect(fragment?.content).toContain('marginalia');
    expect(fragment?.content).toContain('quillwork');
    expect(fragment?.content).toContain('The inner body.');
    expect(fragment?.content).not.toContain('[!faq]');
  });
});
