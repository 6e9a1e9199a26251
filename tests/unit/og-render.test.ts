import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { afterAll, describe, expect, it } from 'vitest';
import { closeOgRenderers, createOgRenderer, ogWorkerFile, renderOgPng, renderOgSvg } from '../../src/build/og-image';
import type { OgCard } from '../../src/lib/og';

const cacheDir = mkdtempSync(join(tmpdir(), 'folio-og-'));
afterAll(async () => {
  await closeOgRenderers();
  rmSync(cacheDir, { recursive: true, force: true });
});

const card: OgCard = { title: 'Becoming a Tech Lead', date: '3 March 2024', siteName: 'Folio', tags: ['tech', 'career'] };

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The pool the renderers share, if one was started (see ogPool in og-image.ts). */
const livePool = () => (globalThis as { [k: symbol]: { mode(): string } | undefined })[Symbol.for('folio.ogPool')];

/** RGB pixels of a PNG written by our encoder (8-bit RGB, Sub or Up rows), via zlib. */
function decodeCard(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const { width, height } = pngSize(png);
  expect(png[25], 'colour type: RGB').toBe(2);
  const idat = png.subarray(41, 41 + png.readUInt32BE(33));
  expect(png.toString('latin1', 37, 41)).toBe('IDAT');
  const raw = inflateSync(idat);
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    expect([1, 2]).toContain(filter);
    for (let i = 0; i < stride; i++) {
      const left = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + i]! : 0;
      rgb[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + (filter === 1 ? left : up)) & 0xff;
    }
  }
  return { width, height, rgb };
}

