import { cpSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus';
import { astroBuildAsync, root } from '../helpers/build';
import { listFiles } from '../helpers/dist';
import { decodeJpeg } from '../helpers/images';

// A deploy restores the cache folder from a CI cache, which can be damaged (saved halfway, a
// full disk). Here every cached card is cut to zero bytes, every JSON file of the cache is
// garbage, and (in a second round, with Astro's own store intact) one rendered body is cut
// short: the build goes through, says so once, redoes only what was damaged, and publishes
// no broken file.
const work = join(root, 'tests/.output/cache-damage');
const posts = join(work, 'posts');
const cache = join(work, 'cache');
const env = { SITE_URL: 'https://example.org', BASE_PATH: '/', FOLIO_NOW: '2026-01-01T00:00:00Z', NO_COLOR: '1' };
const build = (out: string) => astroBuildAsync({ contentDir: posts, outDir: join(work, out), cacheDir: cache, env });

const files = (dir: string, pattern: RegExp) => listFiles(dir).filter((f) => pattern.test(f));
const cardsIn = (dir: string) => files(dir, /^og\/.+\.jpg$/);
const warnings = (log: string) => log.split('\n').filter((line) => line.includes('[cache]'));

let clean: { status: number | null; output: string };
let damaged: { status: number | null; output: string };
let bodyCut: { status: number | null; output: string };
let cutCards = 0;
let cutBody = '';

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  const corpus = generateCorpus({ posts: 12, seed: 7, dir: posts });
  expect(corpus.posts).toBe(12);
  clean = await build('dist-clean');
  expect(clean.status, clean.output.slice(-2000)).toBe(0);

  // Round 1: cards cut to nothing, every JSON file garbage (Astro's own included).
  const kept = join(work, 'cache-before');
  cpSync(cache, kept, { recursive: true });
  for (const file of files(cache, /^og\/.+\.jpg$/)) {
    truncateSync(join(cache, file), 0);
    cutCards += 1;
  }
  for (const file of files(cache, /\.json$/)) writeFileSync(join(cache, file), '{ not json');
  damaged = await build('dist-damaged');

  // Round 2: the cache as the clean build left it, but one rendered body cut short.
  rmSync(cache, { recursive: true, force: true });
  cpSync(kept, cache, { recursive: true });
  const bodies = join(cache, 'folio-bodies');
  cutBody = readdirSync(bodies)[0]!;
  truncateSync(join(bodies, cutBody), 40);
  bodyCut = await build('dist-body');
}, 600_000);

describe('a damaged cache folder', () => {
  it('still builds, and says so in one warning naming the damaged files', () => {
    expect(damaged.status, damaged.output.slice(-2000)).toBe(0);
    const lines = warnings(damaged.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`\\d+ damaged files in the cache folder \\(${cutCards} social cards, 1 search shard, \\d+ records\\) were ignored and made again: `));
    expect(warnings(clean.output)).toEqual([]);
  });

  it('draws again only the damaged cards, and every published card is a whole 1200x630 image', async () => {
    expect(cutCards).toBeGreaterThan(5);
    expect(damaged.output).toMatch(new RegExp(`\\[og\\] rendered ${cutCards}, reused 0`));
    const cards = cardsIn(join(work, 'dist-damaged'));
    expect(cards).toEqual(cardsIn(join(work, 'dist-clean')));
    for (const card of cards) {
      const bytes = readFileSync(join(work, 'dist-damaged', card));
      expect(bytes).toEqual(readFileSync(join(work, 'dist-clean', card)));
      expect(await decodeJpeg(bytes), card).toEqual({ width: 1200, height: 630 });
    }
  });

  it('publishes the same site as the clean build, file for file', () => {
    const clean = listFiles(join(work, 'dist-clean'));
    expect(listFiles(join(work, 'dist-damaged'))).toEqual(clean);
    for (const file of clean.filter((f) => f.endsWith('.html') || f.endsWith('.xml'))) {
      expect(readFileSync(join(work, 'dist-damaged', file), 'utf8'), file).toBe(readFileSync(join(work, 'dist-clean', file), 'utf8'));
    }
  });

  it('renders a post again whose cached body was cut short, instead of publishing the stub', () => {
    expect(bodyCut.status, bodyCut.output.slice(-2000)).toBe(0);
    expect(warnings(bodyCut.output)).toEqual([expect.stringMatching(new RegExp(`1 damaged file in the cache folder \\(1 post body\\) was ignored and made again: .*${cutBody}$`))]);
    for (const file of listFiles(join(work, 'dist-clean')).filter((f) => /^posts\/.+\/index\.html$/.test(f))) {
      expect(readFileSync(join(work, 'dist-body', file), 'utf8'), file).toBe(readFileSync(join(work, 'dist-clean', file), 'utf8'));
    }
  });
});
