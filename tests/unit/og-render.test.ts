import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeOgRenderers, createOgRenderer, ogWorkerCount, ogWorkerFile, renderOgJpeg } from '../../src/integrations/og-image';
import type { OgCard } from '../../src/lib/og';

const cacheDir = mkdtempSync(join(tmpdir(), 'folio-og-'));
afterEach(closeOgRenderers);
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const card: OgCard = { title: 'Becoming a Tech Lead', date: '3 March 2024', siteName: 'Folio', tags: ['tech', 'career'] };
const moduleUrl = JSON.stringify(resolve(import.meta.dirname, '../../src/integrations/og-image.ts'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The pool the renderers share, if one was started (see ogPool in og-image.ts). */
const livePool = () => (globalThis as { [k: symbol]: { mode(): string } | undefined })[Symbol.for('folio.ogPool')];

const renderOne = async (renderer: ReturnType<typeof createOgRenderer>, c: OgCard) => (await Promise.all(renderer.renderFiles([c])))[0]!;

/** Decodes a JPEG with Skia: its size and an RGB reader. */
async function decode(jpeg: Buffer) {
  const image = await loadImage(jpeg);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  const { data } = canvas.getContext('2d').getImageData(0, 0, image.width, image.height);
  const rgb = (x: number, y: number) => [...data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
  return { width: image.width, height: image.height, rgb };
}

const near = (actual: number[], hex: string) => {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= 8);
};

/** Runs a module script in a new Node process and returns its stdout. */
function inChild(script: string): string {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return child.stdout.trim();
}

describe('OG card renderer', () => {
  it('draws a 1200x630 JPEG with the accent bar, the background and dark title text', async () => {
    const { jpeg, dropped } = await renderOgJpeg(card);
    expect(dropped).toEqual([]);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const image = await decode(jpeg);
    expect([image.width, image.height]).toEqual([1200, 630]);
    expect(near(image.rgb(600, 4), '#a23b1e'), `accent ${image.rgb(600, 4).join(',')}`).toBe(true);
    expect(near(image.rgb(1190, 300), '#fbfaf7'), `background ${image.rgb(1190, 300).join(',')}`).toBe(true);
    let dark = 0;
    for (let y = 120; y < 480; y += 2) for (let x = 80; x < 1120; x += 2) if (Math.max(...image.rgb(x, y)) < 80) dark++;
    expect(dark).toBeGreaterThan(2000); // "Becoming a Tech Lead" at 80 px
    let below = 0;
    for (let x = 80; x < 1120; x += 2) if (Math.max(...image.rgb(x, 590)) < 80) below++;
    expect(below).toBe(0); // nothing dark under the footer
  });

  it('caches by key, reuses the file on a rebuild, and draws a damaged file again', async () => {
    const renderer = createOgRenderer({ cacheDir });
    const first = await renderOne(renderer, card);
    expect(first).toMatchObject({ cached: false, dropped: [], thread: 0 });
    expect(first.drawMs).toBeGreaterThan(0);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.jpg$/)]);
    const bytes = readFileSync(first.file);

    const rebuild = await renderOne(createOgRenderer({ cacheDir }), { ...card, tags: [...card.tags] });
    expect(rebuild).toEqual({ file: first.file, cached: true, dropped: [], drawMs: 0, thread: null });
    expect(readFileSync(rebuild.file).equals(bytes)).toBe(true);

    writeFileSync(first.file, 'not a jpeg');
    const redrawn = await renderOne(createOgRenderer({ cacheDir }), card);
    expect(redrawn.cached).toBe(false);
    expect(readFileSync(redrawn.file).equals(bytes)).toBe(true);
  });

  it('hands the pages the cards drawn early, once each, and draws only what was not foreseen', async () => {
    const dir = mkdtempSync(join(cacheDir, 'early-'));
    const renderer = createOgRenderer({ cacheDir: dir });
    const foreseen = ['Early one', 'Early two'].map((title) => ({ ...card, title }));
    renderer.drawEarly(foreseen);
    const unforeseen = { ...card, title: 'Not foreseen' };
    const results = await Promise.all(renderer.renderFiles([foreseen[1]!, unforeseen, { ...foreseen[0]! }]));
    expect(results.map((r) => [r.early ?? false, r.cached])).toEqual([
      [true, false],
      [false, false],
      [true, false],
    ]);
    expect(results.every((r) => r.drawMs > 0)).toBe(true);
    expect(readdirSync(dir).toSorted()).toEqual(results.map((r) => basename(r.file)).toSorted());
    // claimed once: asked again, the card is in the cache
    const again = await renderOne(renderer, foreseen[0]!);
    expect(again).toEqual({ file: results[2]!.file, cached: true, dropped: [], drawMs: 0, thread: null });
  });

  it('reports a card it cannot write whether or not it was started early', async () => {
    const file = join(mkdtempSync(join(cacheDir, 'blocked-')), 'og');
    writeFileSync(file, 'a file where the cache folder should be');
    const renderer = createOgRenderer({ cacheDir: file });
    renderer.drawEarly([card]);
    const outcomes = await Promise.allSettled(renderer.renderFiles([card, { ...card, title: 'Late' }]));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('draws again when the title changes, and once for a card asked for twice', async () => {
    const renderer = createOgRenderer({ cacheDir: mkdtempSync(join(cacheDir, 'twins-')) });
    const twin = { ...card, title: 'Twins' };
    const results = await Promise.all(renderer.renderFiles([twin, card, { ...twin }]));
    expect(results.map((r) => r.cached)).toEqual([false, false, true]);
    expect(results[0]!.file).toBe(results[2]!.file);
    expect(results[0]!.file).not.toBe(results[1]!.file);
  });

  it('leaves out and reports what no font covers: the card is the one without those characters (no boxes)', async () => {
    const result = await renderOgJpeg({ ...card, title: 'Shipping 🚀 with 한국어', tags: ['🎉', 'news'] });
    expect(result.dropped).toEqual(['🚀', '한', '국', '어', '🎉']);
    const without = await renderOgJpeg({ ...card, title: 'Shipping with', tags: ['news'] });
    expect(sha(result.jpeg)).toBe(sha(without.jpeg));
    // the check can fail: a character the fonts do have changes the bytes
    expect(sha((await renderOgJpeg({ ...card, title: 'Shipping † with', tags: ['news'] })).jpeg)).not.toBe(sha(without.jpeg));
  });

  it('gives the same bytes in other processes, in worker threads and in this thread', async () => {
    const cards = [card, { ...card, title: '日本語のタイトルと東京の夏' }, { ...card, title: 'Shipping 🚀 with 한국어', tags: ['Ελληνικά'] }];
    const script = `
      import { createHash } from 'node:crypto';
      import { renderOgJpeg } from ${moduleUrl};
      for (const card of ${JSON.stringify(cards)}) console.log(createHash('sha256').update((await renderOgJpeg(card)).jpeg).digest('hex'));`;
    const [one, two] = [inChild(script), inChild(script)];
    expect(one.split('\n')).toHaveLength(3);
    expect(two).toBe(one);
    const here = await Promise.all(cards.map(async (c) => sha((await renderOgJpeg(c)).jpeg)));
    expect(here.join('\n')).toBe(one);
    const pooled = await Promise.all(createOgRenderer({ cacheDir: mkdtempSync(join(cacheDir, 'pooled-')), inProcessMax: 0 }).renderFiles(cards));
    expect(pooled.every((r) => r.thread !== null && r.thread > 0)).toBe(true);
    expect(pooled.map((r) => sha(readFileSync(r.file))).join('\n')).toBe(one);
  });

  it('draws a handful in this thread, many in workers that really run, and starts nothing when all are cached', async () => {
    const dir = mkdtempSync(join(cacheDir, 'sizing-'));
    const few = ['One', 'Two', 'Three'].map((title) => ({ ...card, title }));
    const drawnHere = await Promise.all(createOgRenderer({ cacheDir: dir }).renderFiles(few));
    expect(drawnHere.map((r) => r.thread)).toEqual([0, 0, 0]);
    expect(livePool()).toBeUndefined();

    const many = Array.from({ length: 20 }, (_, i) => ({ ...card, title: `Card number ${i}` }));
    const drawn = await Promise.all(createOgRenderer({ cacheDir: dir }).renderFiles([...few, ...many]));
    expect(livePool()?.mode()).toBe('workers');
    expect(drawn.slice(0, 3).map((r) => r.cached)).toEqual([true, true, true]);
    for (const r of drawn.slice(3)) expect(r.cached === false && r.thread !== null && r.thread > 0, JSON.stringify(r)).toBe(true);
    await closeOgRenderers();

    // a rebuild: every card is cached, so neither a worker nor Skia is started
    const rebuild = inChild(`
      import { createRequire } from 'node:module';
      import { createOgRenderer } from ${moduleUrl};
      const results = await Promise.all(createOgRenderer({ cacheDir: ${JSON.stringify(dir)}, inProcessMax: 0 }).renderFiles(${JSON.stringify([...few, ...many])}));
      const pool = globalThis[Symbol.for('folio.ogPool')];
      const skia = Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('@napi-rs'));
      console.log(results.every((r) => r.cached), pool === undefined, skia);`);
    expect(rebuild).toBe('true true false');
  });

  it('sizes the pool by the cards to draw', () => {
    // a core is left to the main thread: one worker on two cores, two from three
    expect([0, 16, 17, 64, 65, 5000].map((n) => ogWorkerCount(n, 16, 4))).toEqual([0, 0, 1, 1, 2, 2]);
    expect([0, 16, 17, 64, 65, 5000].map((n) => ogWorkerCount(n, 16, 2))).toEqual([0, 0, 1, 1, 1, 1]);
    expect(ogWorkerCount(5000, 16, 1)).toBe(1);
  });

  it('finds the worker from a bundled chunk under the project, and nothing elsewhere', () => {
    const root = resolve(import.meta.dirname, '../..');
    const worker = join(root, 'src', 'integrations', 'og-worker.ts');
    expect(ogWorkerFile()).toBe(worker);
    expect(ogWorkerFile([join(root, 'dist', '.prerender', 'chunks')])).toBe(worker);
    expect(ogWorkerFile([tmpdir()])).toBeUndefined();
  });

  it('lets the process exit when the cards are done, without closing the workers', () => {
    const dir = mkdtempSync(join(cacheDir, 'exit-'));
    const out = inChild(`
      import { readFileSync } from 'node:fs';
      import { createOgRenderer } from ${moduleUrl};
      const [result] = await Promise.all(createOgRenderer({ cacheDir: ${JSON.stringify(dir)}, inProcessMax: 0 }).renderFiles([${JSON.stringify(card)}]));
      console.log(readFileSync(result.file).length > 1000, result.thread > 0);`);
    expect(out).toBe('true true');
  });
});
