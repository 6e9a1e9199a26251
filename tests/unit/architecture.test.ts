import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/dist';
import { root } from '../helpers/build';

const read = (dir: string) => listFiles(`${root}/${dir}`).map((f) => [`${dir}/${f}`, readFileSync(`${root}/${dir}/${f}`, 'utf8')] as const);

describe('layering (GUIDE.md)', () => {
  it('pages do not query, sort, filter or build URLs by hand', () => {
    const offenders = read('src/pages').filter(([, src]) => /getCollection\(|\.sort\(|\.filter\(|`\/(posts|tags)\//.test(src));
    expect(offenders.map(([f]) => f)).toEqual([]);
  });

  it('src/lib is pure: no astro:* runtime imports, no clock, no environment', () => {
    const offenders = read('src/lib').filter(([, src]) => /from 'astro:|Date\.now\(|new Date\(\)|import\.meta\.env|process\.env/.test(src));
    expect(offenders.map(([f]) => f)).toEqual([]);
  });

  it("nothing depends on Vite's mode (NODE_ENV=test or development would flip it in a build)", () => {
    const dirs = ['src/data', 'src/build', 'src/pages', 'src/components', 'src/layouts', 'src/integrations'];
    const offenders = dirs.flatMap(read).filter(([, src]) => /import\.meta\.env\.(DEV|PROD|MODE)\b/.test(src));
    expect(offenders.map(([f]) => f)).toEqual([]);
  });

  it('only src/data/posts.ts queries the collection', () => {
    const users = [...read('src/data'), ...read('src/components'), ...read('src/layouts')].filter(([, src]) => src.includes('getCollection('));
    expect(users.map(([f]) => f)).toEqual(['src/data/posts.ts']);
  });
});
