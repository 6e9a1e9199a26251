import { createHash } from 'node:crypto';
import { formatDate, type DateParts } from './dates.ts';
import { isSocialCover, type Cover } from './images.ts';
import type { TagIndex } from './tags.ts';

/**
 * Open Graph cards: what a post's social image shows, its cache key, its route, and the
 * text rules (font coverage, title size, line breaks and truncation, tag fitting). Pure:
 * widths come from the measure function the renderer passes in (src/integrations/og-image.ts,
 * Skia's measureText), so the lines laid out here are exactly the lines drawn.
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
/** JPEG: what Facebook, X, LinkedIn, Slack and Discord all take, and cheap to encode. */
export const OG_IMAGE_TYPE = 'image/jpeg';

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

/**
 * What a post's card shows: its title, its date as the site writes dates, the site's name,
 * and its tags by the label the site shows for each (the tag index's choice among the
 * spellings posts use). One function for the pages and for the cards drawn early, during
 * content sync (src/loaders/early-cards.ts), so both ask for the same card.
 */
export function postCard(post: { title: string; date: DateParts; tags: readonly string[] }, tags: Pick<TagIndex<unknown>, 'forLabel'>, site: { title: string; locale: string }): OgCard {
  return { title: post.title, date: formatDate(post.date, { locale: site.locale }), siteName: site.title, tags: post.tags.map((label) => tags.forLabel(label)?.label ?? label) };
}

/** Whether a post's social image is a generated card: cards on, and no cover platforms can show (none, or an SVG). */
export const hasOgCard = (post: { image?: Cover | undefined }, ogImages: boolean): boolean => ogImages && !(post.image && isSocialCover(post.image));

/** The image's route under the site, e.g. `og/notes/first.jpg` (pass it to `urls.path`). */
export function ogImagePath(postSlug: string): string {
  const segments = postSlug.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) {
    throw new Error(`og image: expected a post slug such as "notes/first", found "${postSlug}"`);
  }
  return `og/${segments.join('/')}.jpg`;
}

// ---------------------------------------------------------------------------------------
// Font coverage

export type CodePointRange = readonly [start: number, end: number];

