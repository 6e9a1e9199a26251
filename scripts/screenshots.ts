// Desktop and phone screenshots, light and dark, of a built site.
//   npm run screenshots                                 the README's pictures: the home page and a
//                                                       post of the sample site, into docs/images/
//   npm run screenshots -- [dist-dir] [out-dir] [path ...]   full-page shots of any pages
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from './serve.ts';

const DEVICES = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 375, height: 812 }],
] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The README's pages: the home page and a sample post that shows most of what a post can hold. */
const README_PAGES = { home: '/', post: '/posts/writing-with-mdx/' };

type Shot = { name: string; device: (typeof DEVICES)[number][0]; scheme: (typeof SCHEMES)[number]; file: string };

async function shoot(browser: Browser, siteUrl: string, out: string, pages: Record<string, string>, fullPage: boolean): Promise<Shot[]> {
  const shots: Shot[] = [];
  for (const scheme of SCHEMES) {
    for (const [device, viewport] of DEVICES) {
      const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(new URL(path.replace(/^\//, ''), siteUrl).href);
        const file = join(out, `${name}-${device}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage });
        shots.push({ name, device, scheme, file });
      }
      await page.close();
    }
  }
  return shots;
}

/** One picture for the README: both pages on a desktop (light, dark), then four phones. */
async function overview(shots: Shot[], file: string): Promise<void> {
  const find = (name: string, device: string, scheme: string) => shots.find((s) => s.name === name && s.device === device && s.scheme === scheme)!.file;
  const gap = 24;
  const scale = 0.5;
  const desktop = { w: 1280 * scale, h: 800 * scale };
  const phone = { w: 375 * scale * 1.6, h: 812 * scale * 1.6 };
  const width = gap * 3 + desktop.w * 2;
  const height = gap * 3 + desktop.h + phone.h;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#d9d6cc';
  ctx.fillRect(0, 0, width, height);
  const place = async (path: string, x: number, y: number, w: number, h: number) => {
    ctx.drawImage(await loadImage(path), x, y, w, h);
    ctx.strokeStyle = '#8a877f';
    ctx.strokeRect(x - 0.5, y - 0.5, w + 1, h + 1);
  };
  await place(find('home', 'desktop', 'light'), gap, gap, desktop.w, desktop.h);
  await place(find('post', 'desktop', 'dark'), gap * 2 + desktop.w, gap, desktop.w, desktop.h);
  const phones = [find('home', 'phone', 'dark'), find('post', 'phone', 'light'), find('post', 'phone', 'dark'), find('home', 'phone', 'light')];
  const step = (width - gap * 2 - phone.w) / (phones.length - 1);
  for (const [i, path] of phones.entries()) await place(path, gap + i * step, gap * 2 + desktop.h, phone.w, phone.h);
  await writeFile(file, await canvas.encode('png'));
}

const args = process.argv.slice(2);
const readme = args.length === 0;
const [dir = 'dist', out = readme ? 'docs/images' : 'test-results/screenshots', ...paths] = args;
const site = await serveStatic(dir);
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
await mkdir(out, { recursive: true });
try {
  if (readme) {
    const shots = await shoot(browser, site.url, out, README_PAGES, false);
    await overview(shots, join(out, 'overview.png'));
  } else {
    const pages = Object.fromEntries((paths.length > 0 ? paths : ['/', '/archive/', '/tags/']).map((path) => [path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home', path]));
    await shoot(browser, site.url, out, pages, true);
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`Screenshots written to ${out}/`);
