import type { Post } from './posts/post.ts';
import { strings } from './strings.ts';
import type { UrlBuilder } from './urls.ts';

/** A start tag, with quoted attribute values that may contain ">". */
const START_TAG = /<[a-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/gi;
const URL_ATTR = /(\s(?:href|src|poster|cite|data-src)\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;
const SRCSET_ATTR = /(\ssrcset\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;

function resolve(value: string, baseUrl: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  try {
    return new URL(trimmed, baseUrl).href;
  } catch {
    return value;
  }
}

/**
 * Makes every link and media URL in an HTML fragment absolute, relative to the page it
 * came from, so feed readers (which have no base URL) can follow them.
 */
export function absolutizeHtml(html: string, baseUrl: string): string {
  return html.replace(START_TAG, (tag) => absolutizeTag(tag, baseUrl));
}

function absolutizeTag(tag: string, baseUrl: string): string {
  return tag
    .replace(URL_ATTR, (_m, lead: string, dq?: string, sq?: string) => {
      const quote = dq !== undefined ? '"' : "'";
      return `${lead}${quote}${resolve(dq ?? sq ?? '', baseUrl)}${quote}`;
    })
    .replace(SRCSET_ATTR, (_m, lead: string, dq?: string, sq?: string) => {
      const quote = dq !== undefined ? '"' : "'";
      const list = (dq ?? sq ?? '')
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [resolve(url, baseUrl), ...descriptor].join(' ');
        })
        .join(', ');
      return `${lead}${quote}${list}${quote}`;
    });
}

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content: string;
  categories: string[];
  /** Extra XML for this item (already escaped). */
  customData?: string;
}

export interface FeedItemOptions {
  urls: UrlBuilder;
  /** The post's rendered HTML (as on its page). */
  html: string;
  /** Display labels of the post's tags, merged across posts. */
  categories: string[];
  /** The series the post is a part of (merged name, slug) and the part's number. */
  series?: { name: string; slug: string; number: number } | undefined;
}

/**
 * The line a part's feed item starts with, naming its series with a link to the series' page:
 * feed readers show the item without the page's series box.
 */
export function seriesFeedNote(series: { name: string; slug: string; number: number }, urls: UrlBuilder): string {
  const link = `<a href="${escapeXml(urls.absolute(urls.series(series.slug)))}">${escapeXml(series.name)}</a>`;
  return `<p><em>${strings.seriesFeedNote(series.number, link)}</em></p>`;
}

/** One feed item: absolute link, stable pubDate from the post's date, full absolute HTML. */
export function feedItem(post: Post, { urls, html, categories, series }: FeedItemOptions): FeedItem {
  const link = urls.absolute(urls.post(post.slug));
  return {
    title: post.title,
    link,
    pubDate: post.date.instant,
    description: post.description,
    content: (series ? seriesFeedNote(series, urls) : '') + absolutizeHtml(html, link),
    categories,
  };
}

/** The newest posts for a feed, bounded by the site's feed limit (undefined: all). */
export function feedPosts<P>(sortedNewestFirst: readonly P[], limit: number | undefined): P[] {
  return limit === undefined ? [...sortedNewestFirst] : sortedNewestFirst.slice(0, limit);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

export interface ChannelExtras {
  /** Absolute URL of this feed (atom:link rel=self). */
  selfUrl: string;
  lang: string;
  /** The newest post's date: a build timestamp would make every build differ. */
  lastBuildDate?: Date | undefined;
  /** Absolute URL of the site's image/logo, when it has one. */
  image?: { url: string; title: string; link: string } | undefined;
}

/** Channel elements @astrojs/rss does not write itself, as escaped XML. */
export function rssChannelExtras({ selfUrl, lang, lastBuildDate, image }: ChannelExtras): string {
  let xml = `<language>${escapeXml(lang)}</language><atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`;
  if (lastBuildDate) xml += `<lastBuildDate>${lastBuildDate.toUTCString()}</lastBuildDate>`;
  if (image) xml += `<image><url>${escapeXml(image.url)}</url><title>${escapeXml(image.title)}</title><link>${escapeXml(image.link)}</link></image>`;
  return xml;
}

export interface JsonFeedOptions {
  title: string;
  description: string;
  homeUrl: string;
  feedUrl: string;
  lang: string;
  author: string;
  icon?: string | undefined;
}

export interface JsonFeedItemInput extends FeedItem {
  updated?: Date | undefined;
  image?: string | undefined;
}

/** A JSON Feed 1.1 document: full HTML content, absolute URLs, ISO dates. */
export function jsonFeed(options: JsonFeedOptions, items: readonly JsonFeedItemInput[]): object {
  const feed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    home_page_url: options.homeUrl,
    feed_url: options.feedUrl,
    description: options.description,
    language: options.lang,
    authors: [{ name: options.author }],
    items: items.map((item) => {
      const out: Record<string, unknown> = {
        id: item.link,
        url: item.link,
        title: item.title,
        content_html: item.content,
        summary: item.description,
        date_published: item.pubDate.toISOString(),
        tags: item.categories,
      };
      if (item.updated) out['date_modified'] = item.updated.toISOString();
      if (item.image) out['image'] = item.image;
      return out;
    }),
  };
  if (options.icon) feed['icon'] = options.icon;
  return feed;
}
