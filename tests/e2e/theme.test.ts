import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './browser';

const browser = useSession();

const luminance = (color: string) => {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return (r + g + b) / 3;
};
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

// Records the body's background in the frame before the first paint.
const FIRST_PAINT = `
  requestAnimationFrame(() => {
    window.__firstPaintBg = getComputedStyle(document.body || document.documentElement).backgroundColor;
  });
`;

describe('theme toggle', () => {
  it('is a labelled button that switches the theme and names the next one', async () => {
    const { page, errors } = await browser().open('/', { colorScheme: 'light' });
    const toggle = page.locator('button.theme-toggle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-label')).toBe('Switch to dark theme');
    expect(luminance(await background(page))).toBeGreaterThan(200);
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(luminance(await background(page))).toBeLessThan(60);
    expect(await toggle.getAttribute('aria-label')).toBe('Switch to light theme');
    await toggle.click();
    expect(luminance(await background(page))).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the choice across navigation and reload, without a flash of the other theme', async () => {
    const { page } = await browser().open('/', { colorScheme: 'light' });
    await page.locator('button.theme-toggle').click();
    await page.context().addInitScript(FIRST_PAINT);
    await page.getByRole('link', { name: 'Archive' }).click();
    await page.waitForURL(/archive/);
    expect(luminance(await page.evaluate(() => (window as unknown as { __firstPaintBg: string }).__firstPaintBg))).toBeLessThan(60);
    expect(luminance(await background(page))).toBeLessThan(60);
    await page.reload();
    expect(luminance(await page.evaluate(() => (window as unknown as { __firstPaintBg: string }).__firstPaintBg))).toBeLessThan(60);
    await page.context().close();
  });

  it('overrides a dark system theme with light, too', async () => {
    const { page } = await browser().open('/', { colorScheme: 'dark' });
    expect(luminance(await background(page))).toBeLessThan(60);
    await page.locator('button.theme-toggle').click();
    expect(luminance(await background(page))).toBeGreaterThan(200);
    await page.context().close();
  });

  it('is hidden without JavaScript, and the system theme still applies', async () => {
    const { page } = await browser().open('/', { javaScriptEnabled: false, colorScheme: 'dark' });
    expect(await page.locator('button.theme-toggle').isVisible()).toBe(false);
    expect(luminance(await background(page))).toBeLessThan(60);
    await page.context().close();
  });
});
