import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/lib/excerpt';
import { replaceInlineMath, scanInlineMath, setAsideMath } from '../../src/lib/math';
import { FORMULA_LABEL, mathWarning, renderMath } from '../../src/lib/mathml';

/** The TeX of each formula found, `$$` ones marked. */
const formulas = (text: string) => scanInlineMath(text).spans.map((s) => (s.display ? `$$${s.tex}$$` : s.tex));
/** The characters at the offsets scanInlineMath calls lone dollars. */
const loneChars = (text: string) => scanInlineMath(text).lone.map((at) => text[at]);

describe('scanInlineMath: which dollars delimit a formula (Pandoc’s rule)', () => {
  it('finds $…$ formulas and their offsets', () => {
    const text = 'Let $x$ be $a^2 + b^2$.';
    const { spans, lone } = scanInlineMath(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['$x$', '$a^2 + b^2$']);
    expect(spans.map((s) => s.tex)).toEqual(['x', 'a^2 + b^2']);
    expect(lone).toEqual([]);
  });

  it('leaves prices as text: a closing $ needs a non-space before it and no digit after it', () => {
    expect(formulas('It costs $5 and $10 a month.')).toEqual([]);
    expect(loneChars('It costs $5 and $10 a month.')).toEqual(['$', '$']);
    expect(formulas('From $5 to $20.50, or $x$2 apiece')).toEqual([]);
    expect(formulas('Only $5.')).toEqual([]);
    expect(formulas('A lone $ sign, and $ x $ with spaces')).toEqual([]);
  });

  it('finds the formula after a price in the same paragraph', () => {
    const text = 'Pay $5 for $x$ and $y^2$, not $10.';
    expect(formulas(text)).toEqual(['x', 'y^2']);
    expect(scanInlineMath(text).lone.map((at) => text.slice(at, at + 3))).toEqual(['$5 ', '$10']);
  });

  it('keeps escaped dollars as text, and lets TeX escape a dollar inside a formula', () => {
    expect(formulas('Escaped \\$x\\$ stays text')).toEqual([]);
    expect(scanInlineMath('Escaped \\$x\\$').lone).toEqual([]);
    expect(formulas('$a\\$b$ and $\\$5$')).toEqual(['a\\$b', '\\$5']);
    // An escaped backslash does not escape the dollar after it.
    expect(formulas('\\\\$x$')).toEqual(['x']);
  });

  it('reads $$…$$ as display math, and three dollars as text', () => {
    expect(formulas('Then $$\\sum_i x_i$$ follows.')).toEqual(['$$\\sum_i x_i$$']);
    expect(formulas('$$ E = mc^2 $$')).toEqual(['$$ E = mc^2 $$']);
    expect(formulas('$$$x$$$')).toEqual([]);
    expect(formulas('$$ $$')).toEqual([]);
  });

  it('leaves code spans, autolinks and raw HTML alone', () => {
    expect(formulas('`$x$` and ``a $y$ `b` `` and $z$')).toEqual(['z']);
    expect(formulas('<a title="$5 and $x$">t</a> <https://x.org/$a$>')).toEqual([]);
    // A formula never holds a backtick: the dollar before a code span is a price.
    expect(formulas('$10 and `$x$`')).toEqual([]);
    expect(formulas('$a `b$ c`')).toEqual([]);
  });

  it('finds formulas in list items and table rows as written', () => {
    expect(formulas('- item $\\alpha$ and $5')).toEqual(['\\alpha']);
    // A table cell is scanned on its own, as the parser splits the row first.
    expect(['| $x_1$ ', '| $5 and $10 ', '| `$y$` |'].flatMap(formulas)).toEqual(['x_1']);
  });

  it('does not run a formula across a blank line', () => {
    expect(formulas('$a\n\nb$')).toEqual([]);
    expect(formulas('$a\nb$')).toEqual(['a\nb']);
  });
});

describe('replaceInlineMath', () => {
  it('puts placeholders where the formulas were and escapes the lone dollars', () => {
    const text = 'Pay $5 for $x$ and `$y$`.';
    expect(replaceInlineMath(text, scanInlineMath(text), (i) => `<${i}>`)).toBe('Pay \\$5 for <0> and `$y$`.');
  });
});

