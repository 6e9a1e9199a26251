// Build benchmark: generates a corpus of N posts, builds it cold (empty cache and output),
// then rebuilds warm after editing one post, then as a deploy does (a fresh copy of the posts
// with the same post edited, the cache folder of the cold build restored, an empty output
// folder), and reports time, CPU, memory and output size.
//
//   node scripts/bench/run.ts --posts 1000 [--posts 5000 ...] [--no-warm] [--no-deploy] [--label x]
//                             [--seed 1] [--keep] [--default-heap] [--results bench-results]
//   node scripts/bench/run.ts --vs-example --posts 100,1000 [--rounds 3]
//
// --vs-example builds the same corpus with Folio and with the official Astro blog example
// (../shared/anchors/build-example.sh), in turn (Folio cold, example cold, Folio deploy, ...),
// and prints medians and ratios: Folio's build against the floor an Astro blog cannot go under.
//
// Builds run under the Node flags `npm run build` uses (package.json's build script sets the
// heap); --default-heap leaves them out, to measure with Node's default heap.
//
// It reports numbers; it does not pass or fail on a machine's speed. It exits non-zero
// only when a build fails. Results go to bench-results/<label or timestamp>-<N>.json.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateCorpus, postId, postMeta } from './corpus.ts';
import { parseBuildLog, stripAnsi, type BuildPhases, type LogLine } from './log.ts';
import { sampleTree } from './proc.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm run build` runs: Astro's command line, with the environment a build wants (scripts/astro.ts). */
const ASTRO_BIN = join(root, 'scripts/astro.ts');
/** Pins the site's "now" after the corpus's last date, so every non-draft post is published. */
export const BENCH_NOW = '2026-01-01T00:00:00Z';
const TAIL_LINES = 60;

export interface BuildMetrics {
  exitCode: number | null;
  /** From spawning `astro build` to its exit. */
  wallMs: number;
  /** User + system CPU seconds of the build and every process it waited for (null without /usr/bin/time). */
  cpuS: number | null;
  /** Highest sum of VmRSS over the build process and all its descendants (sampled every ~100 ms). */
  peakRssBytes: number | null;
  /** The `astro build` process's own high-water mark (VmHWM): the largest process's, as the example's figure is. */
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
  /** A deploy: fresh posts (one edited), the cold build's cache restored, an empty output folder. Null with --no-warm or --no-deploy. */
  deploy: (BuildMetrics & { changedPost: string }) | null;
}

export interface BenchOptions {
  posts: number;
  seed?: number;
  /** Run the warm rebuild after the cold build (default true). */
  warm?: boolean;
  /** Run the deploy scenario after the warm rebuild (default true when warm). */
  deploy?: boolean;
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
 * `node [flags] scripts/astro.ts build`.
 */
export function buildNodeFlags(pkg: { scripts?: Record<string, string> } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }): string[] {
  const script = pkg.scripts?.['build'] ?? '';
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) scripts\/astro\.ts build$/.exec(script);
  if (!match) throw new Error(`package.json's build script should be "node [flags] scripts/astro.ts build", found: ${script}`);
  return match[1]!.split(' ').filter((flag) => flag !== '');
}

export class BuildFailedError extends Error {
  readonly exitCode: number | null;
  readonly outputTail: string;
  readonly phase: 'cold' | 'warm' | 'deploy';
  constructor(phase: 'cold' | 'warm' | 'deploy', exitCode: number | null, outputTail: string) {
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
  cpuS: number | null;
  lines: LogLine[];
  memory: ReturnType<ReturnType<typeof sampleTree>['stop']>;
}

const TIME = '/usr/bin/time';

/**
 * Runs a command, timestamping each log line as it arrives and sampling the memory of its
 * process tree; under /usr/bin/time when there is one, for the CPU time of the whole tree.
 */
export function measuredRun(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<RunResult> {
  const timing = existsSync(TIME) ? `${options.logFile}.time` : undefined;
  const [file, argv] = timing ? [TIME, ['-f', '%U %S', '-o', timing, command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: options.env });
    const sampler = child.pid === undefined ? undefined : sampleTree(child.pid);
    const lines: LogLine[] = [];
    const collect = (stream: Readable) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const at = performance.now() - started;
        appendFileSync(options.logFile, chunk);
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
      let cpuS: number | null = null;
      if (timing && existsSync(timing)) {
        const [user, system] = (readFileSync(timing, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
        if (Number.isFinite(user) && Number.isFinite(system)) cpuS = Math.round(((user ?? 0) + (system ?? 0)) * 10) / 10;
      }
      resolvePromise({ exitCode, wallMs, cpuS, lines, memory: sampler?.stop() ?? null });
    });
  });
}

