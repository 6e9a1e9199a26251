import { createHash } from 'node:crypto';

/**
 * Open Graph cards: what a post's social image shows, its cache key, its route, and the
 * text rules (font coverage, title size and truncation, tag fitting). Pure: the renderer
 * in src/build/og-image.ts does the I/O and the drawing.
 */
export interface OgCard {
  title: string;
  /** Already formatted for the site's locale, e.g. "3 March 2024". */
  date: string;
  siteName: string;
  tags: string[];
}

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * A stable key for everything drawn on a card. `templateVersion` stands for the rest:
 * the template, the font files and the rendering engine (the renderer builds it), so
 * changing any of them renders every card again.
 */
export function ogCacheKey(card: OgCard, templateVersion: string): string {
  const drawn = {
    v: templateVersion,
    size: `${OG_WIDTH}x${OG_HEIGHT}`,
    title: card.title,
    date: card.date,
    siteName: card.siteName,
    tags: card.tags,
  };
  return createHash('sha256').update(JSON.stringify(drawn)).digest('hex').slice(0, 32);
}

/** The image's route under the site, e.g. `og/notes/first.png` (pass it to `urls.path`). */
export function ogImagePath(postSlug: string): string {
  const segments = postSlug.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) {
    throw new Error(`og image: expected a post slug such as "notes/first", found "${postSlug}"`);
  }
  return `og/${segments.join('/')}.png`;
}

// ---------------------------------------------------------------------------------------
// Font coverage

export type CodePointRange = readonly [start: number, end: number];

/** One font file's `unicode-range`, as fontsource's unicode.json and CSS give it. */
export interface FontSubset {
  id: string;
  ranges: readonly CodePointRange[];
}

/** Parses a CSS `unicode-range` value: `U+0100-02BA, U+0304, U+4??` → sorted ranges. */
export function parseUnicodeRange(value: string): CodePointRange[] {
  const ranges: CodePointRange[] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim().replace(/^u\+/i, '');
    if (part === '') continue;
    let start: number;
    let end: number;
    if (part.includes('?')) {
      start = parseInt(part.replace(/\?/g, '0'), 16);
      end = parseInt(part.replace(/\?/g, 'F'), 16);
    } else {
      const [a = '', b = a] = part.split('-');
      start = parseInt(a, 16);
      end = parseInt(b, 16);
    }
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new Error(`unicode-range: cannot read "${raw.trim()}"`);
    }
    ranges.push([start, end]);
  }
  return ranges.sort((x, y) => x[0] - y[0]);
}

