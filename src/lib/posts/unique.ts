import type { Post } from './post.ts';

export class DuplicateUrlError extends Error {
  readonly url: string;
  readonly files: [string, string];
  constructor(url: string, files: [string, string], what: [string, string]) {
    super(
      `Two posts would be published at /${url}: ${files[0]} (${what[0]}) and ${files[1]} (${what[1]}). ` +
        'Give one of them a different file name, `slug` or alias.',
    );
    this.name = 'DuplicateUrlError';
    this.url = url;
    this.files = files;
  }
}

type UrlPost = Pick<Post, 'id' | 'slug' | 'aliases' | 'filePath'>;

/** Every URL claimed by two different posts (slugs first, then aliases), in one pass. */
export function findDuplicateUrls(posts: readonly UrlPost[]): DuplicateUrlError[] {
  const owners = new Map<string, { file: string; what: string }>();
  const errors: DuplicateUrlError[] = [];
  const claim = (route: string, post: UrlPost, what: string) => {
    const file = post.filePath ?? post.id;
    const owner = owners.get(route);
    if (owner && owner.file !== file) errors.push(new DuplicateUrlError(route, [owner.file, file], [owner.what, what]));
    else owners.set(route, { file, what });
  };
  for (const post of posts) claim(`posts/${post.slug}/`, post, post.slug === post.id ? 'its file name' : `slug: ${post.slug}`);
  for (const post of posts) for (const alias of post.aliases) claim(alias, post, `alias ${alias}`);
  return errors;
}

/** Every post URL and alias must be claimed once; the error names both files. */
export function assertUniqueUrls(posts: readonly UrlPost[]): void {
  const [first] = findDuplicateUrls(posts);
  if (first) throw first;
}
