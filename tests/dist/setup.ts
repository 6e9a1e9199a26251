import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, astroBuildAsync, projectCopy, root } from '../helpers/build';

const NOW = '2026-01-01T00:00:00Z';

/** One site per engine a blog moves in from (tests/fixtures/engines/<name>), built with that engine's settings. */
export interface EngineSite {
  name: string;
  /** The posts folder the build reads. */
  posts: string;
  /** The old site's static folder, as FOLIO_PUBLIC_DIR (else the project's public/). */
  publicDir?: string;
  out: string;
  cache: string;
  log: string;
  site: string;
  base: string;
  settings: Record<string, unknown>;
}

const engineSite = (name: string, options: { base?: string; settings?: Record<string, unknown>; publicDir?: boolean; posts?: string }): EngineSite => ({
  name,
  posts: options.posts ?? join(root, `tests/fixtures/engines/${name}/posts`),
  ...(options.publicDir ? { publicDir: join(root, `tests/fixtures/engines/${name}/public`) } : {}),
  out: join(root, `tests/.output/engines/${name}/dist`),
  cache: join(root, `tests/.output/engines/${name}/cache`),
  log: join(root, `tests/.output/engines/${name}/build.log`),
  site: 'https://example.org',
  base: options.base ?? '/',
  settings: options.settings ?? {},
});

/** An Obsidian vault, with its notes' git history (dates, committed by setup) in a copy. */
const vault = {
  source: join(root, 'tests/fixtures/engines/obsidian/vault'),
  /** Each commit: its author and committer date, and the paths it adds. */
  commits: [
    ['2023-01-01T12:00:00+00:00', ['.obsidian', 'attachments', 'templates', 'index.md', 'quartz-note.md', 'private.md', 'notes/Compost Ratios.md']],
    // 01:30 UTC is still April 2 in New York, the site's zone.
    ['2023-04-03T01:30:00+00:00', ['Gardening Log.md']],
    ['2023-05-20T12:00:00+02:00', ['Seed Catalogue.md']],
  ] as const,
  /** Never committed: dated by its file's time, set here. */
  uncommitted: { file: 'Uncommitted Idea.md', mtime: new Date('2024-02-29T15:00:00Z') },
};

export const engineSites = {
  jekyll: engineSite('jekyll', { base: '/blog/', settings: { legacyUrls: 'jekyll' }, publicDir: true }),
  hugo: engineSite('hugo', { settings: { legacyUrls: { engine: 'hugo', section: 'post' } }, publicDir: true }),
  eleventy: engineSite('eleventy', {}),
  obsidian: engineSite('obsidian', { posts: join(root, 'tests/.output/engines/obsidian/vault') }),
  astro: engineSite('astro', { publicDir: true }),
} satisfies Record<string, EngineSite>;

/** What a build or check:content of an engine site runs with. */
export function engineEnv(site: EngineSite, settings: Record<string, unknown> = {}): Record<string, string> {
  return {
    SITE_URL: site.site,
    BASE_PATH: site.base,
    FOLIO_NOW: NOW,
    FOLIO_SETTINGS: JSON.stringify({ ...site.settings, ...settings }),
    NO_COLOR: '1',
    ...(site.publicDir ? { FOLIO_PUBLIC_DIR: site.publicDir } : {}),
  };
}

