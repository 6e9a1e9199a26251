import { describe, expect, it } from 'vitest';
import { useSession } from './browser';
import { backgroundLuminance as background, FIRST_PAINT, firstPaintLuminance, luminance } from './colors';

const browser = useSession();

describe('theme toggle', () => {
  it('is a labelled button that switches the theme and names the next one', async () => {
    const { page, errors } = await browser().open('/', { colorScheme: 'light' });
    const toggle = page.locator('button.theme-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-label')).toBe('Switch to dark theme');
    expect(await background(page)).toBeGreaterThan(200);
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background(page)).toBeLessThan(60);
    expect(await toggle.getAttribute('aria-label')).toBe('Switch to light theme');
    await toggle.click();
    expect(await background(page)).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the choice across navigation and reload, without a flash of the other theme', async () => {
    const { page } = await browser().open('/', { colorScheme: 'light' });
    await page.locator('button.theme-toggle').click();
    await page.context().addInitScript(FIRST_PAINT);
    await page.getByRole('link', { name: 'Archive' }).click();
    await page.waitForURL(/archive/);
    expect(await firstPaintLuminance(page)).toBeLessThan(60);
    expect(await background(page)).toBeLessThan(60);
    await page.reload();
    expect(await firstPaintLuminance(page)).toBeLessThan(60);
    await page.context().close();
  });

  it('overrides a dark system theme with light, too', async () => {
    const { page } = await browser().open('/', { colorScheme: 'dark' });
    expect(await background(page)).toBeLessThan(60);
    await page.locator('button.theme-toggle').click();
    expect(await background(page)).toBeGreaterThan(200);
    await page.context().close();
  });

  it('is hidden without JavaScript, and the system theme still applies', async () => {
    const { page } = await browser().open('/', { javaScriptEnabled: false, colorScheme: 'dark' });
    expect(await page.locator('button.theme-toggle').isVisible()).toBe(false);
    expect(await background(page)).toBeLessThan(60);
    await page.context().close();
  });

  it('reads a page that paints no background of its own as the white under it, not as dark', async () => {
    const { page } = await browser().open('/', { colorScheme: 'dark' });
    expect(await background(page)).toBeLessThan(60);
    // As before the stylesheet arrives: no background and no color-scheme, so the canvas is white.
    await page.evaluate(() => {
      for (const element of [document.documentElement, document.body]) element.style.cssText += 'background: transparent; color-scheme: normal;';
    });
    // What getComputedStyle says: transparent black, which reading the channels alone took for dark.
    const computed = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(computed).toBe('rgba(0, 0, 0, 0)');
    expect(luminance(computed.match(/\d+/g)!.map(Number))).toBeLessThan(60);
    expect(await background(page)).toBeGreaterThan(200);
    // Layers blend: half-transparent black over the white is mid-grey, and an opaque parent shows through.
    await page.evaluate(() => {
      document.body.style.background = 'rgb(0 0 0 / 50%)';
    });
    expect(await background(page)).toBeCloseTo(127.5, -1);
    await page.evaluate(() => {
      document.documentElement.style.background = 'rgb(0 0 0)';
      document.body.style.background = 'transparent';
    });
    expect(await background(page)).toBe(0);
    await page.context().close();
  });
});
