import type { Post } from './post.ts';

export interface PublishOptions {
  /** The moment of the build (or of the dev request). */
  now: Date;
  /** True in `astro dev`: drafts and scheduled posts are shown, marked. */
  includeDrafts: boolean;
}

export type PostStatus = 'published' | 'draft' | 'scheduled';

type Publishable = Pick<Post, 'draft' | 'date'>;

/** Why a post is or is not public. A draft that is also in the future is a draft. */
export function postStatus(post: Publishable, now: Date): PostStatus {
  if (post.draft) return 'draft';
  if (post.date.instant.getTime() > now.getTime()) return 'scheduled';
  return 'published';
}

/** The one publishing rule: a post exists in the output only when this says so. */
export function isPublished(post: Publishable, { now, includeDrafts }: PublishOptions): boolean {
  return includeDrafts || postStatus(post, now) === 'published';
}

/**
 * The rule for pages of their own (src/content/pages), which have no date: a draft exists
 * only where posts' drafts do (`astro dev`).
 */
export function isPagePublished(page: Pick<Post, 'draft'>, { includeDrafts }: Pick<PublishOptions, 'includeDrafts'>): boolean {
  return includeDrafts || !page.draft;
}
