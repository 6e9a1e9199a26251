import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const browser = useSession();

const pages = {
  home: '/',
  post: '/posts/fast-feedback-loops/',
  mdx: '/posts/writing-with-mdx/',
  tags: '/tags/',
  tag: '/tags/tooling/',
  archive: '/archive/',
  series: '/series/',
  seriesPage: '/series/faster-builds/',
  seriesPart: '/posts/what-a-build-cache-remembers/',
  search: '/search/',
  notFound: '/does-not-exist/',
};

describe.each(Object.entries(pages))('accessibility: %s', (_name, path) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${colorScheme} mode`, async () => {
      const { page } = await browser().open(path, { colorScheme });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
      await page.context().close();
    });
  }
});

describe('keyboard', () => {
  it('reaches the theme toggle and every nav link with Tab, in order', async () => {
    const { page } = await browser().open('/');
    const focused: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''));
    }
    // The sample site has a series, so the header links to /series/.
    expect(focused.slice(0, 9)).toEqual(['Skip to content', 'Folio', 'Home', 'Archive', 'Tags', 'Series', 'Search', 'RSS', 'Switch to dark theme']);
    await page.context().close();
  });
});
