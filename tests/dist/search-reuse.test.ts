import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHashedFile, pruneBundle, readBundle, seedBundle, sharedNames, untrusted } from '../../src/integrations/pagefind-files';
import { indexSite, type SearchIndexResult } from '../../src/integrations/search';
import { Dist, listFiles } from '../helpers/dist';
import { fixture } from './setup';

// A search shard indexed again after one post changed starts from its last version: Pagefind
// writes only the files that changed (its files are named by their contents), and what the new
// index no longer names is removed, so the bundle is exactly what a fresh index writes.
const work = mkdtempSync(join(tmpdir(), 'folio-search-reuse-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const options = { perShard: 2000, searchCode: false };
const out = join(work, 'dist');
const cache = join(work, 'cache');
const bundle = join(out, 'pagefind');

/** The bundle a fresh index (empty cache, new output folder) writes for the same pages. */
async function freshBundle(name: string): Promise<string> {
  const dir = join(work, name);
  cpSync(join(out, 'posts'), join(dir, 'dist', 'posts'), { recursive: true });
  await indexSite(join(dir, 'dist'), join(dir, 'cache'), options);
  return join(dir, 'dist', 'pagefind');
}

function expectSameBundle(actual: string, expected: string): void {
  const files = listFiles(expected);
  expect(listFiles(actual)).toEqual(files);
  for (const file of files) expect(readFileSync(join(actual, file)).equals(readFileSync(join(expected, file))), file).toBe(true);
}

/** Adds a sentence to a post's indexed text (written anew, as a build writes an edited page). */
function edit(page: string, words: string): void {
  const file = join(out, 'posts', page, 'index.html');
  const html = readFileSync(join(out, 'posts', page, 'index.html'), 'utf8');
  const body = html.indexOf('data-pagefind-body');
  const at = html.indexOf('<p>', body);
  expect(body).toBeGreaterThan(0);
  expect(at).toBeGreaterThan(body);
  rmSync(file);
  writeFileSync(file, `${html.slice(0, at)}<p>${words}</p>${html.slice(at)}`);
}

const hashedFiles = (dir: string) => listFiles(dir).filter(isHashedFile);
const textOf = (url: string) => new Dist(out, '/', 'https://example.org').searchFragments().find((f) => f.url === url)?.content;

let cold: SearchIndexResult;
let again: SearchIndexResult;
let coldHashed: string[];
/** When `onStarted` was called, against when the index was done. */
const events: string[] = [];

beforeAll(async () => {
  cpSync(join(fixture.out, 'posts'), join(out, 'posts'), { recursive: true });
  cold = await indexSite(out, cache, options);
  coldHashed = hashedFiles(bundle);
  edit('markdown-features', 'Zanzibar quokkas marmalade.');
  again = await indexSite(out, cache, { ...options, onStarted: () => events.push('started') }).then((result) => {
    events.push('done');
    return result;
  });
}, 120_000);

describe('a search shard indexed again', () => {
  it('keeps the files of its last version that did not change, and Pagefind writes the rest', () => {
    expect(cold.kept).toBe(0);
    expect(cold.shards).toBe(1);
    expect(again.reused).toBe(0); // the one shard changed
    expect(again.pages).toBe(cold.pages);
    const now = hashedFiles(bundle);
    // every post's fragment but the edited one's (the metadata and the changed word-index chunks are new)
    expect(again.kept).toBeGreaterThanOrEqual(cold.pages - 1);
    expect(again.kept).toBeLessThan(now.length);
    expect(now.filter((f) => !coldHashed.includes(f)).length).toBe(now.length - again.kept);
    expect(textOf('/posts/markdown-features/')).toContain('Zanzibar quokkas marmalade.');
  });

  it('says when Pagefind has been given its pages, once, before it is done', async () => {
    expect(events).toEqual(['started', 'done']);
    // and at once when every shard is unchanged
    const unchanged: string[] = [];
    const result = await indexSite(out, cache, { ...options, onStarted: () => unchanged.push('started') });
    expect(result.reused).toBe(1);
    expect(unchanged).toEqual(['started']);
  }, 120_000);

  it('is, file for file and byte for byte, what a fresh index writes', async () => {
    expectSameBundle(bundle, await freshBundle('fresh-1'));
  }, 120_000);

  it('does not build on files of its last version cut short (a cache restored half-saved)', async () => {
    // the shard's current version, which the next one starts from: some fragments cut in half
    const shard = readdirSync(join(cache, 'folio-search')).find((name) => statSync(join(cache, 'folio-search', name)).isDirectory())!;
    const fragments = join(cache, 'folio-search', shard, 'fragment');
    const cut = readdirSync(fragments).slice(0, 3);
    for (const name of cut) truncateSync(join(fragments, name), Math.floor(statSync(join(fragments, name)).size / 2));
    edit('hello-world', 'Quetzal lanterns.');
    const third = await indexSite(out, cache, options);
    expect(third.kept).toBeGreaterThan(0);
    expect(third.kept).toBeLessThanOrEqual(hashedFiles(bundle).length - cut.length - 1);
    expectSameBundle(bundle, await freshBundle('fresh-2'));
    // every fragment published reads whole
    for (const name of readdirSync(join(bundle, 'fragment'))) expect(() => gunzipSync(readFileSync(join(bundle, 'fragment', name))), name).not.toThrow();
  }, 120_000);
});

describe("reading a bundle's list of files (pagefind-files.ts)", () => {
  it('names exactly the hash-named files Pagefind wrote: this Pagefind writes the layout Folio reads', () => {
    const { files, words } = readBundle(bundle);
    expect([...files].filter(isHashedFile).sort()).toEqual(hashedFiles(bundle).sort());
    expect([...files].filter((file) => !isHashedFile(file))).toEqual([readdirSync(bundle).find((name) => name.endsWith('.pf_meta'))]);
    // each fragment's word count, as the fragment itself says
    const fragments = new Dist(out, '/', 'https://example.org').searchFragments();
    expect([...words.values()].sort()).toEqual(fragments.map((f) => f.word_count).sort());
  });

  it('tells apart names Pagefind lengthened: one the start of another, in the same folder', () => {
    const paths = [
      'fragment/en_abcdef1.pf_fragment',
      'fragment/en_abcdef1a.pf_fragment',
      'fragment/en_abcdef2.pf_fragment',
      'index/en_abcdef1.pf_index',
      'index/en_0000000.pf_index',
      'index/en_0000000f3.pf_index',
    ];
    expect([...sharedNames(paths)].sort()).toEqual(['fragment/en_abcdef1.pf_fragment', 'fragment/en_abcdef1a.pf_fragment', 'index/en_0000000.pf_index', 'index/en_0000000f3.pf_index']);
  });

  it('does not start from files whose names another shares, and writes again a kept fragment whose word count changed', () => {
    const old = join(work, 'old-version');
    cpSync(bundle, old, { recursive: true });
    const [first, second] = readdirSync(join(old, 'fragment')).sort();
    // a name Pagefind lengthened in the old version: neither of the two is started from
    const stem = first!.replace('.pf_fragment', '');
    writeFileSync(join(old, 'fragment', `${stem}0.pf_fragment`), 'another page that shared the digits');
    const sizes = Object.fromEntries(listFiles(old).map((file) => [file, statSync(join(old, file)).size]));
    const seededTo = join(work, 'seeded');
    const seeded = seedBundle(old, seededTo, sizes);
    expect(seeded).not.toContain(`fragment/${first}`);
    expect(seeded).not.toContain(`fragment/${stem}0.pf_fragment`);
    expect(seeded).toContain(`fragment/${second}`);
    expect(seeded.some((file) => file.endsWith('.pf_meta'))).toBe(false); // the metadata is always written afresh
    // a kept fragment the old metadata counted otherwise: removed, for Pagefind to write again
    cpSync(bundle, seededTo, { recursive: true });
    const before = readBundle(bundle);
    before.words.set(`fragment/${second}`, before.words.get(`fragment/${second}`)! + 1);
    expect(untrusted(seededTo, seeded, before)).toEqual([`fragment/${second}`]);
    expect(existsSync(join(seededTo, 'fragment', second!))).toBe(false);
  });

  it('removes nothing from a bundle whose metadata does not read, and says so', () => {
    const broken = join(work, 'broken');
    cpSync(bundle, broken, { recursive: true });
    const meta = readdirSync(broken).find((name) => name.endsWith('.pf_meta'))!;
    writeFileSync(join(broken, meta), 'not gzip');
    mkdirSync(join(broken, 'fragment'), { recursive: true });
    writeFileSync(join(broken, 'fragment', 'en_0000000.pf_fragment'), 'left over');
    const before = listFiles(broken);
    expect(pruneBundle(broken)).toBeUndefined();
    expect(listFiles(broken)).toEqual(before);
  });

  it('removes what the metadata does not name, and folders left empty', () => {
    const extra = join(work, 'extra');
    cpSync(bundle, extra, { recursive: true });
    mkdirSync(join(extra, 'filter'), { recursive: true });
    writeFileSync(join(extra, 'filter', 'en_1111111.pf_filter'), 'stale');
    writeFileSync(join(extra, 'fragment', 'en_2222222.pf_fragment'), 'stale');
    writeFileSync(join(extra, 'pagefind.en_3333333333.pf_meta'), 'stale');
    expect(pruneBundle(extra)).toEqual(readBundle(bundle).files);
    expect(listFiles(extra)).toEqual(listFiles(bundle));
  });
});
