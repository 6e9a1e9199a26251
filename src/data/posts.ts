import { getCollection, type CollectionEntry } from 'astro:content';
import { groupByYearMonth, type ArchiveYear } from '../lib/archive.ts';
import { buildTagIndex, type TagIndex } from '../lib/tags.ts';
import { isPagePublished, isPublished, postStatus, type PostStatus } from '../lib/posts/published.ts';
import { assertPageRoutes, toPage, type Page } from '../lib/pages.ts';
import { headerLinks, type Link } from '../lib/views.ts';
import { toPost, type Post } from '../lib/posts/post.ts';
import { buildNeighbours, sortNewestFirst, type Neighbours } from '../lib/posts/query.ts';
import { assertUniqueUrls } from '../lib/posts/unique.ts';
import { buildRelated } from '../lib/related.ts';
import { buildAuthorIndex, type AuthorIndex } from '../lib/authors.ts';
import { plainText } from '../lib/excerpt.ts';
import type { ImageMetadata } from 'astro';
import { buildSeriesIndex, type SeriesIndex } from '../lib/series.ts';
import { createUrls, type UrlBuilder } from '../lib/urls.ts';
import { isDevServer } from '../integrations/mode.ts';
import { buildNow } from '../integrations/now.ts';
import { siteConfig } from '../site.config.ts';
import { t } from './i18n.ts';
import { setLayoutKey } from './cache-key.ts';

export type PostEntry = CollectionEntry<'posts'>;
export type AuthorEntry = CollectionEntry<'authors'>;
export type PageEntry = CollectionEntry<'pages'>;

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
  /** Pages of their own (src/content/pages), published ones only (in dev: every page). */
  pages: Page[];
  /** Collection entries by page id, for render(). */
  pageEntries: Map<string, PageEntry>;
  /** The header's links: Folio's own, then the pages listed with `nav`. */
  nav: Link[];
  urls: UrlBuilder;
  /** The site's authors (src/content/authors/) and who wrote what; empty without that folder. */
  authors: AuthorIndex<Post, ImageMetadata>;
  /** Author entries by id, for rendering a Markdown bio. */
  authorEntries: Map<string, AuthorEntry>;
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
  const authorEntries = await getCollection('authors');
  const authors = buildAuthorIndex(
    // A Markdown author file's body is their bio (as plain text).
    authorEntries.map(({ id, data, body }) => ({ id, name: data.name, bio: data.bio ?? (body?.trim() ? plainText(body) : undefined), avatar: data.avatar, links: data.links })),
    posts,
    all.map(({ post }) => post),
  );

  const pageEntries = await getCollection('pages');
  const allPages = pageEntries.map((entry) => ({ entry, page: toPage({ id: entry.id, data: entry.data, body: entry.body, filePath: entry.filePath }, siteConfig) }));
  // Checked at content sync too; again here, over drafts included, for `astro dev`, which
  // reloads one collection at a time.
  assertPageRoutes(
    allPages.map(({ page }) => ({ id: page.id, file: page.filePath ?? page.id })),
    all.map(({ post }) => post),
  );
  const pages: Page[] = [];
  const pagesById = new Map<string, PageEntry>();
  for (const { entry, page } of allPages) {
    if (!isPagePublished(page, { includeDrafts })) continue;
    pages.push(page);
    pagesById.set(page.id, entry);
  }
  const urls = createUrls(siteConfig);
  const series = buildSeriesIndex(posts);
  const nav = headerLinks(urls, pages, { series: series.series.length > 0, t });
  // Every page shows the header: its cache key follows the links in it.
  setLayoutKey(nav);
  return {
    posts,
    tags,
    series,
    archive: groupByYearMonth(posts),
    neighbours: buildNeighbours(posts),
    related: buildRelated(posts, tags, { limit: siteConfig.relatedPosts }),
    entries: byId,
    status,
    pages,
    pageEntries: pagesById,
    nav,
    urls,
    authors,
    authorEntries: new Map(authorEntries.map((entry) => [entry.id, entry])),
  };
}

let cached: Promise<SiteData> | undefined;

/** The one place that queries the collection. Memoised for the build; fresh per request in dev. */
export function getSiteData(): Promise<SiteData> {
  if (isDevServer()) return load();
  cached ??= load();
  return cached;
}
