import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import satori from 'satori';
import { afterAll, describe, expect, it } from 'vitest';
import { createOgRenderer, renderOgSvg } from '../../src/build/og-image';
import type { OgCard } from '../../src/lib/og';

const cacheDir = mkdtempSync(join(tmpdir(), 'folio-og-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const card: OgCard = { title: 'Becoming a Tech Lead', date: '3 March 2024', siteName: 'Folio', tags: ['tech', 'career'] };

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
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
});
