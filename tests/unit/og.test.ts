import { describe, expect, it } from 'vitest';
import {
  charWidthEm,
  createCoverage,
  fitTags,
  keepCovered,
  layoutOgCard,
  needsCjk,
  normalizeText,
  ogCacheKey,
  ogImagePath,
  parseUnicodeRange,
  subsetsFor,
  textWidthEm,
  titleLayout,
  TITLE_SIZES,
  truncateLabel,
  truncateToLines,
  wrapText,
  type OgCard,
} from '../../src/lib/og';

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

describe('ogImagePath', () => {
  it('puts the image under og/ with the post slug', () => {
    expect(ogImagePath('becoming-a-tech-lead')).toBe('og/becoming-a-tech-lead.png');
    expect(ogImagePath('notes/first')).toBe('og/notes/first.png');
    expect(ogImagePath('/notes//first/')).toBe('og/notes/first.png');
    expect(ogImagePath('日本語')).toBe('og/日本語.png');
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

  it('tells which text needs the CJK font', () => {
    expect(needsCjk('日本語')).toBe(true);
    expect(needsCjk('カタカナ')).toBe(true);
    expect(needsCjk('Żółć')).toBe(false);
  });
});

describe('measuring and wrapping', () => {
  it('measures ASCII exactly and accents by their base letter', () => {
    expect(charWidthEm('i')).toBeLessThan(charWidthEm('m'));
    expect(charWidthEm('é')).toBe(charWidthEm('e'));
    expect(charWidthEm('日')).toBe(1);
    expect(textWidthEm('ab')).toBeCloseTo(charWidthEm('a') + charWidthEm('b'));
  });

  it('breaks at spaces, after hyphens, between CJK characters, and inside overlong words', () => {
    expect(wrapText('Hello world and more', 4)).toEqual(['Hello', 'world', 'and', 'more']);
    expect(wrapText('Hello world and more', 6)).toEqual(['Hello world', 'and more']);
    expect(wrapText('Hello world and more', 100)).toEqual(['Hello world and more']);
    expect(wrapText('well-known', 3.5)).toEqual(['well-', 'known']);
    expect(wrapText('日本語のタイトル', 3)).toEqual(['日本語', 'のタイ', 'トル']);
    expect(wrapText('Supercalifragilistic', 5).join('')).toBe('Supercalifragilistic');
    for (const line of wrapText('Supercalifragilistic word', 5)) expect(textWidthEm(line)).toBeLessThanOrEqual(5);
  });
});

describe('titleLayout', () => {
  const width = 1040;

  it('draws short titles largest and shrinks longer ones', () => {
    const short = titleLayout('Becoming a Tech Lead', width);
    const long = titleLayout('A considerably longer title that talks about many different things at once and more', width);
    expect(short.fontSize).toBe(TITLE_SIZES[0]!.fontSize);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.text).not.toContain('…');
    expect(wrapText(long.text, width / long.fontSize).length).toBeLessThanOrEqual(long.maxLines);
  });

  it('cuts what still overflows with an ellipsis, at a word boundary', () => {
    const title = 'word '.repeat(120).trim();
    const layout = titleLayout(title, width);
    expect(layout.fontSize).toBe(TITLE_SIZES.at(-1)!.fontSize);
    expect(layout.text).toMatch(/ word…$/);
    expect(wrapText(layout.text, width / layout.fontSize)).toHaveLength(layout.maxLines);
  });

  it('cuts CJK titles between characters', () => {
    const layout = titleLayout('東京の夏'.repeat(40), width);
    expect(layout.text.endsWith('…')).toBe(true);
    expect(wrapText(layout.text, width / layout.fontSize)).toHaveLength(layout.maxLines);
  });

  it('truncateToLines leaves text that fits alone', () => {
    expect(truncateToLines('one two', 10, 1)).toBe('one two');
    expect(truncateToLines('one two three four five six', 5, 2)).toBe('one two three…');
  });
});

describe('labels and tags', () => {
  it('truncates one-line labels', () => {
    expect(truncateLabel('Folio', 10)).toBe('Folio');
    const cut = truncateLabel('A very long site name indeed', 6);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidthEm(cut)).toBeLessThanOrEqual(6);
  });

  it('fits "#tag" pills in order and counts the rest', () => {
    const metrics = { fontSize: 24, padding: 16, gap: 12 };
    expect(fitTags(['astro', 'css'], 1000, metrics)).toEqual({ shown: ['#astro', '#css'], more: 0 });
    expect(fitTags(['#already'], 1000, metrics).shown).toEqual(['#already']);
    const some = fitTags(['astro', 'typescript', 'web', 'performance', 'css', 'rust'], 500, metrics);
    expect(some.shown.length).toBeGreaterThan(0);
    expect(some.shown.length + some.more).toBe(6);
    expect(fitTags(['a', 'b'], 0, metrics)).toEqual({ shown: [], more: 2 });
  });
});

describe('layoutOgCard', () => {
  it('collects dropped graphemes from every field and drops tags left empty', () => {
    const layout = layoutOgCard(
      { title: 'Launch 🚀', date: '3 March 2024', siteName: 'Folio ✨', tags: ['🎉', 'news'] },
      coverage,
    );
    expect(layout.title.text).toBe('Launch');
    expect(layout.siteName).toBe('Folio');
    expect(layout.tags).toEqual({ shown: ['#news'], more: 0 });
    expect(layout.dropped).toEqual(['🚀', '✨', '🎉']);
  });
});
