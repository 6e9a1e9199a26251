import { getCollection, type CollectionEntry } from 'astro:content';
import { groupByYearMonth, type ArchiveYear } from '../lib/archive.ts';
import { buildTagIndex, type TagIndex } from '../lib/tags.ts';
import { isPublished, postStatus, type PostStatus } from '../lib/posts/published.ts';
import { toPost, type Post } from '../lib/posts/post.ts';
import { buildNeighbours, sortNewestFirst, type Neighbours } from '../lib/posts/query.ts';
import { assertUniqueUrls } from '../lib/posts/unique.ts';
import { buildRelated } from '../lib/related.ts';
import { buildSeriesIndex, type SeriesIndex } from '../lib/series.ts';
import { createUrls, type UrlBuilder } from '../lib/urls.ts';
import { isDevServer } from '../build/mode.ts';
import { buildNow } from '../build/now.ts';
import { siteConfig } from '../site.config.ts';

export type PostEntry = CollectionEntry<'posts'>;

/** Everything the routes need, computed once per build from one collection query. */
export interface SiteData {
  /** Published posts (in dev: every post), newest first. */
  posts: Post[];
  tags: TagIndex<Post>;
  /** Series of the posts above (a draft part is in none, so the numbering has no gap). */
  series: SeriesIndex<Post>;
  archive: ArchiveYear<Post>[];
  neighbours: Map<string, Neighbours<Post>>;
  related: Map<string, Post[]>;
  /** Collection entries by post id, for render(). */
  entries: Map<string, PostEntry>;
  /** Draft/scheduled markers (only non-published posts appear, and only in dev). */
  status: Map<string, PostStatus>;
  urls: UrlBuilder;
}

async function load(): Promise<SiteData> {
  const now = buildNow();
  const includeDrafts = isDevServer();
  const entries = await getCollection('posts');
  const all = entries.map((entry) => ({ entry, post: toPost(entry, siteConfig) }));
  // Checked over every post, drafts included, so publishing a draft can never break the site.
  assertUniqueUrls(all.map(({ post }) => post));

  const byId = new Map<string, PostEntry>();
  const visible: Post[] = [];
  const status = new Map<string, PostStatus>();
  for (const { entry, post } of all) {
    if (!isPublished(post, { now, includeDrafts })) continue;
    const state = postStatus(post, now);
    if (state !== 'published') status.set(post.id, state);
    visible.push(post);
    byId.set(post.id, entry);
  }
  const posts = sortNewestFirst(visible);
  const tags = buildTagIndex(posts);
  return {
    posts,
    tags,
    series: buildSeriesIndex(posts),
    archive: groupByYearMonth(posts),
    neighbours: buildNeighbours(posts),
    related: buildRelated(posts, tags, { limit: siteConfig.relatedPosts }),
    entries: byId,
    status,
    urls: createUrls(siteConfig),
  };
}

let cached: Promise<SiteData> | undefined;

/** The one place that queries the collection. Memoised for the build; fresh per request in dev. */
export function getSiteData(): Promise<SiteData> {
  if (isDevServer()) return load();
  cached ??= load();
  return cached;
}
