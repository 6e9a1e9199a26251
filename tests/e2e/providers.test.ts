import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { e2e, e2eProviders } from './setup';

/**
 * Comments and analytics in real Chromium. Every request to another origin is answered here
 * by a stub that behaves as the provider's script does (loads, sends a page view, draws the
 * comments frame); nothing reaches the internet, and a request to any other origin fails the test.
 */

const STUBS: Record<string, { type: string; body: string; status?: number }> = {
  'https://plausible.io/js/script.js': {
    type: 'text/javascript',
    body: `window.__analytics = 'plausible';
      fetch('https://plausible.io/api/event', { method: 'POST', body: JSON.stringify({ n: 'pageview', d: document.currentScript.dataset.domain, u: location.href }) });`,
  },
  'https://plausible.io/api/event': { type: 'text/plain', body: 'ok', status: 202 },
  'https://analytics.example.net/script.js': {
    type: 'text/javascript',
    body: `window.__analytics = 'umami';
      fetch('https://analytics.example.net/api/send', { method: 'POST', body: JSON.stringify({ website: document.currentScript.dataset.websiteId }) });`,
  },
  'https://analytics.example.net/api/send': { type: 'application/json', body: '{}' },
  'https://gc.zgo.at/count.js': {
    type: 'text/javascript',
    body: `window.__analytics = 'goatcounter';
      navigator.sendBeacon(document.currentScript.dataset.goatcounter + '?p=' + encodeURIComponent(location.pathname));`,
  },
  'https://folio-test.goatcounter.com/count': { type: 'image/gif', body: '', status: 204 },
  // giscus's client.js, as it works: its stylesheet in <head>, its frame in the .giscus container.
  'https://giscus.app/client.js': {
    type: 'text/javascript',
    body: `(() => {
      const script = document.currentScript;
      window.__giscusRepo = script.dataset.repo;
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = 'https://giscus.app/default.css';
      document.head.prepend(css);
      const frame = document.createElement('iframe');
      frame.className = 'giscus-frame';
      frame.title = 'Comments';
      frame.src = 'https://giscus.app/' + script.dataset.lang + '/widget?theme=' + encodeURIComponent(script.dataset.theme) + '&repo=' + encodeURIComponent(script.dataset.repo);
      document.querySelector('.giscus').appendChild(frame);
    })();`,
  },
  'https://giscus.app/default.css': { type: 'text/css', body: '.giscus-frame { width: 100%; border: none; }' },
};

/** The comments frame: records the theme it was opened with and the themes the page sends it. */
const WIDGET = `<!doctype html><html lang="en"><title>Comments</title><body><p>No comments yet.</p>
<script>
  window.__theme = new URL(location.href).searchParams.get('theme');
  addEventListener('message', (e) => { const t = e.data && e.data.giscus && e.data.giscus.setConfig && e.data.giscus.setConfig.theme; if (t) window.__theme = t; });
</script></body></html>`;

const RECORD = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Requests answered by a stub, in order. */
  stubbed: string[];
  /** Requests to an origin no stub answers (should be none). */
  unexpected: string[];
  errors: string[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: e2e.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => browser?.close());

async function visit(site: StaticServer, path: string, colorScheme: 'light' | 'dark' = 'light', viewport = { width: 1280, height: 720 }): Promise<Visit> {
  const context = await browser.newContext({ colorScheme, viewport });
  await context.addInitScript(RECORD);
  const stubbed: string[] = [];
  const unexpected: string[] = [];
  await context.route(
    (url) => url.origin !== new URL(site.url).origin,
    async (route) => {
      const url = route.request().url();
      const key = url.split('?')[0]!;
      const stub = STUBS[key];
      if (stub) {
        stubbed.push(key);
        await route.fulfill({ status: stub.status ?? 200, contentType: stub.type, body: stub.body, headers: { 'access-control-allow-origin': '*' } });
      } else if (/^https:\/\/giscus\.app\/[\w-]+\/widget$/.test(key)) {
        stubbed.push(key);
        await route.fulfill({ status: 200, contentType: 'text/html', body: WIDGET });
      } else {
        unexpected.push(url);
        await route.abort();
      }
    },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(new URL(path.replace(/^\//, ''), site.url).href);
  return { page, context, stubbed, unexpected, errors };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

const analytics = [
  ['giscus-plausible', 'plausible', 'https://plausible.io/api/event'],
  ['umami', 'umami', 'https://analytics.example.net/api/send'],
  ['goatcounter', 'goatcounter', 'https://folio-test.goatcounter.com/count'],
] as const;

describe.each(analytics)('analytics: %s', (name, provider, sent) => {
  let site: StaticServer;
  beforeAll(async () => {
    site = await serveStatic(e2eProviders.out(name), e2e.base);
  });
  afterAll(async () => site?.close());

  it.each(['/', '/posts/first-post/'])('%s loads the script, sends the page view, within the policy, axe clean', async (path) => {
    const { page, context, stubbed, unexpected, errors } = await visit(site, path);
    await page.waitForFunction((p) => (window as unknown as { __analytics?: string }).__analytics === p, provider, { timeout: 10_000 });
    await expect.poll(() => stubbed.includes(sent), { timeout: 10_000 }).toBe(true);
    expect(unexpected).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe('comments: giscus', () => {
  let site: StaticServer;
  beforeAll(async () => {
    site = await serveStatic(e2eProviders.out('giscus-plausible'), e2e.base);
  });
  afterAll(async () => site?.close());

  it('loads only when the reader nears them, follows the theme, within the policy, axe clean', async () => {
    const { page, context, stubbed, unexpected, errors } = await visit(site, '/posts/markdown-style-guide/', 'dark', { width: 375, height: 360 });
    await page.waitForFunction(() => (window as unknown as { __analytics?: string }).__analytics === 'plausible');
    // On a short phone screen the comments are further below it than the 400 px the loader
    // looks ahead, and nothing of giscus is asked for yet.
    expect(await page.locator('section.comments').evaluate((e) => e.getBoundingClientRect().top)).toBeGreaterThan(360 + 400 + 100);
    await page.waitForTimeout(500);
    expect(stubbed.filter((url) => url.startsWith('https://giscus.app'))).toEqual([]);
    await page.locator('section.comments').scrollIntoViewIfNeeded();
    const frame = page.locator('.giscus iframe.giscus-frame');
    await frame.waitFor({ timeout: 10_000 });
    expect(stubbed).toEqual(expect.arrayContaining(['https://giscus.app/client.js', 'https://giscus.app/default.css', 'https://giscus.app/en/widget']));
    expect(await page.evaluate(() => (window as unknown as { __giscusRepo?: string }).__giscusRepo)).toBe('owner/blog');
    const widget = () => page.frames().find((f) => f.url().startsWith('https://giscus.app/'));
    await expect.poll(() => widget()?.evaluate(() => (window as unknown as { __theme?: string }).__theme)).toBe('dark');
    // The reader switches the site to light: the discussion follows.
    await page.locator('button.theme-toggle').click();
    await expect.poll(() => widget()?.evaluate(() => (window as unknown as { __theme?: string }).__theme)).toBe('light');
    expect(unexpected).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('is not on lists, search or the 404 page', async () => {
    for (const path of ['/', '/tags/', '/archive/', '/search/', '/does-not-exist/']) {
      const { page, context } = await visit(site, path);
      expect(await page.locator('.giscus').count(), path).toBe(0);
      await context.close();
    }
  });
});
