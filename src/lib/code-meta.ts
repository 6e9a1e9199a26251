/**
 * What an author writes after a code fence's language, as the engines and plugins they come
 * from write it: ` ```ts title="src/app.ts" showLineNumbers {2,4-6} /answer/ `.
 * - a title: `title="…"` (or '…', or a bare word);
 * - line numbers: `showLineNumbers`, `showLineNumbers{5}` and `showLineNumbers=false`
 *   (rehype-pretty-code, Expressive Code), `startLineNumber=5` (Expressive Code), `linenos`,
 *   `linenos=false` and `linenostart=5` (Jekyll, Hugo), `lineNumbers`;
 * - marked lines: `{2,4-6}`, `mark={…}` / `highlight={…}`, and lines added or removed:
 *   `ins={…}`, `del={…}` (Expressive Code);
 * - marked text: `/pattern/` (rehype-pretty-code reads it as text, Expressive Code as a regular
 *   expression: both are marked), `/pattern/3-5` (only the 3rd to 5th occurrences),
 *   `"text"` or `'text'`, and `ins=…` / `del=…` for text added or removed;
 * - Hugo's attributes in braces: `{linenos=table,hl_lines=[8,"15-17"],linenostart=199}`;
 * - `lang="ts"`: the language of a `diff` block's lines.
 * Anything else is ignored, so a fence never fails a build for its meta.
 */
export type MarkKind = 'mark' | 'ins' | 'del';

/** Text to mark inside lines. */
export interface CodeMark {
  kind: MarkKind;
  /** The text as written (escapes such as `\/` resolved). */
  text: string;
  /** Also read `text` as a regular expression (it was written as `/…/`). */
  pattern: boolean;
  /** 1-based occurrences to mark, counted through the block (`/x/2-3`); empty: all. */
  occurrences: number[];
}

export interface CodeMeta {
  /** A caption above the block: a file name, usually. */
  title?: string;
  /** Number the lines; undefined leaves it to the site's `lineNumbers` setting. */
  lineNumbers?: boolean;
  /** The number of the first line (1 unless the author says). */
  startLine: number;
  /** 1-based lines to mark, in order, without repeats. */
  highlight: number[];
  /** 1-based lines shown as added. */
  added: number[];
  /** 1-based lines shown as removed. */
  removed: number[];
  marks: CodeMark[];
  /** A `diff` block's own language, for highlighting its lines. */
  lang?: string;
}

/** At most this many lines marked from one range (a typo like {1-99999} must not allocate millions). */
const MAX_RANGE = 10_000;
/** Line numbers start no later than this. */
const MAX_START = 1_000_000;