function inSorted(ranges: readonly CodePointRange[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Which subset draws a code point: the first, in the order given, whose range has it. */
export type Coverage = (codePoint: number) => string | undefined;

export function createCoverage(subsets: readonly FontSubset[]): Coverage {
  const sorted = subsets.map((s) => ({ id: s.id, ranges: [...s.ranges].sort((x, y) => x[0] - y[0]) }));
  const memo = new Map<number, string | undefined>();
  return (cp) => {
    if (memo.has(cp)) return memo.get(cp);
    const id = sorted.find((s) => inSorted(s.ranges, cp))?.id;
    memo.set(cp, id);
    return id;
  };
}

/** Code points a shaper handles without a glyph of their own (joiners, variation selectors). */
const isIgnorable = (cp: number) =>
  cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** NFC, one space for any run of whitespace or control characters, trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

export interface CoveredText {
  text: string;
  /** Graphemes no loaded font draws, each once, in order of appearance. */
  dropped: string[];
}

/**
 * Keeps the graphemes every code point of which some font covers and drops the rest
 * (emoji, scripts without a font), so nothing is drawn as a missing-glyph box.
 */
export function keepCovered(text: string, covers: Coverage): CoveredText {
  const normalized = normalizeText(text);
  // Nearly every text is covered code point by code point: then every grapheme is kept, and
  // there is no need to split it into graphemes (the costly part).
  let covered = true;
  for (const ch of normalized) {
    const cp = ch.codePointAt(0)!;
    if (!isIgnorable(cp) && covers(cp) === undefined) {
      covered = false;
      break;
    }
  }
  if (covered) return { text: normalized, dropped: [] };
  const dropped: string[] = [];
  let kept = '';
  for (const { segment } of graphemes.segment(normalized)) {
    const ok = [...segment].every((ch) => {
      const cp = ch.codePointAt(0)!;
      return isIgnorable(cp) || covers(cp) !== undefined;
    });
    if (ok) kept += segment;
    else if (!dropped.includes(segment)) dropped.push(segment);
  }
  return { text: normalizeText(kept), dropped };
}

/** The subset ids needed to draw `text`. */
export function subsetsFor(text: string, covers: Coverage): Set<string> {
  const ids = new Set<string>();
  for (const ch of text) {
    const id = covers(ch.codePointAt(0)!);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------
// Measuring and fitting text (estimates in em; satori's lineClamp is the exact guard)

/** East Asian wide and fullwidth characters: one em each, and a line may break after any. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** True when the text has characters a CJK font has to draw. */
export function needsCjk(text: string): boolean {
  for (const ch of text) if (isWide(ch.codePointAt(0)!)) return true;
  return false;
}

/** Advance widths of Inter Bold for U+0020..U+007E, in hundredths of an em (from its hmtx table). */
const ASCII_WIDTHS = [
  24, 34, 55, 65, 65, 102, 67, 34, 38, 38, 56, 68, 33, 47, 33, 39, 67, 43, 63, 65, 68, 62, 65, 58, 65, 65, 33, 34, 68, 68,
  68, 56, 102, 75, 66, 74, 72, 61, 59, 75, 75, 28, 58, 72, 57, 93, 76, 77, 65, 78, 66, 65, 67, 73, 75, 104, 74, 73, 66, 38,
  39, 38, 49, 48, 37, 58, 63, 59, 63, 60, 40, 63, 62, 27, 27, 58, 27, 91, 62, 61, 63, 63, 41, 56, 37, 62, 60, 85, 58, 60,
  57, 47, 37, 47, 68,
];

const asciiWidth = (cp: number) => (cp >= 0x20 && cp <= 0x7e ? ASCII_WIDTHS[cp - 0x20]! / 100 : undefined);

/**
 * Estimated advance of a character in em, for Inter Bold: exact for ASCII, the base
 * letter's for accented Latin, one em for wide characters, an average for the rest.
 */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (isWide(cp)) return 1;
  if (ch === '…') return 1;
  const exact = asciiWidth(cp) ?? asciiWidth(ch.normalize('NFD').codePointAt(0)!);
  if (exact !== undefined) return exact;
  if (/\p{M}/u.test(ch)) return 0;
  return /\p{Lu}/u.test(ch) ? 0.75 : 0.62;
}

export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidthEm(ch);
  return width;
}

/** A line as a slice of the text: [start, end) in UTF-16 offsets, end before any break space. */
interface LineSlice {
  start: number;
  end: number;
}

/** Greedy line breaking at spaces, after hyphens and between wide characters. */
export function wrapText(text: string, maxWidthEm: number): string[] {
  return wrapSlices(text, maxWidthEm).map(({ start, end }) => text.slice(start, end));
}

/** Break units: a run of spaces, one wide character, or a word (ending after a hyphen). */
function tokenize(text: string): { token: string; at: number }[] {
  const tokens: { token: string; at: number }[] = [];
  let current = '';
  let at = 0;
  let offset = 0;
  const flush = () => {
    if (current !== '') tokens.push({ token: current, at });
    current = '';
  };
  for (const ch of text) {
    const space = ch === ' ';
    const wide = isWide(ch.codePointAt(0)!);
    if (current !== '' && (wide || space !== current.startsWith(' ') || current.endsWith('-'))) flush();
    if (current === '') at = offset;
    current += ch;
    if (wide) flush();
    offset += ch.length;
  }
  flush();
  return tokens;
}

function wrapSlices(text: string, maxWidthEm: number): LineSlice[] {
  const lines: LineSlice[] = [];
  let line: LineSlice | undefined;
  let width = 0;
  let space = 0;
  for (const { token, at } of tokenize(text)) {
    const w = textWidthEm(token);
    if (token.startsWith(' ')) {
      space += w;
      continue;
    }
    if (line && width + space + w <= maxWidthEm) {
      line.end = at + token.length;
      width += space + w;
    } else if (w <= maxWidthEm) {
      line = { start: at, end: at + token.length };
      lines.push(line);
      width = w;
    } else {
      // a word wider than the line starts a line and breaks between characters (break-word)
      line = { start: at, end: at };
      lines.push(line);
      width = 0;
      let offset = at;
      for (const ch of token) {
        const cw = charWidthEm(ch);
        if (width + cw > maxWidthEm && line.end > line.start) {
          line = { start: offset, end: offset };
          lines.push(line);
          width = 0;
        }
        line.end = offset + ch.length;
        width += cw;
        offset += ch.length;
      }
    }
    space = 0;
  }
  return lines;
}

export interface TitleLayout {
  /** The title to draw, cut with an ellipsis when even the smallest size overflows. */
  text: string;
  fontSize: number;
  maxLines: number;
}

/** Title sizes, largest first: a title takes the first that fits in its number of lines. */
export const TITLE_SIZES: readonly { fontSize: number; maxLines: number }[] = [
  { fontSize: 80, maxLines: 2 },
  { fontSize: 68, maxLines: 3 },
  { fontSize: 58, maxLines: 4 },
  { fontSize: 50, maxLines: 4 },
];

/** Chooses the title's size for a text column `widthPx` wide, and cuts what still overflows. */
export function titleLayout(title: string, widthPx: number): TitleLayout {
  const text = normalizeText(title);
  for (const size of TITLE_SIZES) {
    if (wrapText(text, widthPx / size.fontSize).length <= size.maxLines) return { text, ...size };
  }
  const last = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  return { text: truncateToLines(text, widthPx / last.fontSize, last.maxLines), ...last };
}

/** The text cut to `maxLines` lines of `maxWidthEm`, ending in "…" when anything was cut. */
export function truncateToLines(text: string, maxWidthEm: number, maxLines: number): string {
  const lines = wrapSlices(text, maxWidthEm);
  if (lines.length <= maxLines) return text;
  const lastLine = lines[maxLines - 1]!;
  const budget = maxWidthEm - charWidthEm('…');
  const chars = [...text.slice(lastLine.start, lastLine.end)];
  while (chars.length > 0 && textWidthEm(chars.join('')) > budget) chars.pop();
  let cut = chars.join('');
  // prefer ending at a word boundary when the line has one in its second half
  const space = cut.lastIndexOf(' ');
  if (space > cut.length / 2) cut = cut.slice(0, space);
  cut = cut.replace(/[\s\p{P}]+$/u, '');
  return `${text.slice(0, lastLine.start)}${cut}…`;
}

/** Cuts a one-line label to `maxWidthEm`, with "…". */
export function truncateLabel(text: string, maxWidthEm: number): string {
  const clean = normalizeText(text);
  if (textWidthEm(clean) <= maxWidthEm) return clean;
  const chars = [...clean];
  while (chars.length > 0 && textWidthEm(chars.join('')) > maxWidthEm - charWidthEm('…')) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

export interface FittedTags {
  /** Labels to draw as pills, "#" included. */
  shown: string[];
  /** How many tags did not fit (drawn as a "+N" pill). */
  more: number;
}

export interface PillMetrics {
  fontSize: number;
  /** Horizontal padding inside a pill, each side. */
  padding: number;
  /** Space between pills. */
  gap: number;
}

const pillWidth = (label: string, m: PillMetrics) => textWidthEm(label) * m.fontSize + 2 * m.padding;

/** As many "#tag" pills, in order, as fit in `budgetPx`, keeping room for a "+N" pill. */
export function fitTags(tags: readonly string[], budgetPx: number, metrics: PillMetrics, maxLabelEm = 14): FittedTags {
  const labels = tags.map((t) => truncateLabel(`#${normalizeText(t).replace(/^#+/, '')}`, maxLabelEm)).filter((l) => l !== '#');
  const shown: string[] = [];
  let used = 0;
  for (const [i, label] of labels.entries()) {
    const w = (shown.length > 0 ? metrics.gap : 0) + pillWidth(label, metrics);
    const rest = labels.length - i - 1;
    const reserve = rest > 0 ? metrics.gap + pillWidth(`+${rest}`, metrics) : 0;
    if (used + w + reserve > budgetPx) break;
    shown.push(label);
    used += w;
  }
  return { shown, more: labels.length - shown.length };
}

// ---------------------------------------------------------------------------------------
// The card's text, ready to draw

/** Sizes the template draws with; the fitting rules below measure against the same numbers. */
export const OG_LAYOUT = {
  padX: 80,
  padY: 64,
  /** The accent bar along the top edge, and the rule above the footer. */
  accentBar: 10,
  rule: 2,
  siteNameSize: 30,
  markSize: 26,
  footerSize: 26,
  pill: { fontSize: 24, padding: 16, gap: 12 },
} as const;

/** The width between the side paddings: the title's, the footer rule's, what the tags fit in. */
export const OG_CONTENT_WIDTH = OG_WIDTH - 2 * OG_LAYOUT.padX;

export interface OgCardLayout {
  title: TitleLayout;
  date: string;
  siteName: string;
  tags: FittedTags;
  /** Graphemes left out because no loaded font draws them (emoji, uncovered scripts). */
  dropped: string[];
}

/** What a card draws: text the fonts cover, the title's size, labels and tags that fit. */
export function layoutOgCard(card: OgCard, covers: Coverage): OgCardLayout {
  const dropped = new Set<string>();
  const clean = (text: string) => {
    const covered = keepCovered(text, covers);
    for (const g of covered.dropped) dropped.add(g);
    return covered.text;
  };
  const width = OG_CONTENT_WIDTH;
  const title = titleLayout(clean(card.title), width);
  const siteName = truncateLabel(clean(card.siteName), (width - OG_LAYOUT.markSize - 16) / OG_LAYOUT.siteNameSize);
  const date = truncateLabel(clean(card.date), 16);
  const dateWidth = textWidthEm(date) * OG_LAYOUT.footerSize;
  const tags = fitTags(
    card.tags.map(clean).filter((t) => t !== ''),
    width - dateWidth - 40,
    OG_LAYOUT.pill,
  );
  return { title, date, siteName, tags, dropped: [...dropped] };
}
