import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markBuildStart, pruneStaleOutput } from '../../src/integrations/output-prune';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes files with an mtime an hour ago: what an earlier build left. */
function earlier(root: string, files: string[]) {
  const old = new Date(Date.now() - 3_600_000);
  for (const file of files) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, old, old);
  }
}

describe('pruneStaleOutput', () => {
  it('removes what the build neither listed nor wrote, and the folders it leaves empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-prune-'));
    const out = join(dir, 'dist');
    earlier(out, ['index.html', 'posts/kept/index.html', 'posts/gone/index.html', 'og/gone.jpg', 'og/kept.jpg', 'old.txt', '.git/HEAD', 'pagefind/x.pf_index']);
    const since = markBuildStart(join(dir, 'cache'));
    writeFileSync(join(out, 'new.css'), 'written by this build');
    const removed = pruneStaleOutput(out, { keep: new Set(['index.html', 'posts/kept/index.html', 'og/kept.jpg']), since, keepUnder: ['pagefind/'] });
    expect(removed).toEqual(['og/gone.jpg', 'old.txt', 'posts/gone/index.html']);
    for (const file of ['index.html', 'posts/kept/index.html', 'og/kept.jpg', 'new.css', '.git/HEAD', 'pagefind/x.pf_index']) expect(existsSync(join(out, file)), file).toBe(true);
    expect(existsSync(join(out, 'posts/gone'))).toBe(false);
  });

  it("takes files written after the build started as this build's, by the file system's clock", () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-prune-'));
    const out = join(dir, 'dist');
    earlier(out, ['stale.html']);
    const since = markBuildStart(dir);
    writeFileSync(join(out, 'fresh.html'), 'x');
    expect(pruneStaleOutput(out, { keep: new Set(), since })).toEqual(['stale.html']);
    expect(existsSync(join(out, 'fresh.html'))).toBe(true);
  });

  it('does nothing when there is no output folder yet', () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-prune-'));
    expect(pruneStaleOutput(join(dir, 'missing'), { keep: new Set(), since: 0 })).toEqual([]);
  });
});
