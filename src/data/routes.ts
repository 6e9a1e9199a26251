/**
 * Route props, computed from the one SiteData. Each function hands its route only the
 * slice it renders; pages stay thin (get props, render).
 */
import { paginate, paginateHome, type Page } from '../lib/pagination.ts';
import {
  archiveView,
  authorViews,
  pagerView,
  postSummary,
  seriesBox,
  seriesCounts,
  seriesParts,
  tagCounts,
  tagLinks,
  dateView,
  type AuthorView,
  type Link,
  type SeriesBoxView,
  type ViewContext,
} from '../lib/views.ts';
import { t } from './i18n.ts';
import { siteConfig } from '../site.config.ts';
import { hasOgCard, queueOgCards } from './og.ts';
import { isSocialCover } from '../lib/images.ts';
import { getSiteData, type PageEntry, type PostEntry, type SiteData } from './posts.ts';
import type { ImageMetadata } from 'astro';
import { latest } from '../lib/dates.ts';
import type { ArticleSeoInput } from '../lib/seo.ts';
import type { Post } from '../lib/posts/post.ts';
import { NO_ALLOWANCE, pageCsp, type PageCsp } from '../lib/csp.ts';
import { readPostEmbeds } from '../lib/embeds.ts';
import { queuePostEmbeds } from '../integrations/embeds-queue.ts';
import { contentDir, pagesDir } from '../loaders/sources.ts';
import { editUrl, routeFile } from '../lib/urls.ts';
import { isDevServer } from '../integrations/mode.ts';

const context = (data: SiteData): ViewContext => ({
  urls: data.urls,
  tags: data.tags,
  locale: siteConfig.locale,
  status: data.status,
  t,
});

/** ISO instant of the newest date (published or updated) among `posts`: a list page's lastmod. */
function newest(posts: readonly Post[]): string | undefined {
  let max: Date | undefined;
  for (const post of posts) {
    const when = latest(post.date, post.updated).instant;
    if (!max || when > max) max = when;
  }
  return max?.toISOString();
}

/**
 * The header's links. Every page passes them to BaseLayout from its props, so a cached page's
 * key covers them (the series link comes and goes with the site's first and last series).
 */
function nav(data: SiteData): Link[] {
  return data.nav;
}

/** The header's links, for pages without props of their own (404, search). */
export async function navigation(): Promise<Link[]> {
  return nav(await getSiteData());
}

function listPages(data: SiteData, pages: readonly (Page<Post> & { pinned?: readonly Post[] })[], urlFor: (n: number) => string) {
  const ctx = context(data);
  return pages.map((page) => ({
    number: page.number,
    path: urlFor(page.number),
    nav: nav(data),
    /** The home page's pinned posts (first page only); empty elsewhere. */
    pinned: (page.pinned ?? []).map((post) => postSummary(post, ctx)),
    posts: page.items.map((post) => postSummary(post, ctx)),
    pager: pagerView(page, urlFor),
    modified: newest([...(page.pinned ?? []), ...page.items]),
  }));
}

export type ListPageProps = ReturnType<typeof listPages>[number];

/** The rest parameter of a list route: undefined for page 1, "page/n" after. Mirrors UrlBuilder's list paths. */
export function listParam(n: number): string | undefined {
  return n <= 1 ? undefined : `page/${n}`;
}

/** Home list pages: 1 is "/", then "/page/2/", ... */
export async function homePages() {
  const data = await getSiteData();
  return listPages(data, paginateHome(data.posts, siteConfig.postsPerPage), (n) => data.urls.homePage(n));
}

export async function tagPages() {
  const data = await getSiteData();
  return data.tags.tags.flatMap((tag) =>
    listPages(data, paginate(tag.posts, siteConfig.postsPerPage), (n) => data.urls.tag(tag.slug, n)).map((page) => ({
      ...page,
      feeds: [{ title: t('tag.feedTitle', { site: siteConfig.title, tag: tag.label }), url: data.urls.tagFeed(tag.slug) }],
      tag: {
        label: tag.label,
        slug: tag.slug,
        count: tag.posts.length,
        summary: t('tag.summary', { n: tag.posts.length, tag: tag.label }),
      },
    })),
  );
}

export type TagPageProps = Awaited<ReturnType<typeof tagPages>>[number];

/** An author's pages ("/authors/<id>/", then "/authors/<id>/page/2/"), on a site with more than one author. */
export async function authorPages() {
  const data = await getSiteData();
  if (!data.authors.hasPages) return [];
  return data.authors.authors.flatMap((author) => {
    const posts = data.authors.postsBy(author.id);
    // A Markdown author file with no `bio` field: its text, rendered, is the bio on the author's page.
    const entry = data.authorEntries.get(author.id);
    const bioEntry = entry && entry.data.bio === undefined && entry.body?.trim() ? entry : undefined;
    return listPages(data, paginate(posts, siteConfig.postsPerPage), (n) => data.urls.author(author.id, n)).map((page) => ({
      ...page,
      author: {
        id: author.id,
        name: author.name,
        bio: author.bio,
        bioEntry,
        avatar: author.avatar,
        links: author.links,
        summary: t('author.summary', { n: posts.length, author: author.name }),
      },
    }));
  });
}

