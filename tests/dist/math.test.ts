import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurePage } from '../../scripts/budget.ts';
import { FORMULA_LABEL } from '../../src/lib/mathml';
import { asArray, Dist, xml, type RssDocument } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});
const page = (id: string) => dist.html(`posts/${id}/index.html`);
const prose = (id: string) => page(id).querySelector('article .prose')!;
/** The TeX annotations of the formulas in some HTML, in order. */
const annotations = (html: string) =>
  [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

describe('math on the post page', () => {
  it('renders every formula of the Markdown post as MathML, block ones display="block"', () => {
    const body = prose('math');
    expect(annotations(body.innerHTML)).toEqual([
      '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
      'e^{i\\pi} + 1 = 0',
      '\\alpha_1',
      'x^2',
      '\\begin{aligned} a &= b + c \\\\ d &= e \\end{aligned}',
      '\\int_0^1 x^2 \\, dx = \\tfrac{1}{3}',
      expect.stringMatching(/^\\text\{a long formula/),
    ]);
    const blocks = body.querySelectorAll('div.math-display > math');
    expect(blocks).toHaveLength(4);
    for (const math of blocks) expect(math.getAttribute('display')).toBe('block');
    // The $$ block, the ```math fence and the $$…$$ line are blocks; inline formulas are not.
    expect(body.querySelector('p math')?.getAttribute('display')).toBeUndefined();
    expect(body.querySelector('li math')).not.toBeNull();
    expect(body.querySelector('td math')).not.toBeNull();
    expect(body.innerHTML).not.toContain('language-math');
  });

  it('leaves prices, escaped dollars and code as written', () => {
    const body = prose('math');
    expect(body.querySelector('p')?.text).toContain('It costs $5 and $10, or $20 in all; $not math$ is code.');
    expect(body.querySelector('p code')?.text).toBe('$not math$');
    expect(body.querySelectorAll('li')[1]?.text).toBe('a price of $3 in a list');
    expect(body.querySelectorAll('td')[1]?.text).toBe('$7 and $8');
  });

  it('puts block formulas in a box that scrolls sideways, reachable by keyboard and named', () => {
    for (const box of prose('math').querySelectorAll('.math-display')) {
      expect(box.getAttribute('tabindex')).toBe('0');
      expect(box.getAttribute('role')).toBe('group');
      expect(box.getAttribute('aria-label')).toBe(FORMULA_LABEL);
      expect(box.getAttribute('style')).toContain('overflow-x:auto');
    }
  });

  it('shows a formula that does not parse as its source in code, the text around it kept', () => {
    const paragraph = prose('math')
      .querySelectorAll('p')
      .find((p) => p.text.startsWith('This one does not parse'));
    expect(paragraph?.querySelector('code')?.text).toBe('\\frac{1}{');
    expect(paragraph?.text).toBe('This one does not parse: \\frac{1}{ and the text goes on.');
  });

  it('warns about it in the build log, naming the post, the line and the error', () => {
    const log = readFileSync(fixture.log, 'utf8');
    expect(log).toContain(
      `[folio] tests/fixtures/site/posts/math.md:25: the formula "\\frac{1}{" does not parse: Unexpected end of input in a macro argument, expected '}'. It is shown as its TeX source, in code.`,
    );
  });

  it('gives a heading with a formula an id from its text, and no TeX annotation', () => {
    const heading = prose('math').querySelector('h2');
    expect(heading?.getAttribute('id')).toBe('growth-of-on2');
    expect(heading?.querySelector('math')).not.toBeNull();
    expect(heading?.innerHTML).not.toContain('annotation');
    expect(heading?.querySelector('a.heading-anchor')?.getAttribute('href')).toBe('#growth-of-on2');
  });

  it('renders math in MDX posts too, prices kept', () => {
    const body = prose('mdx-post');
    expect(annotations(body.innerHTML)).toEqual(['\\frac{a}{b} < c', '\\sqrt{2} \\approx 1.414']);
    expect(body.querySelector('.math-display > math')?.getAttribute('display')).toBe('block');
    expect(body.text).toContain('and $5 stays a price.');
  });

  it('describes a post that starts with a formula by its text, formulas as TeX', () => {
    const description = page('math').querySelector('meta[name="description"]')?.getAttribute('content');
    expect(description).toMatch(/^Euler wrote e\^\{i\\pi\} \+ 1 = 0, and the sum above is MATHMARKER\. It costs \$5 and \$10, or \$20 in all;/);
  });
});

describe('math in the feeds', () => {
  it('carries the MathML in the RSS feed, readable without Folio’s CSS or JavaScript', () => {
    const items = asArray((xml.parse(dist.read('rss.xml')) as RssDocument).rss.channel.item) as Record<string, string>[];
    const html = items.find((i) => i['title'] === 'Math in a Post')?.['content:encoded'] ?? '';
    expect(html).toMatch(/^<div class="math-display"[^>]*><math display="block"/);
    expect(annotations(html)).toHaveLength(7);
    const mdx = items.find((i) => i['title'] === 'An MDX Post')?.['content:encoded'] ?? '';
    expect(annotations(mdx)).toHaveLength(2);
  });

  it('carries it in the JSON feed', () => {
    const feed = JSON.parse(dist.read('feed.json')) as { items: { title: string; content_html: string }[] };
    const html = feed.items.find((i) => i.title === 'Math in a Post')?.content_html ?? '';
    expect(html).toContain('<math display="block"');
    expect(annotations(html)).toContain('e^{i\\pi} + 1 = 0');
  });
});

describe('math in the search index', () => {
  it('indexes a formula as its TeX, not as the letters of its MathML', () => {
    const fragment = dist.searchFragments().find((f) => f.url === '/posts/math/');
    expect(fragment?.content).toContain('Euler wrote e^{i\\pi} + 1 = 0, and the sum above is MATHMARKER.');
    expect(fragment?.content).toContain('\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}');
    // the MathML's own text (e, iπ, +, 1 …) is left out
    expect(fragment?.content).not.toContain('iπ');
  });
});

describe('what math costs', () => {
  it('a post without math carries none of it', () => {
    const html = dist.read('posts/hello-world/index.html');
    expect(html).not.toMatch(/<math|math-display|tml-/);
  });

  it('adds no stylesheet, script, font or policy: a post with math loads what a post without loads', () => {
    const withMath = measurePage(fixture.out, 'posts/math/index.html');
    const without = measurePage(fixture.out, 'posts/hello-world/index.html');
    const assets = (m: typeof withMath) => m.resources.filter((r) => r.kind !== 'html').map((r) => `${r.kind} ${r.file ?? r.url} ${r.bytes}`);
    expect(assets(withMath)).toEqual(assets(without));
    for (const file of withMath.resources.flatMap((r) => (r.file && r.kind === 'css' ? [r.file] : []))) expect(dist.read(file)).not.toMatch(/\bmath\b|tml-/);
    expect(dist.metaPolicy('posts/math/index.html')).toEqual(dist.metaPolicy('posts/hello-world/index.html'));
  });
});
