// Page-weight budgets for a built site: what a reader downloads to read a post.
// Usage: npm run budget -- [dist-dir]   (default dist/)
// Measures the post page closest to the median HTML size and the largest post page:
// HTML, CSS, JS (module imports followed) and fonts, raw and gzip -9, the post's own
// images aside; lists requests to other origins and render-blocking scripts; exits 1
// when a budget is exceeded.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGETS, measurePage, overBudget, typicalAndLargest, type PageMeasurement } from './lib/page-weight.ts';
import { analyticsCsp, commentsCsp, mergeProviderCsp, providerOrigins } from '../src/lib/providers.ts';
import { siteConfig } from '../src/site.config.ts';

export { BUDGETS, measurePage, overBudget, postPages, typicalAndLargest } from './lib/page-weight.ts';
export type { PageMeasurement, Resource } from './lib/page-weight.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (s: string, n: number) => s.padEnd(n);
const padL = (s: string, n: number) => s.padStart(n);

function table(m: PageMeasurement): string {
  const rows: [string, number, number, string][] = [
    ['HTML', m.html.bytes, m.html.gzipBytes, ''],
    ['CSS', m.css.bytes, m.css.gzipBytes, `budget ${BUDGETS.cssBytes} B raw`],
    ['JS', m.js.bytes, m.js.gzipBytes, `budget ${BUDGETS.jsBytes} B raw`],
    ['fonts', m.fonts.bytes, m.fonts.gzipBytes, ''],
    ['other', m.other.bytes, m.other.gzipBytes, 'icons, preloads'],
    ['page total', m.total.bytes, m.total.gzipBytes, `budget ${kb(BUDGETS.pageGzipBytes)} gzip`],
  ];
  const lines = [
    `${pad('', 12)}${padL('raw B', 10)}${padL('gzip B', 10)}  `,
    ...rows.map(([name, raw, gz, note]) => `${pad(name, 12)}${padL(String(raw), 10)}${padL(String(gz), 10)}  ${note}`),
  ];
  const files = m.resources.filter((r) => r.kind !== 'html').map((r) => `  ${pad(r.kind, 6)}${padL(String(r.bytes), 8)}${padL(String(r.gzipBytes), 8)}  ${r.file ?? r.url}`);
  return [...lines, ...(files.length > 0 ? ['files (raw, gzip):', ...files] : [])].join('\n');
}

/** The comments and analytics the settings turn on: their requests are third-party, reported apart. */
const declared = providerOrigins(mergeProviderCsp(commentsCsp(siteConfig.comments), analyticsCsp(siteConfig.analytics)));

function report(label: string, m: PageMeasurement): string[] {
  console.log(`\n${label}: ${m.page}  (base ${m.base}, origin ${m.origin})`);
  console.log(table(m));
  const line = (list: typeof m.thirdParty) => (list.length === 0 ? 'none' : list.map((t) => `${t.url} (from ${t.from})`).join(', '));
  const own = m.thirdParty.filter((t) => declared.includes(new URL(t.url).origin));
  console.log(`third-party requests of the comments and analytics set up (not counted above): ${line(own)}`);
  console.log(`other origins: ${line(m.thirdParty.filter((t) => !own.includes(t)))}`);
  console.log(`render-blocking scripts: ${m.renderBlockingScripts.length === 0 ? 'none' : m.renderBlockingScripts.join(', ')}`);
  return overBudget(m, declared);
}

function main(args: string[]): number {
  const dir = resolve(args.find((a) => !a.startsWith('-')) ?? 'dist');
  if (!existsSync(dir)) {
    console.error(`No built site at ${dir}: run npm run build first.`);
    return 1;
  }
  const picked = typicalAndLargest(dir);
  if (!picked) {
    console.error(`No post pages (posts/**/index.html) in ${dir}.`);
    return 1;
  }
  const problems = report('typical post (closest to the median HTML size)', measurePage(dir, picked.typical));
  if (picked.largest !== picked.typical) problems.push(...report('largest post', measurePage(dir, picked.largest)));
  console.log('');
  if (problems.length > 0) {
    console.error(`Over budget:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log('Within every budget: JS ≤ 3 KB and none render-blocking, CSS ≤ 20 KB, page ≤ 30 KiB gzipped, no other origins than the comments and analytics set up.');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
