/**
 * Math in posts: which dollar signs in a paragraph delimit a formula. The Markdown plugin
 * (src/markdown/math.ts) applies these rules to the parsed post, and excerpts (src/lib/excerpt.ts)
 * read formulas with the same ones; TeX becomes MathML in src/lib/mathml.ts.
 */

/** A formula in inline Markdown: `$…$`, or `$$…$$` (display math in the middle of a paragraph). */
export interface MathSpan {
  /** Offsets in the scanned text, delimiters included. */
  start: number;
  end: number;
  /** The TeX between the delimiters, as written. */
  tex: string;
  display: boolean;
}

export interface InlineMathScan {
  spans: MathSpan[];
  /** Offsets of the dollar signs that are text (prices, a lone `$`), not delimiters. */
  lone: number[];
}

const SPACE = /\s/;
const DIGIT = /[0-9]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** An autolink or a piece of raw HTML at the scan position: the dollar signs in it are its own. */
const INLINE_HTML =
  /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+|[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?|\/[A-Za-z][A-Za-z0-9-]*\s*|!--[\s\S]*?--|\?[\s\S]*?\?|![A-Za-z][^>]*|!\[CDATA\[[\s\S]*?\]\])>/y;

/** Length of the run of `char` starting at `at`. */
function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end += 1;
  return end - at;
}

/** Where a code span opened by the backtick run at `at` ends, or undefined when it is never closed. */
function codeSpanEnd(text: string, at: number): number | undefined {
  const open = runLength(text, at, '`');
  for (let i = at + open; i < text.length;) {
    if (text[i] !== '`') {
      i += 1;
      continue;
    }
    const run = runLength(text, i, '`');
    if (run === open) return i + run;
    i += run;
  }
  return undefined;
}

/**
 * The end of a `$…$` formula opening at `at`, by Pandoc's rule: the opening `$` is followed by
 * a non-space, the closing one (the first unescaped `$`) is preceded by a non-space and not
 * followed by a digit. So "$5 and $10" is text, and so is "$ x $". Unlike Pandoc, a backtick
 * ends the search: "$10 and `$x$`" is a price and a code span, not a formula holding half of it.
 */
function inlineEnd(text: string, at: number): number | undefined {
  const first = text[at + 1];
  if (first === undefined || SPACE.test(first) || first === '$') return undefined;
  for (let i = at + 1; i < text.length;) {
    const char = text[i]!;
    if (char === '\\') {
      // `\$` and `\\` are TeX's: an escaped dollar does not close the formula.
      i += 2;
    } else if (char === '`') {
      return undefined;
    } else if (SPACE.test(char)) {
      let next = i;
      while (next < text.length && SPACE.test(text[next]!)) next += 1;
      if (text[next] === '$' || /\n[^\S\n]*\n/.test(text.slice(i, next))) return undefined;
      i = next;
    } else if (char === '$') {
      return DIGIT.test(text[i + 1] ?? '') ? undefined : i + 1;
    } else {
      i += 1;
    }
  }
  return undefined;
}

/** The end of a `$$…$$` formula opening at `at` (the first `$$` after some TeX closes it), or undefined. */
function displayEnd(text: string, at: number): number | undefined {
  const close = text.indexOf('$$', at + 3);
  if (close === -1 || /\n[^\S\n]*\n/.test(text.slice(at, close))) return undefined;
  return text.slice(at + 2, close).trim() === '' ? undefined : close + 2;
}

/**
 * The formulas and the lone dollar signs in inline Markdown as written (a paragraph, heading or
 * table cell: escapes, code spans and raw HTML as in the file). Code spans, autolinks, raw HTML
 * and backslash-escaped dollars (`\$`) are never math; `$$…$$` is display math; a run of three
 * or more dollars is text.
 */
export function scanInlineMath(text: string): InlineMathScan {
  const spans: MathSpan[] = [];
  const lone: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = text[i]!;
    if (char === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      i += 2;
    } else if (char === '`') {
      i = codeSpanEnd(text, i) ?? i + runLength(text, i, '`');
    } else if (char === '<') {
      INLINE_HTML.lastIndex = i;
      i = INLINE_HTML.test(text) ? INLINE_HTML.lastIndex : i + 1;
    } else if (char === '$') {
      const run = runLength(text, i, '$');
      const end = run === 1 ? inlineEnd(text, i) : run === 2 ? displayEnd(text, i) : undefined;
      if (end === undefined) {
        for (let k = 0; k < run; k += 1) lone.push(i + k);
        i += run;
      } else {
        const width = run;
        spans.push({ start: i, end, tex: text.slice(i + width, end - width), display: width === 2 });
        i = end;
      }
    } else {
      i += 1;
    }
  }
  return { spans, lone };
}

/**
 * The text with every formula replaced by `placeholder(index)` and every lone dollar escaped
 * (`\$`): what a Markdown parser reads as the same inline content, without guessing at math.
 */
export function replaceInlineMath(text: string, { spans, lone }: InlineMathScan, placeholder: (index: number) => string): string {
  const edits = [...spans.map((span, index) => ({ start: span.start, end: span.end, value: placeholder(index) })), ...lone.map((at) => ({ start: at, end: at + 1, value: '\\$' }))].sort(
    (a, b) => a.start - b.start,
  );
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.value;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Marks where a formula was set aside: private-use characters no Markdown rule touches. */
const SET_ASIDE = /\uE000(\d+)\uE001/g;

/**
 * Markdown with its formulas set aside, for plain text (excerpts, reading time): `restore` puts
 * each inline formula back as its TeX and leaves display math out, once the Markdown around
 * them has been stripped (which would otherwise take TeX's braces and underscores for syntax).
 */
export function setAsideMath(markdown: string): { text: string; restore: (text: string) => string } {
  if (!markdown.includes('$')) return { text: markdown, restore: (text) => text };
  const scan = scanInlineMath(markdown);
  const text = replaceInlineMath(markdown, { spans: scan.spans, lone: [] }, (index) => `\uE000${index}\uE001`);
  return {
    text,
    restore: (stripped) =>
      stripped.replace(SET_ASIDE, (_match, index: string) => {
        const span = scan.spans[Number(index)];
        return span && !span.display ? span.tex.trim() : ' ';
      }),
  };
}