describe('renderMath: TeX to MathML', () => {
  it('renders an inline formula as bare MathML with its TeX as an annotation, out of the search index', () => {
    const result = renderMath('a^2 < b', { mode: 'inline' });
    if (!result.ok) throw new Error(result.message);
    expect(result.html).toMatch(/^<math><semantics><mrow data-pagefind-ignore><msup><mi>a<\/mi><mn>2<\/mn><\/msup><mo>&lt;<\/mo><mi>b<\/mi><\/mrow>/);
    expect(result.html).toContain('<annotation encoding="application/x-tex">a^2 &lt; b</annotation>');
    expect(result.html).not.toContain('display=');
  });

  it('renders a block formula display="block" in a scroll box that a keyboard can reach and that has a name', () => {
    const result = renderMath('\\int_0^1 x\\,dx', { mode: 'block' });
    if (!result.ok) throw new Error(result.message);
    expect(result.html).toMatch(new RegExp(`^<div class="math-display" role="group" aria-label="${FORMULA_LABEL}" tabindex="0" style="[^"]*overflow-x:auto[^"]*"><math display="block"`));
    expect(result.html).toMatch(/<\/math><\/div>$/);
    const inText = renderMath('x', { mode: 'display' });
    expect(inText.ok && inText.html).toMatch(/^<span class="math-display"[^>]*><math display="block"[\s\S]*<\/span>$/);
  });

  it('leaves out the annotation when asked (headings)', () => {
    const result = renderMath('x^2', { mode: 'inline', annotate: false });
    expect(result.ok && result.html).toMatch(/^<math><msup><mi>x<\/mi><mn[^>]*>2<\/mn><\/msup><\/math>$/);
  });

  it('gives table cell alignments as inline styles, since no math stylesheet is shipped', () => {
    const result = renderMath('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', { mode: 'block' });
    if (!result.ok) throw new Error(result.message);
    expect(result.html).toMatch(/<mtd class="tml-right" style="[^"]*;text-align:right;"/);
    expect(result.html).toMatch(/<mtd class="tml-left" style="[^"]*;text-align:left;"/);
    expect(result.html).not.toMatch(/<link|@import|font-face/);
  });

  it('reports a formula that does not parse with what was found and where', () => {
    const result = renderMath('x + \\frac{a', { mode: 'inline' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe("Unexpected end of input in a macro argument, expected '}'");
    const unknown = renderMath('a\n+ \\nope x', { mode: 'block' });
    expect(unknown).toEqual({ ok: false, message: 'Unsupported function name: \\nope', offset: 4 });
  });

  it('never renders links or images: the TeX that asks for them is an error', () => {
    expect(renderMath('\\href{https://evil.example}{x}', { mode: 'inline' }).ok).toBe(false);
    expect(renderMath('\\includegraphics{x.png}', { mode: 'inline' })).toMatchObject({ ok: false, message: 'Function "\\includegraphics" is not trusted' });
  });
});

describe('mathWarning', () => {
  it('names the file, the line, the formula and the error', () => {
    expect(mathWarning({ file: 'src/content/posts/x.md', line: 12, tex: '\\frac{a', message: "Unexpected end of input, expected '}'" })).toBe(
      'src/content/posts/x.md:12: the formula "\\frac{a" does not parse: Unexpected end of input, expected \'}\'. It is shown as its TeX source, in code.',
    );
  });
});

describe('formulas in plain text (excerpts, meta descriptions)', () => {
  it('reads an inline formula as its TeX, leaves display math out, and keeps prices', () => {
    expect(plainText('Let $x_i$ be the *i*-th value; it costs $5 and $10.')).toBe('Let x_i be the i-th value; it costs $5 and $10.');
    expect(plainText('$$\n\\sum_{i=1}^n x_i\n$$\n\nThe sum of the values.')).toBe('The sum of the values.');
    expect(plainText('```math\nE = mc^2\n```\n\nEnergy and mass.')).toBe('Energy and mass.');
    expect(plainText('Escaped \\$5 and `$code$`.')).toBe('Escaped $5 and $code$.');
  });

  it('sets formulas aside so that Markdown rules do not read TeX, then puts them back', () => {
    const { text, restore } = setAsideMath('A $\\{a_1, a_2\\}$ and $$x$$ end');
    expect(text).not.toContain('a_1');
    expect(restore(text)).toBe('A \\{a_1, a_2\\} and   end');
    expect(setAsideMath('no math').text).toBe('no math');
  });
});
