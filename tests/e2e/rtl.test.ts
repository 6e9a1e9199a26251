import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSession } from './browser';
import { e2eArabic } from './setup';

// The sample site with `lang: 'ar'`: the interface in Arabic, laid out right to left.
const browser = useSession(e2eArabic.out);
const post = '/posts/showing-a-change-in-code/';

describe('a right-to-left site (Arabic)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(['/', post, '/archive/', '/search/'])(`%s has no axe violations in ${colorScheme} mode`, async (path) => {
      const { page, errors } = await browser().open(path, { colorScheme });
      expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('mirrors the layout, keeps code left to right, and does not scroll sideways on a phone', async () => {
    const { page } = await browser().open(post, { viewport: { width: 375, height: 800 } });
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/rtl-post-phone.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The site's name starts the header on the right; the text starts at the right edge.
    const brand = await page.locator('header a').first().boundingBox();
    expect(brand!.x + brand!.width).toBeGreaterThan(375 / 2);
    const paragraph = page.locator('.prose > p').first();
    expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');
    const pre = page.locator('.prose pre').first();
    expect(await pre.evaluate((p) => [getComputedStyle(p).direction, getComputedStyle(p).textAlign])).toEqual(['ltr', 'start']);
    await page.context().close();
  });
});