describe('OG image renderer', () => {
  const renderer = createOgRenderer({ cacheDir });

  it('renders a 1200x630 PNG and caches it by key', async () => {
    const first = await renderer.render(card);
    expect(first.cached).toBe(false);
    expect(first.dropped).toEqual([]);
    expect(pngSize(first.png)).toEqual({ width: 1200, height: 630 });
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(readFileSync(join(cacheDir, files[0]!)).equals(first.png)).toBe(true);
    expect(renderer.stats()).toEqual({ rendered: 1, reused: 0 });
  });

  it('reuses the cached PNG for an unchanged card, also in a new renderer (a rebuild)', async () => {
    const again = await renderer.render({ ...card, tags: [...card.tags] });
    expect(again.cached).toBe(true);
    expect(renderer.stats()).toEqual({ rendered: 1, reused: 1 });

    const rebuild = createOgRenderer({ cacheDir });
    const fromDisk = await rebuild.render(card);
    expect(fromDisk.cached).toBe(true);
    expect(fromDisk.png.equals(again.png)).toBe(true);
    expect(rebuild.stats()).toEqual({ rendered: 0, reused: 1 });
  });

  it('hands the build the cached file instead of the bytes, and treats a damaged file as missing', async () => {
    const rebuild = createOgRenderer({ cacheDir });
    const hit = await rebuild.renderFile(card);
    expect(hit.cached).toBe(true);
    expect(hit.file.startsWith(cacheDir)).toBe(true);
    expect(readFileSync(hit.file).equals((await rebuild.render(card)).png)).toBe(true);
    writeFileSync(hit.file, 'not a png');
    const redrawn = await createOgRenderer({ cacheDir }).renderFile(card);
    expect(redrawn).toEqual({ file: hit.file, cached: false, dropped: [], drawMs: expect.any(Number) });
    expect(redrawn.drawMs).toBeGreaterThan(0);
    expect(hit.drawMs).toBe(0);
    expect(pngSize(readFileSync(hit.file))).toEqual({ width: 1200, height: 630 });
  });

  it('renders again when the title changes', async () => {
    const changed = await renderer.render({ ...card, title: 'Becoming a Staff Engineer' });
    expect(changed.cached).toBe(false);
    expect(renderer.stats()).toEqual({ rendered: 2, reused: 1 });
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('renders the same card once when asked twice at the same time', async () => {
    const fresh = createOgRenderer({ cacheDir });
    const twin = { ...card, title: 'Twins' };
    const [a, b] = await Promise.all([fresh.render(twin), fresh.render(twin)]);
    expect(a.png.equals(b.png)).toBe(true);
    expect(fresh.stats()).toEqual({ rendered: 1, reused: 1 });
  });

  it('draws Latin Extended and CJK titles with every glyph covered', async () => {
    for (const title of ['Żółć Ñandú Ærøskøbing', '日本語のタイトル', 'Ελληνικά, Кириллица, Tiếng Việt']) {
      const svg = await renderOgSvg({ ...card, title, tags: ['日本語', 'språk'] });
      expect(svg.dropped, title).toEqual([]);
      // satori asks loadAdditionalAsset for any text no font draws: it was never asked
      expect(svg.unresolved, title).toEqual([]);
      const result = await renderer.render({ ...card, title });
      expect(result.dropped).toEqual([]);
      expect(pngSize(result.png)).toEqual({ width: 1200, height: 630 });
    }
  });

  it('leaves out and reports what no font covers, and still renders', async () => {
    const title = 'Shipping 🚀 with 한국어';
    const svg = await renderOgSvg({ ...card, title });
    expect(svg.dropped).toEqual(['🚀', '한', '국', '어']);
    expect(svg.unresolved).toEqual([]);
    const result = await renderer.render({ ...card, title });
    expect(result.cached).toBe(false);
    expect(result.dropped).toEqual(['🚀', '한', '국', '어']);
    expect(pngSize(result.png)).toEqual({ width: 1200, height: 630 });
  });

  it('the check can fail: satori reports text its fonts lack (it would draw boxes)', async () => {
    const require = createRequire(import.meta.url);
    const inter = join(dirname(require.resolve('@fontsource/inter')), 'files', 'inter-latin-700-normal.woff');
    const asked: string[] = [];
    await satori({ type: 'div', props: { style: { display: 'flex' }, children: 'Hi 日本 🚀' } } as unknown as Parameters<typeof satori>[0], {
      width: 200,
      height: 50,
      fonts: [{ name: 'Inter', data: readFileSync(inter), weight: 700, style: 'normal' }],
      loadAdditionalAsset: async (_code, segment) => {
        asked.push(segment);
        return [];
      },
    });
    expect(asked.join('')).toContain('日本');
    expect(asked.join('')).toContain('🚀');
  });

  it("writes resvg's pixels losslessly as an RGB PNG", async () => {
    const { svg } = await renderOgSvg(card);
    const raster = new Resvg(svg, { fitTo: { mode: 'width', value: 1200 }, font: { loadSystemFonts: false } }).render();
    const { png } = await renderOgPng(card);
    const decoded = decodeCard(png);
    expect(decoded).toMatchObject({ width: raster.width, height: raster.height });
    const rgbaAt = (x: number, y: number) => [...raster.pixels.subarray((y * 1200 + x) * 4, (y * 1200 + x) * 4 + 4)];
    const rgbAt = (x: number, y: number) => [...decoded.rgb.subarray((y * 1200 + x) * 3, (y * 1200 + x) * 3 + 3)];
    // the accent rule along the top, the paper background, and every pixel of a text row
    expect(rgbaAt(600, 2)).toEqual([0xa2, 0x3b, 0x1e, 255]);
    expect(rgbaAt(1190, 300)).toEqual([0xfb, 0xfa, 0xf7, 255]);
    for (const [x, y] of [[600, 2], [1190, 300], [5, 629]] as const) expect(rgbAt(x, y)).toEqual(rgbaAt(x, y).slice(0, 3));
    const opaque = raster.pixels.filter((_, i) => i % 4 !== 3);
    expect(Buffer.from(decoded.rgb).equals(Buffer.from(opaque))).toBe(true);
  });

  it('gives the same bytes in a worker and in-process, every time', async () => {
    const inProcessDir = mkdtempSync(join(tmpdir(), 'folio-og-inproc-'));
    try {
      const pooled = createOgRenderer({ cacheDir: mkdtempSync(join(cacheDir, 'pooled-')) });
      const local = createOgRenderer({ cacheDir: inProcessDir, workers: false });
      const cards = [card, { ...card, title: '日本語のタイトル' }, { ...card, title: 'Shipping 🚀 with 한국어', tags: ['Ελληνικά'] }];
      for (const c of cards) {
        const [a, b, again] = await Promise.all([pooled.render(c), local.render(c), renderOgPng(c)]);
        expect(a.cached || b.cached).toBe(false);
        expect(a.png.equals(b.png), c.title).toBe(true);
        expect(again.png.equals(a.png), c.title).toBe(true);
        expect(a.dropped).toEqual(b.dropped);
      }
      expect(livePool()?.mode()).toBe('workers');
    } finally {
      rmSync(inProcessDir, { recursive: true, force: true });
    }
  });

  it('prefetches missing cards in the background and hands them to render, counted once', async () => {
    const dir = mkdtempSync(join(cacheDir, 'prefetch-'));
    const cards = ['One', 'Two', 'Three'].map((title) => ({ ...card, title }));
    const first = createOgRenderer({ cacheDir: dir });
    await first.prefetch(cards);
    const results = await Promise.all(cards.map((c) => first.render(c)));
    expect(results.map((r) => r.cached)).toEqual([false, false, false]);
    expect(first.stats()).toEqual({ rendered: 3, reused: 0 });
    expect(readdirSync(dir).sort()).toHaveLength(3);
    for (const [i, c] of cards.entries()) expect(results[i]!.png.equals((await renderOgPng(c)).png)).toBe(true);

    // a rebuild: every card is in the cache, so prefetch does not even start the pool
    await closeOgRenderers();
    const second = createOgRenderer({ cacheDir: dir });
    await second.prefetch(cards);
    expect(livePool()).toBeUndefined();
    expect((await Promise.all(cards.map((c) => second.render(c)))).map((r) => r.cached)).toEqual([true, true, true]);
    expect(second.stats()).toEqual({ rendered: 0, reused: 3 });
    expect(livePool()).toBeUndefined();
  });

  it('finds the worker from a bundled chunk under the project, and nothing elsewhere', () => {
    const root = resolve(import.meta.dirname, '../..');
    const worker = join(root, 'src', 'build', 'og-worker.ts');
    expect(ogWorkerFile()).toBe(worker);
    expect(ogWorkerFile([join(root, 'dist', '.prerender', 'chunks')])).toBe(worker);
    expect(ogWorkerFile([tmpdir()])).toBeUndefined();
  });

  it('lets the process exit when the cards are done, without being closed', () => {
    const dir = mkdtempSync(join(cacheDir, 'exit-'));
    const script = `
      import { createOgRenderer } from ${JSON.stringify(resolve(import.meta.dirname, '../../src/build/og-image.ts'))};
      const renderer = createOgRenderer({ cacheDir: ${JSON.stringify(dir)} });
      await renderer.prefetch([{ title: 'Queued', date: 'x', siteName: 'Folio', tags: [] }]);
      const { png, cached } = await renderer.render(${JSON.stringify(card)});
      console.log(png.length > 1000, cached);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('true false');
  });
});
