/**
 * The interface's words, for the pure modules that build what pages show: they take a
 * translator (`t`, from src/i18n/ for the site's language); English when none is given.
 */
import { createTranslator, type Translator } from '../i18n/index.ts';

export type Translate = Translator['t'];

/** English, the reference table. */
export const english: Translate = createTranslator('en').t;
