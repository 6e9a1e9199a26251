import { parseDateParts } from './dates.ts';

/**
 * Reads `git log -z --format=%x1e%aI --name-status -M --relative -- .` (run in the posts
 * folder) into each file's first and last commit: one git call for the whole folder,
 * never one per file. Renames are followed (a renamed post keeps the day it was first
 * committed); a file deleted and later added again starts anew.
 */
export interface GitFileDates {
  /** Author date (ISO, with the author's offset) of the commit that added the file. */
  created: string;
  /** Author date of the last commit that changed it. */
  modified: string;
}

export function parseGitLog(output: string): Map<string, GitFileDates> {
  const dates = new Map<string, GitFileDates>();
  // Path as named in the commit being read → the file's current path (null: a file deleted later, not ours).
  const current = new Map<string, string | null>();
  const resolve = (path: string) => {
    const now = current.get(path);
    return now === undefined ? path : now;
  };
  const touch = (path: string | null, date: string, created: boolean) => {
    if (path === null) return;
    const known = dates.get(path);
    if (!known) dates.set(path, { created: date, modified: date });
    else if (created) known.created = date; // commits come newest first: the last seen is the oldest
  };
  for (const commit of output.split('\u001e')) {
    const end = commit.indexOf('\u0000');
    if (end === -1) continue;
    const date = commit.slice(0, end).trim();
    const fields = commit
      .slice(end + 1)
      .replace(/^\n/, '')
      .split('\u0000');
    for (let i = 0; i < fields.length; i += 1) {
      const status = fields[i] ?? '';
      if (status === '') continue;
      const kind = status[0];
      if (kind === 'R' || kind === 'C') {
        const from = fields[i + 1] ?? '';
        const to = fields[i + 2] ?? '';
        i += 2;
        const file = resolve(to);
        touch(file, date, true);
        // Before this commit the file had its old name (a copy leaves the old file where it was).
        if (kind === 'R') current.set(from, file);
      } else {
        const path = fields[i + 1] ?? '';
        i += 1;
        const file = resolve(path);
        if (kind === 'D') {
          // Older history under this name belongs to a file that no longer exists.
          current.set(path, null);
          continue;
        }
        touch(file, date, kind === 'A');
      }
    }
  }
  return dates;
}

/**
 * A post's `updated` from its history (`wallTime`: the last change, as a wall-clock time in
 * the site's zone): only when that day comes after the post's own date (`written`, as in the
 * frontmatter), so a post committed the day it was published does not read "updated" that day.
 */
export function laterDay(wallTime: string, written: unknown): string | undefined {
  const day = parseDateParts(written)?.day;
  if (day === undefined) return undefined;
  return wallTime.slice(0, 10) > day ? wallTime : undefined;
}
