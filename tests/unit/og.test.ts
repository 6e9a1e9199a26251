import { beforeAll, describe, expect, it } from 'vitest';
import { ogTextTools } from '../../src/integrations/og-image';
import {
  createCoverage,
  ellipsize,
  fitTags,
  keepCovered,
  layoutOgCard,
  normalizeText,
  OG_CONTENT_WIDTH,
  OG_LAYOUT,
  ogCacheKey,
  ogImagePath,
  hasOgCard,
  postCard,
  parseUnicodeRange,
  pillWidth,
  subsetsFor,
  titleLayout,
  TITLE_SIZES,
  wrapText,
  type Coverage,
  type MeasureText,
  type OgCard,
} from '../../src/lib/og';
import { buildTagIndex } from '../../src/lib/tags';

const card: OgCard = { title: 'Becoming a Tech Lead', date: '3 March 2024', siteName: 'Folio', tags: ['tech', 'career'] };

// Small stand-ins for the fontsource tables: Basic Latin + Latin-1, Latin Extended-A, kana
const coverage = createCoverage([
  { id: 'latin', ranges: parseUnicodeRange('U+0000-00FF, U+2026') },
  { id: 'latin-ext', ranges: parseUnicodeRange('U+0100-017F') },
  { id: 'kana', ranges: parseUnicodeRange('U+3040-30FF, U+3001-3002') },
  { id: 'kanji', ranges: parseUnicodeRange('U+65E5, U+672C, U+8A9E') },
]);

