/**
 * The interface in the site's language: one table per language (this folder), chosen by the
 * site's `lang`, single strings overridden by the `strings` setting, a key a table lacks taken
 * from English. Numbers and plurals through Intl, so "1 min read" and "5 posts" follow the
 * language's own rules.
 */
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type Entry, type StringKey, type Strings } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { pt } from './pt.ts';
import { zhCN } from './zh-CN.ts';

export type { Entry, StringKey, Strings };

/** The languages Folio ships, by BCP 47 tag. */
export const LANGUAGES: Readonly<Record<string, Partial<Strings>>> = { en, de, fr, es, pt, ja, 'zh-CN': zhCN, ar };

/** Every key, in the English table's order. */
export const STRING_KEYS = Object.keys(en) as StringKey[];

/** Languages written right to left. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ckb']);

/** The table for a language tag: exact (any case), then its language ("de-AT" → de; any "zh" → zh-CN), else none. */
export function tableFor(lang: string): { tag: string; table: Partial<Strings> } | undefined {
  const exact = Object.keys(LANGUAGES).find((tag) => tag.toLowerCase() === lang.toLowerCase());
  if (exact) return { tag: exact, table: LANGUAGES[exact]! };
  const primary = lang.split('-')[0]!.toLowerCase();
  const tag = primary === 'zh' ? 'zh-CN' : primary;
  return LANGUAGES[tag] ? { tag, table: LANGUAGES[tag] } : undefined;
}

/** Keys a shipped language lacks (each falls back to English). */
export function missingKeys(tag: string): StringKey[] {
  const table = LANGUAGES[tag] ?? {};
  return STRING_KEYS.filter((key) => table[key] === undefined);
}

export function textDirection(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

export type Params = Record<string, string | number>;

export interface Translator {
  /** The string for `key`, `{name}`s filled from `params`; a plural entry picks its form by `params.n`. */
  t: (key: StringKey, params?: Params) => string;
  /**
   * The text before and after the placeholder `slot` (`{feed}`), the rest filled from `params`:
   * for a sentence with an element (a link, a date) where the language puts it.
   */
  around: (key: StringKey, slot: string, params?: Params) => [string, string];
  /** The entry as the table has it (a text, or its plural forms), for scripts that fill it in the browser. */
  entry: (key: StringKey) => Entry;
  /** A number as the locale writes it. */
  number: (n: number) => string;
  /** A list ("A, B and C") as the language joins it. */
  list: (items: readonly string[]) => string;
  lang: string;
  dir: 'rtl' | 'ltr';
}

/**
 * `lang` picks the table, `locale` formats numbers (defaults to `lang`), `overrides` are the
 * site's `strings` setting: a string, or plural forms, per key.
 */
export function createTranslator(lang: string, { locale = lang, overrides = {} }: { locale?: string; overrides?: Partial<Record<StringKey, Entry>> } = {}): Translator {
  const table: Record<string, Entry> = { ...en, ...(tableFor(lang)?.table ?? {}), ...overrides };
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  const fill = (text: string, params: Params) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value;
    });
  const translate: Translator['t'] = (key, params = {}) => {
    const entry: Entry = table[key] ?? en[key];
    if (typeof entry === 'string') return fill(entry, params);
    const n = typeof params['n'] === 'number' ? params['n'] : 0;
    const category = plurals.select(n);
    // Languages with a zero form use it for 0 only when the table has one.
    const form = (n === 0 && entry.zero) || entry[category] || entry.other;
    return fill(form, params);
  };
  return {
    t: translate,
    around(key, slot, params = {}) {
      const [before = '', after = ''] = translate(key, { ...params, [slot]: '\u0000' }).split('\u0000');
      return [before, after];
    },
    entry: (key) => table[key] ?? en[key],
    number: (n) => numbers.format(n),
    list: (items) => lists.format(items),
    lang,
    dir: textDirection(lang),
  };
}
