import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { e2e } from './setup';

export interface Session {
  browser: Browser;
  site: StaticServer;
  /** A new page; console errors and failed requests are collected in `errors`. */
  open(path: string, options?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** A browser and a server for a built site (by default the sample site). */
export async function startSession(dir = e2e.out): Promise<Session> {
  const site = await serveStatic(dir, e2e.base);
  const browser = await chromium.launch({
    executablePath: e2e.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    site,
    async open(path, options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const errors: string[] = [];
      // The 404 page is requested on purpose; its own status is not an error.
      const expected404 = (url: string) => url.endsWith('/does-not-exist/');
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !expected404(msg.location().url)) errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('requestfailed', (req) => errors.push(`failed: ${req.url()}`));
      page.on('response', (res) => {
        if (res.status() >= 400 && !expected404(res.url())) errors.push(`${res.status()}: ${res.url()}`);
      });
      await page.goto(new URL(path.replace(/^\//, ''), site.url).href);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

/** One browser and server for a test file: started before its tests, closed after. */
export function useSession(dir?: string): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession(dir);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The browser session is not started yet');
    return session;
  };
}
