import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageDigests, postPages } from '../../src/integrations/search';

const work = mkdtempSync(join(tmpdir(), 'folio-digests-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pageDigests (what a search shard key hashes)', () => {
  const out = join(work, 'dist');
  const record = join(work, 'cache', 'pages.json');
  const pages = ['posts/a/index.html', 'posts/b/index.html'];
  mkdirSync(join(out, 'posts/a'), { recursive: true });
  mkdirSync(join(out, 'posts/b'), { recursive: true });
  writeFileSync(join(out, pages[0]!), '<p>alpha</p>');
  writeFileSync(join(out, pages[1]!), '<p>beta</p>');
  // whole seconds, which every file system (and utimes) keeps exactly
  const stamp = 1_700_000_000;
  for (const page of pages) utimesSync(join(out, page), stamp, stamp);
  const first = pageDigests(out, record, pages);

  it('gives equal bytes equal digests and different bytes different ones', () => {
    expect(first.size).toBe(2);
    expect(first.get(pages[0]!)).not.toBe(first.get(pages[1]!));
    // the same bytes in another folder, at another time, with no record of their own
    const twin = join(work, 'twin');
    mkdirSync(join(twin, 'posts/a'), { recursive: true });
    writeFileSync(join(twin, pages[0]!), '<p>alpha</p>');
    expect(pageDigests(twin, join(work, 'cache', 'twin.json'), [pages[0]!]).get(pages[0]!)).toBe(first.get(pages[0]!));
  });

  it('reads a page again when a build writes it, even at the same size', () => {
    const file = join(out, pages[0]!);
    writeFileSync(file, '<p>gamma</p>'); // same length as before
    utimesSync(file, stamp + 1, stamp + 1);
    const again = pageDigests(out, record, pages);
    expect(again.get(pages[0]!)).not.toBe(first.get(pages[0]!));
    expect(again.get(pages[1]!)).toBe(first.get(pages[1]!));
  });

  it('takes the recorded digest of a page left untouched (same size, time and inode), without reading it', () => {
    const file = join(out, pages[1]!);
    // different bytes behind an unchanged stamp: only a digest from the record can still say "beta"
    writeFileSync(file, '<p>BETA</p>');
    utimesSync(file, stamp, stamp);
    expect(statSync(file).mtimeMs).toBe(stamp * 1000);
    expect(pageDigests(out, record, pages).get(pages[1]!)).toBe(first.get(pages[1]!));
  });

  it('keeps the record per output folder: another folder is read afresh', () => {
    const other = join(work, 'other');
    mkdirSync(join(other, 'posts/b'), { recursive: true });
    writeFileSync(join(other, pages[1]!), '<p>BETA</p>');
    const digests = pageDigests(other, record, [pages[1]!]);
    expect(digests.get(pages[1]!)).not.toBe(first.get(pages[1]!));
  });
});

describe('postPages (what the search index reads)', () => {
  it('lists the post pages under posts/ and leaves out redirect pages, files and folders alike', () => {
    const out = join(work, 'listing');
    for (const file of ['posts/a/index.html', 'posts/notes/b/index.html', 'posts/old-name/index.html', 'posts/x.html', 'posts/y.html/index.html']) {
      mkdirSync(join(out, file, '..'), { recursive: true });
      writeFileSync(join(out, file), '<p>page</p>');
    }
    const skip = new Set(['posts/old-name/index.html', 'posts/y.html/index.html']);
    expect(postPages(out, skip).sort()).toEqual(['posts/a/index.html', 'posts/notes/b/index.html']);
    expect(postPages(join(work, 'nothing-here'))).toEqual([]);
  });
});
