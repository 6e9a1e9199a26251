import { buildSeriesIndex } from '../series.ts';
import { buildTagIndex } from '../tags.ts';
import type { Post } from './post.ts';
import { isPublished, type PublishOptions } from './published.ts';
import { assertUniqueUrls } from './unique.ts';

/**
 * Rules that span posts: no two posts (drafts included) claim one URL, and no two distinct
 * published tags, nor two published series, share a slug. Throws the first problem, naming
 * the files. Posts are taken in file order, as check:content lists them, so the message is the same
 * whatever order the content layer stored them in.
 */
export function validatePosts(posts: readonly Post[], publish: PublishOptions): void {
  const file = (post: Post) => post.filePath ?? post.id;
  const ordered = [...posts].sort((a, b) => (file(a) < file(b) ? -1 : file(a) > file(b) ? 1 : 0));
  assertUniqueUrls(ordered);
  const published = ordered.filter((post) => isPublished(post, publish));
  buildTagIndex(published);
  buildSeriesIndex(published);
}
