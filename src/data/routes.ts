/**
 * Route props, computed from the one SiteData. Each function hands its route only the
 * slice it renders; pages stay thin (get props, render).
 */
import { paginate } from '../lib/pagination.ts';
import { archiveView, pagerView, postSummary, tagCounts, tagLinks, dateView, type ViewContext } from '../lib/views.ts';
import { siteConfig } from '../site.config.ts';
import { hasOgCard, queueOgCards } from './og.ts';
import { getSiteData, type PostEntry, type SiteData } from './posts.ts';
import type { ImageMetadata } from 'astro';
import { latest } from '../lib/dates.ts';
import type { ArticleSeoInput } from '../lib/seo.ts';
import type { Post } from '../lib/posts/post.ts';
import { NO_ALLOWANCE, pageCsp, type PageCsp } from '../lib/csp.ts';
import { readPostEmbeds } from '../lib/embeds.ts';
import { queuePostEmbeds } from '../build/embeds-queue.ts';
import { editUrl, routeFile } from '../lib/urls.ts';
import { isDevServer } from '../build/mode.ts';

const context = (data: SiteData): ViewContext => ({
  urls: data.urls,
  tags: data.tags,
  locale: siteConfig.locale,
  status: data.status,
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

function listPages(data: SiteData, posts: readonly Post[], urlFor: (n: number) => string) {
  const ctx = context(data);
  return paginate(posts, siteConfig.postsPerPage).map((page) => ({
    number: page.number,
    path: urlFor(page.number),
    posts: page.items.map((post) => postSummary(post, ctx)),
    pager: pagerView(page, urlFor),
    modified: newest(page.items),
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
  return listPages(data, data.posts, (n) => data.urls.homePage(n));
}

export async function tagPages() {
  const data = await getSiteData();
  return data.tags.tags.flatMap((tag) =>
    listPages(data, tag.posts, (n) => data.urls.tag(tag.slug, n)).map((page) => ({
      ...page,
      feeds: [{ title: `${siteConfig.title}: ${tag.label}`, url: data.urls.tagFeed(tag.slug) }],
      tag: {
        label: tag.label,
        slug: tag.slug,
        count: tag.posts.length,
        summary: `${tag.posts.length} ${tag.posts.length === 1 ? 'post' : 'posts'} tagged ${tag.label}.`,
      },
    })),
  );
}

export type TagPageProps = Awaited<ReturnType<typeof tagPages>>[number];

export async function tagIndex() {
  const data = await getSiteData();
  return { path: data.urls.tags(), tags: tagCounts(data.tags.tags, data.urls), modified: newest(data.posts) };
}

export async function archive() {
  const data = await getSiteData();
  return { path: data.urls.archive(), years: archiveView(data.archive, context(data)), total: data.posts.length, modified: newest(data.posts) };
}

// A type alias (not an interface) so it satisfies getStaticPaths' Record-typed props.
export type PostPageProps = {
  entry: PostEntry;
  /** URL segment(s) under /posts/. */
  slug: string;
  path: string;
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
  image?: { kind: 'url'; src: string } | { kind: 'local'; image: ImageMetadata } | undefined;
  imageAlt: string;
  /** The post's own `toc` choice (undefined: the site's tocMinHeadings decides). */
  toc?: boolean | undefined;
  /** Whether its social image is a generated card (written to og/<slug>.jpg at build end). */
  ogCard: boolean;
  /** What its own embeds add to the page's Content-Security-Policy (src/lib/csp.ts). */
  csp: PageCsp;
  /** "Edit this post": the file in the site's repository (the `editUrl` setting). */
  editUrl?: string | undefined;
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
    return {
      slug: post.slug,
      props: {
        entry,
        slug: post.slug,
        path: data.urls.post(post.slug),
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
        image: post.image && (post.image.kind === 'url' ? { kind: 'url', src: data.urls.resource(post.image.src) } : { kind: 'local', image: post.image.image as ImageMetadata }),
        imageAlt: post.imageAlt ?? '',
        toc: post.toc,
        ogCard: hasOgCard(post),
        csp: pageCsp(embeds?.allow ?? NO_ALLOWANCE),
        editUrl: siteConfig.editUrl && entry.data.__folio?.repoPath ? editUrl(siteConfig.editUrl, entry.data.__folio.repoPath) : undefined,
        seo: {
          title: post.title,
          description: post.description,
          url: data.urls.absolute(data.urls.post(post.slug)),
          published: post.date.instant.toISOString(),
          modified: latest(post.date, post.updated).instant.toISOString(),
          tags: tagLinks(post, data).map((t) => t.label),
          siteTitle: siteConfig.title,
          author: siteConfig.author,
          lang: siteConfig.locale,
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
