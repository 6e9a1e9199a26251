/**
 * Dates for posts that have none written (Obsidian and Quartz notes often have no
 * frontmatter): the commit that added the file, as Quartz dates a note from git, else the
 * file's modification time; and, with `updatedFromGit`, the last commit that changed a post
 * as its `updated`. Git is asked once per build, and only when a post needs it; its history
 * is kept in the cache folder by commit, so a rebuild of the same commit does not read it again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { wallTimeIn } from '../lib/dates.ts';
import { laterDay, parseGitLog, type GitFileDates } from '../lib/git-dates.ts';
import type { FallbackDate, FallbackUpdated } from '../lib/post-file.ts';

export interface FileDates {
  date: FallbackDate;
  /** The last change of a post (updatedFromGit): its last commit, or its file's time when it has uncommitted changes. */
  updated: FallbackUpdated;
  /** What was used, for one summary line at the end of content sync (undefined when nothing was asked). */
  summary(): string | undefined;
  /** Why git could not date posts, once asked for `updated` (a shallow clone, no git): a build warning. */
  updatedWarning(): string | undefined;
}

interface GitState {
  dates?: Map<string, GitFileDates>;
  /** Files with changes not committed yet (paths under the posts folder). */
  changed?: Set<string>;
  why?: string;
}

/** The history of the posts folder; `cacheFile` keeps it by HEAD commit. */
function gitDates(dir: string, cacheFile: string | undefined): GitState {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    if (git(['rev-parse', '--is-shallow-repository']).trim() === 'true') {
      return { why: 'the git clone is shallow (its history starts at the last commit), so git cannot tell when a post was first committed or last changed' };
    }
    const changed = new Set(git(['diff', '--name-only', '-z', '--relative', 'HEAD', '--', '.']).split('\u0000').filter(Boolean));
    const key = `${git(['rev-parse', 'HEAD']).trim()}|${dir}`;
    if (cacheFile) {
      try {
        const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; dates: [string, GitFileDates][] };
        if (cached.key === key && Array.isArray(cached.dates)) return { dates: new Map(cached.dates), changed };
      } catch {
        // None yet, or damaged: read the history again.
      }
    }
    const dates = parseGitLog(git(['log', '-z', '--format=%x1e%aI', '--name-status', '-M', '--relative', '--', '.']));
    if (cacheFile) {
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeFileSync(cacheFile, JSON.stringify({ key, dates: [...dates] }));
      } catch {
        // A cache that cannot be written only costs the next build a git log.
      }
    }
    return { dates, changed };
  } catch {
    return { why: 'the posts folder is not in a git repository (or git is not installed)' };
  }
}

/** The file in the cache folder that keeps the posts folder's git history. */
export const gitDatesCacheFile = (cacheDir: string) => join(cacheDir, 'folio-git-dates.json');

/**
 * `timeZone`: the site's; a commit's moment becomes a wall-clock time there, so it shows as
 * that day. `cacheDir`: where the history is kept between builds of one commit.
 */
export function createFileDates(dir: string, timeZone: string, cacheDir?: string): FileDates {
  let git: GitState | undefined;
  let askedUpdated = false;
  const used = { git: 0, file: [] as string[] };
  const memo = new Map<string, ReturnType<FallbackDate>>();
  const find: FallbackDate = (entry) => {
    git ??= gitDates(dir, cacheDir && gitDatesCacheFile(cacheDir));
    const committed = git.dates?.get(entry);
    if (committed) {
      used.git += 1;
      return { value: wallTimeIn(new Date(committed.created), timeZone), from: 'git history' };
    }
    try {
      const { mtime } = statSync(join(dir, entry));
      used.file.push(entry);
      return { value: wallTimeIn(mtime, timeZone), from: 'file time' };
    } catch {
      return undefined;
    }
  };
  return {
    date(entry) {
      if (!memo.has(entry)) memo.set(entry, find(entry));
      return memo.get(entry);
    },
    updated(entry, written) {
      askedUpdated = true;
      git ??= gitDates(dir, cacheDir && gitDatesCacheFile(cacheDir));
      // Without history, only what the frontmatter says (a file's time would date every post the checkout's day).
      if (!git.dates) return undefined;
      const committed = git.dates.get(entry);
      let when: string;
      let from: 'git history' | 'file time';
      if (committed && !git.changed?.has(entry)) {
        when = wallTimeIn(new Date(committed.modified), timeZone);
        from = 'git history';
      } else {
        try {
          when = wallTimeIn(statSync(join(dir, entry)).mtime, timeZone);
          from = 'file time';
        } catch {
          return undefined;
        }
      }
      const value = laterDay(when, written);
      return value === undefined ? undefined : { value, from };
    },
    updatedWarning() {
      return askedUpdated && git?.why ? `updatedFromGit: ${git.why}; "updated" dates come from the frontmatter only` : undefined;
    },
    summary() {
      if (used.git === 0 && used.file.length === 0) return undefined;
      const parts: string[] = [];
      if (used.git > 0) parts.push(`${used.git} by the commit that added them`);
      if (used.file.length > 0) {
        const some = used.file.slice(0, 3).join(', ') + (used.file.length > 3 ? `, and ${used.file.length - 3} more` : '');
        parts.push(`${used.file.length} by their file's time (${some}), which changes with every fresh checkout: commit them, or add a date${git?.why ? `; ${git.why}` : ''}`);
      }
      const count = used.git + used.file.length;
      return `${count} ${count === 1 ? 'post has no date in its' : 'posts have no date in their'} frontmatter or file name: dated ${parts.join(', and ')}.`;
    },
  };
}

const SHARED = Symbol.for('folio.fileDates');
type Holder = { [SHARED]?: { key: string; dates: FileDates } };

/**
 * One FileDates per build for a folder, shared through globalThis: the content loader and
 * the Markdown renderer's wikilink index are separate module instances, and git should be
 * asked once.
 */
export function sharedFileDates(dir: string, timeZone: string, cacheDir?: string): FileDates {
  const holder = globalThis as Holder;
  const key = `${dir}|${timeZone}`;
  if (holder[SHARED]?.key !== key) holder[SHARED] = { key, dates: createFileDates(dir, timeZone, cacheDir) };
  return holder[SHARED].dates;
}

/** Forgets the dates read so far (each content sync asks git again). */
export function resetFileDates(): void {
  delete (globalThis as Holder)[SHARED];
}
