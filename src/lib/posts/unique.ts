import { folioPage, routeKey } from '../urls.ts';
import type { Post } from './post.ts';

/** An address two claimants would share; the message names both (files, or a file and a Folio page). */
export class DuplicateUrlError extends Error {
  readonly url: string;
  /** The posts' files involved. */
  readonly files: readonly string[];
  constructor(url: string, files: readonly string[], message: string) {
    super(message);
    this.name = 'DuplicateUrlError';
    this.url = url;
    this.files = files;
  }
}

const twoPosts = (url: string, files: [string, string], what: [string, string]) =>
  new DuplicateUrlError(
    url,
    files,
    `Two posts would be published at /${url}: ${files[0]} (${what[0]}) and ${files[1]} (${what[1]}). ` + 'Give one of them a different file name, `slug`, alias or permalink.',
  );

type UrlPost = Pick<Post, 'id' | 'slug' | 'redirects' | 'filePath'>;

/**
 * Every address claimed twice, in one pass: by two posts (their pages first, then their
 * redirects), by a redirect and one of Folio's own pages, or as a file and as a folder (a
 * redirect at "old/x.html" and another under "old/x.html/").
 */
export function findDuplicateUrls(posts: readonly UrlPost[]): DuplicateUrlError[] {
  const owners = new Map<string, { file: string; what: string; route: string }>();
  const errors: DuplicateUrlError[] = [];
  const claim = (route: string, post: UrlPost, what: string) => {
    const file = post.filePath ?? post.id;
    const page = folioPage(route);
    if (page) {
      errors.push(new DuplicateUrlError(route, [file], `${file} (${what}) would take /${route}, the address of ${page.name} (${page.source}). Remove or change it.`));
      return;
    }
    const key = routeKey(route);
    const owner = owners.get(key);
    if (owner && owner.file !== file) errors.push(twoPosts(route, [owner.file, file], [owner.what, what]));
    else if (!owner) owners.set(key, { file, what, route });
  };
  for (const post of posts) claim(`posts/${post.slug}/`, post, post.slug === post.id ? 'its file name' : `slug: ${post.slug}`);
  for (const post of posts) for (const { route, from } of post.redirects) claim(route, post, from);
  // A file route leaves no room for a folder of the same name.
  for (const [key, owner] of owners) {
    for (let cut = key.lastIndexOf('/'); cut > 0; cut = key.lastIndexOf('/', cut - 1)) {
      const parent = owners.get(key.slice(0, cut));
      if (parent && !parent.route.endsWith('/') && parent.file !== owner.file) {
        errors.push(twoPosts(parent.route, [parent.file, owner.file], [parent.what, `${owner.what}, under it`]));
      }
    }
  }
  return errors;
}

/**
 * Post files whose names give one id (`My Post.md` and `my-post.md`): the content store keeps
 * one entry per id, so one of them would be lost without a word. `ids` maps each file (as
 * given to `fileOf`) to its id, as src/lib/ids.ts assigns them.
 */
export function findIdClashes(ids: ReadonlyMap<string, string>, fileOf: (entry: string) => string): DuplicateUrlError[] {
  const first = new Map<string, string>();
  const errors: DuplicateUrlError[] = [];
  for (const [entry, id] of [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const owner = first.get(id);
    if (owner === undefined) first.set(id, entry);
    else {
      const files: [string, string] = [fileOf(owner), fileOf(entry)];
      errors.push(
        new DuplicateUrlError(
          `posts/${id}/`,
          files,
          `Two post files would be one post, ${id} (at /posts/${id}/ unless a \`slug\` moves it): ${files[0]} and ${files[1]}. Rename one of the files.`,
        ),
      );
    }
  }
  return errors;
}

/** Every post URL and redirect must be claimed once; the error names both files. */
export function assertUniqueUrls(posts: readonly UrlPost[]): void {
  const [first] = findDuplicateUrls(posts);
  if (first) throw first;
}
