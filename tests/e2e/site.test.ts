import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSession } from './browser';
import { backgroundLuminance } from './colors';
import { e2e } from './setup';

const browser = useSession();

const pages = {
  home: '/',
  post: '/posts/fast-feedback-loops/',
  about: '/about/',
  tags: '/tags/',
  tag: '/tags/tooling/',
  archive: '/archive/',
  series: '/series/faster-builds/',
  seriesPart: '/posts/what-a-build-cache-remembers/',
  search: '/search/',
  notFound: '/does-not-exist/',
};

describe('navigation', () => {
  it('goes from home to a post, to its tag, to the archive by clicking', async () => {
    const { page, errors } = await browser().open('/');
    const first = page.locator('.post-list .card-title a').first();
    const title = (await first.textContent())?.trim() ?? '';
    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain(title);
    const tag = page.locator('.post-header .tags a').first();
    const tagLabel = (await tag.textContent())?.trim() ?? '';
    await tag.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain(tagLabel);
    expect(await page.locator('.post-list .card-title a').allTextContents()).toContain(title);
    await page.getByRole('link', { name: 'Archive' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Archive');
    expect(await page.locator('.timeline a').allTextContents()).toContain(title);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('goes to the About page from the header, and from it to a post', async () => {
    const { page, errors } = await browser().open(pages.post, { viewport: { width: 375, height: 800 } });
    await Promise.all([page.waitForURL(`**${e2e.base}about/`), page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click()]);
    expect((await page.locator('h1').textContent())?.trim()).toBe('About');
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('About');
    await Promise.all([page.waitForURL(`**${e2e.base}posts/fast-feedback-loops/`), page.locator('.prose a', { hasText: 'fast feedback loops' }).click()]);
    expect(await page.locator('h1').textContent()).toContain('Fast Feedback Loops');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reaches the main content through the skip link', async () => {
    const { page } = await browser().open(pages.post);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });
});

describe.each(Object.entries(pages))('%s page', (name, path) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`fits a 375px phone in ${colorScheme} mode, with no console errors`, async () => {
      const { page, errors } = await browser().open(path, { viewport: { width: 375, height: 800 }, colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      mkdirSync('test-results/screenshots', { recursive: true });
      await page.screenshot({ path: `test-results/screenshots/${name}-phone-${colorScheme}.png`, fullPage: true });
      await page.context().close();
    });

    it(`renders on a desktop in ${colorScheme} mode (screenshot for review)`, async () => {
      const { page, errors } = await browser().open(path, { viewport: { width: 1280, height: 900 }, colorScheme });
      expect(errors).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/${name}-desktop-${colorScheme}.png`, fullPage: true });
      await page.context().close();
    });
  }

  it('reaches the main content through the skip link', async () => {
    const { page } = await browser().open(path);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });

  it('reads fine with JavaScript disabled', async () => {
    const { page } = await browser().open(path, { javaScriptEnabled: false });
    expect((await page.locator('h1').textContent())?.trim().length).toBeGreaterThan(0);
    expect(await page.locator('main').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('color schemes', () => {
  it('follows the system: dark background in dark mode, light in light mode', async () => {
    const bg = async (colorScheme: 'light' | 'dark') => {
      const { page } = await browser().open('/', { colorScheme });
      const luminance = await backgroundLuminance(page);
      await page.context().close();
      return luminance;
    };
    expect(await bg('light')).toBeGreaterThan(200);
    expect(await bg('dark')).toBeLessThan(60);
  });

  it('switches code highlighting to the dark theme', async () => {
    const color = async (colorScheme: 'light' | 'dark') => {
      const { page } = await browser().open(pages.post, { colorScheme });
      const value = await page.evaluate(() => getComputedStyle(document.querySelector('pre.astro-code')!).backgroundColor);
      await page.context().close();
      return value;
    };
    expect(await color('light')).not.toBe(await color('dark'));
  });
});

describe('search', () => {
  it('finds a post by a word in its body and links to it, under the base path', async () => {
    const { page, errors } = await browser().open(pages.search);
    await page.fill('#search-input', 'hyperfine');
    const first = page.locator('.search-results li a').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toBe('Fast Feedback Loops: A Small Toolkit');
    expect(await first.getAttribute('href')).toBe('/blog/posts/fast-feedback-loops/');
    // a part of a series: its date, then its series and place
    expect(await page.locator('.search-results li .meta').first().textContent()).toBe('May 14, 2023 · Faster Builds · Part 2 of 3');
    expect(await page.locator('.search-results mark').first().textContent()).toMatch(/hyperfine/i);
    expect(await page.locator('.search-status').textContent()).toMatch(/1 post match/);
    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Fast Feedback Loops');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('does not index navigation or list pages', async () => {
    const { page } = await browser().open(pages.search);
    // "the" is in every page: the results are the posts, and no list page.
    const posts = readdirSync(join(e2e.out, 'posts')).map((id) => `/blog/posts/${id}/`);
    await page.fill('#search-input', 'the');
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 15_000 }).toBe(`${posts.length} posts match “the”.`);
    const hrefs = await page.locator('.search-results li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.toSorted()).toEqual(posts.toSorted());
    // What the browser's index holds for each post, from Pagefind's own API: the module the search
    // page loaded, its shards merged (a second import of the URL is that same module). It must be
    // the article alone, without the skip link, the menu or the links to other posts. A string, so
    // that Vitest leaves its import() alone.
    const indexed = await page.evaluate<{ url: string; content: string }[]>(`(async () => {
      const bundle = new URL(document.querySelector('form[data-bundle]').dataset.bundle, location.href);
      const pagefind = await import(new URL('pagefind.js', bundle).href);
      const { results } = await pagefind.search('the');
      return Promise.all(results.map(async (result) => { const { url, content } = await result.data(); return { url, content }; }));
    })()`);
    expect(indexed.map((p) => p.url).toSorted()).toEqual(posts.toSorted());
    for (const { url, content } of indexed) {
      for (const chrome of ['Skip to content', 'Home Archive Tags', 'Previous post', 'Next post']) expect(content, url).not.toContain(chrome);
    }
    await page.context().close();
  });

  it('searches every shard of a sharded index', async () => {
    const manifest = JSON.parse(readFileSync(join(e2e.out, 'pagefind/folio-shards.json'), 'utf8')) as { bundles: string[] };
    expect(manifest.bundles).toEqual(['shard-1/', 'shard-2/', 'shard-3/']);
    const posts = readdirSync(join(e2e.out, 'posts')).length;
    const { page, errors } = await browser().open(`${pages.search}?q=the`);
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 15_000 }).toMatch(/match/);
    const hrefs = await page.locator('.search-results li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(posts);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs a query given in the URL', async () => {
    const { page } = await browser().open(`${pages.search}?q=wikilinks+OR+paragraph`);
    await page.locator('.search-results li').first().waitFor({ timeout: 15_000 });
    expect(await page.inputValue('#search-input')).toBe('wikilinks OR paragraph');
    await page.context().close();
  });
});

describe('series', () => {
  it('goes from a part to the next one and to the series page by clicking', async () => {
    const { page, errors } = await browser().open(pages.post);
    expect(await page.locator('.series-box a[aria-current="page"]').textContent()).toBe('Fast Feedback Loops: A Small Toolkit');
    expect(await page.locator('.series-box-title').textContent()).toBe('Faster Builds · Part 2 of 3');
    await page.getByRole('link', { name: /Next part/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('What a Build Cache Remembers');
    expect(await page.locator('.series-box a[aria-current="page"]').textContent()).toBe('What a Build Cache Remembers');
    await page.locator('.series-box-title a').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Series: Faster Builds');
    expect(await page.locator('.post-list .card-title a').allTextContents()).toEqual(['Reading the Build Log', 'Fast Feedback Loops: A Small Toolkit', 'What a Build Cache Remembers']);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Series' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Series');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('code blocks', () => {
  it('show the language and copy the code with the button', async () => {
    const { page, errors } = await browser().open(pages.post);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const block = page.locator('.code-block').first();
    expect(await block.locator('.code-lang').textContent()).toBe('bash');
    await block.locator('button.copy-code').click();
    await expect.poll(() => block.locator('button.copy-code').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('hyperfine --warmup 2');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  /** What the copy button of a block puts on the clipboard. */
  const copyOf = async (path: string, block: (page: Page) => Locator) => {
    const { page, errors } = await browser().open(path);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await block(page).locator('button.copy-code').click();
    await expect.poll(() => block(page).locator('button.copy-code').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(errors).toEqual([]);
    await page.context().close();
    return copied;
  };
  const codePost = '/posts/showing-a-change-in-code/';

  it('copy a diff block without its signs: the code, removed lines included', async () => {
    const copied = await copyOf(codePost, (page) => page.locator('figure.code-block', { hasText: 'src/fetch.ts' }));
    expect(copied.split('\n').slice(0, 4)).toEqual([
      'export async function fetchWithRetry(url: string) {',
      '  for (let attempt = 0; attempt < 3; attempt++) {',
      '  for (let attempt = 0; attempt < retries; attempt++) {',
      '    try {',
    ]);
    expect(copied).not.toMatch(/^[+\u2212-]/m);
  });

  it('copy a block with notation or line numbers without the numbers, signs or notation comments', async () => {
    const numbered = await copyOf(codePost, (page) => page.locator('.code-block', { has: page.locator('pre.line-numbers') }).first());
    expect(numbered).toBe('def backoff(attempt: int) -> float:\n    """Seconds to wait before the next try."""\n    delay = 0.5 * 2 ** attempt\n    return min(delay, 30.0)');
    const noted = await copyOf(codePost, (page) => page.locator('.code-block', { hasText: 'client.connect({ timeout });' }).first());
    expect(noted).toBe('const timeout = 5_000;\nconst timeout = 10_000;\nawait client.connect({ timeout });');
  });

  it('draw line numbers and signs where they are not copied', async () => {
    const { page } = await browser().open(codePost);
    const number = await page
      .locator('pre.line-numbers .line')
      .first()
      .evaluate((line) => getComputedStyle(line, '::before').content);
    expect(number).toBe('counter(line)');
    const sign = page.locator('.line.remove .diff-sign').first();
    expect(await sign.textContent()).toBe('\u2212');
    expect(await sign.evaluate((el) => getComputedStyle(el).userSelect)).toBe('none');
    await page.context().close();
  });
});
