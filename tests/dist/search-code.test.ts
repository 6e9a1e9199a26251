import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSite } from '../../src/integrations/search';
import { Dist } from '../helpers/dist';
import { fixture } from './setup';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Indexes the fixture's post pages (copied, so the fixture stays as built) and returns each page's indexed text by URL. */
async function indexedText(searchCode: boolean): Promise<Map<string, string>> {
  const work = mkdtempSync(join(tmpdir(), 'folio-search-code-'));
  dirs.push(work);
  const out = join(work, 'dist');
  cpSync(join(fixture.out, 'posts'), join(out, 'posts'), { recursive: true });
  await indexSite(out, join(work, 'cache'), { perShard: 2000, searchCode });
  const fragments = new Dist(out, '/', 'https://example.org').searchFragments();
  return new Map(fragments.map((f) => [f.url, f.content]));
}

describe('searchCode', () => {
  it('keeps code blocks out of the index by default, and puts them back when on', async () => {
    const without = await indexedText(false);
    const withCode = await indexedText(true);
    const page = '/posts/markdown-features/';
    expect(without.get(page)).toContain('Code'); // the heading above the block is prose
    expect(without.get(page)).not.toContain('answer');
    expect(withCode.get(page)).toContain('const answer: number = 42;');
    // nothing else differs: every post is indexed either way
    expect([...without.keys()].sort()).toEqual([...withCode.keys()].sort());
    // code with a title, a diff and notation: the prose only by default; with code, the code as
    // written (its title too), without the notation comments or the signs of changed lines
    const code = '/posts/c-sharp/';
    expect(without.get(code)).toContain('About C#.');
    expect(without.get(code)).not.toMatch(/Program\.cs|WriteLine/);
    expect(withCode.get(code)).toContain('src/Program.cs');
    expect(withCode.get(code)).toContain('Console.WriteLine(Greeting(name));');
    expect(withCode.get(code)).toContain('int total = 0;');
    expect(withCode.get(code)).not.toMatch(/\[!code|\u2212|\+Console|\+var/);
  }, 120_000);
});
