import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFacts, sitemapOptions } from '../../src/integrations/sitemap';

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
