import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreOutput, saveOutput, startSavingOutput } from '../../src/integrations/output-mirror';
import { listFiles } from '../helpers/dist';

const root = mkdtempSync(join(tmpdir(), 'folio-mirror-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

describe('the output mirror in the cache folder', () => {
  const out = join(root, 'dist');
  const cache = join(root, 'cache');
  const mirror = join(cache, 'folio-output');
  /** The mirror's link to an output file (the same inode). */
  const linkTo = (file: string) => readdirSync(mirror).find((name) => statSync(join(mirror, name)).ino === statSync(join(out, file)).ino);

  it('keeps the last output as links, and puts it back into an empty output folder at the same path', () => {
    write(join(out, 'index.html'), '<p>home</p>');
    write(join(out, 'posts/a/index.html'), '<p>a</p>');
    write(join(out, 'og/a.jpg'), 'jpeg');
    expect(saveOutput(out, cache)).toBe(true);
    // links, not copies (the same files), in one flat folder: no folder of the output made twice
    expect(readdirSync(mirror, { withFileTypes: true }).map((entry) => entry.isFile())).toEqual([true, true, true]);
    expect(['index.html', 'posts/a/index.html', 'og/a.jpg'].map(linkTo).every(Boolean)).toBe(true);
    rmSync(out, { recursive: true });
    expect(restoreOutput(out, cache)).toBe(3);
    expect(listFiles(out)).toEqual(['index.html', 'og/a.jpg', 'posts/a/index.html']);
    expect(readFileSync(join(out, 'posts/a/index.html'), 'utf8')).toBe('<p>a</p>');
  });

  it('follows the output: a removed file leaves the mirror, a file written anew is linked again', () => {
    rmSync(join(out, 'og/a.jpg'));
    rmSync(join(out, 'posts/a/index.html'));
    write(join(out, 'posts/a/index.html'), '<p>a, edited</p>');
    expect(saveOutput(out, cache)).toBe(true);
    rmSync(out, { recursive: true });
    expect(restoreOutput(out, cache)).toBe(2);
    expect(listFiles(out)).toEqual(['index.html', 'posts/a/index.html']);
    expect(readFileSync(join(out, 'posts/a/index.html'), 'utf8')).toBe('<p>a, edited</p>');
  });

  it('puts nothing into a folder that has files, or into another output folder (a link shared with one that exists would change it too)', () => {
    expect(restoreOutput(out, cache)).toBe(0);
    const other = join(root, 'elsewhere');
    expect(restoreOutput(other, cache)).toBe(0);
    expect(existsSync(other)).toBe(false);
  });

  it('leaves out a file restored half-saved, and one with no record at all', () => {
    saveOutput(out, cache);
    const link = linkTo('posts/a/index.html')!;
    rmSync(out, { recursive: true });
    truncateSync(join(mirror, link), 3);
    expect(restoreOutput(out, cache)).toBe(1);
    expect(listFiles(out)).toEqual(['index.html']);
    rmSync(out, { recursive: true });
    writeFileSync(join(cache, 'folio-output.json'), '{ garbage');
    expect(restoreOutput(out, cache)).toBe(0);
  });

  it('takes the entries named `later` in a second step, after they were written, and only then removes what the output no longer has', () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    write(join(out, 'index.html'), '<p>home</p>');
    write(join(out, 'pagefind/old.pf_index'), 'old shard');
    expect(saveOutput(out, cache)).toBe(true);
    // the next build: the search index is still being written when the first step runs
    rmSync(join(out, 'pagefind'), { recursive: true });
    write(join(out, 'posts/c/index.html'), '<p>c</p>');
    const rest = startSavingOutput(out, cache, ['pagefind', '_headers']);
    expect(linkTo('posts/c/index.html')).toBeDefined();
    expect(readdirSync(mirror)).toHaveLength(3); // nothing removed yet: the old shard's link is still there
    write(join(out, 'pagefind/new.pf_index'), 'new shard');
    write(join(out, '_headers'), '/*\n  X-Frame-Options: DENY\n');
    expect(rest()).toBe(true);
    expect(readdirSync(mirror)).toHaveLength(4);
    rmSync(out, { recursive: true });
    expect(restoreOutput(out, cache)).toBe(4);
    expect(listFiles(out)).toEqual(['_headers', 'index.html', 'pagefind/new.pf_index', 'posts/c/index.html']);
    rmSync(out, { recursive: true });
  });

  it("replaces a mirror saved by an older Folio (the output's folders inside)", () => {
    rmSync(cache, { recursive: true });
    write(join(out, 'posts/b/index.html'), '<p>b</p>');
    write(join(mirror, 'posts/old/index.html'), '<p>old</p>');
    expect(saveOutput(out, cache)).toBe(true);
    expect(readdirSync(mirror, { withFileTypes: true }).every((entry) => entry.isFile())).toBe(true);
    rmSync(out, { recursive: true });
    expect(restoreOutput(out, cache)).toBe(1);
    expect(listFiles(out)).toEqual(['posts/b/index.html']);
  });
});
