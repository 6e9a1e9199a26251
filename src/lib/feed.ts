import { defaultTreeAdapter as tree, parseFragment, serialize, type DefaultTreeAdapterTypes as T } from 'parse5';
import { CALLOUT_CLASS } from './callouts.ts';
import type { Post } from './posts/post.ts';
import { english, type Translate } from './strings.ts';
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

const hasClass = (node: T.Element, name: string): boolean => node.attrs.some((attr) => attr.name === 'class' && attr.value.split(/\s+/).includes(name));

/** Folio's callout markup (src/lib/callouts.ts), not some raw HTML that happens to use the class. */
const isCallout = (node: T.Element): boolean => node.tagName === 'aside' && hasClass(node, CALLOUT_CLASS.root) && node.attrs.some((attr) => attr.name === 'data-callout');

/** The first descendant element with a class, depth first. */
function find(node: T.ParentNode, name: string): T.Element | undefined {
  for (const child of node.childNodes) {
    if (!tree.isElementNode(child)) continue;
    if (hasClass(child, name)) return child;
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

const textOf = (node: T.Node): string => (tree.isTextNode(node) ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '');

/**
 * A callout as feed readers can show it, without Folio's CSS: a blockquote that starts with
 * its title in bold (the kind first when the title is the author's own: "Tip: Pin the clock"),
 * then its body; no icon, no classes, a folded one unfolded.
 */
function calloutAsBlockquote(callout: T.Element): T.Element {
  const ns = callout.namespaceURI;
  const blockquote = tree.createElement('blockquote', ns, []);
  const title = find(callout, CALLOUT_CLASS.title)?.childNodes.find((child): child is T.Element => tree.isElementNode(child) && child.tagName === 'span');
  const name = callout.attrs.find((attr) => attr.name === 'aria-label')?.value ?? '';
  const text = title ? textOf(title) : '';
  const strong = tree.createElement('strong', ns, []);
  if (title && name.endsWith(text)) {
    const kind = name.slice(0, name.length - text.length);
    if (kind !== '') tree.insertText(strong, kind);
    for (const child of [...title.childNodes]) tree.appendChild(strong, child);
  } else {
    tree.insertText(strong, name);
  }
  const heading = tree.createElement('p', ns, []);
  tree.appendChild(heading, strong);
  tree.appendChild(blockquote, heading);
  for (const child of [...(find(callout, CALLOUT_CLASS.body)?.childNodes ?? [])]) tree.appendChild(blockquote, child);
  return blockquote;
}

/** Replaces every callout under `parent`, nested ones too. */
function rewriteCallouts(parent: T.ParentNode): void {
  parent.childNodes = parent.childNodes.map((child) => {
    if (!tree.isElementNode(child)) return child;
    const node = isCallout(child) ? calloutAsBlockquote(child) : child;
    node.parentNode = parent;
    rewriteCallouts(node);
    return node;
  });
}

/** A post's HTML with its callouts as bold-titled blockquotes, for feeds (unchanged without callouts). */
export function feedCallouts(html: string): string {
  if (!html.includes('data-callout=')) return html;
  const fragment = parseFragment(html);
  rewriteCallouts(fragment);
  return serialize(fragment);
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
  /** The post's own authors (a site with an authors collection), with their pages. */
  authors?: FeedAuthor[];
}

export interface FeedAuthor {
  name: string;
  /** Absolute URL of the author's page (or their first link). */
  url?: string | undefined;
  /** Absolute URL of their avatar. */
  avatar?: string | undefined;
}

/** The Dublin Core namespace, for each item's `<dc:creator>`. */
export const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

export interface FeedItemOptions {
  urls: UrlBuilder;
  /** The post's rendered HTML (as on its page). */
  html: string;
  /** Display labels of the post's tags, merged across posts. */
  categories: string[];
  /** The post's authors; none on a site without an authors collection. */
  authors?: FeedAuthor[] | undefined;
  /** The interface's words in the site's language (English when absent). */
  t?: Translate | undefined;
  /** The series the post is a part of (merged name, slug) and the part's number. */
  series?: { name: string; slug: string; number: number } | undefined;
}

/**
 * The line a part's feed item starts with, naming its series with a link to the series' page:
 * feed readers show the item without the page's series box.
 */
export function seriesFeedNote(series: { name: string; slug: string; number: number }, urls: UrlBuilder, t: Translate = english): string {
  const link = `<a href="${escapeXml(urls.absolute(urls.series(series.slug)))}">${escapeXml(series.name)}</a>`;
  return `<p><em>${t('series.feedNote', { n: series.number, series: link })}</em></p>`;
}

/** One feed item: absolute link, stable pubDate from the post's date, full absolute HTML, callouts as blockquotes, a part's series named. */
export function feedItem(post: Post, { urls, html, categories, authors = [], series, t = english }: FeedItemOptions): FeedItem {
  const link = urls.absolute(urls.post(post.slug));
  const item: FeedItem = {
    title: post.title,
    link,
    pubDate: post.date.instant,
    description: post.description,
    content: (series ? seriesFeedNote(series, urls, t) : '') + absolutizeHtml(feedCallouts(html), link),
    categories,
  };
  if (authors.length > 0) {
    item.authors = authors;
    item.customData = authors.map((a) => `<dc:creator>${escapeXml(a.name)}</dc:creator>`).join('');
  }
  return item;
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
      if (item.authors) out['authors'] = item.authors.map((a) => ({ name: a.name, ...(a.url ? { url: a.url } : {}), ...(a.avatar ? { avatar: a.avatar } : {}) }));
      return out;
    }),
  };
  if (options.icon) feed['icon'] = options.icon;
  return feed;
}
