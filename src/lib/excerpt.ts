import { withoutCalloutMarkers } from './callouts.ts';
import { setAsideMath } from './math.ts';

/** A fenced code block, to its closing fence or (never closed) the end of the text. */
const FENCED_CODE = /^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm;

/**
 * Plain text from a Markdown/MDX body, for excerpts, reading time and search snippets.
 * It keeps the words a reader sees and drops code, markup and MDX plumbing.
 */
export function plainText(markdown: string): string {
  // Fenced code (```math among it) goes first; then formulas are set aside, so that the rules
  // below do not read TeX's braces and underscores as Markdown, and come back as their TeX.
  // A callout's marker goes, its title reads as text (`> [!tip] Pin the clock`).
  const math = setAsideMath(
    withoutCalloutMarkers(markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
      // fenced code blocks
      // (indentation only: `\s` would take the blank line before a fence, and the fence then never closed)
      .replace(FENCED_CODE, '\n'),
  );
  return math
    .restore(
      math.text
        .replace(/\\\$/g, '$')
        // MDX import/export statements
        .replace(/^(?:import|export)\s[^\n]*$/gm, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        // MDX expressions {...} on their own
        .replace(/\{[^{}\n]*\}/g, '')
        // wikilinks read as their label, else the note they name (as the page shows them); embeds go
        .replace(/!\[\[[^[\]\n]*\]\]/g, '')
        .replace(/\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]/g, (raw, target: string, heading?: string, label?: string) => {
          const name = target.trim();
          return label?.trim() || (name === '' ? heading?.trim() : name) || raw;
        })
        // images, then links (inline and reference), autolinks
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
        .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '')
        .replace(/\[\^[^\]]+\]:?/g, '')
        .replace(/^\s*\[[^\]]+\]:\s+\S+.*$/gm, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
        .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
        // HTML / JSX tags: keep their text
        .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
        // block markers: headings, quotes, lists, table rules
        .replace(/^\s{0,3}#{1,6}\s+/gm, '')
        .replace(/^\s*>+\s?/gm, '')
        .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm, '')
        .replace(/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/gm, '')
        .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '')
        .replace(/\|/g, ' ')
        // inline code keeps its text; emphasis and strike markers go
        .replace(/`+([^`]*)`+/g, '$1')
        .replace(/(\*{1,3}|_{1,3}|~~)(\S(?:[\s\S]*?\S)?)\1/g, '$2')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** A Markdown body without its code (fenced blocks and inline spans), for checks that must not look inside code. */
export function withoutCode(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(FENCED_CODE, '\n')
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, ' ');
}

/** Cuts text to about `length` characters at a word boundary, ending with an ellipsis when cut. */
export function excerpt(text: string, length = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= length) return clean;
  const chars = Array.from(clean);
  if (chars.length <= length) return clean;
  let cut = chars.slice(0, length).join('');
  const space = cut.lastIndexOf(' ');
  if (space > length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.!?\-–—]+$/u, '')}…`;
}

const WORDS_PER_MINUTE = 220;
/** Characters of CJK scripts a reader gets through per minute (no spaces to count words by). */
const CJK_CHARS_PER_MINUTE = 500;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/gu;

/** Whole minutes to read `text`, at least 1. */
export function readingMinutes(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE));
}
