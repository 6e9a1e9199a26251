import { buildTagIndex } from '../tags.ts';
import type { Post } from './post.ts';
import { isPublished, type PublishOptions } from './published.ts';
import { assertUniqueUrls } from './unique.ts';

/**
 * Rules that span posts: no two posts (drafts included) claim one URL, and no two
 * distinct published tags share a slug. Throws the first problem, naming the files.
 */
export function validatePosts(posts: readonly Post[], publish: PublishOptions): void {
  assertUniqueUrls(posts);
  buildTagIndex(posts.filter((post) => isPublished(post, publish)));
}