/** One font file's `unicode-range`, as fontsource's unicode.json and CSS give it. */
export interface FontSubset {
  id: string;
  ranges: readonly CodePointRange[];
  /**
   * Whether the file has a glyph for a code point of its ranges: the ranges are wider than
   * the files (Inter's latin range has U+2000-206F, its latin file no "†" or "‰").
   */
  has?: (codePoint: number) => boolean;
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

/** Which subset draws a code point: the first, in the order given, whose range and file have it. */
export type Coverage = (codePoint: number) => string | undefined;

export function createCoverage(subsets: readonly FontSubset[]): Coverage {
  const sorted = subsets.map((s) => ({ ...s, ranges: [...s.ranges].sort((x, y) => x[0] - y[0]) }));
  const memo = new Map<number, string | undefined>();
  return (cp) => {
    if (memo.has(cp)) return memo.get(cp);
    const id = sorted.find((s) => inSorted(s.ranges, cp) && (s.has?.(cp) ?? true))?.id;
    memo.set(cp, id);
    return id;
  };
}

/** Code points a shaper handles without a glyph of their own (joiners, variation selectors). */
const isIgnorable = (cp: number) => cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

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
// Measuring and fitting text

/** A text style the card draws with; `tracking` is letter spacing in em. */
export interface OgFont {
  size: number;
  weight: 400 | 700;
  tracking?: number;
}

/** The width in pixels of `text` drawn in `font`: the renderer's own measurement. */
export type MeasureText = (text: string, font: OgFont) => number;

/** East Asian wide and fullwidth characters: a line may break after any of them. */
function isWide(cp: number): boolean {
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

/** A line as a slice of the text: [start, end) in UTF-16 offsets, end before any break space. */
interface LineSlice {
  start: number;
  end: number;
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

/**
 * Greedy line breaking at spaces, after hyphens and between wide characters; a word wider
 * than the line starts a line of its own and breaks between characters (CSS break-word).
 * Every candidate line is measured whole, so kerning and shaping are counted as drawn.
 */
function wrapSlices(text: string, maxWidth: number, font: OgFont, measure: MeasureText): LineSlice[] {
  const fits = (start: number, end: number) => measure(text.slice(start, end), font) <= maxWidth;
  const lines: LineSlice[] = [];
  let line: LineSlice | undefined;
  for (const { token, at } of tokenize(text)) {
    if (token.startsWith(' ')) continue;
    const end = at + token.length;
    if (line && fits(line.start, end)) {
      line.end = end;
    } else if (fits(at, end)) {
      line = { start: at, end };
      lines.push(line);
    } else {
      line = undefined;
      let offset = at;
      for (const ch of token) {
        const next = offset + ch.length;
        if (line && fits(line.start, next)) line.end = next;
        else lines.push((line = { start: offset, end: next }));
        offset = next;
      }
    }
  }
  return lines;
}

export function wrapText(text: string, maxWidth: number, font: OgFont, measure: MeasureText): string[] {
  return wrapSlices(text, maxWidth, font, measure).map(({ start, end }) => text.slice(start, end));
}

/**
 * The text cut to `maxWidth` with "…" when it does not fit: at a word boundary when the
 * line has one in its second half, without trailing spaces or punctuation.
 */
export function ellipsize(text: string, maxWidth: number, font: OgFont, measure: MeasureText): string {
  if (measure(text, font) <= maxWidth) return text;
  const chars = [...text];
  // the longest prefix that fits with the ellipsis (widths grow with the prefix)
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${chars.slice(0, mid).join('')}…`, font) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return `${cut.replace(/[\s\p{P}]+$/u, '')}…`;
}

export interface TitleLayout {
  /** The lines to draw, the last cut with "…" when even the smallest size overflows. */
  lines: string[];
  font: OgFont;
}

/** Title sizes, largest first: a title takes the first that fits in its number of lines. */
export const TITLE_SIZES: readonly { fontSize: number; maxLines: number }[] = [
  { fontSize: 80, maxLines: 2 },
  { fontSize: 68, maxLines: 3 },
  { fontSize: 58, maxLines: 4 },
  { fontSize: 50, maxLines: 4 },
];

/** Chooses the title's size for a column `width` pixels wide, and cuts what still overflows. */
export function titleLayout(title: string, width: number, measure: MeasureText): TitleLayout {
  const text = normalizeText(title);
  let slices: LineSlice[] = [];
  let font: OgFont = OG_LAYOUT.title(TITLE_SIZES[0]!.fontSize);
  let maxLines = 0;
  for (const size of TITLE_SIZES) {
    font = OG_LAYOUT.title(size.fontSize);
    maxLines = size.maxLines;
    slices = wrapSlices(text, width, font, measure);
    if (slices.length <= maxLines) break;
  }
  const lines = slices.slice(0, maxLines).map(({ start, end }) => text.slice(start, end));
  if (slices.length > maxLines) lines[maxLines - 1] = ellipsize(text.slice(slices[maxLines - 1]!.start), width, font, measure);
  return { lines, font };
}

export interface FittedTags {
  /** Labels to draw as pills, "#" included. */
  shown: string[];
  /** How many tags did not fit (drawn as a "+N" pill). */
  more: number;
}

/** A "#tag" pill's width: its label and the padding on both sides. */
export const pillWidth = (label: string, measure: MeasureText) => measure(label, OG_LAYOUT.pill.font) + 2 * OG_LAYOUT.pill.padding;

/** As many "#tag" pills, in order, as fit in `budget` pixels, keeping room for a "+N" pill. */
export function fitTags(tags: readonly string[], budget: number, measure: MeasureText): FittedTags {
  const { font, gap, maxLabel } = OG_LAYOUT.pill;
  const labels = tags.map((t) => ellipsize(`#${normalizeText(t).replace(/^#+/, '')}`, maxLabel, font, measure)).filter((l) => l !== '#');
  const shown: string[] = [];
  let used = 0;
  for (const [i, label] of labels.entries()) {
    const w = (shown.length > 0 ? gap : 0) + pillWidth(label, measure);
    const rest = labels.length - i - 1;
    const reserve = rest > 0 ? gap + pillWidth(`+${rest}`, measure) : 0;
    if (used + w + reserve > budget) break;
    shown.push(label);
    used += w;
  }
  return { shown, more: labels.length - shown.length };
}

// ---------------------------------------------------------------------------------------
// The card's text, ready to draw

/** Sizes the renderer draws with; the fitting rules measure against the same numbers. */
export const OG_LAYOUT = {
  padX: 80,
  padY: 64,
  /** The accent bar along the top edge, and the rule above the footer. */
  accentBar: 10,
  rule: 2,
  markSize: 26,
  siteName: { size: 30, weight: 700, tracking: -0.01 } satisfies OgFont,
  title: (size: number): OgFont => ({ size, weight: 700, tracking: -0.02 }),
  lineHeight: 1.12,
  date: { size: 26, weight: 400 } satisfies OgFont,
  /** The footer: its height and the space between the rule and its row. */
  footerRow: 44,
  footerGap: 28,
  pill: { font: { size: 24, weight: 400 } satisfies OgFont, padding: 16, gap: 12, maxLabel: 336 },
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

/** The card's text with what no font covers left out, and what was left out. */
export function coveredCard(card: OgCard, covers: Coverage): { card: OgCard; dropped: string[] } {
  const dropped = new Set<string>();
  const clean = (text: string) => {
    const covered = keepCovered(text, covers);
    for (const g of covered.dropped) dropped.add(g);
    return covered.text;
  };
  const title = clean(card.title);
  const siteName = clean(card.siteName);
  const covered = { title, siteName, date: clean(card.date), tags: card.tags.map(clean).filter((t) => t !== '') };
  return { card: covered, dropped: [...dropped] };
}

/** What a card draws: text the fonts cover, the title's lines and size, labels and tags that fit. */
export function layoutOgCard(card: OgCard, covers: Coverage, measure: MeasureText): OgCardLayout {
  const { card: text, dropped } = coveredCard(card, covers);
  const width = OG_CONTENT_WIDTH;
  const siteName = ellipsize(text.siteName, width - OG_LAYOUT.markSize - 16, OG_LAYOUT.siteName, measure);
  const date = ellipsize(text.date, 16 * OG_LAYOUT.date.size, OG_LAYOUT.date, measure);
  const tags = fitTags(text.tags, width - measure(date, OG_LAYOUT.date) - 40, measure);
  return { title: titleLayout(text.title, width, measure), date, siteName, tags, dropped };
}
