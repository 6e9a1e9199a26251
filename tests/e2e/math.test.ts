import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const browser = useSession();
const post = '/posts/back-of-the-envelope-ci-costs/';

describe('math in the browser', () => {
  it('is laid out by the browser as MathML, with no script, stylesheet or policy error', async () => {
    const { page, errors } = await browser().open(post);
    const displays = await page.$$eval('.prose math', (all) => all.map((m) => `${m.namespaceURI} ${getComputedStyle(m).display}`));
    // (`display: math` is inline math.)
    expect(new Set(displays)).toEqual(new Set(['http://www.w3.org/1998/Math/MathML math', 'http://www.w3.org/1998/Math/MathML block math']));
    // A formula is laid out, not shown as a line of TeX: a fraction is taller than a line of text.
    const fraction = await page.$eval('.prose .math-display mfrac', (m) => m.getBoundingClientRect().height);
    const line = await page.$eval('.prose p', (p) => parseFloat(getComputedStyle(p).lineHeight));
    expect(fraction).toBeGreaterThan(line * 0.9);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('scrolls a long formula sideways on a phone instead of widening the page, from its start, by keyboard too', async () => {
    const { page } = await browser().open(post, { viewport: { width: 375, height: 812 } });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const boxes = page.locator('.prose .math-display');
    const widest = await boxes.evaluateAll((all) => all.findIndex((b) => b.scrollWidth > b.clientWidth + 20));
    expect(widest).toBeGreaterThanOrEqual(0);
    const box = boxes.nth(widest);
    // The start of the formula is in view, not cut off to the left by centring.
    const [boxLeft, mathLeft] = await box.evaluate((b) => [b.getBoundingClientRect().left, b.querySelector('math')!.getBoundingClientRect().left]);
    expect(mathLeft).toBeGreaterThanOrEqual(boxLeft - 1);
    await box.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Formula');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
    await page.context().close();
  });

  it('centres a formula that fits', async () => {
    const { page } = await browser().open(post, { viewport: { width: 1280, height: 900 } });
    const [box, math] = await page
      .locator('.prose .math-display')
      .first()
      .evaluate((b) => {
        const outer = b.getBoundingClientRect();
        const inner = b.querySelector('math > semantics > *')!.getBoundingClientRect();
        return [outer.left + outer.width / 2, inner.left + inner.width / 2];
      });
    expect(Math.abs(box - math)).toBeLessThan(2);
    await page.context().close();
  });

  it('finds a post by the TeX of its formulas in search', async () => {
    const { page, errors } = await browser().open('/search/');
    await page.fill('#search-input', 'Delta');
    const first = page.locator('.search-results li a').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.getAttribute('href')).toBe(`/blog${post}`);
    expect(await page.locator('.search-results li').first().textContent()).toMatch(/\\Delta t/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
