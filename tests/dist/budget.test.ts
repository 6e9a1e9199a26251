import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, measurePage, overBudget, postPages, typicalAndLargest, type PageMeasurement } from '../../scripts/budget.ts';
import { fixture } from './setup';

// The reader's experience as numbers: what a post page costs to download. A change that
// adds a render-blocking script, a web font, a third-party request or a heavy stylesheet
// fails here (npm run budget prints the same numbers for any dist/).
describe('page-weight budgets of the built fixture', () => {
  let pages: { name: string; m: PageMeasurement }[];
  beforeAll(() => {
    const picked = typicalAndLargest(fixture.out);
    if (!picked) throw new Error(`no post pages in ${fixture.out}`);
    pages = [...new Set(['posts/hello-world/index.html', 'posts/markdown-features/index.html', picked.typical, picked.largest])].map((name) => ({
      name,
      m: measurePage(fixture.out, name),
    }));
  });

  it('measures post pages against the base path and origin of the site', () => {
    for (const { name, m } of pages) {
      expect(m.base, name).toBe(fixture.base);
      expect(m.origin, name).toBe(fixture.site);
      expect(m.missing, name).toEqual([]);
      expect(m.css.bytes, `${name} has a stylesheet`).toBeGreaterThan(0);
    }
  });

  it(`loads at most ${BUDGETS.jsBytes} B of JavaScript, none of it render-blocking`, () => {
    for (const { name, m } of pages) {
      expect(m.js.bytes, name).toBeLessThanOrEqual(BUDGETS.jsBytes);
      expect(m.renderBlockingScripts, name).toEqual([]);
    }
  });

  it(`loads at most ${BUDGETS.cssBytes} B of CSS`, () => {
    for (const { name, m } of pages) expect(m.css.bytes, name).toBeLessThanOrEqual(BUDGETS.cssBytes);
  });

  it(`transfers at most ${BUDGETS.pageGzipBytes / 1024} KiB (gzip), images aside`, () => {
    for (const { name, m } of pages) expect(m.total.gzipBytes, name).toBeLessThanOrEqual(BUDGETS.pageGzipBytes);
  });

  it('requests nothing from another origin', () => {
    for (const { name, m } of pages) expect(m.thirdParty, name).toEqual([]);
  });

  it('is within every budget, by the same check npm run budget makes', () => {
    expect(pages.flatMap(({ m }) => overBudget(m))).toEqual([]);
  });
});

// measurePage itself, on a small hand-written dist, so that what it would catch is known.
describe('measurePage', () => {
  let dir: string;
  const write = (file: string, content: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  const gz = (s: string) => gzipSync(s, { level: 9 }).length;
  const css = `@import "./more.css";\n@font-face { font-family: X; src: url(/site/fonts/x.woff2) format("woff2"), url(/site/fonts/x.woff) format("woff"); }\nbody { background: url(https://cdn.example.com/bg.png) }`;
  const more = `p { color: red }`;
  const main = `import{a}from"./chunk.js";import("./lazy.js");fetch("https://api.example.net/x");document.createElementNS("http://www.w3.org/2000/svg","svg");`;
  const chunk = `export const a=1;`;
  const lazy = `export default 2;`;
  const head = `<link rel="canonical" href="https://example.org/site/posts/p/"><link rel="stylesheet" href="/site/a.css"><style>h1{margin:0}</style>`;
  const page = `<!doctype html><html><head>${head}<script src="/site/blocking.js"></script><script type="module" src="/site/main.js"></script><script type="application/ld+json">{"a":1}</script></head><body><img src="/site/big.webp" srcset="/site/big.webp 1x, https://img.example.com/2x.webp 2x"><a href="https://elsewhere.example.com/">a link is not a request</a></body></html><script type="module" src="../../main.js"></script>`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'folio-budget-'));
    write('posts/p/index.html', page);
    write('posts/alias/index.html', '<meta http-equiv="refresh" content="0;url=/site/posts/p/">');
    write('a.css', css);
    write('more.css', more);
    write('fonts/x.woff2', 'W'.repeat(5000));
    write('fonts/x.woff', 'w'.repeat(9000));
    write('blocking.js', 'var x = 1;');
    write('main.js', main);
    write('chunk.js', chunk);
    write('lazy.js', lazy);
    write('big.webp', 'I'.repeat(100_000));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the base path from the canonical link and follows stylesheets, imports, modules and fonts', () => {
    const m = measurePage(dir, 'posts/p/index.html');
    expect(m.base).toBe('/site/');
    expect(m.origin).toBe('https://example.org');
    expect(m.missing).toEqual([]);
    expect(m.html).toEqual({ bytes: Buffer.byteLength(page), gzipBytes: gz(page) });
    expect(m.css.bytes).toBe(css.length + more.length + 'h1{margin:0}'.length);
    expect(m.js.bytes).toBe('var x = 1;'.length + main.length + chunk.length + lazy.length);
    // Only the first source of a @font-face is downloaded; the image is the post's own.
    expect(m.fonts.bytes).toBe(5000);
    expect(m.total.bytes).toBe(Buffer.byteLength(page) + css.length + more.length + 5000 + 10 + main.length + chunk.length + lazy.length);
    expect(m.total.gzipBytes).toBe(m.resources.filter((r) => !r.inline).reduce((n, r) => n + r.gzipBytes, 0));
  });

  it('lists render-blocking scripts and requests to other origins, not plain links or namespaces', () => {
    const m = measurePage(dir, 'posts/p/index.html');
    expect(m.renderBlockingScripts).toEqual(['/site/blocking.js']);
    expect(m.thirdPartyOrigins).toEqual(['https://api.example.net', 'https://cdn.example.com', 'https://img.example.com']);
    const problems = overBudget(m);
    expect(problems.some((p) => p.includes('render-blocking'))).toBe(true);
    expect(problems.some((p) => p.includes('other origins'))).toBe(true);
    expect(problems.some((p) => p.includes('JavaScript'))).toBe(false);
  });

  it('takes post pages without alias redirects, and picks the median and largest', () => {
    write('posts/q/index.html', `${page}${'x'.repeat(500)}`);
    write('posts/r/index.html', `${page}${'x'.repeat(5000)}`);
    expect(postPages(dir)).toEqual(['posts/p/index.html', 'posts/q/index.html', 'posts/r/index.html']);
    expect(typicalAndLargest(dir)).toEqual({ typical: 'posts/q/index.html', largest: 'posts/r/index.html' });
  });
});