export type AuthorPageProps = Awaited<ReturnType<typeof authorPages>>[number];

/** Every author with their post count, on a site with more than one author. */
export async function authorIndex() {
  const data = await getSiteData();
  const authors = data.authors.hasPages
    ? data.authors.authors.map((author) => ({ name: author.name, url: data.urls.author(author.id), avatar: author.avatar, count: data.authors.postsBy(author.id).length, bio: author.bio }))
    : [];
  return { path: data.urls.authors(), authors, modified: newest(data.posts) };
}

export async function tagIndex() {
  const data = await getSiteData();
  return { path: data.urls.tags(), nav: nav(data), tags: tagCounts(data.tags.tags, data.urls), modified: newest(data.posts) };
}

/** /series/: every series with its number of parts. */
export async function seriesIndex() {
  const data = await getSiteData();
  const series = data.series.series;
  return {
    path: data.urls.seriesIndex(),
    nav: nav(data),
    title: t('series.title'),
    description: t('series.indexDescription', { n: series.length }),
    series: seriesCounts(series, data.urls, t),
    modified: newest(series.flatMap((one) => one.parts)),
  };
}

/** /series/<slug>/: a series' parts in reading order. */
export async function seriesPages() {
  const data = await getSiteData();
  const ctx = context(data);
  return data.series.series.map((one) => ({
    slug: one.slug,
    path: data.urls.series(one.slug),
    nav: nav(data),
    name: one.name,
    heading: t('series.heading', { series: one.name }),
    description: t('series.description', { series: one.name, n: one.parts.length }),
    parts: seriesParts(one, ctx),
    modified: newest(one.parts),
  }));
}

export type SeriesPageProps = Awaited<ReturnType<typeof seriesPages>>[number];

export async function archive() {
  const data = await getSiteData();
  return { path: data.urls.archive(), nav: nav(data), years: archiveView(data.archive, context(data)), total: data.posts.length, modified: newest(data.posts) };
}

// A type alias (not an interface) so it satisfies getStaticPaths' Record-typed props.
export type PostPageProps = {
  entry: PostEntry;
  /** URL segment(s) under /posts/. */
  slug: string;
  path: string;
  /** The header's links. */
  nav: Link[];
  title: string;
  description: string;
  date: ReturnType<typeof dateView>;
  updated?: ReturnType<typeof dateView> | undefined;
  readingMinutes: number;
  tags: ReturnType<typeof tagLinks>;
  status?: 'draft' | 'scheduled' | undefined;
  newer?: { title: string; url: string } | undefined;
  older?: { title: string; url: string } | undefined;
  related: ReturnType<typeof postSummary>[];
  /** Its series' box and previous/next parts, when it is a part of one: every part's title and URL, so the key changes with them. */
  series?: SeriesBoxView | undefined;
  /** The cover: a URL or site path, an image Astro optimises, or an SVG (`vector`) shown as it is. */
  image?: { kind: 'url'; src: string } | { kind: 'local' | 'vector'; image: ImageMetadata } | undefined;
  imageAlt: string;
  /** Whether the cover is the social image too (social platforms show no SVG: its post gets its card). */
  socialCover: boolean;
  /** The post's own `toc` choice (undefined: the site's tocMinHeadings decides). */
  toc?: boolean | undefined;
  /** Whether its social image is a generated card (written to og/<slug>.jpg at build end). */
  ogCard: boolean;
  /** What its own embeds add to the page's Content-Security-Policy (src/lib/csp.ts). */
  csp: PageCsp;
  /** Its authors (a site with an authors collection; else none, and the site's author applies). */
  authors: AuthorView<ImageMetadata>[];
  /** "Edit this post": the file in the site's repository (the `editUrl` setting). */
  editUrl?: string | undefined;
  /** Whether its body may hold callouts: the page then links their stylesheet, and only then. */
  callouts: boolean;
  /** Whether the page loads the code-block stylesheet (line numbers, marked and changed lines, titles). */
  codeExtras: boolean;
  /** Everything the SEO builders need but the social image, which the page resolves. */
  seo: Omit<ArticleSeoInput, 'image' | 'imageAlt'> & { homeUrl: string; breadcrumbs: { name: string; url: string }[] };
};

