import { parseFeed } from '@rowanmanning/feed-parser';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../scripts/budget.ts';
import { Dist } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

const MINUS = '\u2212';
const prose = (id: string) => dist.html(`posts/${id}/index.html`).querySelector('.prose')!;
/** node-html-parser keeps <pre> content as text: its markup parsed on its own. */
const code = (block: HTMLElement) => parse(block.querySelector('pre')!.innerHTML);
const lines = (block: HTMLElement) => code(block).querySelectorAll('.line');
/** What each line shows, as a reader without CSS sees it (signs included). */
const shown = (block: HTMLElement) => lines(block).map((line) => line.text);

describe('code blocks in the fixture site', () => {
  it('caption a titled block with its title, before the language, in Markdown and MDX', () => {
    const [titled] = prose('c-sharp').querySelectorAll('.code-block');
    expect(titled?.tagName).toBe('FIGURE');
    expect(titled?.querySelector('figcaption.code-header .code-title')?.text).toBe('src/Program.cs');
    expect(titled?.querySelector('figcaption.code-header .code-lang')?.text).toBe('csharp');
    const mdx = prose('mdx-post').querySelector('figure.code-block');
    expect(mdx?.querySelector('figcaption .code-title')?.text).toBe('answer.ts');
    // the meta never reaches the page
    expect(dist.read('posts/c-sharp/index.html')).not.toMatch(/title=&quot;|data-folio/);
  });

  it('mark changed lines with a sign and a class, from notation and from a diff block; the notation is gone', () => {
    const [titled, diff, python] = prose('c-sharp').querySelectorAll('.code-block');
    expect(lines(titled!).map((l) => l.classNames)).toEqual(['line highlighted', 'line diff add', 'line diff remove', 'line']);
    expect(shown(titled!)).toEqual([
      ' var name = "Folio";',
      '+Console.WriteLine(Greeting(name));',
      `${MINUS}Console.WriteLine("Hello " + name);`,
      ' static string Greeting(string who) => $"Hello {who}";',
    ]);
    // a diff block: the +/- column taken out, highlighted as the language asked for
    expect(diff?.querySelector('.code-lang')?.text).toBe('diff');
    expect(lines(diff!).map((l) => l.classNames)).toEqual(['line diff remove', 'line diff add', 'line']);
    expect(shown(diff!)).toEqual([`${MINUS}int total = 0;`, '+var total = 0;', ' Console.WriteLine(total);']);
    expect(
      new Set(
        code(diff!)
          .querySelectorAll('.line.add span[style]')
          .map((s) => s.getAttribute('style')),
      ).size,
    ).toBeGreaterThan(1);
    // Python's # notation on a line of its own marks the next line and goes; showLineNumbers=false
    expect(shown(python!)).toEqual(['print("lines marked by a comment")']);
    expect(lines(python!).map((l) => l.classNames)).toEqual(['line highlighted']);
    expect(python?.querySelector('pre')?.classNames).not.toContain('line-numbers');
    for (const id of ['c-sharp', 'mdx-post']) expect(dist.read(`posts/${id}/index.html`), id).not.toContain('[!code');
  });

  it('mark words in <mark>, and number lines from where asked', () => {
    const [titled] = prose('c-sharp').querySelectorAll('.code-block');
    expect(
      code(titled!)
        .querySelectorAll('mark')
        .map((m) => m.text),
    ).toEqual(['Greeting', 'Greeting']);
    expect(titled?.querySelector('pre')?.classNames).toContain('line-numbers');
    const mdx = prose('mdx-post').querySelector('figure.code-block pre');
    expect(mdx?.getAttribute('style')).toContain('--line-start:39;');
    expect(shown(prose('mdx-post').querySelector('figure.code-block')!)).toEqual([`${MINUS}export const question = 'six by nine';`, '+export const answer = 42;']);
  });

  describe('in the feeds, read without CSS', () => {
    const rssItem = (title: string) => parseFeed(dist.read('rss.xml')).items.find((i) => i.title === title)?.content ?? '';
    const jsonItem = (title: string) => (JSON.parse(dist.read('feed.json')) as { items: { title: string; content_html: string }[] }).items.find((i) => i.title === title)?.content_html ?? '';

    it('the title is the caption of the code, removed lines still read, with their signs, and no notation is left', () => {
      for (const [feed, html] of [
        ['rss', rssItem('Notes on C Sharp')],
        ['json', jsonItem('Notes on C Sharp')],
      ] as const) {
        const body = parse(html);
        const [titled, diff] = body.querySelectorAll('.code-block');
        // the caption is the figure's, and reads apart from the language
        expect(titled?.querySelector('figcaption')?.text, feed).toBe('src/Program.cs csharp');
        expect(shown(titled!), feed).toContain(`${MINUS}Console.WriteLine("Hello " + name);`);
        expect(shown(diff!), feed).toEqual([`${MINUS}int total = 0;`, '+var total = 0;', ' Console.WriteLine(total);']);
        expect(html, feed).not.toContain('[!code');
        // marked words are <mark>, which readers show without CSS
        expect(code(titled!).querySelectorAll('mark'), feed).toHaveLength(2);
      }
      const mdx = parse(rssItem('An MDX Post'));
      expect(mdx.querySelector('figure.code-block figcaption')?.text).toBe('answer.ts ts');
      expect(rssItem('An MDX Post')).not.toContain('[!code');
    });
  });

  it('load the code-block stylesheet only on posts that use it: a post with a plain code block pays nothing', () => {
    const stylesheets = (id: string) =>
      measurePage(fixture.out, `posts/${id}/index.html`)
        .resources.filter((r) => r.kind === 'css')
        .map((r) => r.file);
    const extras = stylesheets('c-sharp').filter((file) => !stylesheets('hello-world').includes(file));
    expect(extras).toHaveLength(1);
    expect(extras[0]).toMatch(/^_astro\/code-blocks\.[\w-]+\.css$/);
    expect(stylesheets('mdx-post')).toContain(extras[0]);
    // a post with a plain code block loads what a post without code does
    // (markdown-features also has callouts, whose own stylesheet it loads: tests/dist/callouts.test.ts)
    expect(stylesheets('markdown-features').filter((file) => !/callouts/.test(file ?? ''))).toEqual(stylesheets('hello-world'));
    // and its block is the plain markup: no caption, signs, marks or line classes
    const plain = prose('markdown-features').querySelector('.code-block')!;
    expect(plain.tagName).toBe('DIV');
    expect(plain.querySelector('.code-header')?.childNodes.map((n) => n.toString())).toEqual(['<span class="code-lang">ts</span>']);
    expect(plain.querySelector('pre')?.classNames).toBe('astro-code astro-code-themes github-light-high-contrast github-dark-high-contrast');
    expect(lines(plain).map((l) => l.classNames)).toEqual(['line']);
    expect(plain.querySelector('pre')?.innerHTML).not.toMatch(/diff-sign|<mark|<ins|<del/);
  });
});
