// Desktop and phone screenshots, light and dark, of a built site.
// Usage: npm run screenshots -- [dist-dir] [out-dir] [path ...]
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.ts';

const [dir = 'dist', out = 'test-results/screenshots', ...paths] = process.argv.slice(2);
const site = await serveStatic(dir);
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
await mkdir(out, { recursive: true });
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 375, height: 812 }],
    ] as const) {
      const page = await browser.newPage({ viewport, colorScheme });
      for (const path of paths.length > 0 ? paths : ['/', '/archive/', '/tags/']) {
        await page.goto(new URL(path.replace(/^\//, ''), site.url).href);
        const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: join(out, `${name}-${device}-${colorScheme}.png`), fullPage: true });
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`Screenshots written to ${out}/`);
