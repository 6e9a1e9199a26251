/**
 * Dates for posts that have none written (Obsidian and Quartz notes often have no
 * frontmatter): the commit that added the file, as Quartz dates a note from git, else the
 * file's modification time. Git is asked once per build, and only when a post needs it.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { wallTimeIn } from '../lib/dates.ts';
import { parseGitLog, type GitFileDates } from '../lib/git-dates.ts';
import type { FallbackDate } from '../lib/post-file.ts';

export interface FileDates {
  date: FallbackDate;
  /** What was used, for one summary line at the end of content sync (undefined when nothing was asked). */
  summary(): string | undefined;
}

function gitDates(dir: string): { dates?: Map<string, GitFileDates>; why?: string } {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    if (git(['rev-parse', '--is-shallow-repository']).trim() === 'true') {
      return { why: 'the git clone is shallow (its history starts at the last commit), so git cannot tell when a post was first committed' };
    }
    return { dates: parseGitLog(git(['log', '-z', '--format=%x1e%aI', '--name-status', '-M', '--relative', '--', '.'])) };
  } catch {
    return { why: 'the posts folder is not in a git repository (or git is not installed)' };
  }
}

/** `timeZone`: the site's; a commit's moment becomes a wall-clock time there, so it shows as that day. */
export function createFileDates(dir: string, timeZone: string): FileDates {
  let git: ReturnType<typeof gitDates> | undefined;
  const used = { git: 0, file: [] as string[] };
  const memo = new Map<string, ReturnType<FallbackDate>>();
  const find: FallbackDate = (entry) => {
    git ??= gitDates(dir);
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
export function sharedFileDates(dir: string, timeZone: string): FileDates {
  const holder = globalThis as Holder;
  const key = `${dir}|${timeZone}`;
  if (holder[SHARED]?.key !== key) holder[SHARED] = { key, dates: createFileDates(dir, timeZone) };
  return holder[SHARED].dates;
}

/** Forgets the dates read so far (each content sync asks git again). */
export function resetFileDates(): void {
  delete (globalThis as Holder)[SHARED];
}
