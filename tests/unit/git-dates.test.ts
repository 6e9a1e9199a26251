import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDates } from '../../src/build/file-dates';
import { parseGitLog } from '../../src/lib/git-dates';

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
