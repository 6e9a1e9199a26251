import { beforeAll, describe, expect, it } from 'vitest';
import { cspHash, themeInitSource } from '../../src/integrations/csp';
import { Dist } from '../helpers/dist';
import { fixture } from './setup';

let dist: Dist;
beforeAll(() => {
  dist = new Dist(fixture.out, fixture.base, fixture.site);
});

const pages = () => dist.htmlFiles().filter((f) => !/http-equiv="refresh"/.test(dist.read(f)));

describe('Content-Security-Policy', () => {
  it('is on every page: script-src without unsafe-inline or wildcards, with the theme script hashed', () => {
    const theme = cspHash(themeInitSource());
    for (const file of pages()) {
      const policy = dist.html(file).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
      const directives = Object.fromEntries(
        policy
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)]),
      ) as Record<string, string[]>;
      const scriptSrc = directives['script-src'] ?? [];
      expect(scriptSrc, file).toContain("'self'");
      expect(scriptSrc, file).toContain(`'${theme}'`);
      expect(
        scriptSrc.filter((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s.includes('*') || /^https?:$/.test(s)),
        file,
      ).toEqual([]);
      expect(directives['object-src'], file).toEqual(["'none'"]);
      expect(directives['base-uri'], file).toEqual(["'self'"]);
      expect(directives['style-src'] ?? [], file).not.toContain("'unsafe-inline'");
    }
  });

  it('matches the inline theme script actually on the page', () => {
    const inline = dist.html('index.html').querySelectorAll('head script:not([src]):not([type])');
    expect(inline).toHaveLength(1);
    expect(cspHash(inline[0]!.text)).toBe(cspHash(themeInitSource()));
  });

  it('has no inline event handlers or javascript: URLs anywhere', () => {
    for (const file of dist.htmlFiles()) {
      const html = dist.read(file);
      expect(html.match(/<[^>]+\son[a-z]+\s*=/gi) ?? [], file).toEqual([]);
      expect(html, file).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    }
  });
});

describe('_headers', () => {
  it('sends the policy and security headers, and caches only hashed assets for long', () => {
    const headers = dist.read('_headers');
    const theme = cspHash(themeInitSource());
    expect(headers).toMatch(/^\/\*\n {2}Content-Security-Policy: .*script-src 'self' 'wasm-unsafe-eval' '(sha256-[^']+)'.*frame-ancestors 'none'/m);
    expect(headers).toContain(`'${theme}'`);
    expect(headers).toContain('  X-Content-Type-Options: nosniff');
    expect(headers).toContain('  Referrer-Policy: strict-origin-when-cross-origin');
    expect(headers).toMatch(/ {2}Permissions-Policy: camera=\(\)/);
    const immutable = [...headers.matchAll(/^(\S+)\n {2}Cache-Control: public, max-age=31536000, immutable$/gm)].map((m) => m[1]);
    // _media/: the fixture's About page links to a file beside it (tests/fixtures/site/pages), and
    // its posts have files copied as they are (an SVG that states no size), under their content hash
    expect(immutable).toEqual(['/blog/_astro/*', '/blog/pagefind/fragment/*', '/blog/pagefind/index/*', '/blog/_media/*']);
    // everything cached for a year really has a content hash in its name (or its folder's)
    for (const file of dist.files.filter((f) => f.startsWith('_astro/') || /^pagefind\/(fragment|index)\//.test(f))) {
      expect(file).toMatch(/[._-][A-Za-z0-9_-]{6,}\.[a-z0-9_]+$/);
    }
    expect(dist.files.filter((f) => f.startsWith('_media/')).length).toBeGreaterThan(0);
    for (const file of dist.files.filter((f) => f.startsWith('_media/'))) expect(file).toMatch(/^_media\/[0-9a-f]{8}\/[^/]+$/);
  });
});

describe('external links in posts', () => {
  it('that open a new tab carry rel="noopener noreferrer"', () => {
    let checked = 0;
    for (const file of pages()) {
      for (const a of dist.html(file).querySelectorAll('a[target="_blank"]')) {
        expect(a.getAttribute('rel')?.split(/\s+/), file).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
        checked += 1;
      }
    }
    // hello-world.md opens one in raw HTML: the loop is not vacuous
    expect(checked).toBeGreaterThan(0);
  });
});
