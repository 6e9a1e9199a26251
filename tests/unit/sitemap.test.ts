import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAstroCommand } from '../../src/integrations/mode';
import { factsFromMeta, pageFacts, recordPageFacts, sitemapOptions } from '../../src/integrations/sitemap';

describe('pageFacts', () => {
  it('reads noindex and the declared modification date', () => {
    expect(pageFacts('<meta name="robots" content="noindex">')).toEqual({ noindex: true });
    expect(pageFacts('<meta property="article:modified_time" content="2024-01-02T00:00:00.000Z">')).toEqual({ noindex: false, lastmod: '2024-01-02T00:00:00.000Z' });
    expect(pageFacts('<meta property="og:updated_time" content="2024-05-06T00:00:00.000Z">').lastmod).toBe('2024-05-06T00:00:00.000Z');
  });
});

describe('sitemapOptions', () => {
  it('filters noindex pages and dates the rest from their heads, under a base path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-sitemap-'));
    try {
      mkdirSync(join(dir, 'posts/a'), { recursive: true });
      mkdirSync(join(dir, 'old'), { recursive: true });
      // a title in another script before the meta (the head is read as Latin-1)
      writeFileSync(
        join(dir, 'posts/a/index.html'),
        '<html><head><title>日本語のタイトル</title><meta property="article:modified_time" content="2024-01-02T00:00:00.000Z"></head><body>本文</body>',
      );
      writeFileSync(join(dir, 'old/index.html'), '<html><head><meta name="robots" content="noindex"></head>');
      const { filter, serialize } = sitemapOptions(dir, '/blog/');
      expect(filter('https://x.org/blog/posts/a/')).toBe(true);
      expect(filter('https://x.org/blog/old/')).toBe(false);
      expect(serialize({ url: 'https://x.org/blog/posts/a/' })).toEqual({ url: 'https://x.org/blog/posts/a/', lastmod: '2024-01-02T00:00:00.000Z' });
      expect(serialize({ url: 'https://x.org/blog/missing/' })).toEqual({ url: 'https://x.org/blog/missing/' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('page facts told by the layout', () => {
  it('reads them as pageFacts reads the head the same tags make', () => {
    const tags = [
      { property: 'og:title', content: 'A' },
      { property: 'article:modified_time', content: '2024-01-02T00:00:00.000Z' },
    ];
    const head = tags.map((tag) => `<meta property="${tag.property}" content="${tag.content}">`).join('');
    expect(factsFromMeta(false, tags)).toEqual(pageFacts(head));
    expect(factsFromMeta(true, [{ property: 'og:updated_time', content: '2024-05-06T00:00:00.000Z' }])).toEqual(
      pageFacts('<meta name="robots" content="noindex"><meta property="og:updated_time" content="2024-05-06T00:00:00.000Z">'),
    );
  });

  it('are used for the pages this build rendered, by their decoded path; the others are read from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-sitemap-'));
    try {
      setAstroCommand('build');
      // a page whose file says otherwise: what the build was told wins, so nothing was read
      mkdirSync(join(dir, 'tags/日本'), { recursive: true });
      writeFileSync(join(dir, 'tags/日本/index.html'), '<html><head><meta name="robots" content="noindex"></head>');
      recordPageFacts('/blog/tags/日本/', { noindex: false, lastmod: '2024-03-04T00:00:00.000Z' });
      mkdirSync(join(dir, 'kept'), { recursive: true });
      writeFileSync(join(dir, 'kept/index.html'), '<html><head><meta property="og:updated_time" content="2023-01-01T00:00:00.000Z"></head>');
      const { filter, serialize } = sitemapOptions(dir, '/blog/');
      const url = `https://x.org${encodeURI('/blog/tags/日本/')}`;
      expect(filter(url)).toBe(true);
      expect(serialize({ url }).lastmod).toBe('2024-03-04T00:00:00.000Z');
      expect(serialize({ url: 'https://x.org/blog/kept/' }).lastmod).toBe('2023-01-01T00:00:00.000Z');
    } finally {
      setAstroCommand('test');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are not kept outside a build', () => {
    setAstroCommand('dev');
    recordPageFacts('/dev-only/', { noindex: true });
    const dir = mkdtempSync(join(tmpdir(), 'folio-sitemap-'));
    try {
      expect(sitemapOptions(dir, '/').filter('https://x.org/dev-only/')).toBe(true);
    } finally {
      setAstroCommand('test');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
