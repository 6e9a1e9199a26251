import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const browser = useSession();

// The sample posts' SVGs (cover, Markdown image, MDX <img>) and animated GIF, in a real browser:
// each one loads and is drawn at the size its page reserved for it, with nothing failing.
describe('images in the browser', () => {
  it.each(['/posts/diagrams-that-stay-sharp/', '/posts/writing-with-mdx/'])('%s: every image loads and keeps the shape its width and height give it', async (path) => {
    const { page, errors } = await browser().open(path);
    // lazy images load once near the viewport
    await page.evaluate(async () => {
      for (const img of document.querySelectorAll('article img')) img.scrollIntoView();
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    });
    const shown = await page.$$eval('article img', (imgs) =>
      (imgs as HTMLImageElement[]).map((img) => ({
        src: img.currentSrc,
        loaded: img.complete && img.naturalWidth > 0,
        ratio: img.width / img.height,
        stated: Number(img.getAttribute('width')) / Number(img.getAttribute('height')),
      })),
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const image of shown) {
      expect(image.loaded, image.src).toBe(true);
      expect(Math.abs(image.ratio - image.stated), image.src).toBeLessThan(0.02);
    }
    if (path.includes('diagrams')) expect(shown.map((i) => i.src.split('.').at(-1))).toEqual(['svg', 'svg', 'webp']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
