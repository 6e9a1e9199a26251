import rss from '@astrojs/rss';
import { DC_NAMESPACE, feedItem, feedPosts, jsonFeed, rssChannelExtras, type FeedItem } from '../lib/feed.ts';
import { authorViews } from '../lib/views.ts';
import type { Post } from '../lib/posts/post.ts';
import { releaseAtBuildEnd } from '../integrations/memory.ts';
import { siteConfig } from '../site.config.ts';
import { t } from './i18n.ts';
import { renderPostHtml } from './html.ts';
import { getSiteData } from './posts.ts';

// Each post's feed HTML is rendered once per build, however many feeds (site, tags, JSON)
// include it, and let go once every page is written.
const htmlCache = new Map<string, Promise<string>>();
releaseAtBuildEnd(() => htmlCache.clear());

async function items(posts: readonly Post[], limit: number | undefined): Promise<(FeedItem & { post: Post })[]> {
  const data = await getSiteData();
  return Promise.all(
    feedPosts(posts, limit).map(async (post) => {
      let html = htmlCache.get(post.id);
      if (!html) {
        const entry = data.entries.get(post.id);
        html = entry ? renderPostHtml(entry) : Promise.resolve('');
        htmlCache.set(post.id, html);
      }
      const categories = post.tags.map((label) => data.tags.forLabel(label)?.label ?? label);
      const authors = authorViews(post, data).map((a) => ({
        name: a.name,
        url: a.url && data.urls.absolute(a.url),
        avatar: a.avatar?.kind === 'url' ? a.avatar.src : undefined,
      }));
      const part = data.series.positionOf(post.id);
      const series = part && { name: part.series.name, slug: part.series.slug, number: part.number };
      return { ...feedItem(post, { urls: data.urls, html: await html, categories, authors, series, t }), post };
    }),
  );
}

const siteImage = (absolute: (path: string) => string) => (siteConfig.image ? (/^https?:\/\//.test(siteConfig.image) ? siteConfig.image : absolute(siteConfig.image)) : undefined);

export interface RssOptions {
  title: string;
  description: string;
  posts: readonly Post[];
  /** Site-relative path of this feed (base included). */
  path: string;
  /** Most posts to include (undefined: all). */
  limit: number | undefined;
}

/** An RSS 2.0 response: full content, absolute URLs, self link, stable lastBuildDate. */
export async function rssResponse({ title, description, posts, path, limit }: RssOptions): Promise<Response> {
  const { urls, authors } = await getSiteData();
  const home = urls.absolute(urls.home());
  const image = siteImage((p) => urls.absolute(urls.path(p)));
  return rss({
    title,
    description: description || title,
    site: home,
    items: await items(posts, limit),
    // Dublin Core for each item's <dc:creator>, only on a site with authors.
    xmlns: authors.authors.length > 0 ? { atom: 'http://www.w3.org/2005/Atom', dc: DC_NAMESPACE } : { atom: 'http://www.w3.org/2005/Atom' },
    customData: rssChannelExtras({
      selfUrl: urls.absolute(path),
      lang: siteConfig.lang,
      lastBuildDate: posts[0]?.date.instant,
      image: image ? { url: image, title: siteConfig.title, link: home } : undefined,
    }),
  });
}

/** The JSON Feed 1.1 for the whole site. */
export async function jsonFeedResponse(): Promise<Response> {
  const data = await getSiteData();
  const { urls } = data;
  const feedItems = (await items(data.posts, siteConfig.feedLimit)).map(({ post, ...item }) => ({
    ...item,
    updated: post.updated?.instant,
    image: post.image?.kind === 'url' ? data.urls.absolute(data.urls.resource(post.image.src)) : undefined,
  }));
  const body = jsonFeed(
    {
      title: siteConfig.title,
      description: siteConfig.description,
      homeUrl: urls.absolute(urls.home()),
      feedUrl: urls.absolute(urls.jsonFeed()),
      lang: siteConfig.lang,
      author: siteConfig.author,
      icon: siteImage((p) => urls.absolute(urls.path(p))),
    },
    feedItems,
  );
  return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
}
