import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs, type MarkdownToHtmlResult, type MdxToJsResult } from 'satteri';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST_FEATURES } from '../../src/markdown/markdown';
import { mathPlugin, mathWarnings, mayContainMath } from '../../src/markdown/math';

// The features posts are parsed with in the build.
const features = POST_FEATURES;
const render = (markdown: string, fileURL?: URL) =>
  (markdownToHtml(markdown, { mdastPlugins: [mathPlugin(features)], features, ...(fileURL ? { fileURL } : {}) }) as MarkdownToHtmlResult).html;
const renderMdx = (mdx: string) => (mdxToJs(mdx, { mdastPlugins: [mathPlugin(features)], features }) as MdxToJsResult).code;
/** The TeX annotations of the formulas in some HTML, in order. */
const annotations = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);

let warnings: string[] = [];
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
});
afterEach(() => {
  warnings = [];
});

describe('math in Markdown posts', () => {
  it('turns $…$ into inline MathML and leaves prices as text', () => {
    const html = render('Let $a^2 + b^2 = c^2$ hold. It costs $5 and $10, or \\$20.\n');
    expect(html).toContain('<p>Let <math><semantics>');
    expect(annotations(html)).toEqual(['a^2 + b^2 = c^2']);
    expect(html).toContain('hold. It costs $5 and $10, or $20.</p>');
    expect(html).not.toContain('language-math');
  });

  it('finds the formula after a price, and the Markdown around both', () => {
    const html = render('Pay $5 for *one* and $y^2$, not $10.\n');
    expect(html).toMatch(/^<p>Pay \$5 for <em>one<\/em> and <math>[\s\S]*<\/math>, not \$10.<\/p>/);
    expect(annotations(html)).toEqual(['y^2']);
  });

  it('turns $$ blocks, ```math fences and a $$…$$ line into block formulas', () => {
    const html = render('$$\n\\int_0^1 x\\,dx\n$$\n\n```math\na \\over b\n```\n\n$$E = mc^2$$\n\nText $$\\sum_i i$$ goes on.\n');
    const blocks = html.match(/<div class="math-display"[^>]*><math display="block"/g) ?? [];
    expect(blocks).toHaveLength(3);
    expect(html).toMatch(/<p>Text <span class="math-display"[^>]*><math display="block"[\s\S]*<\/span> goes on.<\/p>/);
    expect(annotations(html)).toEqual(['\\int_0^1 x\\,dx', 'a \\over b', 'E = mc^2', '\\sum_i i']);
    expect(html).not.toMatch(/<pre|<code/);
  });

  it('keeps reference links and footnotes working in a paragraph it parses again', () => {
    const html = render('Pay $5 for [the thing][ref] and $x$, see[^n].\n\n[ref]: https://example.org/\n\n[^n]: The note.\n');
    expect(html).toMatch(/^<p>Pay \$5 for <a href="https:\/\/example.org\/">the thing<\/a> and <math>[\s\S]*<\/math>, see<sup><a href="#user-content-fn-n"/);
    expect(html).toContain('The note.');
  });

  it('renders inline math in lists, tables and quotes, and leaves code spans alone', () => {
    const html = render('- item $\\alpha$ and $5\n\n| a | b |\n|---|---|\n| $x_1$ | $5 and $10 |\n\n> quote $5 and\n> more $y$ text\n\nCode: `$x$` and `$5 and $10`.\n');
    expect(annotations(html)).toEqual(['\\alpha', 'x_1', 'y']);
    expect(html).toContain('<li>item <math>');
    expect(html).toContain('<td>$5 and $10</td>');
    expect(html).toMatch(/<p>quote \$5 and\nmore <math>/);
    expect(html).toContain('<code>$x$</code> and <code>$5 and $10</code>');
  });

  it('gives formulas in headings no annotation, so their ids and contents entries read as text', () => {
    const html = render('## The $O(n^2)$ bound\n');
    expect(html).toMatch(/^<h2>The <math><mrow>/);
    expect(annotations(html)).toEqual([]);
  });

  it('leaves a body without dollars or math fences to the other plugins', () => {
    expect(mayContainMath('No math here, just `code`.')).toBe(false);
    expect(mayContainMath('~~~Math\nx\n~~~')).toBe(true);
    const plain = '# Title\n\nText with *emphasis*.\n';
    expect(render(plain)).toBe(markdownToHtml(plain, { features }).html);
  });
});

describe('a formula that does not parse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'folio-math-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is shown as its source in code, with a warning naming the line and the error; the rest renders', () => {
    const html = render('Fine $x$.\n\n$$\n\\frac{a\n$$\n\nBroken $\\nope{x}$ here.\n');
    expect(html).toContain('<pre><code class="language-tex">\\frac{a\n</code></pre>');
    expect(html).toContain('<p>Broken <code>\\nope{x}</code> here.</p>');
    expect(annotations(html)).toEqual(['x']);
    expect(warnings).toEqual([
      `[folio] a post:4: the formula "\\frac{a" does not parse: Unexpected end of input in a macro argument, expected '}'. It is shown as its TeX source, in code.`,
      '[folio] a post:7: the formula "\\nope{x}" does not parse: Unsupported function name: \\nope. It is shown as its TeX source, in code.',
    ]);
  });

  it('is named by its line in the file, frontmatter included', () => {
    const body = 'Intro.\n\n$$\na +\n\\oops\n$$\n';
    const file = join(dir, 'post.md');
    writeFileSync(file, `---\ntitle: T\ndate: 2024-01-01\n---\n\n${body}`);
    render(body, pathToFileURL(file));
    expect(warnings).toHaveLength(1);
    // The body starts on line 6; \oops is its 5th line.
    expect(warnings[0]).toMatch(new RegExp(`^\\[folio\\] .*post\\.md:10: the formula "a \\+ \\\\oops" does not parse: Unsupported function name: \\\\oops\\.`));
  });

  it('is found by check:content as the build finds it, in the same words', () => {
    const body = 'Fine $x$ and $5.\n\nBroken $\\frac{a$.\n';
    const file = join(dir, 'check.mdx');
    writeFileSync(file, `---\ntitle: T\n---\n${body}`);
    const found = mathWarnings(file, body, features);
    expect(found).toEqual([expect.stringMatching(/check\.mdx:6: the formula "\\frac\{a" does not parse: Unexpected end of input/)]);
    expect(warnings).toEqual([]);
    renderMdx(body);
    expect(warnings.map((w) => w.replace('a post', 'x'))).toEqual([`[folio] ${found[0]!.replace(/^.*check\.mdx:6/, 'x:3')}`]);
    expect(mathWarnings(file, 'No formulas, $5 and $10.', features)).toEqual([]);
  });
});

describe('math in MDX posts', () => {
  it('renders formulas as MathML elements and keeps prices, expressions and components', () => {
    const code = renderMdx('A {1+1} $\\frac{a}{b} < c$ costs $5 and $10 with <Tag>$x$</Tag>.\n\n$$\n\\sqrt{2}\n$$\n');
    expect(code).toContain('_components.math');
    expect(code).toMatch(/display: "block"/);
    expect(code).toContain('children: "\\\\frac{a}{b} < c"');
    expect(code).toContain('1 + 1');
    expect(code).toContain('costs $5 and $10 with ');
    expect(code).not.toContain('language-math');
  });
});
