import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engines } from './setup';

const out = join(root, 'tests/.output/og-off');
let log = '';

// The engine-style fixture again, with social cards turned off in the site settings.
beforeAll(() => {
  const result = astroBuild({
    contentDir: engines.posts,
    outDir: join(out, 'dist'),
    cacheDir: join(out, 'cache'),
    env: { SITE_URL: engines.site, BASE_PATH: '/', FOLIO_NOW: '2026-01-01T00:00:00Z', FOLIO_SETTINGS: '{"ogImages":false}' },
  });
  log = result.output;
  expect(result.status, result.output.slice(-2000)).toBe(0);
}, 300_000);

describe('ogImages: false', () => {
  it('draws no card and points no page at one; covers still serve as social images', () => {
    const dist = new Dist(join(out, 'dist'), '/', engines.site);
    expect(existsSync(join(out, 'dist', 'og'))).toBe(false);
    expect(log).not.toMatch(/\[og\] rendered [1-9]/);
    const og = (path: string) => dist.html(`posts/${path}/index.html`).querySelector('meta[property="og:image"]')?.getAttribute('content');
    expect(og('quartz/quartz-note')).toBeUndefined();
    expect(og('astro-starter/first-post')).toMatch(/\/_astro\/hero\./);
    expect(dist.html('posts/quartz/quartz-note/index.html').querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary');
  });
});