/** Runs `astro build` under this Node binary, on the benchmark's folders. */
function astroBuild(dirs: BuildDirs, logFile: string): Promise<RunResult> {
  return measuredRun(process.execPath, [...dirs.nodeFlags, ASTRO_BIN, 'build'], {
    cwd: root,
    logFile,
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

async function measuredBuild(phase: 'cold' | 'warm' | 'deploy', dirs: BuildDirs, logFile: string): Promise<BuildMetrics> {
  writeFileSync(logFile, '');
  const run = await astroBuild(dirs, logFile);
  if (run.exitCode !== 0) {
    const tail = run.lines
      .slice(-TAIL_LINES)
      .map((l) => stripAnsi(l.text))
      .join('\n');
    throw new BuildFailedError(phase, run.exitCode, tail);
  }
  const out = outputStats(dirs.out);
  const phases = parseBuildLog(run.lines);
  return {
    exitCode: run.exitCode,
    wallMs: round1(run.wallMs),
    cpuS: run.cpuS,
    peakRssBytes: run.memory?.peakTreeRssBytes ?? null,
    mainProcessHwmBytes: run.memory?.largestHwmBytes ?? null,
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

const EDIT = '\nEdited for the warm rebuild: one more paragraph, so that exactly one entry changes.\n';

/** Work folders to delete once every build of this run is done (see discard). */
const finished: string[] = [];
/** Deletes the work folders of this run's finished benchmarks. */
export function removeFinished(): void {
  for (const dir of finished.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Puts a folder out of the way (into `trash/` beside it) instead of deleting it: the benchmark
 * deletes nothing until it is over. On ext4, making files right after many thousands were
 * deleted is slow (the allocator passes over recently freed inodes): a 1,000-post cold build
 * right after the previous round's folders were deleted spent a third of its time creating
 * files, which a deploy on a fresh runner never does.
 */
export function discard(dir: string): void {
  if (!existsSync(dir)) return;
  const trash = join(dirname(dir), 'trash');
  mkdirSync(trash, { recursive: true });
  renameSync(dir, join(trash, `${basename(dir)}-${readdirSync(trash).length}`));
}

/**
 * A deploy on a fresh checkout: the posts written anew at the same path (new files, new
 * times), one post edited, the cache folder restored from `savedCache` as a CI cache step
 * would, and no output folder at all.
 */
async function deployBuild(dirs: BuildDirs, savedCache: string, corpus: { posts: number; seed: number; edit: () => void }, logFile: string): Promise<BuildMetrics> {
  discard(dirs.content);
  generateCorpus({ posts: corpus.posts, seed: corpus.seed, dir: dirs.content });
  corpus.edit();
  discard(dirs.cache);
  cpSync(savedCache, dirs.cache, { recursive: true });
  discard(dirs.out);
  return measuredBuild('deploy', dirs, logFile);
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

const timestamp = () =>
  new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

/** Generates an N-post corpus, builds it cold (and warm), and returns the report. Throws BuildFailedError. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { posts, seed = DEFAULT_SEED, warm = true, deploy = warm, keep = false, log = () => {} } = options;
  const label = options.label ?? timestamp();
  const work = mkdtempSync(join(tmpdir(), `folio-bench-${posts}-`));
  const nodeFlags = options.defaultHeap ? [] : buildNodeFlags();
  const dirs: BuildDirs = { content: join(work, 'posts'), out: join(work, 'dist'), cache: join(work, 'cache'), settings: options.settings, nodeFlags };
  try {
    log(`${posts} posts: generating corpus in ${work}`);
    const corpus = generateCorpus({ posts, seed, dir: dirs.content });

    log(`${posts} posts: cold build`);
    const cold = await measuredBuild('cold', dirs, join(work, 'cold.log'));
    // What a deploy restores: the cache folder as the last deploy left it.
    const savedCache = join(work, 'cache-saved');
    if (deploy) cpSync(dirs.cache, savedCache, { recursive: true });

    let warmMetrics: BenchReport['warm'] = null;
    let deployMetrics: BenchReport['deploy'] = null;
    const index = postToEdit(posts, seed);
    const edit = () => appendFileSync(join(dirs.content, `${postId(index)}.md`), EDIT);
    if (warm) {
      edit();
      log(`${posts} posts: warm build (edited ${postId(index)})`);
      warmMetrics = { ...(await measuredBuild('warm', dirs, join(work, 'warm.log'))), changedPost: postId(index) };
    }
    if (deploy) {
      log(`${posts} posts: deploy (fresh posts, edited ${postId(index)}; cache restored; empty output folder)`);
      deployMetrics = { ...(await deployBuild(dirs, savedCache, { posts, seed, edit }, join(work, 'deploy.log'))), changedPost: postId(index) };
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
      deploy: deployMetrics,
    };
  } finally {
    if (keep) log(`kept ${work}`);
    else finished.push(work);
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
  const header = [
    'posts',
    'build',
    'wall',
    'cpu',
    'ms/post',
    'peak RSS',
    'pages',
    'rendered',
    'output',
    'sync',
    'render',
    'astro total',
    'og',
    'og draw',
    'og end',
    'search',
    'shards',
    'sitemap',
  ];
  const rows = reports.flatMap((r) =>
    [['cold', r.cold] as const, ['warm', r.warm] as const, ['deploy', r.deploy] as const]
      .flatMap(([kind, b]) => (b ? [[kind, b] as const] : []))
      .map(([kind, b]) => [
        String(r.posts),
        kind,
        ms(b.wallMs),
        b.cpuS === null ? '-' : `${b.cpuS.toFixed(1)} s`,
        b.msPerPostPage === null ? '-' : b.msPerPostPage.toFixed(1),
        mib(b.peakRssBytes),
        String(b.pagesWritten),
        String(b.phases.pages.rendered),
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
// Against the official Astro blog example

const EXAMPLE_SCRIPT = resolve(root, '../shared/anchors/build-example.sh');

export interface ExampleBuild {
  wallMs: number;
  cpuS: number;
  /** The example's own figure: the largest process's maximum RSS (/usr/bin/time %M). */
  peakRssBytes: number;
}

/** A cold build of the official example on `postsDir` (../shared/anchors/build-example.sh, which times only the build). */
export async function exampleBuild(postsDir: string, logFile: string): Promise<ExampleBuild> {
  writeFileSync(logFile, '');
  const run = await measuredRun('bash', [EXAMPLE_SCRIPT, postsDir], { cwd: root, env: process.env, logFile });
  const line = run.lines.map((l) => l.text).find((text) => text.startsWith('example:'));
  const field = (name: string) => Number(new RegExp(`${name}=([\\d.]+)`).exec(line ?? '')?.[1]);
  if (run.exitCode !== 0 || !line)
    throw new Error(
      `the example's build failed:\n${run.lines
        .map((l) => l.text)
        .join('\n')
        .slice(-2000)}`,
    );
  return { wallMs: field('wall_s') * 1000, cpuS: field('cpu_s'), peakRssBytes: field('peak_mib') * 1024 * 1024 };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface VersusReport {
  posts: number;
  rounds: number;
  folio: { cold: BuildMetrics[]; deploy: BuildMetrics[] };
  example: ExampleBuild[];
}

/**
 * Builds one corpus with Folio and with the example, in turn, `rounds` times: Folio cold
 * (empty cache and output), the example cold, Folio as a deploy (the posts written anew
 * with one edited, that cold build's cache restored, no output folder).
 */
export async function runVersus(posts: number, rounds: number, log: (message: string) => void, seed = DEFAULT_SEED): Promise<VersusReport> {
  const work = mkdtempSync(join(tmpdir(), `folio-vs-${posts}-`));
  const dirs: BuildDirs = { content: join(work, 'posts'), out: join(work, 'dist'), cache: join(work, 'cache'), nodeFlags: buildNodeFlags() };
  const report: VersusReport = { posts, rounds, folio: { cold: [], deploy: [] }, example: [] };
  const index = postToEdit(posts, seed);
  try {
    for (let round = 1; round <= rounds; round++) {
      discard(dirs.content);
      generateCorpus({ posts, seed, dir: dirs.content });
      discard(dirs.out);
      discard(dirs.cache);
      log(`${posts} posts, round ${round}/${rounds}: Folio cold`);
      report.folio.cold.push(await measuredBuild('cold', dirs, join(work, `folio-${round}.log`)));
      const saved = join(work, 'cache-saved');
      discard(saved);
      cpSync(dirs.cache, saved, { recursive: true });
      log(`${posts} posts, round ${round}/${rounds}: example cold`);
      report.example.push(await exampleBuild(dirs.content, join(work, `example-${round}.log`)));
      log(`${posts} posts, round ${round}/${rounds}: Folio deploy`);
      const edit = () => appendFileSync(join(dirs.content, `${postId(index)}.md`), EDIT);
      report.folio.deploy.push(await deployBuild(dirs, saved, { posts, seed, edit }, join(work, `deploy-${round}.log`)));
    }
    return report;
  } finally {
    finished.push(work);
  }
}

/** Medians of each side and their ratios, one row per corpus size. */
export function formatVersus(reports: readonly VersusReport[]): string {
  const header = [
    'posts',
    'rounds',
    'Folio cold',
    'example',
    'ratio',
    'Folio CPU',
    'example CPU',
    'ratio',
    'Folio peak',
    'example peak',
    'ratio',
    'Folio largest',
    'deploy',
    'deploy/example',
  ];
  const rows = reports.map((r) => {
    const folioWall = median(r.folio.cold.map((b) => b.wallMs));
    const exampleWall = median(r.example.map((b) => b.wallMs));
    const folioCpu = median(r.folio.cold.map((b) => b.cpuS ?? Number.NaN));
    const exampleCpu = median(r.example.map((b) => b.cpuS));
    const folioPeak = median(r.folio.cold.map((b) => b.peakRssBytes ?? Number.NaN));
    const examplePeak = median(r.example.map((b) => b.peakRssBytes));
    const folioLargest = median(r.folio.cold.map((b) => b.mainProcessHwmBytes ?? Number.NaN));
    const deployWall = median(r.folio.deploy.map((b) => b.wallMs));
    const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-');
    return [
      String(r.posts),
      String(r.rounds),
      ms(folioWall),
      ms(exampleWall),
      ratio(folioWall, exampleWall),
      `${folioCpu.toFixed(1)} s`,
      `${exampleCpu.toFixed(1)} s`,
      ratio(folioCpu, exampleCpu),
      mib(folioPeak),
      mib(examplePeak),
      ratio(folioPeak, examplePeak),
      mib(folioLargest),
      ms(deployWall),
      ratio(deployWall, exampleWall),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
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
      deploy: { type: 'boolean', default: true },
      'vs-example': { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      label: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'default-heap': { type: 'boolean', default: false },
      results: { type: 'string', default: join(root, 'bench-results') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const usage =
    'usage: node scripts/bench/run.ts --posts 1000 [--posts 5000 ...] [--no-warm] [--no-deploy] [--label x] [--seed 1] [--keep] [--default-heap] [--results dir]\n' +
    '       node scripts/bench/run.ts --vs-example --posts 100,1000 [--rounds 3]';
  const sizes = (values.posts ?? ['1000']).flatMap((p) => p.split(',')).map(Number);
  const seed = Number(values.seed);
  if (values.help || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed)) {
    console.log(values.help ? usage : `--posts takes positive integers (1000 or 1000,5000) and --seed an integer\n${usage}`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const label = values.label ?? timestamp();
  if (values['vs-example']) {
    const rounds = Number(values.rounds);
    const versus: VersusReport[] = [];
    try {
      for (const posts of sizes) versus.push(await runVersus(posts, rounds, (m) => console.log(`[bench] ${m}`), seed));
    } finally {
      removeFinished();
    }
    mkdirSync(resolve(values.results), { recursive: true });
    const path = join(resolve(values.results), `${label.replace(/[^\w.-]+/g, '_')}-vs-example.json`);
    writeFileSync(path, `${JSON.stringify(versus, null, 2)}\n`);
    console.log(
      `[bench] wrote ${path}\n\nmedians of ${rounds} rounds, run in turn; Folio's peak is its whole process tree's, the example's its largest process's (Folio's largest process: "Folio largest")\n`,
    );
    console.log(formatVersus(versus));
    return;
  }
  const reports: BenchReport[] = [];
  try {
    for (const posts of sizes) {
      const report = await runBench({
        posts,
        seed,
        warm: values.warm,
        deploy: values.warm && values.deploy,
        label,
        keep: values.keep,
        defaultHeap: values['default-heap'],
        log: (m) => console.log(`[bench] ${m}`),
      });
      reports.push(report);
      console.log(`[bench] wrote ${writeReport(report, resolve(values.results))}`);
    }
  } finally {
    removeFinished();
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
