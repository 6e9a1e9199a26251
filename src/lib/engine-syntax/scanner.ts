import { fenceFor, trimCode } from './markdown.ts';
import type { EngineSyntaxContext, SyntaxWarning } from './types.ts';

/**
 * Converts the construct that starts at `at` with `token` (one of `{%`, `{{`, `{:`, `![[`, `%%`, `==`)
 * and returns where scanning resumes: past the construct, or past the token when it was not one.
 */
export type Handler = (s: Scanner, at: number, token: string) => number;

/** What the scanner stops at outside code: line ends (for block structure), backtick runs and the tokens. */
const SPECIAL = /\n|`+|\{[%{:]|!\[\[|%%|==/g;
/** The end of a paragraph, for code spans: a blank line or a fence line. */
const PARAGRAPH_END = /\n[ \t\r]*\n|\n[ \t>]*(?:```|~~~)/g;
/** Raw markers, removed even inside code; alone on their line they take the line with them. */
const RAW_MARKER = /^[ \t]*\{%-?[ \t]*(?:end)?raw[ \t]*-?%\}[ \t]*(?:\r?\n|$)|\{%-?\s*(?:end)?raw\s*-?%\}/gm;
// Hugo's escaped shortcodes: {{</* x */>}} and {{%/* x */%}}.
const ESCAPED_SHORTCODE = /\{\{([<%])\/\*([\s\S]{0,4000}?)\*\/([>%])\}\}/g;
/** Text before a block on its line that only opens containers: indentation, `>`, list markers. */
const CONTAINER = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*$/;
const LEADING_CONTAINER = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
export const LIST_ITEM = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?$)/;
const BLANK = /^[ \t\r]*$/;
const WARNING_TAG_LENGTH = 60;

/** The text inside code that still changes: raw markers go, escaped shortcodes are unescaped. */
export function codeText(code: string): string {
  return code
    .replace(RAW_MARKER, '')
    .replace(ESCAPED_SHORTCODE, (all, open: string, inner: string, close: string) => ((open === '<') === (close === '>') ? `{{${open}${inner}${close}}}` : all));
}

/** A container prefix as the indentation of the lines that continue it: list markers become spaces. */
const continuation = (prefix: string): string => prefix.replace(/[-*+]|\d{1,9}[.)]/g, (m) => ' '.repeat(m.length));

/**
 * One pass over a Markdown body. It copies the body lazily (`emitted` is how far the input has been
 * written out) so a handler can replace any range that starts at or after it, and it knows just
 * enough Markdown block structure to leave code alone: fenced blocks, indented blocks, code spans.
 */
export class Scanner {
  readonly body: string;
  readonly ctx: EngineSyntaxContext;
  readonly warnings: SyntaxWarning[] = [];
  /** The base path without its trailing slash: "" for "/", "/blog" for "/blog/". */
  readonly basePath: string;
  readonly origin: string;
  /** Where the `==` that closes an open `<mark>` is, or -1. */
  markClose = -1;
  /** Offsets handlers remember between calls to stay linear (e.g. "no closer before here"). */
  readonly memo = new Map<string, number>();
  private readonly out: string[] = [];
  private emitted = 0;
  private newlines: number[] | undefined;
  private readonly nextCache = new Map<string, { from: number; found: number }>();
  private readonly findCache = new Map<string, { from: number; match: RegExpExecArray | null }>();
  private paragraphEndCache = { from: -1, found: -1 };
  /** Per backtick-run length: below this offset no closing run exists (keeps unmatched runs linear). */
  private readonly noCloserBefore = new Map<number, number>();
  private prevBlank = true;
  private inList = false;

