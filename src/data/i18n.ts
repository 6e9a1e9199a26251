/** The interface strings of this site: its `lang`'s table, with its own `strings` (src/i18n/). */
import { createTranslator } from '../i18n/index.ts';
import { siteConfig } from '../site.config.ts';

export const i18n = createTranslator(siteConfig.lang, { locale: siteConfig.locale, overrides: siteConfig.strings ?? {} });
export const t = i18n.t;
