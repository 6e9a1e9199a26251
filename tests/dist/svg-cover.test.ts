import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/svg-cover');
const site = engineSites.astro;
const posts = join(out, 'posts');
// An SVG that states no size at all: no width or height, no viewBox (as many exported logos are).
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><circle cx="50" cy="50" r="40" fill="#a23b1e"/></svg>\n';
let dist: Dist;

// The Astro engine site with one more post, whose cover (the starter's `heroImage`) is an SVG
// Astro's image pipeline cannot size.
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  const project = projectCopy(join(out, 'project'));
  cpSync(site.posts, posts, { recursive: true });
  mkdirSync(join(posts, 'logo-post'), { recursive: true });
  writeFileSync(join(posts, 'logo-post', 'Company Logo.svg'), SVG);
  writeFileSync(join(posts, 'logo-post', 'index.md'), '---\ntitle: A Post With a Logo\npubDate: 2024-05-01\nheroImage: "./Company Logo.svg"\n---\nThe logo above has no size of its own.\n');
  // Built twice, the second time warm (the post cached): the cover stays published.
  for (let i = 0; i < 2; i += 1) {
    const result = astroBuild({ contentDir: posts, outDir: join(out, 'dist'), cacheDir: join(out, 'cache'), env: engineEnv(site), project });
    expect(result.status, result.output.slice(-2000)).toBe(0);
  }
  dist = new Dist(join(out, 'dist'), site.base, site.site);
}, 300_000);

describe('an SVG cover of no stated size', () => {
  it('is published as it is, shown as the cover, with the generated card as the social image', () => {
    const page = dist.html('posts/logo-post/index.html');
    const src = page.querySelector('img.cover')?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\/_media\/[0-9a-f]{8}\/Company%20Logo\.svg$/);
    expect(readFileSync(join(dist.dir, decodeURIComponent(src.slice(1))), 'utf8')).toBe(SVG);
    expect(page.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe('https://example.org/og/logo-post.jpg');
    expect(dist.files).toContain('og/logo-post.jpg');
  });
});
