import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const browser = useSession();

const pages = {
  home: '/',
  post: '/posts/fast-feedback-loops/',
  mdx: '/posts/writing-with-mdx/',
  about: '/about/',
  callouts: '/posts/notes-in-the-margin/',
  math: '/posts/back-of-the-envelope-ci-costs/',
  code: '/posts/showing-a-change-in-code/',
  images: '/posts/diagrams-that-stay-sharp/',
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
    // the sample's About page (src/content/pages/about.md, nav: 1) after Folio's own links
    // The sample site has a series, so the header links to /series/.
    expect(focused.slice(0, 10)).toEqual(['Skip to content', 'Folio', 'Home', 'Archive', 'Tags', 'Series', 'Search', 'RSS', 'About', 'Switch to dark theme']);
    await page.context().close();
  });

  it('opens and closes a folded callout from its title, with Enter and Space', async () => {
    const { page } = await browser().open(pages.callouts);
    const folded = page.locator('aside.callout-question details.callout-fold');
    expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    // Tab from the top of the page until the folded callout's title has focus.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('aside.callout-question summary.callout-title') ?? false);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('aside.callout-question .callout-body').isVisible()).toBe(true);
    await page.keyboard.press('Space');
    expect(await folded.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('aside.callout-question .callout-body').isVisible()).toBe(false);
    await page.context().close();
  });

  it('names each callout by its kind for assistive technology', async () => {
    const { page } = await browser().open(pages.callouts);
    const notes = await page.getByRole('note').evaluateAll((asides) => asides.map((a) => a.getAttribute('aria-label')));
    expect(notes.slice(0, 5)).toEqual(['Note', 'Tip', 'Important', 'Warning', 'Caution']);
    expect(notes).toContain('FAQ: Does a callout show up in the feed?');
    await page.context().close();
  });
});
