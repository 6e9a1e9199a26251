/** Small builders for the Markdown and HTML the converters write. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text or a double-quoted attribute value in HTML. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);

/** Text that must read literally in Markdown (link labels, alt text, file names shown as text). */
export const escapeMarkdownText = (text: string): string => text.replace(/[\\[\]*_`<>&]/g, '\\$&');

/** A link or image destination in pointy brackets, so spaces and parentheses need no escaping. */
export const markdownDestination = (url: string): string => `<${url.replace(/[<>\r\n]/g, (c) => encodeURIComponent(c))}>`;

/** A link or image title. */
export const markdownTitle = (title: string): string => `"${title.replace(/[\\"]/g, '\\$&').replace(/\s*\n\s*/g, ' ')}"`;

/** A file path as a URL path for raw HTML (where Markdown's `<...>` destinations do not apply). */
export const encodePath = (path: string): string =>
  path
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');

/** A backtick fence longer than any backtick run in the code, so the code cannot close it early. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const run of code.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The info string of a fenced block: language, then line-number and highlighted-line meta. */
export function fenceInfo(lang: string, options: { lineNumbers?: boolean; highlightLines?: string | undefined } = {}): string {
  // Without a language the first meta word would be read as one.
  const parts = [lang || 'text'];
  if (options.lineNumbers) parts.push('showLineNumbers');
  if (options.highlightLines) parts.push(`{${options.highlightLines}}`);
  return parts.join(' ');
}

/**
 * Line numbers and ranges from Hugo's `hl_lines=8 15-17` / `[8,"15-17"]` or Jekyll's
 * `mark_lines="1 2"`, as the `{8,15-17}` fence meta; undefined if there are none.
 */
export function lineRanges(value: string): string | undefined {
  const ranges = value
    .replace(/[[\]"'`]/g, ' ')
    .split(/[\s,]+/)
    .filter((r) => /^\d+(?:-\d+)?$/.test(r));
  return ranges.length ? ranges.join(',') : undefined;
}

/** Code between template tags: leading blank lines and trailing blank lines dropped, ending with a newline. */
export function trimCode(code: string): string {
  const trimmed = code.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '');
  return trimmed === '' ? '' : `${trimmed}\n`;
}
