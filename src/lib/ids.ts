import { slug as githubSlug } from 'github-slugger';

/**
 * A post's id from its path under the posts folder: extension dropped, each segment
 * slugged as Astro does, a trailing `/index` removed (`notes/My Post.md` → `notes/my-post`,
 * `trip/index.md` → `trip`). A `slug` field does not change the id; it only changes the URL.
 */
export function postIdFromPath(entry: string): string {
  const withoutExt = entry.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
  return withoutExt
    .split('/')
    .map((segment) => githubSlug(segment))
    .join('/')
    .replace(/(^|\/)index$/, '');
}
