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
    // Search shards of two posts: the six sample posts' index comes in four, merged in the browser.
    env: { SITE_URL: 'https://folio.example.org', BASE_PATH: e2e.base, FOLIO_SETTINGS: JSON.stringify({ searchShardPosts: 2 }) },
  });
  if (status !== 0) throw new Error(`Sample site build failed:\n${output}`);
}
