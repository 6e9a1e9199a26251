/**
 * kramdown (Jekyll's Markdown): `{::extensions}` and `{: attribute lists}`. Attribute lists only
 * style or name elements of the old theme, so they are dropped; `## Heading {#id}` is a different
 * syntax, applied by a Markdown plugin, and never reaches here.
 */
import { LIST_ITEM, type Scanner } from './scanner.ts';

const EXTENSION = /\{::(\w+)([^}\n]{0,500})\}/y;
const IAL = /\{:([^{}\n]{0,500})\}/y;
/** `.class`, `#id`, `key="v"`, `key='v'`, `key=v` and reference names, separated by spaces. */
const IAL_TOKEN = String.raw`(?:(?:[.#][\w-]+)+|[A-Za-z_][\w-]*(?:=(?:"[^"]*"|'[^']*'|[^\s"'=}]+))?)`;
const IAL_BODY = new RegExp(String.raw`^\s*(?:${IAL_TOKEN}(?:\s+${IAL_TOKEN})*)?\s*$`);
/** An attribute list definition, `{:name: .class}`. */
const ALD = /^\s*[A-Za-z_][\w-]*:/;
const HEADING = /^ {0,3}#{1,6}[ \t]/;

export function kramdown(s: Scanner, at: number): number {
  const { body } = s;
  if (body[at + 2] === ':') return extension(s, at);
  if (body[at + 2] === '/') {
    s.warn(at, s.lineEnd(at), 'a kramdown closing tag without its opening; left as written');
    return at + 2;
  }
  IAL.lastIndex = at;
  const match = IAL.exec(body);
  const content = match?.[1];
  // Not an attribute list (a format string such as "{:>10}" in prose): leave it.
  if (!match || content === undefined || !(ALD.test(content) || IAL_BODY.test(content))) return at + 2;
  const end = at + match[0].length;
  if (s.alone(at, end)) {
    const [x, y] = s.wholeLines(at, end);
    // `* TOC` + `{:toc}` is kramdown's table of contents; Folio draws its own, so the list item goes too.
    if (content.trim() === 'toc' && x > 0) {
      const prev = s.lineStart(x - 1);
      if (s.canReplaceFrom(prev) && LIST_ITEM.test(body.slice(prev, x - 1))) {
        s.replace(prev, y, '');
        return y;
      }
    }
    s.replace(x, y, '');
    return y;
  }
  // `## Heading {: #id}` keeps its id in the syntax Folio applies.
  const id = /(?:^|\s)#([\w-]+)/.exec(content)?.[1];
  if (id && HEADING.test(s.linePrefix(at) ?? '') && s.restOfLine(end) >= 0) {
    s.replace(at, end, `{#${id}}`);
    return end;
  }
  s.replace(at, end, '');
  return end;
}

/** `{::options /}`, `{::comment}...{:/comment}` and `{::nomarkdown}...{:/nomarkdown}` (or `{:/}`). */
function extension(s: Scanner, at: number): number {
  EXTENSION.lastIndex = at;
  const match = EXTENSION.exec(s.body);
  if (!match) return at + 3;
  const name = match[1] ?? '';
  const end = at + match[0].length;
  const selfClosing = (match[2] ?? '').trimEnd().endsWith('/');
  if (name === 'options' || ((name === 'comment' || name === 'nomarkdown') && selfClosing)) {
    s.remove(at, end);
    return end;
  }
  if (name !== 'comment' && name !== 'nomarkdown') {
    s.warn(at, end, `the kramdown extension "${name}" has no Folio equivalent; left as written`);
    return end;
  }
  const close = s.find(new RegExp(String.raw`\{:/(?:${name})?\}`, 'g'), end);
  if (!close) {
    s.warn(at, end, `a {::${name}} block that is never closed by {:/${name}}; left as written`);
    return end;
  }
  const stop = close.index + close[0].length;
  if (name === 'comment') {
    s.remove(at, stop);
    return stop;
  }
  // nomarkdown: its content is HTML already, kept as written.
  const [a0, a1] = s.wholeLines(at, end);
  const [b0, b1] = s.wholeLines(close.index, stop);
  s.replace(a0, b1, s.body.slice(a1, b0));
  return b1;
}
