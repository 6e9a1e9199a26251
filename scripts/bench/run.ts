// Build benchmark: generates a corpus of N posts, builds it cold (empty cache and output),
// then rebuilds warm after editing one post, and reports time, memory and output size.
//
//   node scripts/bench/run.ts --posts 1000 [--posts 5000 ...] [--no-warm] [--label x]
//                             [--seed 1] [--keep] [--default-heap] [--results bench-results]
//
// Builds run under the Node flags `npm run build` uses (package.json's build script sets the
// heap); --default-heap leaves them out, to measure with Node's default heap.
//
// It reports numbers; it does not pass or fail on a machine's speed. It exits non-zero
// only when a build fails. Results go to bench-results/<label or timestamp>-<N>.json.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateCorpus, postId, postMeta } from './corpus.ts';
import { parseBuildLog, stripAnsi, type BuildPhases, type LogLine } from './log.ts';
import { sampleTree } from './proc.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const ASTRO_BIN = join(root, 'node_modules/astro/bin/astro.mjs');
/** Pins the site's "now" after the corpus's last date, so every non-draft post is published. */
export const BENCH_NOW = '2026-01-01T00:00:00Z';
const TAIL_LINES = 60;

export interface BuildMetrics {
  exitCode: number | null;
  /** From spawning `astro build` to its exit. */
  wallMs: number;
  /** Highest sum of VmRSS over the build process and all its descendants (sampled every ~100 ms). */
  peakRssBytes: number | null;
  /** The main `astro build` process's own high-water mark (VmHWM). */
  mainProcessHwmBytes: number | null;
  memorySamples: number;
  maxProcesses: number | null;
  /** .html files in the output folder. */
  pagesWritten: number;
  /** posts/<id>/index.html files: one per published post. */
  postPages: number;
  outputFiles: number;
  outputBytes: number;
  /** wallMs / postPages. */
  msPerPostPage: number | null;
  /** renderMs / pagesWritten: the cost of one page in the render phase alone. */
  renderMsPerPage: number | null;
  phases: BuildPhases;
}

export interface BenchReport {
  schemaVersion: 1;
  label: string;
  createdAt: string;
  posts: number;
  seed: number;
  corpus: { posts: number; published: number; drafts: number; bytes: number; generateMs: number };
  environment: {
    node: string;
    astro: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
    /** The Node flags the builds ran under (`npm run build`'s, or none with --default-heap). */
    nodeFlags: string[];
  };
  cold: BuildMetrics;
  /** Null when run with --no-warm. */
  warm: (BuildMetrics & { changedPost: string }) | null;
}

export interface BenchOptions {
  posts: number;
  seed?: number;
  /** Run the warm rebuild after the cold build (default true). */
  warm?: boolean;
  /** Names the report; defaults to a timestamp. */
  label?: string;
  /** Keep the temporary corpus, output and cache folders (their path is logged). */
  keep?: boolean;
  /** Progress messages. */
  log?: (message: string) => void;
  /** Site settings for the builds (merged over FOLIO_SETTINGS from the environment). */
  settings?: Record<string, unknown>;
  /** Build with Node's default heap instead of the flags of `npm run build`. */
  defaultHeap?: boolean;
}

/**
 * The Node flags `npm run build` gives Astro, read from package.json's build script, so the
 * benchmark builds the way an author does. Throws if the script is not of the form
 * `node [flags] node_modules/astro/bin/astro.mjs build`.
 */
export function buildNodeFlags(pkg: { scripts?: Record<string, string> } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))): string[] {
  const script = pkg.scripts?.['build'] ?? '';
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) node_modules\/astro\/bin\/astro\.mjs build$/.exec(script);
  if (!match) throw new Error(`package.json's build script should be "node [flags] node_modules/astro/bin/astro.mjs build", found: ${script}`);
  return match[1]!.split(' ').filter((flag) => flag !== '');
}

export class BuildFailedError extends Error {
  readonly exitCode: number | null;
  readonly outputTail: string;
  readonly phase: 'cold' | 'warm';
  constructor(phase: 'cold' | 'warm', exitCode: number | null, outputTail: string) {
    super(`${phase} build failed (exit code ${exitCode})`);
    this.name = 'BuildFailedError';
    this.phase = phase;
    this.exitCode = exitCode;
    this.outputTail = outputTail;
  }
}

interface BuildDirs {
  content: string;
  out: string;
  cache: string;
  settings?: Record<string, unknown> | undefined;
  nodeFlags: string[];
}

interface RunResult {
  exitCode: number | null;
  wallMs: number;
  lines: LogLine[];
  memory: ReturnType<ReturnType<typeof sampleTree>['stop']>;
}

