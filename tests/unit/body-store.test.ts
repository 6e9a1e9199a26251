import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_FILE_KEY, bodyFileMissing, bodyFileOf, pruneBodies, restoreBody, setActiveBodyStore, stashBody } from '../../src/build/body-store';

const fresh = () => mkdtempSync(join(tmpdir(), 'folio-bodies-'));
const rendered = (html: string) => ({ html, metadata: { headings: [{ depth: 2, slug: 'a', text: 'A' }], imagePaths: ['./x.png'], frontmatter: { title: 'T' } } });

describe('body store', () => {
  it('moves the HTML into a file named by its hash and keeps the rest of the metadata', () => {
    const dir = fresh();
    const stashed = stashBody(dir, rendered('<p>One</p>'));
    expect(stashed.html).toBe('');
    expect(stashed.metadata).toEqual({ headings: [{ depth: 2, slug: 'a', text: 'A' }], imagePaths: ['./x.png'], [BODY_FILE_KEY]: bodyFileOf(stashed) });
    const name = bodyFileOf(stashed)!;
    expect(name).toMatch(/^[0-9a-f]{32}\.html$/);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('<p>One</p>');
  });

  it('writes equal bodies once and different bodies apart', () => {
    const dir = fresh();
    const a = bodyFileOf(stashBody(dir, rendered('<p>Same</p>')));
    const b = bodyFileOf(stashBody(dir, rendered('<p>Same</p>')));
    const c = bodyFileOf(stashBody(dir, rendered('<p>Other</p>')));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(readdirSync(dir).sort()).toEqual([a, c].sort());
  });

  it('leaves empty bodies alone', () => {
    const dir = fresh();
    expect(stashBody(dir, { html: '' })).toEqual({ html: '' });
    expect(existsSync(dir) && readdirSync(dir)).toEqual([]);
  });

  it('reads a body back for render(), and says how to recover when its file is gone', () => {
    const dir = fresh();
    setActiveBodyStore(dir);
    const stashed = stashBody(dir, rendered('<h2 id="a">A</h2>'));
    expect(restoreBody(stashed)).toEqual({ ...stashed, html: '<h2 id="a">A</h2>' });
    const unstashed = { html: '<p>inline</p>' };
    expect(restoreBody(unstashed)).toBe(unstashed);
    expect(bodyFileMissing(dir, stashed)).toBe(false);
    expect(bodyFileMissing(dir, unstashed)).toBe(false);
    pruneBodies(dir, new Set());
    expect(bodyFileMissing(dir, stashed)).toBe(true);
    expect(() => restoreBody(stashed)).toThrow(/rendered body .*\.html is missing\. Run the build again/);
  });

  it('prunes files no entry points to', () => {
    const dir = fresh();
    const keep = bodyFileOf(stashBody(dir, rendered('<p>kept</p>')))!;
    stashBody(dir, rendered('<p>edited away</p>'));
    expect(pruneBodies(dir, new Set([keep]))).toBe(1);
    expect(readdirSync(dir)).toEqual([keep]);
    expect(pruneBodies(join(dir, 'absent'), new Set())).toBe(0);
  });
});
