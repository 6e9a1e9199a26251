import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderKey } from '../../src/loaders/render-key';

const root = mkdtempSync(join(tmpdir(), 'folio-render-key-'));
const src = join(root, 'src');
mkdirSync(join(src, 'markdown'), { recursive: true });
mkdirSync(join(src, 'lib/engine-syntax'), { recursive: true });
mkdirSync(join(src, 'content/posts'), { recursive: true });
writeFileSync(join(src, 'markdown/markdown.ts'), 'export const a = 1;');
writeFileSync(join(src, 'lib/engine-syntax/index.ts'), 'export const b = 2;');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('renderKey', () => {
  it("is stable, and changes with Folio's build code and the settings, not with the posts", () => {
    const settings = { base: '/', site: 'https://example.org' };
    const first = renderKey(root, src, settings);
    expect(renderKey(root, src, { ...settings })).toBe(first);
    writeFileSync(join(src, 'content/posts/a.md'), '# A post');
    expect(renderKey(root, src, settings)).toBe(first);
    writeFileSync(join(src, 'lib/engine-syntax/index.ts'), 'export const b = 3;');
    const edited = renderKey(root, src, settings);
    expect(edited).not.toBe(first);
    expect(renderKey(root, src, { ...settings, base: '/blog/' })).not.toBe(edited);
  });
});
