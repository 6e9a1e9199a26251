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
import type { Series, SeriesPosition } from './series.ts';
import { english, type Translate } from './strings.ts';
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
  /** Its place in a series, on that series' page ("Part 2"). */
  part?: string;
}

export interface ViewContext {
  urls: UrlBuilder;
  tags: TagIndex<Post>;
  locale: string;
  status?: ReadonlyMap<string, PostStatus>;
  /** The interface's words in the site's language (English when absent). */
  t?: Translate | undefined;
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
 * The header's links: Folio's own (the series page only on a site that has a series), then
 * the pages that ask to be listed (`nav: 2`), in that order (src/lib/pages.ts).
 */
export function headerLinks(urls: UrlBuilder, pages: readonly Pick<SitePage, 'id' | 'title' | 'nav'>[], { series = false, t = english }: { series?: boolean; t?: Translate } = {}): Link[] {
  return [
    { label: t('nav.home'), url: urls.home() },
    { label: t('nav.archive'), url: urls.archive() },
    { label: t('nav.tags'), url: urls.tags() },
    ...(series ? [{ label: t('nav.series'), url: urls.seriesIndex() }] : []),
    { label: t('nav.search'), url: urls.search() },
    { label: t('nav.rss'), url: urls.feed() },
    ...navPages(pages).map((page) => ({ label: page.title, url: urls.page(page.id) })),
  ];
}

export interface SeriesPartLink extends Link {
  /** The part being read: marked aria-current in the box. */
  current: boolean;
}

/** The box on each part of a series: every part, the current one marked, and previous/next. */
export interface SeriesBoxView {
  name: string;
  url: string;
  /** "Part 2 of 5" */
  position: string;
  parts: SeriesPartLink[];
  previous?: Link;
  next?: Link;
}

export function seriesBox(position: SeriesPosition<Post>, urls: UrlBuilder, t: Translate = english): SeriesBoxView {
  const current = position.series.parts[position.number - 1];
  const link = (post: Post): Link => ({ label: post.title, url: urls.post(post.slug) });
  const box: SeriesBoxView = {
    name: position.series.name,
    url: urls.series(position.series.slug),
    position: t('series.part', { n: position.number, total: position.total }),
    parts: position.series.parts.map((part) => ({ ...link(part), current: part === current })),
  };
  if (position.previous) box.previous = link(position.previous);
  if (position.next) box.next = link(position.next);
  return box;
}

export interface SeriesCount extends Link {
  count: number;
  /** "5 parts" */
  countLabel: string;
}

export function seriesCounts(series: readonly Series<Post>[], urls: UrlBuilder, t: Translate = english): SeriesCount[] {
  return series.map((one) => ({ label: one.name, url: urls.series(one.slug), count: one.parts.length, countLabel: t('series.count', { n: one.parts.length }) }));
}

/** A series' parts in reading order, each summarised with its number. */
export function seriesParts(series: Series<Post>, ctx: ViewContext): PostSummary[] {
  return series.parts.map((post, i) => ({ ...postSummary(post, ctx), part: (ctx.t ?? english)('series.partLabel', { n: i + 1 }) }));
}
