import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useSession } from './browser';
import { e2eEmbeds } from './setup';

// Posts that embed a YouTube iframe, a gist, an async script and inline scripts, in real
// Chromium, under both policies a host applies: each page's <meta> and the site-wide
// header from _headers (added here to the server's responses, as Netlify or Cloudflare
// would). Third-party requests are answered by routes: nothing reaches the internet.
const browser = useSession(e2eEmbeds.out);
const headerPolicy = /^ {2}Content-Security-Policy: (.*)$/m.exec(readFileSync(join(e2eEmbeds.out, '_headers'), 'utf8'))![1]!;

const RECORD = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push((e.violatedDirective + ' ' + e.blockedURI).trim());
  });
`;

const THIRD_PARTY: Record<string, { type: string; body: string }> = {
  'https://www.youtube-nocookie.com/': { type: 'text/html', body: '<!doctype html><title>video</title><p>A video player</p>' },
  'https://player.vimeo.com/': { type: 'text/html', body: '<!doctype html><title>video</title><p>Another player</p>' },
  'https://gist.github.com/': { type: 'text/javascript', body: "document.documentElement.dataset.gist = 'ran';" },
  'https://platform.twitter.com/': { type: 'text/javascript', body: "document.documentElement.dataset.widgets = 'ran';" },
};

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(path: string): Promise<{ page: Page; offline: string[]; violations: () => Promise<string[]> }> {
  context = await browser().browser.newContext();
  await context.addInitScript(RECORD);
  const offline: string[] = [];
  const site = new URL(browser().site.url).origin;
  // Registered first, so it runs last: anything not answered below would go to the internet.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(site)) {
      // The site's own responses get the _headers policy too, as on Netlify or Cloudflare Pages.
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-security-policy': headerPolicy };
      return route.fulfill({ response, headers });
    }
    const answer = Object.entries(THIRD_PARTY).find(([prefix]) => url.startsWith(prefix));
    if (answer) return route.fulfill({ status: 200, contentType: answer[1].type, body: answer[1].body });
    offline.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(new URL(path.replace(/^\//, ''), browser().site.url).href);
  await page.waitForLoadState('load');
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  return { page, offline, violations };
}

const dataset = (page: Page, key: string) => page.evaluate((k) => document.documentElement.dataset[k], key);

describe('a post with embeds, under its own policy and the site-wide header', () => {
  it('runs its inline script and gist, shows its YouTube iframe, and reports no violation', async () => {
    const { page, offline, violations } = await open('/posts/media-post/');
    expect(await dataset(page, 'inline')).toBe('ran');
    expect(await dataset(page, 'gist')).toBe('ran');
    const frame = page.frameLocator('iframe[src^="https://www.youtube-nocookie.com/"]');
    await expect.poll(() => frame.locator('p').textContent()).toBe('A video player');
    // the optimised image shows; every copied file is served by the site
    await expect.poll(() => page.locator('img[alt="A green rectangle"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const statuses = await page.evaluate(async () => {
      const urls = [...document.querySelectorAll('.prose [src], .prose [poster], .prose a[href*="/_media/"]')]
        .flatMap((el) => [el.getAttribute('src'), el.getAttribute('poster'), el.getAttribute('href')])
        .filter((url): url is string => !!url && url.includes('/_media/'));
      return Promise.all(urls.map(async (url) => `${(await fetch(url)).status} ${url.split('/').pop()}`));
    });
    expect(statuses.sort()).toEqual(['200 clip.webm', '200 data.zip', '200 demo.jpg', '200 demo.mp4', '200 slides.pdf', '200 subs.vtt#cue']);
    expect(await violations()).toEqual([]);
    expect(offline).toEqual([]);
  });

  it('loads an iframe written with http over https, an async script and a module script; only its data: frame stays blocked', async () => {
    const { page, offline, violations } = await open('/posts/embeds-too/');
    await expect.poll(() => dataset(page, 'widgets')).toBe('ran');
    await expect.poll(() => dataset(page, 'module')).toBe('ran');
    await expect.poll(() => page.frameLocator('iframe[src^="https://player.vimeo.com/"]').locator('p').textContent()).toBe('Another player');
    // the data: frame, blocked by both policies (Chromium reports no URL for it)
    await expect.poll(violations).toEqual(['frame-src', 'frame-src']);
    expect(offline).toEqual([]);
  });
});

describe('a post without embeds', () => {
  it('still blocks an iframe and an inline script injected into it', async () => {
    const { page, offline, violations } = await open('/posts/plain/');
    expect(await violations()).toEqual([]);
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.src = 'https://www.youtube-nocookie.com/embed/x';
      document.body.append(frame);
      const script = document.createElement('script');
      script.textContent = "document.documentElement.dataset.injected = 'ran';";
      document.body.append(script);
    });
    // The frame is blocked by the page's own policy (the header's allows what any post
    // allows); the inline script by both.
    await expect.poll(async () => (await violations()).sort()).toEqual(['frame-src https://www.youtube-nocookie.com', 'script-src-elem inline', 'script-src-elem inline']);
    expect(
      page
        .frames()
        .map((f) => f.url())
        .filter((url) => url.startsWith('https://www.youtube-nocookie.com')),
    ).toEqual([]);
    expect(await dataset(page, 'injected')).toBeUndefined();
    expect(offline).toEqual([]);
  });
});
