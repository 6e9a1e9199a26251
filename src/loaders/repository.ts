/**
 * Where a file is inside its git repository (for "Edit this post" links): found by walking up
 * from the file to the folder holding `.git` (a folder, or a file in a worktree or submodule).
 * Without a repository, the path from the project root.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

const roots = new Map<string, string | undefined>();

function repositoryRoot(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  const parent = dirname(dir);
  const found = existsSync(resolve(dir, '.git')) ? dir : parent === dir ? undefined : repositoryRoot(parent);
  roots.set(dir, found);
  return found;
}

/** `file` (absolute) as a path from its repository's root, with forward slashes. */
export function repositoryPath(file: string, projectRoot: string): string {
  const root = repositoryRoot(dirname(file)) ?? projectRoot;
  return relative(root, file).split(sep).join('/');
}
