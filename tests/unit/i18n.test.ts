import { describe, expect, it } from 'vitest';
import { createTranslator, LANGUAGES, missingKeys, STRING_KEYS, tableFor, textDirection } from '../../src/i18n';
import { en } from '../../src/i18n/en';

describe('the string tables', () => {
  it.each(Object.keys(LANGUAGES))('%s has every key (a missing one would show English)', (tag) => {
    expect(missingKeys(tag)).toEqual([]);
  });

  it.each(Object.keys(LANGUAGES))('%s keeps every {placeholder} of the English string, and plural entries have an "other" form', (tag) => {
    const table = LANGUAGES[tag]!;
    const names = (entry: unknown) => [...new Set([...JSON.stringify(entry).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const key of STRING_KEYS) {
      const mine = table[key];
      const english = en[key];
      if (typeof english === 'object') expect(typeof mine === 'object' && 'other' in mine, `${tag} ${key}`).toBe(true);
      const needed = names(english).filter((name) => name !== 'n' || typeof english === 'string');
      // A language may leave a count unsaid where its words carry it (Arabic "two posts").
      expect(
        names(mine).filter((name) => needed.includes(name)),
        `${tag} ${key}`,
      ).toEqual(needed);
    }
  });
});

describe('createTranslator', () => {
  it('picks the table by language, falling back by language then to English', () => {
    expect(tableFor('de-AT')?.tag).toBe('de');
    expect(tableFor('zh-Hans')?.tag).toBe('zh-CN');
    expect(tableFor('pt-BR')?.tag).toBe('pt');
    expect(tableFor('ko')).toBeUndefined();
    expect(createTranslator('ko').t('nav.home')).toBe('Home');
    expect(createTranslator('fr-CA').t('nav.archive')).toBe('Archives');
  });

  it('fills placeholders and chooses plural forms by the language’s rules, numbers as the locale writes them', () => {
    const english = createTranslator('en');
    expect([1, 2].map((n) => english.t('tag.summary', { n, tag: 'go' }))).toEqual(['1 post tagged go.', '2 posts tagged go.']);
    expect(createTranslator('en', { locale: 'en-US' }).t('tag.count', { n: 1200 })).toBe('1,200 posts');
    const german = createTranslator('de');
    expect([1, 5].map((n) => german.t('post.minRead', { n }))).toEqual(['1 Minute Lesezeit', '5 Minuten Lesezeit']);
    const arabic = createTranslator('ar', { locale: 'ar-EG' });
    expect([1, 2, 3, 11].map((n) => arabic.t('tag.count', { n }))).toEqual(['مقالة واحدة', 'مقالتان', '٣ مقالات', '١١ مقالة']);
    expect(createTranslator('ja').t('series.part', { n: 2, total: 5 })).toBe('全5回中の第2回');
    expect(english.list(['Ada', 'Alan', 'Grace'])).toBe('Ada, Alan, and Grace');
  });

  it('splits a sentence around the placeholder an element goes in, wherever the language puts it', () => {
    expect(createTranslator('en').around('footer.text', 'feed', { site: 'Folio', author: 'Ada' })).toEqual(['Folio is written by Ada. Follow along with the ', '.']);
    expect(createTranslator('ja').around('post.updated', 'date')).toEqual(['', '更新']);
    expect(createTranslator('de').around('post.by', 'authors')).toEqual(['von ', '']);
  });

  it('lets the site override single strings, plural forms too', () => {
    const t = createTranslator('en', { overrides: { 'nav.home': 'Start', 'tag.count': { one: 'one note', other: '{n} notes' } } });
    expect(t.t('nav.home')).toBe('Start');
    expect(t.t('tag.count', { n: 1 })).toBe('one note');
    expect(t.t('nav.archive')).toBe('Archive');
  });

  it('knows which languages are written right to left', () => {
    expect(['ar', 'he', 'fa-IR', 'en', 'ja'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'ltr', 'ltr']);
    expect(createTranslator('ar').dir).toBe('rtl');
  });
});
