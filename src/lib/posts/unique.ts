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

/** Every post URL and alias must be claimed once; the error names both files. */
export function assertUniqueUrls(posts: readonly Post[]): void {
  const owners = new Map<string, { file: string; what: string }>();
  const claim = (route: string, post: Post, what: string) => {
    const file = post.filePath ?? post.id;
    const owner = owners.get(route);
    if (owner && owner.file !== file) throw new DuplicateUrlError(route, [owner.file, file], [owner.what, what]);
    owners.set(route, { file, what });
  };
  for (const post of posts) claim(`posts/${post.slug}/`, post, post.slug === post.id ? 'its file name' : `slug: ${post.slug}`);
  for (const post of posts) for (const alias of post.aliases) claim(alias, post, `alias ${alias}`);
}
