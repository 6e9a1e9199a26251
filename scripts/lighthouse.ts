// Lighthouse report of the built site: performance, accessibility, best practices and SEO,
// with mobile emulation (Lighthouse's default), for the home page, a post and a tag page.
// Usage: npm run lighthouse -- [--build] [dist-dir]
// Builds the site first when dist/ is missing (or with --build), serves it on 127.0.0.1,
// drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). A report, not a test:
// it exits 0 whatever the scores, and 1 only when Lighthouse itself cannot run.
// Full JSON reports are written to test-results/lighthouse/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { measurePage, typicalAndLargest } from './lib/page-weight.ts';
import { serveStatic } from './serve.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Audits about how the files are served: scripts/serve.ts sends neither compression nor cache headers, a real host does. */
const SERVER_AUDITS = new Set(['uses-text-compression', 'uses-long-cache-ttl', 'cache-insight', 'document-latency-insight']);
const OUT = 'test-results/lighthouse';

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith('-')) ?? 'dist');

if (args.includes('--build') || !existsSync(join(dist, 'index.html'))) {
  if (dist !== resolve('dist')) {
    console.error(`No built site at ${dist} (only dist/ is built by this script).`);
    process.exit(1);
  }
  console.log('Building the site (astro build)...');
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) {
    console.error('The build failed.');
    process.exit(1);
  }
}

// The base path the site was built for, read from the home page's canonical link.
const base = measurePage(dist, 'index.html').base;
const post = typicalAndLargest(dist)?.typical;
const tagsDir = join(dist, 'tags');
const tag = existsSync(tagsDir)
  ? readdirSync(tagsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(tagsDir, e.name, 'index.html')))
      .map((e) => e.name)
      .sort()[0]
  : undefined;
const pages: [string, string][] = [['home', '']];
if (post) pages.push(['post', post.replace(/index\.html$/, '')]);
if (tag) pages.push(['tag', `tags/${tag}/`]);

const site = await serveStatic(dist, base);
let chrome: chromeLauncher.LaunchedChrome | undefined;
let failed = false;
const summary: string[] = [];
try {
  chrome = await chromeLauncher.launch({
    chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
    logLevel: 'error',
  });
  mkdirSync(OUT, { recursive: true });
  for (const [name, path] of pages) {
    const url = new URL(encodeURI(path), site.url).href;
    console.log(`\n== ${name}: ${url}`);
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    const lhr = result.lhr;
    writeFileSync(join(OUT, `${name}.report.json`), JSON.stringify(lhr, null, 1));
    if (lhr.runtimeError) console.log(`runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    for (const warning of lhr.runWarnings) console.log(`warning: ${warning}`);
    const scores = CATEGORIES.map((c) => `${c} ${score(lhr.categories[c]?.score)}`).join(' · ');
    const lcp = lhr.audits['largest-contentful-paint'];
    console.log(`${scores} · LCP ${lcp?.displayValue ?? 'n/a'}`);
    summary.push(`${name.padEnd(5)} ${CATEGORIES.map((c) => score(lhr.categories[c]?.score).padStart(4)).join(' ')}   ${lcp?.displayValue ?? 'n/a'}`);
    const failing = failingAudits(lhr);
    console.log(failing.length === 0 ? 'no failing audits' : `failing audits:\n${failing.join('\n')}`);
  }
  console.log(`\n      ${CATEGORIES.map((c) => c.slice(0, 4).padStart(4)).join(' ')}   LCP\n${summary.join('\n')}`);
  console.log(`\nFull reports: ${OUT}/*.report.json`);
} catch (error) {
  failed = true;
  console.error(`Lighthouse failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  chrome?.kill();
  await site.close();
}
process.exit(failed ? 1 : 0);

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : String(Math.round(value * 100));
}

/** Audits that count towards a category and did not pass, worst first, with what they point at. */
function failingAudits(lhr: Result): string[] {
  const lines: { weight: number; line: string }[] = [];
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 0.9) continue;
      if (['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) continue;
      const items = itemsOf(audit.details);
      const where = items.length > 0 ? `\n      ${items.slice(0, 5).join('\n      ')}${items.length > 5 ? `\n      ... ${items.length - 5} more` : ''}` : '';
      lines.push({
        weight: ref.weight * (1 - audit.score),
        line: `  [${category}] ${audit.id} (score ${score(audit.score)}${audit.displayValue ? `, ${audit.displayValue}` : ''}): ${audit.title}${SERVER_AUDITS.has(audit.id) ? ' (local server: no gzip or cache headers)' : ''}${where}`,
      });
    }
  }
  return lines.sort((a, b) => b.weight - a.weight).map((l) => l.line);
}

/** What an audit's details table points at: a node's selector and snippet, or a URL. */
function itemsOf(details: Result['audits'][string]['details']): string[] {
  if (!details || !('items' in details) || !Array.isArray(details.items)) return [];
  return details.items.flatMap((item) => {
    const record = item as Record<string, unknown>;
    if (record['type'] === 'list-section') return [];
    const node = record['node'] as { selector?: string; snippet?: string; explanation?: string } | undefined;
    if (node) return `${node.selector ?? ''} ${node.snippet ?? ''}${node.explanation ? ` — ${node.explanation.split('\n').join(' ')}` : ''}`.trim();
    const url = record['url'] ?? record['source'];
    return typeof url === 'string' ? url : JSON.stringify(record).slice(0, 160);
  });
}
