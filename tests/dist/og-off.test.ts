import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/og-off');
const site = engineSites.astro;
let log = '';

// The Astro engine site again (a local hero, a hero from public/, posts without a cover),
// with social cards turned off in the site settings.
beforeAll(() => {
  // Cold, from a copy of the project: another test file's build may be running (see projectCopy).
  rmSync(out, { recursive: true, force: true });
  const project = projectCopy(join(out, 'project'));
  const result = astroBuild({ contentDir: site.posts, outDir: join(out, 'dist'), cacheDir: join(out, 'cache'), env: engineEnv(site, { ogImages: false }), project });
  log = result.output;
  expect(result.status, result.output.slice(-2000)).toBe(0);
}, 300_000);

describe('ogImages: false', () => {
  it('draws no card and points no page at one; covers still serve as social images', () => {
    const dist = new Dist(join(out, 'dist'), site.base, site.site);
    expect(existsSync(join(out, 'dist', 'og'))).toBe(false);
    expect(log).not.toMatch(/\[og\] rendered [1-9]/);
    const page = (path: string) => dist.html(`posts/${path}/index.html`);
    const og = (path: string) => page(path).querySelector('meta[property="og:image"]')?.getAttribute('content');
    expect(og('astropaper-toc')).toBeUndefined();
    expect(og('markdown-style-guide')).toBeUndefined();
    expect(og('first-post')).toMatch(/\/_astro\/hero\./);
    expect(og('second-post')).toBe('https://example.org/images/placeholder.jpg');
    expect(page('astropaper-toc').querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary');
  });
});
