import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as astroZod from 'astro/zod';
import * as zod from 'zod';
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
    const dirs = ['src/data', 'src/loaders', 'src/markdown', 'src/pages', 'src/components', 'src/layouts', 'src/integrations'];
    const offenders = dirs.flatMap(read).filter(([, src]) => /import\.meta\.env\.(DEV|PROD|MODE)\b/.test(src));
    expect(offenders.map(([f]) => f)).toEqual([]);
  });

  it('only src/data/posts.ts queries the collection', () => {
    const users = [...read('src/data'), ...read('src/components'), ...read('src/layouts')].filter(([, src]) => src.includes('getCollection('));
    expect(users.map(([f]) => f)).toEqual(['src/data/posts.ts']);
  });
});

describe("zod, a direct dependency at Astro's version", () => {
  /** Where `from` (a folder under the project) resolves zod, links followed. */
  const zodFrom = (from: string) => realpathSync(createRequire(join(root, from, 'package.json')).resolve('zod/package.json'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dev?: boolean; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>;
  };
  const installed = Object.entries(lock.packages).filter(([, pkg]) => !pkg.dev);

  it('is one copy for the site: Folio resolves the zod astro resolves, and so does every package that uses it', () => {
    const ours = zodFrom('.');
    expect(ours).toBe(realpathSync(join(root, 'node_modules/zod/package.json')));
    expect(zodFrom('node_modules/astro')).toBe(ours);
    const users = installed.filter(([, pkg]) => ({ ...pkg.dependencies, ...pkg.peerDependencies })['zod']).map(([path]) => path);
    expect(users).toEqual(expect.arrayContaining(['', 'node_modules/astro']));
    for (const path of users) expect(zodFrom(path), path || 'the project').toBe(ours);
    // Only dev tools (a browser driver's own zod 3) may bring another copy.
    expect(installed.filter(([path]) => /(^|\/)node_modules\/zod$/.test(path)).map(([path]) => path)).toEqual(['node_modules/zod']);
    // One copy, so one set of classes: a schema Folio builds is one astro/zod knows.
    expect(zod.ZodType).toBe(astroZod.ZodType);
    expect(zod.z.object({}) instanceof astroZod.ZodObject).toBe(true);
  });

  it('src/lib imports zod itself, never astro/zod or astro:*', () => {
    const files = read('src/lib');
    const astro = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]astro(?::|\/zod['"])/;
    expect(files.filter(([, src]) => astro.test(src)).map(([f]) => f)).toEqual([]);
    const zodUsers = files.filter(([, src]) => /\bz\.\w+\(/.test(src)).map(([f]) => f);
    expect(zodUsers).toEqual(expect.arrayContaining(['src/lib/schema/post.ts', 'src/lib/schema/site.ts']));
    for (const [file, src] of files.filter(([f]) => zodUsers.includes(f))) expect(src, file).toMatch(/^import \{[^}]*\bz\b[^}]*\} from 'zod';$/m);
  });
});
