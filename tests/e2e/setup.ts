import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, root } from '../helpers/build';

export const e2e = {
  out: join(root, 'tests/.output/e2e/dist'),
  cache: join(root, 'tests/.output/e2e/cache'),
  chromium: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  /** Served under a base path, as on GitHub Pages, so every link and asset is checked with it. */
  base: '/blog/',
};

/** The embeds fixture (raw HTML media, iframes, scripts), built for the CSP browser test. */
export const e2eEmbeds = {
  posts: join(root, 'tests/fixtures/embeds/posts'),
  out: join(root, 'tests/.output/e2e-embeds/dist'),
  cache: join(root, 'tests/.output/e2e-embeds/cache'),
};

/** Sites with comments and analytics set up (each provider once), for the providers' browser test. */
export const e2eProviders = {
  posts: join(root, 'tests/fixtures/engines/astro/posts'),
  sites: {
    'giscus-plausible': {
      comments: { provider: 'giscus', repo: 'owner/blog', repoId: 'R_kgDOTest', category: 'Comments', categoryId: 'DIC_kwDOTest' },
      analytics: { provider: 'plausible', domain: 'folio.example.org' },
    },
    umami: { analytics: { provider: 'umami', websiteId: '94db1cb1-74f4-4a40-ad6c-962362670409', src: 'https://analytics.example.net/script.js' } },
    goatcounter: { analytics: { provider: 'goatcounter', code: 'folio-test' } },
  } as Record<string, Record<string, unknown>>,
  out: (name: string) => join(root, `tests/.output/e2e-providers/${name}/dist`),
};

/** The sample site in Arabic (right to left), for the RTL browser test. */
export const e2eArabic = { out: join(root, 'tests/.output/e2e-ar/dist'), cache: join(root, 'tests/.output/e2e-ar/cache') };

/** Builds the sample site (src/content/posts) once for the browser tests, under /blog/, and the embeds fixture. */
export default function setup() {
  rmSync(join(root, 'tests/.output/e2e'), { recursive: true, force: true });
  rmSync(join(root, 'tests/.output/e2e-embeds'), { recursive: true, force: true });
  const embeds = astroBuild({
    contentDir: e2eEmbeds.posts,
    outDir: e2eEmbeds.out,
    cacheDir: e2eEmbeds.cache,
    env: { SITE_URL: 'https://folio.example.org', BASE_PATH: e2e.base, FOLIO_NOW: '2026-01-01T00:00:00Z' },
  });
  if (embeds.status !== 0) throw new Error(`Embeds fixture build failed:\n${embeds.output}`);
  const { status, output } = astroBuild({
    contentDir: join(root, 'src/content/posts'),
    outDir: e2e.out,
    cacheDir: e2e.cache,
    // Search shards of four posts: the sample posts' index comes in three, merged in the browser.
    env: { SITE_URL: 'https://folio.example.org', BASE_PATH: e2e.base, FOLIO_SETTINGS: JSON.stringify({ searchShardPosts: 4 }) },
  });
  if (status !== 0) throw new Error(`Sample site build failed:\n${output}`);
  rmSync(join(root, 'tests/.output/e2e-ar'), { recursive: true, force: true });
  const arabic = astroBuild({
    contentDir: join(root, 'src/content/posts'),
    outDir: e2eArabic.out,
    cacheDir: e2eArabic.cache,
    env: { SITE_URL: 'https://folio.example.org', BASE_PATH: e2e.base, FOLIO_NOW: '2026-01-01T00:00:00Z', FOLIO_SETTINGS: JSON.stringify({ lang: 'ar', ogImages: false }) },
  });
  if (arabic.status !== 0) throw new Error(`The Arabic sample site build failed:\n${arabic.output}`);
  rmSync(join(root, 'tests/.output/e2e-providers'), { recursive: true, force: true });
  for (const [name, settings] of Object.entries(e2eProviders.sites)) {
    const built = astroBuild({
      contentDir: e2eProviders.posts,
      outDir: e2eProviders.out(name),
      cacheDir: join(e2eProviders.out(name), '..', 'cache'),
      env: { SITE_URL: 'https://folio.example.org', BASE_PATH: e2e.base, FOLIO_NOW: '2026-01-01T00:00:00Z', FOLIO_SETTINGS: JSON.stringify({ ...settings, ogImages: false }) },
    });
    if (built.status !== 0) throw new Error(`The ${name} providers site build failed:\n${built.output}`);
  }
}
