import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, projectCopy, root } from '../helpers/build';
import { Dist } from '../helpers/dist';
import { engineEnv, engineSites, makeVault } from './setup';

const out = join(root, 'tests/.output/git-dates');
const site = engineSites.obsidian;
const vault = join(out, 'vault');
const shallow = join(out, 'shallow');
let project = '';
const logs: Record<string, string> = {};

const git = (cwd: string, args: string[], date?: string) =>
  execFileSync('git', ['-c', 'user.name=Folio Tests', '-c', 'user.email=tests@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_'))), ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  });

const build = (name: string, posts: string, settings: Record<string, unknown> = {}) => {
  const result = astroBuild({ contentDir: posts, outDir: join(out, name, 'dist'), cacheDir: join(out, name, 'cache'), env: engineEnv(site, { updatedFromGit: true, ...settings }), project });
  logs[name] = result.output;
  expect(result.status, result.output.slice(-2000)).toBe(0);
  return new Dist(join(out, name, 'dist'), site.base, site.site);
};

const times = (dist: Dist, id: string) =>
  dist
    .html(`posts/${id}/index.html`)
    .querySelectorAll('.post-header time')
    .map((t) => [t.getAttribute('datetime'), t.text]);
const lastmod = (dist: Dist, id: string) => new RegExp(`<loc>${site.site}/posts/${id}/</loc><lastmod>([^<]+)</lastmod>`).exec(dist.read('sitemap-0.xml'))?.[1];

// The Obsidian vault with its git history, one note edited and committed a year after it was
// added, built with updatedFromGit; then a shallow clone of it.
beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  project = projectCopy(join(out, 'project'));
  makeVault(vault);
  writeFileSync(join(vault, 'Seed Catalogue.md'), 'Seeds worth ordering again, listed by bed.\n\n- Tomatoes: three kinds now\n');
  // 03:00 UTC on August 10 is still August 9 in New York, the site's zone.
  git(vault, ['commit', '-q', '--no-verify', '-am', 'Edit the seed catalogue'], '2024-08-10T03:00:00+00:00');
  git(out, ['clone', '-q', '--depth', '1', `file://${vault}`, shallow]);
}, 60_000);

describe('updatedFromGit', () => {
  let dist: Dist;
  beforeAll(() => {
    dist = build('full-build', vault, { editUrl: 'https://github.com/owner/garden/edit/main/' });
  }, 300_000);

  it("dates a post's update by the last commit that changed it, as a day in the site's zone", () => {
    expect(times(dist, 'seed-catalogue')).toEqual([
      ['2023-05-20T06:00:00', 'May 20, 2023'],
      ['2024-08-09T23:00:00', 'August 9, 2024'],
    ]);
    expect(lastmod(dist, 'seed-catalogue')).toBe('2024-08-10T03:00:00.000Z');
    expect(dist.html('posts/seed-catalogue/index.html').querySelector('meta[property="article:modified_time"]')?.getAttribute('content')).toBe('2024-08-10T03:00:00.000Z');
  });

  it('gives no update to a note last changed the day it was added, and lets a written one win', () => {
    expect(times(dist, 'gardening-log')).toHaveLength(1);
    // quartz-note.md writes its own `modified`.
    expect(times(dist, 'quartz-note')[1]?.[1]).toBe('March 3, 2022');
    expect(logs['full-build']).not.toMatch(/updatedFromGit:/);
  });
});

describe('editUrl', () => {
  it('links each post to its file in the repository, outside the search index; no link without the setting', () => {
    const dist = new Dist(join(out, 'full-build', 'dist'), site.base, site.site);
    const link = dist.html('posts/seed-catalogue/index.html').querySelector('.edit-link');
    expect(link?.querySelector('a')?.getAttribute('href')).toBe('https://github.com/owner/garden/edit/main/Seed%20Catalogue.md');
    expect(link?.text.trim()).toBe('Edit this post');
    expect(link?.getAttribute('data-pagefind-ignore')).not.toBeNull();
    expect(dist.html('index.html').querySelector('.edit-link')).toBeNull();
  });
});

describe('updatedFromGit in a shallow clone', () => {
  it('warns once and takes update dates from the frontmatter only', () => {
    const dist = build('shallow-build', shallow);
    expect(logs['shallow-build']?.match(/updatedFromGit: the git clone is shallow/g)).toHaveLength(1);
    // Notes dated by git are dated by the checkout's file times here (in the future of the pinned
    // "now", so not published); a note with written dates keeps exactly those.
    expect(times(dist, 'quartz-note')).toEqual([
      ['2022-02-02', 'February 2, 2022'],
      ['2022-03-03', 'March 3, 2022'],
    ]);
    for (const file of dist.htmlFiles().filter((f) => f.startsWith('posts/'))) expect(dist.read(file), file).not.toContain('2024-08');
    // Built without editUrl: no edit link.
    expect(dist.html('posts/quartz-note/index.html').querySelector('.edit-link')).toBeNull();
  });
});