/** `2,4-6` (or Hugo's `8 15-17`, `[8,"15-17"]`) as the line numbers it names, in order, without repeats. */
export function parseLineRanges(text: string): number[] {
  const lines = new Set<number>();
  for (const part of text.replace(/[[\]"']/g, ' ').split(/[\s,]+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) continue;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? range[1]), from + MAX_RANGE);
    for (let n = from; n <= to; n += 1) if (n > 0) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

type Value = { type: 'quoted' | 'bare' | 'braces' | 'pattern'; text: string; suffix: string };
type Token = { key?: string; value?: Value; word?: string };

/** A quoted string from `at` (the quote); `\` escapes the next character. */
function readQuoted(meta: string, at: number): { text: string; end: number } | undefined {
  const quote = meta[at];
  let text = '';
  for (let i = at + 1; i < meta.length; i += 1) {
    const c = meta[i]!;
    if (c === '\\' && i + 1 < meta.length) {
      text += meta[(i += 1)];
    } else if (c === quote) {
      return { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  return undefined;
}

/** `/…/` from `at`; `\/` is a slash, other escapes are kept for the regular expression. */
function readPattern(meta: string, at: number): { text: string; end: number } | undefined {
  let text = '';
  for (let i = at + 1; i < meta.length; i += 1) {
    const c = meta[i]!;
    if (c === '\\' && i + 1 < meta.length) {
      const next = meta[(i += 1)]!;
      text += next === '/' ? '/' : `\\${next}`;
    } else if (c === '/') {
      return text === '' ? undefined : { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  return undefined;
}

/** A value at `at`: quoted, `{…}`, `/…/` (with what follows it up to a space; unless `patterns` is off), or a bare word. */
function readValue(meta: string, at: number, patterns = true): { value: Value; end: number } | undefined {
  const c = meta[at];
  if (c === '"' || c === "'") {
    const q = readQuoted(meta, at);
    return q && { value: { type: 'quoted', text: q.text, suffix: '' }, end: q.end };
  }
  if (c === '{') {
    const close = meta.indexOf('}', at);
    if (close < 0) return undefined;
    const suffix = /^\S*/.exec(meta.slice(close + 1))![0];
    return { value: { type: 'braces', text: meta.slice(at + 1, close), suffix }, end: close + 1 + suffix.length };
  }
  if (c === '/' && patterns) {
    const p = readPattern(meta, at);
    if (!p) return undefined;
    const suffix = /^\S*/.exec(meta.slice(p.end))![0];
    return { value: { type: 'pattern', text: p.text, suffix }, end: p.end + suffix.length };
  }
  // Hugo's list `[8,"15-17"]` is one value
  const bare = /^(?:\[[^\]]*\]|[^\s"'{}])+/.exec(meta.slice(at));
  return bare ? { value: { type: 'bare', text: bare[0], suffix: '' }, end: at + bare[0].length } : undefined;
}

const MARK_KEYS = new Set(['mark', 'ins', 'del']);

function tokenize(meta: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < meta.length) {
    if (/\s/.test(meta[i]!)) {
      i += 1;
      continue;
    }
    // key=value, key{…} (showLineNumbers{5}); keys are words (Hugo's hl_lines, data-x)
    const key = /^([A-Za-z_][\w-]*)(=|(?=\{))/.exec(meta.slice(i));
    if (key) {
      // only marks take a /pattern/: `title=/src/app.ts` is a path
      const read = readValue(meta, i + key[0].length, MARK_KEYS.has(key[1]!.toLowerCase()));
      if (read) {
        tokens.push({ key: key[1]!.toLowerCase(), value: read.value });
        i = read.end;
        continue;
      }
    }
    const read = readValue(meta, i);
    if (read) {
      tokens.push(read.value.type === 'bare' ? { word: read.value.text } : { value: read.value });
      i = read.end;
      continue;
    }
    // an unclosed quote, brace or slash: skip the word it starts
    i += /^\S+/.exec(meta.slice(i))![0].length;
  }
  return tokens;
}

const WORD_LINE_NUMBERS = new Set(['showlinenumbers', 'linenumbers', 'linenos']);
const START_KEYS = new Set(['startlinenumber', 'linenostart']);
const LINE_KINDS: Record<string, 'highlight' | 'added' | 'removed'> = { mark: 'highlight', highlight: 'highlight', hl_lines: 'highlight', ins: 'added', del: 'removed' };

/** `true`/`false` as written in meta (Hugo's `table` and `inline` number lines too); undefined for other words. */
function flag(text: string): boolean | undefined {
  const value = text.toLowerCase();
  if (value === 'false' || value === 'none' || value === 'no') return false;
  if (value === 'true' || value === 'table' || value === 'inline' || value === 'yes') return true;
  return undefined;
}

function startLine(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Math.min(Math.max(1, Number(text)), MAX_START) : undefined;
}

export function parseCodeMeta(meta: string | undefined): CodeMeta {
  const result: CodeMeta = { startLine: 1, highlight: [], added: [], removed: [], marks: [] };
  const lines = { highlight: new Set<number>(), added: new Set<number>(), removed: new Set<number>() };
  const addLines = (kind: keyof typeof lines, text: string) => {
    for (const n of parseLineRanges(text)) lines[kind].add(n);
  };
  const addMark = (kind: MarkKind, value: Value) => {
    if (value.type !== 'pattern' && value.type !== 'quoted') return;
    if (value.text === '') return;
    // rehype-pretty-code's `/x/3-5`: which occurrences (an `#id` after it names a style group: ignored)
    const occurrences = value.type === 'pattern' ? parseLineRanges(/^[\d,-]*/.exec(value.suffix)![0]) : [];
    result.marks.push({ kind, text: value.text, pattern: value.type === 'pattern', occurrences });
  };
  // Hugo's `{linenos=table,hl_lines=[8,"15-17"],linenostart=199}`: key=value pairs in braces
  const hugo = (text: string) => {
    for (const [, key = '', raw = ''] of text.matchAll(/([A-Za-z_]+)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[^\s,]+)/g)) {
      const name = key.toLowerCase();
      const value = raw.replace(/^["']|["']$/g, '');
      const on = name === 'linenos' ? flag(value) : undefined;
      if (on !== undefined) result.lineNumbers = on;
      else if (name === 'hl_lines') addLines('highlight', raw);
      else if (name === 'linenostart') result.startLine = startLine(value) ?? result.startLine;
      else if (name === 'title') result.title = value;
    }
  };

  for (const token of tokenize(meta ?? '')) {
    const { key, value, word } = token;
    if (word !== undefined) {
      if (WORD_LINE_NUMBERS.has(word.toLowerCase())) result.lineNumbers = true;
      continue;
    }
    if (!value) continue;
    if (key === undefined) {
      if (value.type === 'braces') {
        if (value.text.includes('=')) hugo(value.text);
        else addLines('highlight', value.text);
      } else addMark('mark', value);
      continue;
    }
    if (key === 'title') {
      if (value.type !== 'braces' && value.text.trim() !== '') result.title = value.text.trim();
    } else if (key === 'lang') {
      if (/^[\w#+.-]+$/.test(value.text)) result.lang = value.text;
    } else if (WORD_LINE_NUMBERS.has(key)) {
      // showLineNumbers{5} (rehype-pretty-code), showLineNumbers=false, linenos=table
      const start = value.type === 'braces' ? startLine(value.text) : undefined;
      const on = value.type === 'braces' ? start !== undefined || undefined : flag(value.text);
      if (on !== undefined) result.lineNumbers = on;
      if (start !== undefined) result.startLine = start;
    } else if (START_KEYS.has(key)) {
      result.startLine = startLine(value.text) ?? result.startLine;
    } else if (key in LINE_KINDS) {
      if (value.type === 'braces') addLines(LINE_KINDS[key]!, value.text);
      else if (key === 'hl_lines') addLines('highlight', value.text);
      else addMark(key === 'ins' ? 'ins' : key === 'del' ? 'del' : 'mark', value);
    }
  }
  result.highlight = [...lines.highlight].sort((a, b) => a - b);
  result.added = [...lines.added].sort((a, b) => a - b);
  result.removed = [...lines.removed].sort((a, b) => a - b);
  return result;
}

/** Whether a block's meta asks for anything the code-block stylesheet draws. */
export function hasCodeExtras(meta: CodeMeta): boolean {
  return meta.title !== undefined || meta.lineNumbers === true || meta.highlight.length > 0 || meta.added.length > 0 || meta.removed.length > 0 || meta.marks.length > 0;
}

/** An opening or closing fence line: its marker and info string. */
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\n]*)$/gm;

/**
 * Whether a post body (Markdown or MDX source) has a code block that needs the code-block
 * stylesheet: numbered lines (its own or the site's `lineNumbers`), marked lines or text, a
 * title, a `diff` block or `[!code …]` notation. A superset: a false positive only costs the
 * page one small stylesheet.
 */
export function usesCodeExtras(body: string, { lineNumbers }: { lineNumbers: boolean }): boolean {
  if (body.includes('[!code')) return true;
  let open: string | undefined;
  for (const [, marker = '', info = ''] of body.matchAll(FENCE)) {
    if (open !== undefined) {
      // a closing fence: the same character, at least as long, nothing after it
      if (marker[0] === open[0] && marker.length >= open.length && info.trim() === '') open = undefined;
      continue;
    }
    // a backtick fence's info string cannot contain a backtick
    if (marker[0] === '`' && info.includes('`')) continue;
    open = marker;
    const [lang = '', ...rest] = info.trim().split(/\s+/);
    const meta = parseCodeMeta(rest.join(' '));
    if (lang.toLowerCase() === 'math') continue;
    if (lang.toLowerCase() === 'diff' || hasCodeExtras(meta) || (lineNumbers && meta.lineNumbers !== false)) return true;
  }
  return false;
}
