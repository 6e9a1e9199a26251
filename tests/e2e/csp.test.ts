import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const browser = useSession();

const RECORD = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
`;

const pages = [
  '/',
  '/posts/fast-feedback-loops/',
  '/posts/writing-with-mdx/',
  '/posts/notes-in-the-margin/',
  '/posts/back-of-the-envelope-ci-costs/',
  '/posts/diagrams-that-stay-sharp/',
  '/tags/',
  '/tags/tooling/',
  '/archive/',
  '/search/',
  '/does-not-exist/',
];

describe('Content-Security-Policy', () => {
  it.each(pages)('%s carries a strict policy and Chromium reports no violation, scripts working', async (path) => {
    const context = await browser().browser.newContext();
    await context.addInitScript(RECORD);
    const page = await context.newPage();
    await page.goto(new URL(path.replace(/^\//, ''), browser().site.url).href);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    const scriptSrc = policy?.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toMatch(/(^|\s)\*|https?:(\s|$)/);
    // the scripts that should run did run (theme toggle revealed itself)
    expect(await page.locator('button.theme-toggle').isVisible()).toBe(true);
    if (path === '/search/') {
      await page.fill('#search-input', 'feedback');
      await page.locator('.search-results li').first().waitFor({ timeout: 15_000 });
    }
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    await context.close();
  });
});
