import { statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readPlacement, writePlacement } from './output-prune.ts';

/**
 * Copies the files published posts refer to (audio, video, posters, linked files; see
 * src/markdown/embeds.ts) into the output folder, at their content-addressed paths. The output
 * folder is kept between builds, so a file this writer placed there before (recorded in
 * `copiedFile`, per output folder) that is still there at the same size is left as it is:
 * its path carries its content hash.
 */
export async function writeMedia(outDir: string, files: ReadonlyMap<string, string>, copiedFile: string): Promise<{ copied: number; unchanged: number }> {
  const before = readPlacement<Record<string, number>>(copiedFile, outDir) ?? {};
  const placed: Record<string, number> = {};
  let copied = 0;
  let unchanged = 0;
  const made = new Set<string>();
  for (const [path, source] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = join(outDir, path);
    const size = statSync(source).size;
    placed[path] = size;
    if (before[path] === size && statSync(target, { throwIfNoEntry: false })?.size === size) {
      unchanged += 1;
      continue;
    }
    if (!made.has(dirname(target))) {
      await mkdir(dirname(target), { recursive: true });
      made.add(dirname(target));
    }
    // A copy, not a link: nothing done to the output folder can reach the posts.
    await copyFile(source, target);
    copied += 1;
  }
  writePlacement(copiedFile, outDir, placed);
  return { copied, unchanged };
}
