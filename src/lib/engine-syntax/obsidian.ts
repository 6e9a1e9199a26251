/**
 * Obsidian and Quartz: `![[embeds]]`, `%% comments %%` and `==highlights==`. Plain `[[wikilinks]]`
 * are left for Folio's wikilink plugin, which resolves them against published posts.
 */
import { encodePath, escapeHtml, escapeMarkdownText, markdownDestination } from './markdown.ts';
import type { Scanner } from './scanner.ts';

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg', 'bmp']);
/** Extensions that are surely files, not notes with a dot in their name. */
const FILE = new Set(['pdf', 'mp3', 'wav', 'm4a', 'ogg', 'flac', 'aac', '3gp', 'mp4', 'webm', 'ogv', 'mov', 'mkv', 'm4v', 'zip', 'csv', 'json', 'canvas', 'docx', 'xlsx', 'pptx', 'epub']);
/** Quartz's size suffix: `|400` or `|400x300`, after optional alt text. */
const SIZE = /^(\d+)(?:\s*x\s*(\d+))?$/;

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `![[target#heading|alias]]` on one line. */
export function obsidianEmbed(s: Scanner, at: number): number {
  const { body } = s;
  const close = s.nextIndex(']]', at + 3);
  if (close < 0 || close > s.lineEnd(at)) return at + 3;
  const inner = body.slice(at + 3, close);
  if (/[[\]]/.test(inner) || inner.trim() === '') return at + 3;
  const end = close + 2;
  const bar = inner.indexOf('|');
  // In a table the pipe is written `\|`.
  const target = (bar < 0 ? inner : inner.slice(0, bar)).replace(/\\$/, '').trim();
  const alias = bar < 0 ? undefined : inner.slice(bar + 1);
  const hash = target.indexOf('#');
  const file = (hash < 0 ? target : target.slice(0, hash)).trim();
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext && IMAGE.has(ext)) return image(s, at, end, file, alias);
  const path = ext && ext !== 'md' ? s.ctx.embedFile(file) : undefined;
  if (path !== undefined) {
    s.replace(at, end, `[${escapeMarkdownText(alias?.replace(/\\$/, '').trim() || basename(file))}](${markdownDestination(path)})`);
    return end;
  }
  if (ext && FILE.has(ext)) {
    s.warn(at, end, `no file "${file}" in the posts folder; its name is shown as text`);
    s.replace(at, end, escapeMarkdownText(basename(file)));
    return end;
  }
  // A note: the embed becomes a link to it, as written.
  s.replace(at, at + 1, '');
  return end;
}

function image(s: Scanner, at: number, end: number, file: string, alias: string | undefined): number {
  const path = s.ctx.embedFile(file);
  if (path === undefined) {
    s.warn(at, end, `no image "${file}" in the posts folder; its name is shown as text`);
    s.replace(at, end, escapeMarkdownText(basename(file)));
    return end;
  }
  let alt: string | undefined;
  let size: RegExpExecArray | null = null;
  if (alias !== undefined) {
    const parts = alias.split('|');
    size = SIZE.exec((parts.at(-1) ?? '').trim());
    alt = (size ? parts.slice(0, -1).join('|') : alias).replace(/\\$/, '').trim() || undefined;
  }
  const text = alt ?? basename(file).replace(/\.[^.]+$/, '');
  if (size) {
    const [, width = '', height] = size;
    s.replace(at, end, `<img src="${escapeHtml(encodePath(path))}" alt="${escapeHtml(text)}" width="${width}"${height ? ` height="${height}"` : ''}>`);
  } else {
    s.replace(at, end, `![${escapeMarkdownText(text)}](${markdownDestination(path)})`);
  }
  return end;
}

/** `%% comment %%`, inline or over several lines: never published. */
export function obsidianComment(s: Scanner, at: number): number {
  const close = s.nextIndex('%%', at + 2);
  if (close < 0) {
    s.warn(at, at + 2, 'an Obsidian comment "%%" that is never closed; left as written');
    return at + 2;
  }
  s.remove(at, close + 2);
  return close + 2;
}

/**
 * `==text==` → `<mark>text</mark>`, within a line, the text not starting or ending with a space
 * (so `a == b` stays); a `==` inside a code span does not close it. The opening tag is written now
 * and the closing one when the scan reaches the closing `==`, so what is between is converted too.
 */
export function obsidianHighlight(s: Scanner, at: number): number {
  const { body } = s;
  if (at === s.markClose) {
    s.replace(at, at + 2, '</mark>');
    s.markClose = -1;
    return at + 2;
  }
  let run = at;
  while (body[run] === '=') run++;
  const first = body[at + 2] ?? '';
  if (run - at !== 2 || body[at - 1] === '\\' || s.markClose >= 0 || first === '' || /\s/.test(first)) return run;
  const le = s.lineEnd(at);
  if (at < (s.memo.get('mark') ?? -1)) return run;
  for (let p = at + 3; p < le;) {
    const c = body[p];
    if (c === '`') {
      let len = 0;
      while (body[p + len] === '`') len++;
      const closing = body.indexOf('`'.repeat(len), p + len);
      p = closing >= 0 && closing < le ? closing + len : p + len;
    } else if (c === '=') {
      let len = 0;
      while (body[p + len] === '=') len++;
      if (len === 2 && !/\s/.test(body[p - 1] ?? ' ')) {
        s.replace(at, at + 2, '<mark>');
        s.markClose = p;
        return at + 2;
      }
      p += len;
    } else p++;
  }
  // No closer on this line: no later `==` on it has one either.
  s.memo.set('mark', le);
  return run;
}
