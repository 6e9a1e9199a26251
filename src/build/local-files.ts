/**
 * A post's cover image must exist: checked during content sync (before any page is
 * written) and by `npm run check:content`, with the same message as the body's images
 * (src/build/embeds.ts checks those as the body renders).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { normaliseFrontmatter } from '../lib/schema/post.ts';
import { embedProblemMessage } from './embeds.ts';

/** The cover image a post names (under any engine's field name), when it is a local path. */
function localCover(data: Record<string, unknown>): string | undefined {
  const image = (normaliseFrontmatter(data) as { image?: unknown }).image;
  // A URL, or a path from the site's root (a file in public/), is not beside the post.
  return typeof image === 'string' && image.trim() !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(image.trim()) ? image.trim() : undefined;
}

/** The message for a missing cover image of the post at `filePath` (its frontmatter `data`), or undefined. */
export function missingCover(filePath: string, data: Record<string, unknown>): string | undefined {
  const cover = localCover(data);
  return cover && !existsSync(resolve(dirname(filePath), cover)) ? embedProblemMessage({ ref: cover, kind: 'image', problem: 'missing' }) : undefined;
}