export async function postPages(): Promise<{ slug: string; props: PostPageProps }[]> {
  const data = await getSiteData();
  await queueOgCards();
  const link = (post: Post | undefined) => post && { title: post.title, url: data.urls.post(post.slug) };
  const ctx = context(data);
  return data.posts.map((post) => {
    const entry = data.entries.get(post.id);
    if (!entry) throw new Error(`No collection entry for post ${post.id}`);
    const around = data.neighbours.get(post.id);
    const status = data.status.get(post.id);
    const embeds = readPostEmbeds(entry.rendered?.metadata);
    queuePostEmbeds(data.urls.post(post.slug), embeds);
    const authors = authorViews(post, data);
    const series = data.series.positionOf(post.id);
    return {
      slug: post.slug,
      props: {
        entry,
        slug: post.slug,
        path: data.urls.post(post.slug),
        nav: nav(data),
        title: post.title,
        description: post.description,
        date: dateView(post.date, siteConfig.locale),
        updated: post.updated && dateView(post.updated, siteConfig.locale),
        readingMinutes: post.readingMinutes,
        tags: tagLinks(post, data),
        status: status === 'published' ? undefined : status,
        newer: link(around?.newer),
        older: link(around?.older),
        related: (data.related.get(post.id) ?? []).map((p) => postSummary(p, ctx)),
        series: series && seriesBox(series, data.urls, t),
        image:
          post.image &&
          (post.image.kind === 'url'
            ? { kind: 'url', src: data.urls.resource(post.image.src) }
            : { kind: isSocialCover(post.image) ? 'local' : 'vector', image: post.image.image as ImageMetadata }),
        imageAlt: post.imageAlt ?? '',
        socialCover: post.image !== undefined && isSocialCover(post.image),
        toc: post.toc,
        ogCard: hasOgCard(post),
        csp: pageCsp(embeds?.allow ?? NO_ALLOWANCE),
        authors,
        editUrl: siteConfig.editUrl && entry.data.__folio?.repoPath ? editUrl(siteConfig.editUrl, entry.data.__folio.repoPath) : undefined,
        callouts: entry.data.__folio?.callouts === true,
        codeExtras: post.codeExtras,
        seo: {
          title: post.title,
          description: post.description,
          url: data.urls.absolute(data.urls.post(post.slug)),
          published: post.date.instant.toISOString(),
          modified: latest(post.date, post.updated).instant.toISOString(),
          tags: tagLinks(post, data).map((t) => t.label),
          siteTitle: siteConfig.title,
          author: siteConfig.author,
          authors: authors.map((a) => ({ name: a.name, url: a.url && data.urls.absolute(a.url) })),
          lang: siteConfig.locale,
          series: series && { name: series.series.name, url: data.urls.absolute(data.urls.series(series.series.slug)), position: series.number },
          homeUrl: data.urls.absolute(data.urls.home()),
          breadcrumbs: [
            { name: siteConfig.title, url: data.urls.absolute(data.urls.home()) },
            { name: 'Archive', url: data.urls.absolute(data.urls.archive()) },
            { name: post.title, url: data.urls.absolute(data.urls.post(post.slug)) },
          ],
        },
      },
    };
  });
}

/**
 * A redirect page for every old address of every published post (aliases, frontmatter
 * permalinks, the old engine's URLs), written as its exact file: "old/path/index.html" for a
 * folder, "old/page.html" for a file. The dev server matches a folder by its path instead.
 */
export async function redirectPages() {
  const data = await getSiteData();
  const dev = isDevServer();
  return data.posts.flatMap((post) =>
    post.redirects.map(({ route }) => ({
      param: dev && route.endsWith('/') ? route.slice(0, -1) : routeFile(route),
      page: { target: data.urls.absolute(data.urls.post(post.slug)), title: post.title, lang: siteConfig.lang },
    })),
  );
}

/** The header's links (Folio's own, then pages listed with `nav`), for the layout every page uses. */
export async function siteNav() {
  return (await getSiteData()).nav;
}

// A type alias (not an interface) so it satisfies getStaticPaths' Record-typed props.
export type StandalonePageProps = {
  entry: PageEntry;
  path: string;
  title: string;
  description: string;
  /** The page's own `toc` choice (undefined: the site's tocMinHeadings decides). */
  toc?: boolean | undefined;
  /** ISO instant of its `updated` date: og:updated_time, the sitemap's lastmod. */
  modified?: string | undefined;
  /** Only in `astro dev`, which shows drafts. */
  status?: 'draft' | undefined;
  /** What its own embeds add to the page's Content-Security-Policy (src/lib/csp.ts). */
  csp: PageCsp;
};

/** Every published page of its own (src/content/pages), at `/<id>/`; its files beside it queued as a post's are. */
export async function standalonePages(): Promise<{ param: string; props: StandalonePageProps }[]> {
  const data = await getSiteData();
  const folder = pagesDir() ?? contentDir();
  return data.pages.map((page) => {
    const entry = data.pageEntries.get(page.id);
    if (!entry) throw new Error(`No collection entry for page ${page.id}`);
    const path = data.urls.page(page.id);
    const embeds = readPostEmbeds(entry.rendered?.metadata);
    queuePostEmbeds(path, embeds, folder);
    return {
      param: page.id,
      props: {
        entry,
        path,
        title: page.title,
        description: page.description,
        toc: page.toc,
        modified: page.updated?.instant.toISOString(),
        status: page.draft ? 'draft' : undefined,
        csp: pageCsp(embeds?.allow ?? NO_ALLOWANCE),
      },
    };
  });
}
