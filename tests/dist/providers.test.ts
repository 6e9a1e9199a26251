import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurePage, overBudget } from '../../scripts/budget';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites } from './setup';

const out = join(root, 'tests/.output/providers');
const site = engineSites.astro;
const settings = {
  comments: { provider: 'giscus', repo: 'owner/blog', repoId: 'R_kgDOTest', category: 'Comments', categoryId: 'DIC_kwDOTest', theme: { light: 'light', dark: 'dark_dimmed' } },
  analytics: { provider: 'plausible', domain: 'example.org' },
};
let dist: Dist;

// The Astro engine site with giscus comments and Plausible analytics set up.
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  const project = projectCopy(join(out, 'project'));
  const result = astroBuild({ contentDir: site.posts, outDir: join(out, 'dist'), cacheDir: join(out, 'cache'), env: engineEnv(site, settings), project });
  expect(result.status, result.output.slice(-2000)).toBe(0);
  dist = new Dist(join(out, 'dist'), site.base, site.site);
}, 300_000);

const sources = (policy: Record<string, string[]>, name: string) => policy[name] ?? [];
const pages = () => dist.htmlFiles().filter((f) => !dist.read(f).includes('http-equiv="refresh"'));

describe('comments and analytics', () => {
  it("puts the analytics script on every page, deferred, with the provider's attributes", () => {
    for (const file of pages()) {
      const script = dist.html(file).querySelector('head script[src="https://plausible.io/js/script.js"]');
      expect(script?.getAttribute('data-domain'), file).toBe('example.org');
      expect(script?.hasAttribute('defer'), file).toBe(true);
      const policy = dist.metaPolicy(file);
      expect(sources(policy, 'script-src'), file).toContain('https://plausible.io');
      expect(sources(policy, 'connect-src'), file).toEqual(["'self'", 'https://plausible.io']);
    }
  });

  it('puts giscus under each post only, and widens only post pages for it', () => {
    const post = dist.html('posts/first-post/index.html');
    const container = post.querySelector('section.comments .giscus');
    expect(JSON.parse(container?.getAttribute('data-giscus') ?? '{}')).toMatchObject({
      'data-repo': 'owner/blog',
      'data-repo-id': 'R_kgDOTest',
      'data-mapping': 'pathname',
      'data-lang': 'en',
    });
    expect(JSON.parse(container?.getAttribute('data-themes') ?? '{}')).toEqual({ light: 'light', dark: 'dark_dimmed' });
    expect(post.querySelector('section.comments')?.getAttribute('data-pagefind-ignore')).not.toBeNull();
    // giscus's own script is not in the page: it is loaded when the reader scrolls near the comments.
    expect(dist.read('posts/first-post/index.html')).not.toContain('giscus.app/client.js');
    const policy = dist.metaPolicy('posts/first-post/index.html');
    expect(sources(policy, 'script-src')).toContain('https://giscus.app');
    expect(sources(policy, 'style-src')).toContain('https://giscus.app');
    expect(sources(policy, 'frame-src')).toEqual(["'self'", 'https://giscus.app']);
    for (const file of pages().filter((f) => !f.startsWith('posts/'))) {
      expect(dist.html(file).querySelector('.comments'), file).toBeNull();
      expect(Object.values(dist.metaPolicy(file)).flat(), file).not.toContain('https://giscus.app');
    }
  });

  it('keeps every policy strict: no unsafe-inline or wildcard for scripts, no inline handlers', () => {
    for (const file of pages()) {
      const scripts = sources(dist.metaPolicy(file), 'script-src');
      expect(scripts, file).not.toContain("'unsafe-inline'");
      expect(
        scripts.some((s) => s.includes('*') || s === 'https:'),
        file,
      ).toBe(false);
      expect(dist.read(file), file).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('widens _headers by exactly what the providers need', () => {
    const policy = /Content-Security-Policy: (.*)/.exec(dist.read('_headers'))?.[1] ?? '';
    const directive = (name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toMatch(/ https:\/\/giscus\.app https:\/\/plausible\.io$/);
    expect(directive('connect-src')).toBe("connect-src 'self' https://plausible.io");
    expect(directive('frame-src')).toBe("frame-src 'self' https://giscus.app");
    expect(directive('style-src')).toBe("style-src 'self' 'unsafe-inline' https://giscus.app");
  });

  it('counts first-party bytes in the budget and reports the providers apart', () => {
    const m = measurePage(dist.dir, 'posts/first-post/index.html', { base: site.base });
    // The analytics script from the page, giscus from the comments' loader script.
    expect(m.thirdPartyOrigins).toEqual(['https://giscus.app', 'https://plausible.io']);
    expect(m.js.bytes).toBeLessThanOrEqual(3000);
    expect(overBudget(m).some((p) => p.includes('requests to other origins: https://plausible.io/js/script.js'))).toBe(true);
    expect(overBudget(m, ['https://plausible.io', 'https://giscus.app'])).toEqual([]);
  });
});
