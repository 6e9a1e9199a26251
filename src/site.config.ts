import { parseSiteConfig, type SiteConfigInput } from './lib/schema/site.ts';

/**
 * The author's settings. Everything but title, author and site has a default; see the
 * settings in docs/configuration.md. SITE_URL and BASE_PATH override `site` and `base` at build time.
 */
const settings: SiteConfigInput = {
  title: 'Folio',
  description: 'Notes on building software, leading teams and writing things down.',
  author: 'The Folio authors',
  site: 'https://folio.example.org',
  base: '/',
  lang: 'en',
  locale: 'en-US',
  timeZone: 'America/New_York',
  postsPerPage: 5,
  excerptLength: 160,
};

// FOLIO_SETTINGS (JSON) overrides settings for one build: benchmarks and tests use it,
// e.g. FOLIO_SETTINGS='{"feedLimit":50,"ogImages":false}'.
const overrides = process.env['FOLIO_SETTINGS'] ? (JSON.parse(process.env['FOLIO_SETTINGS']) as Partial<SiteConfigInput>) : {};

export const siteConfig = parseSiteConfig({ ...settings, ...overrides }, { SITE_URL: process.env['SITE_URL'], BASE_PATH: process.env['BASE_PATH'] });
