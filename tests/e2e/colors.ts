import type { Page } from 'playwright-core';

/**
 * Runs in the page: the colour a reader sees behind `element`, as sRGB [r, g, b]. Its own and
 * every ancestor's background colour are painted, outermost first, over the canvas's default
 * white, so a transparent background shows what is under it (a half-transparent one is
 * blended) and a page that paints no background of its own reads as white, not as the
 * transparent black getComputedStyle reports. A 2D canvas does the painting, so any CSS colour
 * syntax (light-dark(), oklch(), color-mix()) is read as the browser resolves it.
 * Self-contained: it is passed to the page as source text.
 */
export function paintedBackground(element: Element): number[] {
  const layers: string[] = [];
  for (let node: Element | null = element; node; node = node.parentElement) layers.unshift(getComputedStyle(node).backgroundColor);
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('no 2D canvas to paint the background on');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 1, 1);
  for (const color of layers) {
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
  }
  return [...context.getImageData(0, 0, 1, 1).data.subarray(0, 3)];
}

/** Mean of the sRGB channels, 0 (black) to 255 (white): light pages are above 200, dark ones below 60. */
export const luminance = ([r = 0, g = 0, b = 0]: readonly number[]) => (r + g + b) / 3;

/** The luminance of what is painted behind the first element matching `selector` (the page's body by default). */
export async function backgroundLuminance(page: Page, selector = 'body'): Promise<number> {
  return luminance(await page.locator(selector).first().evaluate(paintedBackground));
}

/**
 * An init script that records, in the frame before the first paint, what is painted behind the
 * body (window.__firstPaintBg); read it with firstPaintLuminance.
 */
export const FIRST_PAINT = `
  requestAnimationFrame(() => {
    window.__firstPaintBg = (${paintedBackground.toString()})(document.body || document.documentElement);
  });
`;

export async function firstPaintLuminance(page: Page): Promise<number> {
  // The frame callback may not have run yet when the page reports loaded (a busy machine): wait for it.
  const painted = await page.waitForFunction(() => (window as unknown as { __firstPaintBg?: number[] }).__firstPaintBg);
  return luminance((await painted.jsonValue()) as number[]);
}