  constructor(body: string, ctx: EngineSyntaxContext) {
    this.body = body;
    this.ctx = ctx;
    this.basePath = `/${ctx.base.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
    this.origin = ctx.origin.replace(/\/+$/, '');
  }

  run(handle: Handler): string {
    const { body } = this;
    const n = body.length;
    const special = new RegExp(SPECIAL.source, 'g');
    let i = 0;
    let lineStart = true;
    while (i < n) {
      if (lineStart) {
        const end = this.block(i);
        if (end > i) {
          i = end;
          continue;
        }
      }
      special.lastIndex = i;
      const match = special.exec(body);
      if (!match) break;
      const at = match.index;
      const token = match[0];
      if (token === '\n') {
        i = at + 1;
        lineStart = true;
        continue;
      }
      const next = token.startsWith('`') ? this.codeSpan(at, token.length) : handle(this, at, token);
      if (this.markClose >= 0 && next > this.markClose && at < this.markClose) {
        // A construct swallowed the closing `==`: close the <mark> after it so the HTML stays balanced.
        this.replace(next, next, '</mark>');
        this.markClose = -1;
      }
      i = next;
      lineStart = body.charCodeAt(next - 1) === 10;
    }
    if (this.out.length === 0) return body;
    this.out.push(body.slice(this.emitted));
    return this.out.join('');
  }

  // ---- output -------------------------------------------------------------------------------

  /** Writes `text` in place of the input range [a, b); `a` must not be before what is already written. */
  replace(a: number, b: number, text: string): void {
    this.out.push(this.body.slice(this.emitted, a), text);
    this.emitted = b;
  }

  /** Whether the input from `at` on is still unwritten, so a replacement may start there. */
  canReplaceFrom(at: number): boolean {
    return at >= this.emitted;
  }

  /** Removes [a, b), with its whole line(s) when nothing else is on them, so no blank line is left behind. */
  remove(a: number, b: number): void {
    const [x, y] = this.wholeLines(a, b);
    this.replace(x, y, '');
  }

  /** Whether only whitespace surrounds [a, b) on its line(s), and those lines are still unwritten. */
  alone(a: number, b: number): boolean {
    const ls = this.spaceBefore(a, false);
    return ls >= this.emitted && this.restOfLine(b) >= 0;
  }

  /** [a, b) widened to whole lines (newline included) when it is alone on them. */
  wholeLines(a: number, b: number): [number, number] {
    const ls = this.spaceBefore(a, false);
    const next = this.restOfLine(b);
    return ls >= this.emitted && next >= 0 ? [ls, next] : [a, b];
  }

  /**
   * Replaces [a, b) with a block (lines without their container prefix). The block starts on a line of
   * its own, its lines continue the list item or quote it sits in, and a blank line keeps the next
   * paragraph out of it (an HTML block would otherwise swallow it).
   */
  placeBlock(a: number, b: number, lines: readonly string[]): void {
    const { body } = this;
    const before = this.linePrefix(a);
    const ls = a - (before?.length ?? 0);
    let start = a;
    let lead = '';
    let cont: string;
    if (before !== undefined && CONTAINER.test(before)) {
      cont = continuation(before);
      // A paragraph on the line above would run into a block that does not interrupt paragraphs.
      if (cont === before && ls > 0 && ls >= this.emitted && !this.blankLineBefore(ls)) {
        start = ls;
        lead = `${cont.trimEnd()}\n${before}`;
      }
    } else {
      cont = continuation(LEADING_CONTAINER.exec(before ?? '')?.[0] ?? '');
      lead = `\n${cont.trimEnd()}\n${cont}`;
    }
    const blank = cont.trimEnd();
    const text = lines.map((line, i) => (i === 0 ? line : line === '' ? blank : cont + line)).join('\n');
    let end = b;
    let after = '';
    const next = this.restOfLine(b);
    if (next < 0) {
      while (body[end] === ' ' || body[end] === '\t') end++;
      after = `\n${blank}\n${cont}`;
    } else if (next < body.length && this.restOfLine(next, true) < 0) {
      after = `\n${blank}`;
    }
    this.replace(start, end, lead + text + after);
  }

  /**
   * Replaces a paired code tag with a fenced block: the opening tag [a, openEnd), the code, and the
   * closing tag [closeStart, b). The fence goes where the tags were, so a block inside a list item
   * or quote stays there; the code is kept as written apart from raw markers and blank edge lines.
   */
  placeFence(a: number, openEnd: number, closeStart: number, b: number, info: string): void {
    const { body } = this;
    const before = this.linePrefix(a);
    const atBlockStart = before !== undefined && CONTAINER.test(before);
    const cont = continuation(atBlockStart ? before : (LEADING_CONTAINER.exec(before ?? '')?.[0] ?? ''));
    const lead = atBlockStart ? '' : `\n${cont}`;
    const afterOpen = this.restOfLine(openEnd);
    const codeStart = afterOpen < 0 ? openEnd : Math.min(afterOpen, closeStart);
    const cls = this.spaceBefore(closeStart, true);
    let code: string;
    let tail: string;
    if (cls >= codeStart) {
      code = body.slice(codeStart, cls);
      tail = body.slice(cls, closeStart);
    } else {
      code = body.slice(codeStart, closeStart);
      tail = cont;
    }
    code = trimCode(codeText(code));
    const fence = fenceFor(code);
    const after = this.restOfLine(b) >= 0 ? '' : `\n${cont}`;
    this.replace(a, b, `${lead}${fence}${info}\n${code}${tail}${fence}${after}`);
  }

  warn(a: number, b: number, message: string): void {
    const written = this.body
      .slice(a, Math.min(b, a + 4 * WARNING_TAG_LENGTH))
      .replace(/\s+/g, ' ')
      .trim();
    const tag = written.length > WARNING_TAG_LENGTH ? `${written.slice(0, WARNING_TAG_LENGTH - 1)}…` : written;
    this.warnings.push({ line: this.lineOf(a), tag, message });
  }

  // ---- positions ----------------------------------------------------------------------------
  // Line helpers scan only as far as they must: a body may be one huge line.

  lineStart(at: number): number {
    return this.body.lastIndexOf('\n', at - 1) + 1;
  }

  /** The offset of the newline ending the line of `at`, or the body's length. */
  lineEnd(at: number): number {
    const nl = this.nextIndex('\n', at);
    return nl < 0 ? this.body.length : nl;
  }

  /**
   * The start of the line of `at` when only spaces and tabs (and `>` if `quote`) come before `at`
   * on it, else -1.
   */
  spaceBefore(at: number, quote: boolean): number {
    const { body } = this;
    let i = at - 1;
    for (; i >= 0; i--) {
      const c = body.charCodeAt(i);
      if (c === 10) break;
      if (c !== 32 && c !== 9 && !(quote && c === 62)) return -1;
    }
    return i + 1;
  }

  /**
   * Where the next line starts (or the body's length) when only whitespace (and `>` if `quote`)
   * follows `at` on its line, else -1.
   */
  restOfLine(at: number, quote = false): number {
    const { body } = this;
    let i = at;
    for (; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 10) return i + 1;
      if (c !== 32 && c !== 9 && c !== 13 && !(quote && c === 62)) return -1;
    }
    return i;
  }

  /** The text before `at` on its line, if it is short enough to be a container prefix. */
  linePrefix(at: number): string | undefined {
    const { body } = this;
    const stop = Math.max(0, at - 200);
    for (let i = at - 1; i >= stop; i--) if (body.charCodeAt(i) === 10) return body.slice(i + 1, at);
    return stop === 0 ? body.slice(0, at) : undefined;
  }

  /** Whether the line before the one starting at `ls` is blank (a `>` alone counts as blank). */
  private blankLineBefore(ls: number): boolean {
    const { body } = this;
    for (let i = ls - 2; i >= 0; i--) {
      const c = body.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9 && c !== 13 && c !== 62) return false;
    }
    return true;
  }

  /** The next occurrence of `token` at or after `from`, remembered so repeated searches stay linear. */
  nextIndex(token: string, from: number): number {
    const cached = this.nextCache.get(token);
    // A search from further back answers this one if it found nothing, or found something at or after `from`.
    if (cached && cached.from <= from && (cached.found < 0 || cached.found >= from)) return cached.found;
    const found = this.body.indexOf(token, from);
    this.nextCache.set(token, { from, found });
    return found;
  }

  /**
   * The first match of a global regex at or after `from`, remembered like {@link nextIndex}
   * (so an unclosed block searched for again does not rescan the body).
   */
  find(re: RegExp, from: number): RegExpExecArray | null {
    const cached = this.findCache.get(re.source);
    if (cached && cached.from <= from && (cached.match === null || cached.match.index >= from)) return cached.match;
    re.lastIndex = from;
    const match = re.exec(this.body);
    this.findCache.set(re.source, { from, match });
    return match;
  }

  private lineOf(at: number): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.body.indexOf('\n'); i >= 0; i = this.body.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.newlines[mid] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  // ---- code ---------------------------------------------------------------------------------

  /** Copies code through, changing only raw markers and escaped shortcodes. */
  private code(a: number, b: number): void {
    const liquid = this.nextIndex('{%', a);
    const braces = this.nextIndex('{{', a);
    if ((liquid < 0 || liquid >= b) && (braces < 0 || braces >= b)) return;
    const text = this.body.slice(a, b);
    const converted = codeText(text);
    if (converted !== text) this.replace(a, b, converted);
  }

  /**
   * Block structure at a line start: consumes a fenced or indented code block and returns its end,
   * or returns `i` after noting what the line means for the next one (blank, list item).
   */
  private block(i: number): number {
    const { body } = this;
    const n = body.length;
    let j = i;
    let cols = 0;
    for (; j < n; j++) {
      const c = body.charCodeAt(j);
      if (c === 32) cols++;
      else if (c === 9) cols += 4 - (cols % 4);
      else break;
    }
    const first = body.charCodeAt(j);
    if (j >= n || first === 10 || (first === 13 && body.charCodeAt(j + 1) === 10)) {
      this.prevBlank = true;
      return i;
    }
    // Indented code can not interrupt a paragraph, and inside a list item indentation is content.
    if (cols >= 4 && this.prevBlank && !this.inList) return this.indentedCode(i);
    let q = j;
    while (body.charCodeAt(q) === 62 /* > */) {
      q++;
      while (body.charCodeAt(q) === 32 || body.charCodeAt(q) === 9) q++;
    }
    const f = body.charCodeAt(q);
    if (f === 96 /* ` */ || f === 126 /* ~ */) {
      const end = this.fencedCode(i, q);
      if (end > i) {
        this.prevBlank = false;
        return end;
      }
    }
    if (cols <= 3 && q === j && LIST_ITEM.test(body.slice(i, Math.min(n, j + 12)))) this.inList = true;
    else if (cols === 0 && this.prevBlank) this.inList = false;
    this.prevBlank = false;
    return i;
  }

  /**
   * A fence opening at `q` (on the line starting at `i`) and its block up to the closing fence (same
   * character, at least as long, nothing else on the line) or the end of the body, as CommonMark has it.
   * Fences are accepted at any indentation and inside quotes: leaving a little too much alone is safer.
   */
  private fencedCode(i: number, q: number): number {
    const { body } = this;
    const n = body.length;
    const ch = body[q] ?? '';
    let len = 0;
    while (body[q + len] === ch) len++;
    if (len < 3) return i;
    const infoEnd = this.lineEnd(q);
    if (ch === '`' && body.slice(q + len, infoEnd).includes('`')) return i;
    const three = ch.repeat(3);
    let end = n;
    let from = infoEnd;
    for (;;) {
      const p = body.indexOf(three, from);
      if (p < 0) break;
      let run = 0;
      while (body[p + run] === ch) run++;
      from = p + run;
      if (run < len || this.spaceBefore(p, true) < 0) continue;
      const next = this.restOfLine(from);
      if (next < 0) continue;
      end = next;
      break;
    }
    this.code(i, end);
    return end;
  }

  private indentedCode(i: number): number {
    const { body } = this;
    const n = body.length;
    let end = i;
    let lastBlank = false;
    while (end < n) {
      const le = this.lineEnd(end);
      const line = body.slice(end, le);
      const blank = BLANK.test(line);
      if (!blank && !/^(?: {4}| {0,3}\t)/.test(line)) break;
      lastBlank = blank;
      end = le < n ? le + 1 : n;
    }
    this.code(i, end);
    this.prevBlank = lastBlank;
    return end;
  }

  /**
   * A backtick run at `at`: a code span when a run of the same length closes it within the
   * paragraph (copied through as code), otherwise literal backticks.
   */
  private codeSpan(at: number, len: number): number {
    const { body } = this;
    if (body[at - 1] === '\\') return at + 1;
    const after = at + len;
    if (after < (this.noCloserBefore.get(len) ?? -1)) return after;
    const stop = this.paragraphEnd(at);
    for (let p = after; ;) {
      const q = body.indexOf('`', p);
      if (q < 0 || q >= stop) {
        this.noCloserBefore.set(len, stop);
        return after;
      }
      let run = 0;
      while (body[q + run] === '`') run++;
      if (run === len) {
        this.code(at, q + run);
        return q + run;
      }
      p = q + run;
    }
  }

  private paragraphEnd(at: number): number {
    const cached = this.paragraphEndCache;
    if (cached.from >= 0 && cached.from <= at && cached.found > at) return cached.found;
    const match = this.find(PARAGRAPH_END, at);
    this.paragraphEndCache = { from: at, found: match ? match.index : this.body.length };
    return this.paragraphEndCache.found;
  }
}

/** Shared by the handlers: the markup inside `{% %}` / `{{ }}` without whitespace-control dashes. */
export const liquidMarkup = (inner: string): string => inner.replace(/^-/, '').replace(/-$/, '').trim();