describe('ogCacheKey', () => {
  it('is stable for the same card and version', () => {
    expect(ogCacheKey(card, 'v1')).toBe(ogCacheKey({ ...card, tags: [...card.tags] }, 'v1'));
    expect(ogCacheKey(card, 'v1')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes when anything drawn changes', () => {
    const base = ogCacheKey(card, 'v1');
    const variants: [string, string][] = [
      ['title', ogCacheKey({ ...card, title: 'Becoming a Tech Lead!' }, 'v1')],
      ['date', ogCacheKey({ ...card, date: '4 March 2024' }, 'v1')],
      ['site name', ogCacheKey({ ...card, siteName: 'Folio Notes' }, 'v1')],
      ['a tag', ogCacheKey({ ...card, tags: ['tech', 'careers'] }, 'v1')],
      ['tag order', ogCacheKey({ ...card, tags: ['career', 'tech'] }, 'v1')],
      ['one tag fewer', ogCacheKey({ ...card, tags: ['tech'] }, 'v1')],
      ['template or font version', ogCacheKey(card, 'v2')],
    ];
    for (const [what, key] of variants) expect(key, what).not.toBe(base);
    expect(new Set(variants.map(([, k]) => k)).size).toBe(variants.length);
  });

  it('does not confuse fields whose text runs together', () => {
    expect(ogCacheKey({ ...card, tags: ['ab', 'c'] }, 'v')).not.toBe(ogCacheKey({ ...card, tags: ['a', 'bc'] }, 'v'));
    expect(ogCacheKey({ ...card, title: 'a', date: 'b' }, 'v')).not.toBe(ogCacheKey({ ...card, title: 'ab', date: '' }, 'v'));
  });
});

describe('postCard', () => {
  const post = { title: 'Becoming a Tech Lead', date: { day: '2024-03-03' }, tags: ['tech', 'Career'] };

  it("shows the title, the date as the site writes it, the site's name and the tags by the site's labels", () => {
    // the site shows "Career" as "career" (the spelling most posts use); "tech" as written
    const tags = buildTagIndex([
      { id: 'a', tags: ['career'] },
      { id: 'b', tags: ['career'] },
      { id: 'c', tags: ['Career', 'tech'] },
    ]);
    expect(postCard(post, tags, { title: 'Folio', locale: 'en-GB' })).toEqual({
      title: 'Becoming a Tech Lead',
      date: '3 March 2024',
      siteName: 'Folio',
      tags: ['tech', 'career'],
    });
    expect(postCard(post, tags, { title: 'Blog', locale: 'de-DE' }).date).toBe('3. März 2024');
  });

  it('is wanted when cards are on and the post has no cover social sites can show', () => {
    expect(hasOgCard({}, true)).toBe(true);
    expect(hasOgCard({}, false)).toBe(false);
    expect(hasOgCard({ image: { kind: 'url', src: 'https://example.org/cover.png' } }, true)).toBe(false);
    expect(hasOgCard({ image: { kind: 'local', image: { format: 'webp' } } }, true)).toBe(false);
    expect(hasOgCard({ image: { kind: 'local', image: './diagram.svg' } }, true)).toBe(true);
  });
});

describe('ogImagePath', () => {
  it('puts the image under og/ with the post slug', () => {
    expect(ogImagePath('becoming-a-tech-lead')).toBe('og/becoming-a-tech-lead.jpg');
    expect(ogImagePath('notes/first')).toBe('og/notes/first.jpg');
    expect(ogImagePath('/notes//first/')).toBe('og/notes/first.jpg');
    expect(ogImagePath('日本語')).toBe('og/日本語.jpg');
  });

  it('refuses empty slugs and dot segments', () => {
    expect(() => ogImagePath('')).toThrow(/post slug/);
    expect(() => ogImagePath('../etc')).toThrow(/post slug/);
  });
});

describe('unicode ranges and coverage', () => {
  it('parses single points, ranges and wildcards, sorted', () => {
    expect(parseUnicodeRange('U+0100-02BA, U+0041,u+4??')).toEqual([
      [0x41, 0x41],
      [0x100, 0x2ba],
      [0x400, 0x4ff],
    ]);
    expect(() => parseUnicodeRange('U+zz')).toThrow(/unicode-range/);
  });

  it('names the first subset that covers a code point', () => {
    expect(coverage(0x41)).toBe('latin');
    expect(coverage(0x17c)).toBe('latin-ext'); // ż
    expect(coverage(0x306e)).toBe('kana'); // の
    expect(coverage(0x1f680)).toBeUndefined(); // 🚀
    expect([...subsetsFor('Żółć の日', coverage)].sort()).toEqual(['kana', 'kanji', 'latin', 'latin-ext']);
  });

  it('keeps covered text and reports each dropped grapheme once', () => {
    expect(keepCovered('Żółć Ñandú Ærøskøbing', coverage)).toEqual({ text: 'Żółć Ñandú Ærøskøbing', dropped: [] });
    expect(keepCovered('日本語のタイトル', coverage)).toEqual({ text: '日本語のタイトル', dropped: [] });
    // emoji (with a skin tone, a ZWJ family, a variation selector) and Hangul go whole
    expect(keepCovered('Ship 🚀 it 👍🏽 👨‍👩‍👧 ❤️ 한국 🚀', coverage)).toEqual({
      text: 'Ship it',
      dropped: ['🚀', '👍🏽', '👨‍👩‍👧', '❤️', '한', '국'],
    });
  });

  it('normalizes to NFC and one space', () => {
    expect(normalizeText('  Cafe\u0301\n\tlatte  ')).toBe('Café latte');
    expect(keepCovered('Cafe\u0301', coverage).text).toBe('Café');
  });

  it('skips a subset whose range has a character its file lacks, for the next that has it', () => {
    const files = createCoverage([
      { id: 'latin', ranges: parseUnicodeRange('U+0000-00FF, U+2000-206F'), has: (cp) => cp !== 0x2020 && cp !== 0x204a },
      { id: 'latin-ext', ranges: parseUnicodeRange('U+2020') },
    ]);
    expect(files(0x41)).toBe('latin');
    expect(files(0x2020)).toBe('latin-ext'); // †
    expect(files(0x204a)).toBeUndefined(); // ⁊: in a range, in no file
  });
});

// The renderer's own fonts and Skia's measureText: the widths the card is drawn with.
let real: { coverage: Coverage; measure: MeasureText };
beforeAll(async () => {
  real = await ogTextTools();
});

/** A measure that records every text the layout asked about. */
function spying(measure: MeasureText) {
  const asked: string[] = [];
  return { asked, measure: ((text, font) => (asked.push(text), measure(text, font))) satisfies MeasureText };
}

/** Fixed-width stand-in (10 px a character) for the break rules themselves. */
const mono: MeasureText = (text) => [...text].length * 10;
const font = OG_LAYOUT.title(80);

describe('line breaking', () => {
  it('breaks at spaces, after hyphens, between CJK characters, and inside overlong words', () => {
    expect(wrapText('Hello world and more', 50, font, mono)).toEqual(['Hello', 'world', 'and', 'more']);
    expect(wrapText('Hello world and more', 110, font, mono)).toEqual(['Hello world', 'and more']);
    expect(wrapText('Hello world and more', 1000, font, mono)).toEqual(['Hello world and more']);
    expect(wrapText('well-known', 50, font, mono)).toEqual(['well-', 'known']);
    expect(wrapText('日本語のタイトル', 30, font, mono)).toEqual(['日本語', 'のタイ', 'トル']);
    expect(wrapText('a Supercalifragilistic', 50, font, mono)).toEqual(['a', 'Super', 'calif', 'ragil', 'istic']);
  });

  it('wraps a long title at exact widths: every line fits, and no line could take the next word', () => {
    const title = 'Japanese Text, Accents and the Quiet Work of Typography in a Longer Title Than Most';
    const { lines, font: used } = titleLayout(title, OG_CONTENT_WIDTH, real.measure);
    expect(used.size).toBeLessThan(TITLE_SIZES[0]!.fontSize);
    expect(lines.join(' ')).toBe(title);
    expect(lines.length).toBeLessThanOrEqual(TITLE_SIZES.find((s) => s.fontSize === used.size)!.maxLines);
    for (const [i, line] of lines.entries()) {
      expect(real.measure(line, used), line).toBeLessThanOrEqual(OG_CONTENT_WIDTH);
      const next = lines[i + 1]?.split(' ')[0];
      if (next) expect(real.measure(`${line} ${next}`, used), `${line} + ${next}`).toBeGreaterThan(OG_CONTENT_WIDTH);
    }
    // the largest size that fits: one size up takes more lines than it may
    const larger = TITLE_SIZES[TITLE_SIZES.findIndex((s) => s.fontSize === used.size) - 1]!;
    expect(wrapText(title, OG_CONTENT_WIDTH, OG_LAYOUT.title(larger.fontSize), real.measure).length).toBeGreaterThan(larger.maxLines);
  });

  it('wraps a CJK title between characters at exact widths', () => {
    const title = '日本語のタイトルと東京の夏、そして長い文章がここに続きます。もっと長く書きます';
    const { lines, font: used } = titleLayout(title, OG_CONTENT_WIDTH, real.measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(title);
    for (const [i, line] of lines.entries()) {
      expect(real.measure(line, used)).toBeLessThanOrEqual(OG_CONTENT_WIDTH);
      const next = lines[i + 1]?.[0];
      if (next) expect(real.measure(line + next, used)).toBeGreaterThan(OG_CONTENT_WIDTH);
    }
    // kanji are one em wide in Noto Sans JP, less the title's letter spacing (-0.02 em after each)
    expect(real.measure('日本語', OG_LAYOUT.title(80))).toBeCloseTo(3 * (80 - 1.6), 1);
  });

  it('cuts what overflows the smallest size with an ellipsis, at a word boundary', () => {
    const { lines, font: used } = titleLayout('word '.repeat(120), OG_CONTENT_WIDTH, real.measure);
    expect(used.size).toBe(TITLE_SIZES.at(-1)!.fontSize);
    expect(lines).toHaveLength(TITLE_SIZES.at(-1)!.maxLines);
    expect(lines.at(-1)).toMatch(/ word…$/);
    for (const line of lines) expect(real.measure(line, used)).toBeLessThanOrEqual(OG_CONTENT_WIDTH);
    const cjk = titleLayout('東京の夏'.repeat(40), OG_CONTENT_WIDTH, real.measure);
    expect(cjk.lines.at(-1)!.endsWith('…')).toBe(true);
    expect(real.measure(cjk.lines.at(-1)!, cjk.font)).toBeLessThanOrEqual(OG_CONTENT_WIDTH);
  });
});

describe('labels and tags', () => {
  it('cuts one-line labels to a width', () => {
    const label = OG_LAYOUT.siteName;
    expect(ellipsize('Folio', 300, label, real.measure)).toBe('Folio');
    const cut = ellipsize('A very long site name indeed', 200, label, real.measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(real.measure(cut, label)).toBeLessThanOrEqual(200);
  });

  it('fits "#tag" pills in order within the budget and counts the rest', () => {
    expect(fitTags(['astro', 'css'], 1000, real.measure)).toEqual({ shown: ['#astro', '#css'], more: 0 });
    expect(fitTags(['#already'], 1000, real.measure).shown).toEqual(['#already']);
    const tags = ['astro', 'typescript', 'web', 'performance', 'css', 'rust'];
    const some = fitTags(tags, 500, real.measure);
    expect(some.shown.length).toBeGreaterThan(0);
    expect(some.shown.length + some.more).toBe(6);
    const widths = [...some.shown, `+${some.more}`].map((l) => pillWidth(l, real.measure));
    expect(widths.reduce((a, b) => a + b) + OG_LAYOUT.pill.gap * (widths.length - 1)).toBeLessThanOrEqual(500);
    expect(fitTags(['a', 'b'], 0, real.measure)).toEqual({ shown: [], more: 2 });
  });
});

describe('layoutOgCard', () => {
  it('leaves out what no font covers, reports it, and never measures (or draws) it', () => {
    const spy = spying(real.measure);
    const layout = layoutOgCard({ title: 'Shipping 🚀 with 한국어', date: '3 March 2024', siteName: 'Folio ✨', tags: ['🎉', 'news'] }, real.coverage, spy.measure);
    expect(layout.dropped).toEqual(['🚀', '한', '국', '어', '✨', '🎉']);
    expect(layout.title.lines).toEqual(['Shipping with']);
    expect(layout.siteName).toBe('Folio');
    expect(layout.tags).toEqual({ shown: ['#news'], more: 0 });
    expect(spy.asked.length).toBeGreaterThan(0);
    for (const text of spy.asked) for (const gone of layout.dropped) expect(text).not.toContain(gone);
  });

  it('the check can fail: Skia would draw something for those characters (a box, or a font of the machine)', () => {
    for (const ch of ['🚀', '한']) {
      expect(real.coverage(ch.codePointAt(0)!)).toBeUndefined();
      expect(real.measure(ch, OG_LAYOUT.title(80))).toBeGreaterThan(0);
    }
  });

  it('keeps what the fonts cover: Latin Extended, Greek, Cyrillic, Japanese, and "†" (in Inter\'s latin range, but only its latin-ext file)', () => {
    const layout = layoutOgCard({ title: 'Żółć Ελληνικά Кириллица 日本語 †', date: '3 March 2024', siteName: 'Folio', tags: ['språk'] }, real.coverage, real.measure);
    expect(layout.dropped).toEqual([]);
    expect(layout.title.lines.join(' ')).toBe('Żółć Ελληνικά Кириллица 日本語 †');
    expect(real.coverage('†'.codePointAt(0)!)).toBe('inter-latin-ext');
  });
});
