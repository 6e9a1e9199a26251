/**
 * Liquid as Jekyll and Eleventy run it over Markdown: `{% tag %}` and `{{ expression }}`.
 * Only what has a static meaning is converted (code highlighting, raw, comments, links to posts,
 * the site's URLs); logic, includes and a site's own tags are left as written with a warning.
 */
import { fenceInfo, lineRanges } from './markdown.ts';
import { liquidMarkup, type Scanner } from './scanner.ts';

/** Longest tag or expression looked at; an opener without a closer nearby is text. */
const MAX_TAG = 2000;
const END_RAW = /\{%-?\s*endraw\s*-?%\}/g;
const END_COMMENT = /\{%-?\s*endcomment\s*-?%\}/g;
const END_HIGHLIGHT = /\{%-?\s*endhighlight\s*-?%\}/g;
const RAW = /\{%-?\s*raw\s*-?%\}/g;
/** Jekyll's own syntax check: a language, then `name`, `name=value` or `name="1 2"` options. */
const HIGHLIGHT_ARGS = /^([A-Za-z0-9.+#_-]+)((?:\s+\w+(?:=(?:\w+|"[^"]*"))?)*)$/;
const LINK_TAG = /\{%-?\s*(post_url|link)\s+([^%]*?)\s*-?%\}/y;
/** Files `{% link %}` resolves to a page's permalink, which only Jekyll knew. */
const PAGE_FILE = /(?:^|\/)_(?:posts|drafts)\/|\.(?:md|markdown|mkdn?|mkd|mdown|html?|textile)$/i;

/** Whether an opener at `at` has its closer nearby, with no other opener of its kind in between. */
function closed(s: Scanner, at: number, open: string, close: number): boolean {
  if (close < 0 || close - at > MAX_TAG) return false;
  const inner = s.nextIndex(open, at + 2);
  return inner < 0 || inner > close;
}

export function liquidTag(s: Scanner, at: number): number {
  const close = s.nextIndex('%}', at + 2);
  if (!closed(s, at, '{%', close)) {
    s.warn(at, s.lineEnd(at), 'a Liquid tag "{%" that is never closed by "%}"; left as written');
    return at + 2;
  }
  const end = close + 2;
  const markup = liquidMarkup(s.body.slice(at + 2, close));
  const name = /^[A-Za-z_][\w-]*/.exec(markup)?.[0] ?? '';
  const args = markup.slice(name.length).trim();
  switch (name) {
    case 'raw':
      return raw(s, at, end);
    case 'endraw':
      s.remove(at, end);
      return end;
    case 'comment':
      return comment(s, at, end);
    case 'highlight':
      return highlight(s, at, end, args);
    case 'post_url':
    case 'link': {
      const url = resolveLink(s, name, args);
      if (url === undefined) {
        s.warn(at, end, `no post matches "${unquote(args)}"; left as written`);
        return end;
      }
      s.replace(at, end, url);
      return end;
    }
    default:
      s.warn(at, end, name ? `the Liquid tag "${name}" has no Folio equivalent; left as written` : 'an unknown Liquid tag; left as written');
      return end;
  }
}

export function liquidOutput(s: Scanner, at: number): number {
  const close = s.nextIndex('}}', at + 2);
  if (!closed(s, at, '{{', close)) {
    s.warn(at, s.lineEnd(at), 'a Liquid expression "{{" that is never closed by "}}"; left as written');
    return at + 2;
  }
  const end = close + 2;
  const value = evaluate(s, liquidMarkup(s.body.slice(at + 2, close)), end);
  if (value === undefined) {
    s.warn(at, end, 'a Liquid expression Folio can not evaluate (only site.url, site.baseurl and URL filters on text are); left as written');
    return end;
  }
  s.replace(at, end, value);
  return end;
}

/** `{% raw %}...{% endraw %}`: the content as written, markers gone (with their lines when alone on them). */
function raw(s: Scanner, at: number, end: number): number {
  const close = s.find(END_RAW, end);
  if (!close) {
    s.warn(at, end, 'a {% raw %} block that is never closed by {% endraw %}; the marker is removed');
    s.remove(at, end);
    return end;
  }
  const [a0, a1] = s.wholeLines(at, end);
  const [b0, b1] = s.wholeLines(close.index, close.index + close[0].length);
  s.replace(a0, b1, s.body.slice(a1, b0));
  return b1;
}

function comment(s: Scanner, at: number, end: number): number {
  const close = s.find(END_COMMENT, end);
  if (!close) {
    s.warn(at, end, 'a {% comment %} block that is never closed by {% endcomment %}; left as written');
    return end;
  }
  const stop = close.index + close[0].length;
  s.remove(at, stop);
  return stop;
}

/** `{% highlight lang [linenos] [mark_lines="1 2"] %}...{% endhighlight %}` → a fenced code block. */
function highlight(s: Scanner, at: number, end: number, args: string): number {
  const parsed = HIGHLIGHT_ARGS.exec(args);
  let close: RegExpExecArray | null = null;
  // A raw block in the code may itself contain "{% endhighlight %}" as text.
  for (let from = end; ;) {
    const endTag = s.find(END_HIGHLIGHT, from);
    const rawTag = endTag && s.find(RAW, from);
    if (!endTag || !rawTag || rawTag.index > endTag.index) {
      close = endTag;
      break;
    }
    const rawEnd = s.find(END_RAW, rawTag.index + rawTag[0].length);
    if (!rawEnd) break;
    from = rawEnd.index + rawEnd[0].length;
  }
  if (!close) {
    s.warn(at, end, 'a {% highlight %} block that is never closed by {% endhighlight %}; left as written');
    return end;
  }
  let lineNumbers = false;
  let highlightLines: string | undefined;
  for (const [, key, value = ''] of (parsed?.[2] ?? '').matchAll(/(\w+)(?:=(\w+|"[^"]*"))?/g)) {
    if (key === 'linenos') lineNumbers = value !== 'false';
    else if (key === 'mark_lines' || key === 'hl_lines') highlightLines = lineRanges(value);
  }
  if (!parsed) s.warn(at, end, 'a {% highlight %} tag without a valid language; converted as plain text');
  const lang = parsed?.[1]?.toLowerCase() ?? 'text';
  const stop = close.index + close[0].length;
  s.placeFence(at, end, close.index, stop, fenceInfo(lang, { lineNumbers, highlightLines }));
  return stop;
}

const unquote = (text: string): string =>
  text
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();

/**
 * `{% post_url name %}` → the post's URL. `{% link path %}` → the post's URL, or for any other file
 * (an asset) the path under the base, as Jekyll 4 writes it; a page's permalink can not be known.
 */
function resolveLink(s: Scanner, tag: string, args: string): string | undefined {
  const ref = unquote(args);
  if (!ref || ref.includes('{{')) return undefined;
  const url = s.ctx.postUrl(ref);
  if (url !== undefined || tag === 'post_url' || PAGE_FILE.test(ref)) return url;
  return `${s.basePath}/${ref.replace(/^\/+/, '')}`;
}

/** Whether a `{% post_url %}` / `{% link %}` that resolves starts at `at`. */
function resolvedLinkAt(s: Scanner, at: number): boolean {
  LINK_TAG.lastIndex = at;
  const tag = LINK_TAG.exec(s.body);
  return tag !== null && resolveLink(s, tag[1] ?? '', tag[2] ?? '') !== undefined;
}

/** Splits `a | f: "x|y" | g` on the pipes outside quotes. */
function splitPipes(expr: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') {
      parts.push(expr.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

/** A value Folio knows statically: a quoted string, `site.url` (the origin) or `site.baseurl` (the base path). */
function operand(s: Scanner, text: string): string | undefined {
  if (text === 'site.baseurl') return s.basePath;
  if (text === 'site.url') return s.origin;
  const literal = /^(["'])(.*)\1$/s.exec(text);
  return literal ? literal[2] : undefined;
}

const isAbsolute = (url: string): boolean => /^(?:[a-z][a-z\d+.-]*:|\/\/)/i.test(url);
const relativeUrl = (s: Scanner, url: string): string => (isAbsolute(url) ? url : `${s.basePath}/${url.replace(/^\/+/, '')}`);

/**
 * `{{ site.baseurl }}`, `{{ site.url }}`, and text through `relative_url`, `absolute_url`, Eleventy's
 * `url`, `prepend:` and `append:`; undefined for anything else (variables, other filters).
 */
function evaluate(s: Scanner, expr: string, end: number): string | undefined {
  const [head = '', ...filters] = splitPipes(expr);
  let value = operand(s, head);
  if (value === undefined) return undefined;
  // `{{ site.baseurl }}{% post_url x %}`: the post's URL already has the base.
  if (head === 'site.baseurl' && filters.length === 0 && resolvedLinkAt(s, end)) return '';
  for (const filter of filters) {
    const [, name = '', arg = ''] = /^([\w-]+)\s*(?::\s*(.*))?$/s.exec(filter) ?? [];
    if (name === 'relative_url' || name === 'url') value = relativeUrl(s, value);
    else if (name === 'absolute_url') value = isAbsolute(value) ? value : s.origin + relativeUrl(s, value);
    else if (name === 'prepend' || name === 'append') {
      const other = operand(s, arg.trim());
      if (other === undefined) return undefined;
      value = name === 'prepend' ? other + value : value + other;
    } else return undefined;
  }
  return value;
}
