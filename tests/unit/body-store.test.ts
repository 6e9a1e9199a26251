import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_FILE_KEY, BODY_SIZE_KEY, bodyFileOf, createBodyStore, restoreBody, setActiveBodyStore } from '../../src/loaders/body-store';

const fresh = () => createBodyStore(join(mkdtempSync(join(tmpdir(), 'folio-bodies-')), 'bodies'));
const rendered = (html: string) => ({ html, metadata: { headings: [{ depth: 2, slug: 'a', text: 'A' }], imagePaths: ['./x.png'], frontmatter: { title: 'T' } } });

describe('body store', () => {
  it('moves the HTML into a file named by its hash and keeps the rest of the metadata', async () => {
    const store = fresh();
    const stashed = store.stash(rendered('<p>One</p>'));
    await store.flush();
    expect(stashed.html).toBe('');
    const name = bodyFileOf(stashed)!;
    expect(name).toMatch(/^[0-9a-f]{32}\.html$/);
    expect(stashed.metadata).toEqual({ headings: [{ depth: 2, slug: 'a', text: 'A' }], imagePaths: ['./x.png'], [BODY_FILE_KEY]: name, [BODY_SIZE_KEY]: 10 });
    expect(readFileSync(join(store.dir, name), 'utf8')).toBe('<p>One</p>');
  });

  it('writes equal bodies once and different bodies apart; after flush, at once', async () => {
    const store = fresh();
    const a = bodyFileOf(store.stash(rendered('<p>Same</p>')));
    const b = bodyFileOf(store.stash(rendered('<p>Same</p>')));
    const c = bodyFileOf(store.stash(rendered('<p>Other</p>')));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    await store.flush();
    expect(readdirSync(store.dir).sort()).toEqual([a, c].sort());
    // A dev-server edit after content sync: the file is there before stash returns.
    const d = bodyFileOf(store.stash(rendered('<p>Edited in dev</p>')))!;
    expect(existsSync(join(store.dir, d))).toBe(true);
  });

  it('takes a body file of another size than it was written at for missing (a cache restored half-saved)', async () => {
    const store = fresh();
    const stashed = store.stash(rendered('<p>Whole</p>'));
    await store.flush();
    expect(store.missing(stashed)).toBe(false);
    writeFileSync(join(store.dir, bodyFileOf(stashed)!), '<p>Wh');
    expect(store.missing(stashed)).toBe(true);
  });

  it('leaves empty bodies alone', async () => {
    const store = fresh();
    expect(store.stash({ html: '' })).toEqual({ html: '' });
    await store.flush();
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('knows the files a later build finds, and which an entry misses', async () => {
    const store = fresh();
    const kept = store.stash(rendered('<p>kept</p>'));
    await store.flush();
    const later = createBodyStore(store.dir);
    expect(later.missing(kept)).toBe(false);
    expect(later.missing({ html: '<p>inline</p>' })).toBe(false);
    later.prune(new Set());
    expect(later.missing(kept)).toBe(true);
    expect(createBodyStore(store.dir).missing(kept)).toBe(true);
  });

  it('reads a body back for render(), and says how to recover when its file is gone', async () => {
    const store = fresh();
    setActiveBodyStore(store.dir);
    const stashed = store.stash(rendered('<h2 id="a">A</h2>'));
    await store.flush();
    expect(restoreBody(stashed)).toEqual({ ...stashed, html: '<h2 id="a">A</h2>' });
    const unstashed = { html: '<p>inline</p>' };
    expect(restoreBody(unstashed)).toBe(unstashed);
    store.prune(new Set());
    expect(() => restoreBody(stashed)).toThrow(/rendered body .*\.html is missing\. Run the build again/);
  });

  it('prunes files no entry points to', async () => {
    const store = fresh();
    const keep = bodyFileOf(store.stash(rendered('<p>kept</p>')))!;
    store.stash(rendered('<p>edited away</p>'));
    await store.flush();
    expect(store.prune(new Set([keep]))).toBe(1);
    expect(readdirSync(store.dir)).toEqual([keep]);
  });
});
