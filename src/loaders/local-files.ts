/**
 * A post's cover image must be publishable: checked during content sync (before any page is
 * written) and by `npm run check:content`, with the same message as the body's images for a
 * missing file (src/markdown/embeds.ts checks those as the body renders).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isVectorImage } from '../lib/images.ts';
import { normaliseFrontmatter } from '../lib/schema/post.ts';
import { embedProblemMessage } from '../markdown/embeds.ts';
import { svgPublishing } from '../markdown/images.ts';

/** The cover image a post names (under any engine's field name), when it is a local path. */
function localCover(data: Record<string, unknown>): string | undefined {
  const image = (normaliseFrontmatter(data) as { image?: unknown }).image;
  // A URL, or a path from the site's root (a file in public/), is not beside the post.
  return typeof image === 'string' && image.trim() !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(image.trim()) ? image.trim() : undefined;
}

/**
 * A Markdown post's cover that is an SVG whose size Astro's image pipeline (which takes covers)
 * cannot read: the build copies it as it is (src/loaders/loader.ts), as it does such SVGs in
 * the text. Its path as written and the file, or undefined.
 */
export async function svgCoverToCopy(filePath: string, data: Record<string, unknown>): Promise<{ ref: string; file: string } | undefined> {
  const cover = localCover(data);
  if (!cover || !isVectorImage(cover) || /\.mdx$/i.test(filePath)) return undefined;
  const file = resolve(dirname(filePath), cover);
  return existsSync(file) && (await svgPublishing(file))?.by === 'folio' ? { ref: cover, file } : undefined;
}

/**
 * What stops the cover image of the post at `filePath` (its frontmatter `data`) from being
 * published, or undefined: a missing file, or (in MDX) an SVG whose size Astro's image pipeline
 * cannot read, on which it would stop the build with its own error.
 */
export async function coverProblem(filePath: string, data: Record<string, unknown>): Promise<string | undefined> {
  const cover = localCover(data);
  if (!cover) return undefined;
  const file = resolve(dirname(filePath), cover);
  if (!existsSync(file)) return embedProblemMessage({ ref: cover, kind: 'image', problem: 'missing' });
  if (/\.mdx$/i.test(filePath) && isVectorImage(cover) && (await svgPublishing(file))?.by === 'folio') {
    return `the cover image ${cover} is an SVG whose size cannot be read: give its <svg> element a width and height in px, or a viewBox of four numbers separated by spaces (such as viewBox="0 0 1200 630", its drawing's width and height).`;
  }
  return undefined;
}