/** Runs `astro build` under this Node binary, timestamping each log line as it arrives. */
function astroBuild(dirs: BuildDirs, logFile: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...dirs.nodeFlags, ASTRO_BIN, 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        FOLIO_CONTENT_DIR: dirs.content,
        FOLIO_OUT_DIR: dirs.out,
        FOLIO_CACHE_DIR: dirs.cache,
        FOLIO_NOW: process.env['FOLIO_NOW'] ?? BENCH_NOW,
        ...(dirs.settings ? { FOLIO_SETTINGS: JSON.stringify({ ...JSON.parse(process.env['FOLIO_SETTINGS'] ?? '{}'), ...dirs.settings }) } : {}),
      },
    });
    const sampler = child.pid === undefined ? undefined : sampleTree(child.pid);
    const lines: LogLine[] = [];
    const collect = (stream: Readable) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const at = performance.now() - started;
        appendFileSync(logFile, chunk);
        const parts = (pending + chunk).split('\n');
        pending = parts.pop() ?? '';
        for (const text of parts) lines.push({ text, at });
      });
      stream.on('end', () => {
        if (pending) lines.push({ text: pending, at: performance.now() - started });
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    child.on('error', (error) => {
      sampler?.stop();
      reject(error);
    });
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      resolvePromise({ exitCode, wallMs, lines, memory: sampler?.stop() ?? null });
    });
  });
}

/** Counts and sizes every file under `dir`. */
function outputStats(dir: string) {
  let files = 0;
  let bytes = 0;
  let html = 0;
  let postPages = 0;
  const walk = (d: string, rel: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, path);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(full).size;
        if (entry.name.endsWith('.html')) {
          html++;
          if (/^posts\/.+\/index\.html$/.test(path)) postPages++;
        }
      }
    }
  };
  try {
    walk(dir, '');
  } catch {
    // no output folder: every count stays 0
  }
  return { files, bytes, html, postPages };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function measuredBuild(
  phase: 'cold' | 'warm',
  dirs: BuildDirs,
  logFile: string,
): Promise<BuildMetrics> {
  writeFileSync(logFile, '');
  const run = await astroBuild(dirs, logFile);
  if (run.exitCode !== 0) {
    const tail = run.lines.slice(-TAIL_LINES).map((l) => stripAnsi(l.text)).join('\n');
    throw new BuildFailedError(phase, run.exitCode, tail);
  }
  const out = outputStats(dirs.out);
  const phases = parseBuildLog(run.lines);
  return {
    exitCode: run.exitCode,
    wallMs: round1(run.wallMs),
    peakRssBytes: run.memory?.peakTreeRssBytes ?? null,
    mainProcessHwmBytes: run.memory?.rootHwmBytes ?? null,
    memorySamples: run.memory?.samples ?? 0,
    maxProcesses: run.memory?.maxProcesses ?? null,
    pagesWritten: out.html,
    postPages: out.postPages,
    outputFiles: out.files,
    outputBytes: out.bytes,
    msPerPostPage: out.postPages > 0 ? round1(run.wallMs / out.postPages) : null,
    renderMsPerPage: phases.renderMs !== null && out.html > 0 ? Math.round((phases.renderMs / out.html) * 100) / 100 : null,
    phases,
  };
}

/** The post the warm rebuild edits: the first published one from the middle of the corpus. */
function postToEdit(posts: number, seed: number): number {
  for (let i = 0; i < posts; i++) {
    const index = ((Math.ceil(posts / 2) - 1 + i) % posts) + 1;
    if (!postMeta(index, seed).draft) return index;
  }
  return 1;
}

function astroVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/** Generates an N-post corpus, builds it cold (and warm), and returns the report. Throws BuildFailedError. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { posts, seed = DEFAULT_SEED, warm = true, keep = false, log = () => {} } = options;
  const label = options.label ?? timestamp();
  const work = mkdtempSync(join(tmpdir(), `folio-bench-${posts}-`));
  const nodeFlags = options.defaultHeap ? [] : buildNodeFlags();
  const dirs: BuildDirs = { content: join(work, 'posts'), out: join(work, 'dist'), cache: join(work, 'cache'), settings: options.settings, nodeFlags };
  try {
    log(`${posts} posts: generating corpus in ${work}`);
    const corpus = generateCorpus({ posts, seed, dir: dirs.content });

    log(`${posts} posts: cold build`);
    const cold = await measuredBuild('cold', dirs, join(work, 'cold.log'));

    let warmMetrics: BenchReport['warm'] = null;
    if (warm) {
      const index = postToEdit(posts, seed);
      const file = join(dirs.content, `${postId(index)}.md`);
      appendFileSync(file, '\nEdited for the warm rebuild: one more paragraph, so that exactly one entry changes.\n');
      log(`${posts} posts: warm build (edited ${postId(index)})`);
      warmMetrics = { ...(await measuredBuild('warm', dirs, join(work, 'warm.log'))), changedPost: postId(index) };
    }

    return {
      schemaVersion: 1,
      label,
      createdAt: new Date().toISOString(),
      posts,
      seed,
      corpus: {
        posts: corpus.posts,
        published: corpus.posts - corpus.drafts,
        drafts: corpus.drafts,
        bytes: corpus.bytes,
        generateMs: corpus.ms,
      },
      environment: {
        node: process.version,
        astro: astroVersion(),
        platform: process.platform,
        arch: process.arch,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        totalMemoryBytes: totalmem(),
        nodeFlags,
      },
      cold,
      warm: warmMetrics,
    };
  } finally {
    if (keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Writes `<dir>/<label>-<N>.json` and returns its path. */
export function writeReport(report: BenchReport, dir = join(root, 'bench-results')): string {
  mkdirSync(dir, { recursive: true });
  const name = `${report.label.replace(/[^\w.-]+/g, '_')}-${report.posts}.json`;
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

// ---------------------------------------------------------------------------------------
// Output

const ms = (n: number | null) => (n === null ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const mib = (n: number | null) => (n === null ? '-' : `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`);

/** A plain-text table: one row per build. */
export function formatTable(reports: readonly BenchReport[]): string {
  const header = ['posts', 'build', 'wall', 'ms/post', 'peak RSS', 'pages', 'output', 'sync', 'render', 'astro total', 'og', 'og draw', 'og end', 'search', 'shards', 'sitemap'];
  const rows = reports.flatMap((r) =>
    (r.warm ? [['cold', r.cold] as const, ['warm', r.warm] as const] : [['cold', r.cold] as const]).map(([kind, b]) => [
      String(r.posts),
      kind,
      ms(b.wallMs),
      b.msPerPostPage === null ? '-' : b.msPerPostPage.toFixed(1),
      mib(b.peakRssBytes),
      String(b.pagesWritten),
      mib(b.outputBytes),
      ms(b.phases.contentSyncMs),
      ms(b.phases.renderMs),
      ms(b.phases.totalMs),
      b.phases.og ? `${b.phases.og.rendered}/${b.phases.og.reused}` : '-',
      ms(b.phases.og?.drawMs ?? null),
      ms(b.phases.og?.endMs ?? null),
      ms(b.phases.searchMs),
      b.phases.search ? `${b.phases.search.shards - b.phases.search.reused}/${b.phases.search.reused}` : '-',
      ms(b.phases.sitemapMs),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------
// CLI

async function main() {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      posts: { type: 'string', multiple: true },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      warm: { type: 'boolean', default: true },
      label: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'default-heap': { type: 'boolean', default: false },
      results: { type: 'string', default: join(root, 'bench-results') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const usage = 'usage: node scripts/bench/run.ts --posts 1000 [--posts 5000 ...] [--no-warm] [--label x] [--seed 1] [--keep] [--default-heap] [--results dir]';
  const sizes = (values.posts ?? ['1000']).flatMap((p) => p.split(',')).map(Number);
  const seed = Number(values.seed);
  if (values.help || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed)) {
    console.log(values.help ? usage : `--posts takes positive integers (1000 or 1000,5000) and --seed an integer\n${usage}`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const label = values.label ?? timestamp();
  const reports: BenchReport[] = [];
  for (const posts of sizes) {
    const report = await runBench({
      posts,
      seed,
      warm: values.warm,
      label,
      keep: values.keep,
      defaultHeap: values['default-heap'],
      log: (m) => console.log(`[bench] ${m}`),
    });
    reports.push(report);
    console.log(`[bench] wrote ${writeReport(report, resolve(values.results))}`);
  }
  const env = reports[0]?.environment;
  if (env) console.log(`\nNode ${env.node} (${env.nodeFlags.join(' ') || "Node's default heap"}), Astro ${env.astro}, ${env.cpus} × ${env.cpuModel}, ${mib(env.totalMemoryBytes)} RAM\n`);
  console.log(formatTable(reports));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    if (error instanceof BuildFailedError) {
      console.error(`[bench] ${error.message}. Last ${TAIL_LINES} lines of its output:\n\n${error.outputTail}`);
    } else console.error(error);
    process.exitCode = 1;
  });
}
