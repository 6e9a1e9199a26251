/**
 * Local files a post refers to must exist: checked during content sync (before any page
 * is written) and by `npm run check:content`, with the same message.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { localImageRefs } from '../lib/frontmatter.ts';
import { normaliseFrontmatter } from '../lib/schema/post.ts';

/** The cover image a post names (under any engine's field name), when it is a local path. */
function localCover(data: Record<string, unknown>): string | undefined {
  const image = (normaliseFrontmatter(data) as { image?: unknown }).image;
  // A URL, or a path from the site's root (a file in public/), is not beside the post.
  return typeof image === 'string' && image.trim() !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(image.trim()) ? image.trim() : undefined;
}

/** One message per missing image (the cover, then the body's relative images), for the post at `filePath`. */
export function missingImages(filePath: string, source: string, data: Record<string, unknown>): string[] {
  const cover = localCover(data);
  const refs = [...(cover ? [cover] : []), ...localImageRefs(source)];
  return [...new Set(refs)]
    .filter((ref) => !existsSync(resolve(dirname(filePath), ref)))
    .map((ref) => `the image ${ref} does not exist next to the post. Fix the path or add the file.`);
}
