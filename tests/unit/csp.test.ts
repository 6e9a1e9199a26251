import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeAllowance,
  extraDirectives,
  inlineScriptHash,
  isEmptyAllowance,
  isExecutableScriptType,
  mergeAllowances,
  NO_ALLOWANCE,
  normaliseAllowance,
  pageCsp,
  remoteOrigin,
  upgradeUrl,
} from '../../src/lib/csp';
import { headerPolicy, headersFile } from '../../src/integrations/csp';

describe('remoteOrigin', () => {
  it('gives the exact https origin, port included, path and query dropped', () => {
    expect(remoteOrigin('https://www.youtube-nocookie.com/embed/x?start=3')).toEqual({ ok: true, origin: 'https://www.youtube-nocookie.com', upgraded: false });
    expect(remoteOrigin('https://Gist.GitHub.com/u/1.js')).toEqual({ ok: true, origin: 'https://gist.github.com', upgraded: false });
    expect(remoteOrigin('https://example.com:8443/w.js')).toMatchObject({ ok: true, origin: 'https://example.com:8443' });
    expect(remoteOrigin('https://example.com:443/w.js')).toMatchObject({ ok: true, origin: 'https://example.com' });
  });

  it('upgrades http:// to https:// and says so; reads scheme-relative URLs as https', () => {
    expect(remoteOrigin('http://player.vimeo.com/video/1')).toEqual({ ok: true, origin: 'https://player.vimeo.com', upgraded: true });
    expect(remoteOrigin('//codepen.io/a/embed/b')).toEqual({ ok: true, origin: 'https://codepen.io', upgraded: false });
    expect(upgradeUrl('http://player.vimeo.com/video/1')).toBe('https://player.vimeo.com/video/1');
    expect(upgradeUrl('HTTP://x.org/')).toBe('https://x.org/');
  });

  it('refuses other schemes, wildcards and hosts that cannot be a source expression', () => {
    for (const url of ['data:text/html,hi', 'javascript:alert(1)', 'blob:https://x.org/1', 'ftp://x.org/a', 'embed/x', '']) {
      expect(remoteOrigin(url).ok, url).toBe(false);
    }
    expect(remoteOrigin('https://*.example.com/x.js')).toEqual({ ok: false, reason: 'a wildcard host is not allowed' });
    expect(remoteOrigin('https://[::1]/x').ok).toBe(false);
  });

  it('turns an internationalised host into its ASCII form', () => {
    expect(remoteOrigin('https://bücher.example/embed')).toMatchObject({ ok: true, origin: 'https://xn--bcher-kva.example' });
  });
});

describe('inlineScriptHash', () => {
  it('is the base64 SHA-256 of the text, as a CSP hash source', () => {
    const text = "\n  document.documentElement.dataset.inline = 'ran';\n";
    expect(inlineScriptHash(text)).toBe(`sha256-${createHash('sha256').update(text).digest('base64')}`);
  });

  it('hashes the text the browser sees: CR LF and lone CR as LF', () => {
    expect(inlineScriptHash('a();\r\nb();\rc();')).toBe(inlineScriptHash('a();\nb();\nc();'));
    expect(inlineScriptHash('a();')).not.toBe(inlineScriptHash('a(); '));
  });
});

describe('isExecutableScriptType', () => {
  it('knows which scripts run (and need a hash) and which are data blocks', () => {
    for (const type of [undefined, '', 'module', 'text/javascript', 'application/javascript', ' Text/JavaScript ']) expect(isExecutableScriptType(type), String(type)).toBe(true);
    for (const type of ['application/ld+json', 'text/template', 'importmap', 'speculationrules']) expect(isExecutableScriptType(type), type).toBe(false);
  });
});