/** Copies the vault and commits its notes one by one at fixed dates, so their dates from git are known. */
export function makeVault(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(vault.source, dir, { recursive: true });
  // The vault's own repository, whatever repository or hook the tests run from.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  const git = (args: string[], date?: string) =>
    execFileSync('git', ['-c', 'user.name=Folio Tests', '-c', 'user.email=tests@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    });
  git(['init', '-q']);
  for (const [date, paths] of vault.commits) {
    git(['add', '--', ...paths]);
    git(['commit', '-q', '--no-verify', '-m', `Add ${paths.join(', ')}`], date);
  }
  utimesSync(join(dir, vault.uncommitted.file), vault.uncommitted.mtime, vault.uncommitted.mtime);
}

/** Builds every engine site, two at a time (each from its own copy of the project), each log saved beside its output. */
async function buildEngineSites(): Promise<void> {
  rmSync(join(root, 'tests/.output/engines'), { recursive: true, force: true });
  makeVault(engineSites.obsidian.posts);
  const queue: EngineSite[] = Object.values(engineSites);
  const failures: string[] = [];
  const worker = async (project: string) => {
    for (let site = queue.shift(); site; site = queue.shift()) {
      const { status, output } = await astroBuildAsync({ contentDir: site.posts, outDir: site.out, cacheDir: site.cache, env: engineEnv(site), project });
      mkdirSync(join(site.out, '..'), { recursive: true });
      writeFileSync(site.log, output);
      if (status !== 0) failures.push(`The ${site.name} engine fixture build failed:\n${output}`);
    }
  };
  await Promise.all([1, 2].map((n) => worker(projectCopy(join(root, `tests/.output/projects/engines-${n}`)))));
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

/** Odd-but-valid and hostile posts; a 2 MB post is generated into the copy, not committed. */
export const edge = {
  source: join(root, 'tests/fixtures/edge/posts'),
  posts: join(root, 'tests/.output/edge/posts'),
  out: join(root, 'tests/.output/edge/dist'),
  cache: join(root, 'tests/.output/edge/cache'),
  log: join(root, 'tests/.output/edge/build.log'),
  site: 'https://example.org',
  base: '/blog/',
};

function bigPost(): string {
  const paragraph = 'A long post keeps going, paragraph after paragraph, so that nothing about its size is special. ';
  const body: string[] = [];
  for (let i = 0; body.join('').length < 2_000_000; i += 1) body.push(`## Part ${i + 1}\n\n${paragraph.repeat(20)}\n\n`);
  return `---\ntitle: A Two Megabyte Post\ndate: 2022-02-22\ntags: [long]\n---\n${body.join('')}BIGPOSTENDMARKER\n`;
}

/** Posts with raw HTML media, iframes and scripts (src/markdown/embeds.ts), and one without. */
export const embeds = {
  posts: join(root, 'tests/fixtures/embeds/posts'),
  out: join(root, 'tests/.output/embeds/dist'),
  cache: join(root, 'tests/.output/embeds/cache'),
  log: join(root, 'tests/.output/embeds/build.log'),
  site: 'https://example.org',
  base: '/blog/',
  now: '2026-01-01T00:00:00Z',
};

/** Old addresses: aliases, permalinks and the URLs of the engine the blog moved from. */
export const aliases = {
  posts: join(root, 'tests/fixtures/aliases/posts'),
  out: join(root, 'tests/.output/aliases/dist'),
  cache: join(root, 'tests/.output/aliases/cache'),
  log: join(root, 'tests/.output/aliases/build.log'),
  site: 'https://example.org',
  base: '/blog/',
  settings: { legacyUrls: 'jekyll', timeZone: 'UTC', ogImages: false },
  /** The same posts, moved from Hugo instead, at the root of the host. */
  hugo: {
    out: join(root, 'tests/.output/aliases-hugo/dist'),
    cache: join(root, 'tests/.output/aliases-hugo/cache'),
    settings: { legacyUrls: { engine: 'hugo', section: 'post' }, ogImages: false },
  },
};

export const fixture = {
  posts: join(root, 'tests/fixtures/site/posts'),
  out: join(root, 'tests/.output/site/dist'),
  cache: join(root, 'tests/.output/site/cache'),
  log: join(root, 'tests/.output/site/build.log'),
  site: 'https://example.org',
  base: '/blog/',
  now: '2026-01-01T00:00:00Z',
  /** The machine the fixture is first built on: a far-east zone and a Turkish locale. */
  env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8' },
};

/**
 * Builds the fixture sites once for all build tests: the site fixture under a base path,
 * with a pinned "now", on a machine clock set to UTC+14 so that any time-zone slip would
 * show; the engine sites two at a time.
 */
export default async function setup() {
  // FOLIO_FIXTURES=site,edge builds only those fixture sites (engines, embeds, edge, aliases,
  // site), for working on one area; `npm test` builds them all.
  const only = process.env['FOLIO_FIXTURES']?.split(',').map((name) => name.trim());
  const wanted = (name: string) => !only || only.includes(name);
  if (wanted('engines')) await buildEngineSites();
  if (wanted('embeds')) {
    rmSync(join(root, 'tests/.output/embeds'), { recursive: true, force: true });
    const embedsBuild = astroBuild({
      contentDir: embeds.posts,
      outDir: embeds.out,
      cacheDir: embeds.cache,
      env: { SITE_URL: embeds.site, BASE_PATH: embeds.base, FOLIO_NOW: embeds.now, NO_COLOR: '1' },
    });
    writeFileSync(embeds.log, embedsBuild.output);
    if (embedsBuild.status !== 0) throw new Error(`Embeds fixture build failed:\n${embedsBuild.output}`);
  }
  if (wanted('edge')) {
    rmSync(join(root, 'tests/.output/edge'), { recursive: true, force: true });
    cpSync(edge.source, edge.posts, { recursive: true });
    writeFileSync(join(edge.posts, 'big.md'), bigPost());
    const edgeBuild = astroBuild({
      contentDir: edge.posts,
      outDir: edge.out,
      cacheDir: edge.cache,
      env: { SITE_URL: edge.site, BASE_PATH: edge.base, FOLIO_NOW: NOW },
    });
    writeFileSync(edge.log, edgeBuild.output);
    if (edgeBuild.status !== 0) throw new Error(`Edge fixture build failed:\n${edgeBuild.output}`);
  }
  if (wanted('aliases')) {
    rmSync(join(root, 'tests/.output/aliases'), { recursive: true, force: true });
    rmSync(join(root, 'tests/.output/aliases-hugo'), { recursive: true, force: true });
    const moved = astroBuild({
      contentDir: aliases.posts,
      outDir: aliases.out,
      cacheDir: aliases.cache,
      env: { SITE_URL: aliases.site, BASE_PATH: aliases.base, FOLIO_NOW: NOW, FOLIO_SETTINGS: JSON.stringify(aliases.settings), NO_COLOR: '1' },
    });
    writeFileSync(aliases.log, moved.output);
    if (moved.status !== 0) throw new Error(`Aliases fixture build failed:\n${moved.output}`);
    const fromHugo = astroBuild({
      contentDir: aliases.posts,
      outDir: aliases.hugo.out,
      cacheDir: aliases.hugo.cache,
      env: { SITE_URL: aliases.site, BASE_PATH: '/', FOLIO_NOW: NOW, FOLIO_SETTINGS: JSON.stringify(aliases.hugo.settings) },
    });
    if (fromHugo.status !== 0) throw new Error(`Aliases fixture (Hugo) build failed:\n${fromHugo.output}`);
  }
  if (wanted('site')) {
    rmSync(join(root, 'tests/.output/site'), { recursive: true, force: true });
    const { status, output } = astroBuild({
      contentDir: fixture.posts,
      outDir: fixture.out,
      cacheDir: fixture.cache,
      env: { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, ...fixture.env },
    });
    writeFileSync(fixture.log, output);
    if (status !== 0) throw new Error(`Fixture build failed:\n${output}`);
  }
}
