import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDates } from '../../src/loaders/file-dates';
import { repositoryPath } from '../../src/loaders/repository';
import { laterDay, parseGitLog } from '../../src/lib/git-dates';
import { readFileSync } from 'node:fs';

let repo: string;
const git = (args: string[], date?: string) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    encoding: 'utf8',
  });
const write = (path: string, text: string) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'folio-git-'));
  git(['init', '-q']);
  write('posts/first.md', 'one');
  write('posts/sub/with space.md', 'two');
  write('outside.md', 'not in the posts folder');
  git(['add', '.']);
  git(['commit', '-qm', 'first'], '2020-01-02T23:30:00+00:00');
  git(['mv', 'posts/first.md', 'posts/renamed.md']);
  write('posts/sub/with space.md', 'two, edited');
  git(['commit', '-qam', 'second'], '2021-05-06T07:08:09-05:00');
  git(['rm', '-q', 'posts/sub/with space.md']);
  git(['commit', '-qm', 'gone'], '2022-01-01T00:00:00+00:00');
  write('posts/sub/with space.md', 'a new file under the old name');
  git(['add', '.']);
  git(['commit', '-qm', 'back'], '2023-03-03T12:00:00+00:00');
  write('posts/uncommitted.md', 'new');
  const when = new Date('2024-06-30T22:00:00Z');
  utimesSync(join(repo, 'posts/uncommitted.md'), when, when);
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('dates from git history', () => {
  it('reads each file of the folder in one log: first commit, renames followed, a re-added file anew', () => {
    const log = git(['-C', 'posts', 'log', '-z', '--format=%x1e%aI', '--name-status', '-M', '--relative', '--', '.']);
    const dates = parseGitLog(log);
    expect(dates.get('renamed.md')).toEqual({ created: '2020-01-02T23:30:00+00:00', modified: '2021-05-06T07:08:09-05:00' });
    expect(dates.get('sub/with space.md')).toEqual({ created: '2023-03-03T12:00:00+00:00', modified: '2023-03-03T12:00:00+00:00' });
    expect(dates.has('outside.md')).toBe(false);
  });

  it("gives the first commit's moment as a wall time in the site's zone, then the file's time", () => {
    const dates = createFileDates(join(repo, 'posts'), 'Asia/Tokyo');
    // 2020-01-02 23:30 UTC is already the 3rd in Tokyo
    expect(dates.date('renamed.md')).toEqual({ value: '2020-01-03T08:30:00', from: 'git history' });
    expect(dates.date('uncommitted.md')).toEqual({ value: '2024-07-01T07:00:00', from: 'file time' });
    expect(dates.summary()).toMatch(/2 posts have no date in their frontmatter .* 1 by the commit that added them, and 1 by their file's time \(uncommitted\.md\)/);
  });

  it('falls back to file times, saying why, outside a repository', () => {
    const bare = mkdtempSync(join(tmpdir(), 'folio-nogit-'));
    writeFileSync(join(bare, 'note.md'), 'x');
    const dates = createFileDates(bare, 'UTC');
    expect(dates.date('note.md')?.from).toBe('file time');
    expect(dates.summary()).toMatch(/^1 post has no date in its frontmatter .*not in a git repository/);
    rmSync(bare, { recursive: true, force: true });
  });

  it('does not trust a shallow clone for first commits', () => {
    const clone = mkdtempSync(join(tmpdir(), 'folio-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const dates = createFileDates(join(clone, 'posts'), 'UTC');
    expect(dates.date('renamed.md')?.from).toBe('file time');
    expect(dates.summary()).toMatch(/shallow/);
    rmSync(clone, { recursive: true, force: true });
  });
});

describe('updated dates from git history (updatedFromGit)', () => {
  it("takes the last commit that changed a post, as a wall time in the site's zone, only after the post's own day", () => {
    const dates = createFileDates(join(repo, 'posts'), 'America/New_York');
    // Renamed and edited 2021-05-06 07:08:09 -05:00 = 08:08:09 in New York (daylight time).
    expect(dates.updated('renamed.md', '2020-01-01')).toEqual({ value: '2021-05-06T08:08:09', from: 'git history' });
    expect(dates.updated('renamed.md', new Date('2020-01-01T00:00:00Z'))).toEqual({ value: '2021-05-06T08:08:09', from: 'git history' });
    expect(dates.updated('renamed.md', 'Jan 1 2020')?.value).toBe('2021-05-06T08:08:09');
    // Last changed the day it is dated, or before: no "updated".
    expect(dates.updated('renamed.md', '2021-05-06')).toBeUndefined();
    expect(dates.updated('renamed.md', '2022-01-01T09:00:00+01:00')).toBeUndefined();
    expect(dates.updatedWarning()).toBeUndefined();
  });

  it("uses the file's time for a post with uncommitted changes or never committed", () => {
    const when = new Date('2025-02-03T04:05:06Z');
    writeFileSync(join(repo, 'posts/renamed.md'), 'edited, not committed');
    utimesSync(join(repo, 'posts/renamed.md'), when, when);
    try {
      const dates = createFileDates(join(repo, 'posts'), 'UTC');
      expect(dates.updated('renamed.md', '2020-01-01')).toEqual({ value: '2025-02-03T04:05:06', from: 'file time' });
      expect(dates.updated('uncommitted.md', '2024-01-01')).toEqual({ value: '2024-06-30T22:00:00', from: 'file time' });
    } finally {
      git(['checkout', '-q', '--', 'posts/renamed.md']);
    }
  });

  it('keeps the history by commit in the cache folder, and reads it again when damaged or for another commit', () => {
    const cache = mkdtempSync(join(tmpdir(), 'folio-git-cache-'));
    const file = join(cache, 'folio-git-dates.json');
    expect(createFileDates(join(repo, 'posts'), 'UTC', cache).updated('renamed.md', '2020-01-01')?.value).toBe('2021-05-06T12:08:09');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { key: string; dates: [string, { modified: string }][] };
    expect(kept.key).toContain(git(['rev-parse', 'HEAD']).trim());
    // The kept history is what a build of the same commit reads: changed in the file, it shows.
    writeFileSync(file, JSON.stringify({ ...kept, dates: kept.dates.map(([path, d]) => [path, { ...d, modified: '2030-01-01T00:00:00Z' }]) }));
    expect(createFileDates(join(repo, 'posts'), 'UTC', cache).updated('renamed.md', '2020-01-01')?.value).toBe('2030-01-01T00:00:00');
    writeFileSync(file, '{ garbage');
    expect(createFileDates(join(repo, 'posts'), 'UTC', cache).updated('renamed.md', '2020-01-01')?.value).toBe('2021-05-06T12:08:09');
    writeFileSync(file, JSON.stringify({ ...kept, key: 'another commit', dates: [] }));
    expect(createFileDates(join(repo, 'posts'), 'UTC', cache).updated('renamed.md', '2020-01-01')?.value).toBe('2021-05-06T12:08:09');
    rmSync(cache, { recursive: true, force: true });
  });

  it('without history (shallow clone, no git) gives no updated date and a warning, never the checkout time', () => {
    const clone = mkdtempSync(join(tmpdir(), 'folio-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const dates = createFileDates(join(clone, 'posts'), 'UTC');
    expect(dates.updatedWarning()).toBeUndefined();
    expect(dates.updated('renamed.md', '2020-01-01')).toBeUndefined();
    expect(dates.updatedWarning()).toMatch(/^updatedFromGit: the git clone is shallow .*; "updated" dates come from the frontmatter only$/);
    rmSync(clone, { recursive: true, force: true });
    const bare = mkdtempSync(join(tmpdir(), 'folio-nogit-'));
    writeFileSync(join(bare, 'note.md'), 'x');
    const none = createFileDates(bare, 'UTC');
    expect(none.updated('note.md', '2020-01-01')).toBeUndefined();
    expect(none.updatedWarning()).toMatch(/not in a git repository/);
    rmSync(bare, { recursive: true, force: true });
  });

  it('laterDay compares calendar days as written', () => {
    expect(laterDay('2024-03-04T00:00:01', '2024-03-03')).toBe('2024-03-04T00:00:01');
    expect(laterDay('2024-03-03T23:59:59', '2024-03-03T08:00:00-05:00')).toBeUndefined();
    expect(laterDay('2024-03-04T10:00:00', 'not a date')).toBeUndefined();
  });
});

describe('repositoryPath', () => {
  it("gives a file's path from its repository's root, else from the project root", () => {
    expect(repositoryPath(join(repo, 'posts/sub/with space.md'), '/elsewhere')).toBe('posts/sub/with space.md');
    const bare = mkdtempSync(join(tmpdir(), 'folio-norepo-'));
    mkdirSync(join(bare, 'src/content'), { recursive: true });
    expect(repositoryPath(join(bare, 'src/content/x.md'), bare)).toBe('src/content/x.md');
    rmSync(bare, { recursive: true, force: true });
  });
});
