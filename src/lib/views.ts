/**
 * View models: what components receive. Pages call these so that components only
 * render strings and URLs, and no page formats a date or builds a URL by hand.
 */
import { formatDate, formatMonth, machineDate } from './dates.ts';
import type { ArchiveYear } from './archive.ts';
import { navPages, type Page as SitePage } from './pages.ts';
import type { Page } from './pagination.ts';
import type { Post } from './posts/post.ts';
import type { PostStatus } from './posts/published.ts';
import type { Tag, TagIndex } from './tags.ts';
import type { UrlBuilder } from './urls.ts';
import type { AuthorIndex } from './authors.ts';
import type { Avatar } from './schema/author.ts';

export interface Link {
  label: string;
  url: string;
}

export interface DateView {
  /** For the `datetime` attribute. */
  datetime: string;
  /** As shown to readers, in the site's locale. */
  label: string;
}

export interface PostSummary {
  id: string;
  title: string;
  url: string;
  date: DateView;
  description: string;
  tags: Link[];
  readingMinutes: number;
  /** "draft" or "scheduled" in dev; absent for published posts. */
  status?: Exclude<PostStatus, 'published'>;
}

export interface ViewContext {
  urls: UrlBuilder;
  tags: TagIndex<Post>;
  locale: string;
  status?: ReadonlyMap<string, PostStatus>;
}

export function dateView(date: Post['date'], locale: string): DateView {
  return { datetime: machineDate(date), label: formatDate(date, { locale }) };
}

/** Tag links for a post, using the merged label and slug. */
export function tagLinks(post: Post, { urls, tags }: Pick<ViewContext, 'urls' | 'tags'>): Link[] {
  return post.tags.flatMap((label) => {
    const tag = tags.forLabel(label);
    return tag ? [{ label: tag.label, url: urls.tag(tag.slug) }] : [];
  });
}

export function postSummary(post: Post, ctx: ViewContext): PostSummary {
  const summary: PostSummary = {
    id: post.id,
    title: post.title,
    url: ctx.urls.post(post.slug),
    date: dateView(post.date, ctx.locale),
    description: post.description,
    tags: tagLinks(post, ctx),
    readingMinutes: post.readingMinutes,
  };
  const status = ctx.status?.get(post.id);
  if (status && status !== 'published') summary.status = status;
  return summary;
}

export interface PagerView {
  current: number;
  total: number;
  prev?: string;
  next?: string;
}

export function pagerView(page: Page<unknown>, urlFor: (n: number) => string): PagerView {
  const pager: PagerView = { current: page.number, total: page.total };
  if (page.number > 1) pager.prev = urlFor(page.number - 1);
  if (page.number < page.total) pager.next = urlFor(page.number + 1);
  return pager;
}

export interface TagCount extends Link {
  count: number;
}

export function tagCounts(tags: readonly Tag<Post>[], urls: UrlBuilder): TagCount[] {
  return tags.map((tag) => ({ label: tag.label, url: urls.tag(tag.slug), count: tag.posts.length }));
}

export interface ArchiveView {
  year: number;
  count: number;
  months: { label: string; key: string; posts: PostSummary[] }[];
}

export function archiveView(years: readonly ArchiveYear<Post>[], ctx: ViewContext): ArchiveView[] {
  return years.map(({ year, months }) => ({
    year,
    count: months.reduce((n, m) => n + m.posts.length, 0),
    months: months.map(({ month, posts }) => ({
      label: formatMonth(year, month, ctx.locale),
      key: `${year}-${String(month).padStart(2, '0')}`,
      posts: posts.map((post) => postSummary(post, ctx)),
    })),
  }));
}

/** An author as a post, a list or a feed shows them. */
export interface AuthorView<L = unknown> {
  id: string;
  name: string;
  /** Site-relative URL of their page (a site with several authors), else their first link. */
  url?: string | undefined;
  avatar?: Avatar<L> | undefined;
}

/** The authors of a post, linked to their pages when the site has them. */
export function authorViews<L>(post: Post, { authors, urls }: { authors: AuthorIndex<Post, L>; urls: UrlBuilder }): AuthorView<L>[] {
  return authors.of(post).map((author) => ({
    id: author.id,
    name: author.name,
    url: authors.hasPages ? urls.author(author.id) : author.links[0]?.url,
    avatar: author.avatar,
  }));
}

/**
 * The header's links: Folio's own, then the pages that ask to be listed (`nav: 2`), in
 * that order (src/lib/pages.ts).
 */
export function headerLinks(urls: UrlBuilder, pages: readonly Pick<SitePage, 'id' | 'title' | 'nav'>[]): Link[] {
  return [
    { label: 'Home', url: urls.home() },
    { label: 'Archive', url: urls.archive() },
    { label: 'Tags', url: urls.tags() },
    { label: 'Search', url: urls.search() },
    { label: 'RSS', url: urls.feed() },
    ...navPages(pages).map((page) => ({ label: page.title, url: urls.page(page.id) })),
  ];
}