describe('allowances', () => {
  const youtube = normaliseAllowance({ frameSrc: ['https://www.youtube-nocookie.com'], scriptHashes: ['sha256-b', 'sha256-a'] });
  const gist = normaliseAllowance({ scriptSrc: ['https://gist.github.com'], frameSrc: ['https://player.vimeo.com', 'https://www.youtube-nocookie.com'] });

  it('sorts and de-duplicates', () => {
    expect(normaliseAllowance({ scriptSrc: ['https://b.org', 'https://a.org', 'https://b.org'] }).scriptSrc).toEqual(['https://a.org', 'https://b.org']);
    expect(youtube.scriptHashes).toEqual(['sha256-a', 'sha256-b']);
  });

  it('merge into the union a site-wide policy needs', () => {
    expect(mergeAllowances([youtube, gist, NO_ALLOWANCE])).toEqual({
      frameSrc: ['https://player.vimeo.com', 'https://www.youtube-nocookie.com'],
      scriptSrc: ['https://gist.github.com'],
      scriptHashes: ['sha256-a', 'sha256-b'],
      mediaSrc: [],
    });
    expect(isEmptyAllowance(mergeAllowances([]))).toBe(true);
    expect(isEmptyAllowance(youtube)).toBe(false);
  });

  it("keep 'self' in the directives they add (they would otherwise fall back to default-src 'self')", () => {
    expect(extraDirectives(youtube)).toEqual(["frame-src 'self' https://www.youtube-nocookie.com"]);
    expect(extraDirectives(normaliseAllowance({ mediaSrc: ['https://cdn.example'] }))).toEqual(["media-src 'self' https://cdn.example"]);
    expect(extraDirectives(NO_ALLOWANCE)).toEqual([]);
  });

  it("hand a page Astro's per-page CSP inputs: nothing at all for a post without embeds", () => {
    expect(pageCsp(NO_ALLOWANCE)).toEqual({ directives: [], scriptResources: [], scriptHashes: [] });
    expect(pageCsp(gist)).toEqual({
      directives: ["frame-src 'self' https://player.vimeo.com https://www.youtube-nocookie.com"],
      scriptResources: ['https://gist.github.com'],
      scriptHashes: [],
    });
  });

  it('describe what a post was allowed, for the build log', () => {
    expect(describeAllowance(normaliseAllowance({ frameSrc: ['https://www.youtube-nocookie.com'], scriptSrc: ['https://gist.github.com'], scriptHashes: ['sha256-x'] }))).toBe(
      "frame-src https://www.youtube-nocookie.com; script-src https://gist.github.com 'sha256-x'",
    );
  });
});

describe('the _headers policy', () => {
  const directives = (policy: string) =>
    Object.fromEntries(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values] as [string, string[]]),
    );

  it('is unchanged when no post embeds anything', () => {
    expect(headerPolicy(NO_ALLOWANCE)).toBe(headerPolicy());
    expect(headerPolicy()).not.toMatch(/frame-src|media-src/);
    expect(headersFile('/', {})).toBe(headersFile('/'));
    expect(headersFile('/')).not.toContain('_media');
  });

  it("allows the union of the posts' embeds, keeping the site's own sources and no unsafe-inline for scripts", () => {
    const union = mergeAllowances([
      normaliseAllowance({ frameSrc: ['https://www.youtube-nocookie.com'], scriptHashes: ['sha256-a'] }),
      normaliseAllowance({ frameSrc: ['https://player.vimeo.com'], scriptSrc: ['https://gist.github.com'], mediaSrc: ['https://cdn.example'] }),
    ]);
    const policy = directives(headerPolicy(union));
    expect(policy['frame-src']).toEqual(["'self'", 'https://player.vimeo.com', 'https://www.youtube-nocookie.com']);
    expect(policy['media-src']).toEqual(["'self'", 'https://cdn.example']);
    expect(policy['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'", 'https://gist.github.com', "'sha256-a'"]));
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('caches the content-addressed media folder for long when files were copied', () => {
    expect(headersFile('/blog/', { media: true })).toMatch(/^\/blog\/_media\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  });
});
