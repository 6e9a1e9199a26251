import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, root } from '../helpers/build';

export const engines = {
  posts: join(root, 'tests/fixtures/engines/posts'),
  out: join(root, 'tests/.output/engines/dist'),
  cache: join(root, 'tests/.output/engines/cache'),
  site: 'https://example.org',
};

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
 * Builds the fixture site once for all build tests: under a base path, with a pinned
 * "now", on a machine clock set to UTC+14 so that any time-zone slip would show.
 */
export default function setup() {
  rmSync(join(root, 'tests/.output/site'), { recursive: true, force: true });
  rmSync(join(root, 'tests/.output/engines'), { recursive: true, force: true });
  rmSync(join(root, 'tests/.output/edge'), { recursive: true, force: true });
  cpSync(edge.source, edge.posts, { recursive: true });
  writeFileSync(join(edge.posts, 'big.md'), bigPost());
  const edgeBuild = astroBuild({
    contentDir: edge.posts,
    outDir: edge.out,
    cacheDir: edge.cache,
    env: { SITE_URL: edge.site, BASE_PATH: edge.base, FOLIO_NOW: '2026-01-01T00:00:00Z' },
  });
  writeFileSync(edge.log, edgeBuild.output);
  if (edgeBuild.status !== 0) throw new Error(`Edge fixture build failed:\n${edgeBuild.output}`);
  const posts = astroBuild({
    contentDir: engines.posts,
    outDir: engines.out,
    cacheDir: engines.cache,
    env: { SITE_URL: engines.site, BASE_PATH: '/', FOLIO_NOW: '2026-01-01T00:00:00Z' },
  });
  if (posts.status !== 0) throw new Error(`Engines fixture build failed:\n${posts.output}`);
  const { status, output } = astroBuild({
    contentDir: fixture.posts,
    outDir: fixture.out,
    cacheDir: fixture.cache,
    env: { SITE_URL: fixture.site, BASE_PATH: fixture.base, FOLIO_NOW: fixture.now, ...fixture.env },
  });
  writeFileSync(fixture.log, output);
  if (status !== 0) throw new Error(`Fixture build failed:\n${output}`);
}
