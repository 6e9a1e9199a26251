import type { UrlBuilder } from './urls.ts';

export interface PageMetaInput {
  /** The page's own title; omit for the home page. */
  title?: string | undefined;
  description: string;
  /** Site-relative path of this page (already base-prefixed). */
  path: string;
}

export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
}

export interface SiteIdentity {
  title: string;
  description: string;
}

/** Title, description and canonical URL for a page; every page gets all three. */
export function pageMeta(input: PageMetaInput, site: SiteIdentity, urls: UrlBuilder): PageMeta {
  return {
    title: input.title ? `${input.title} · ${site.title}` : site.title,
    description: input.description || site.description || site.title,
    canonical: urls.absolute(input.path),
  };
}

/** A `<meta>` tag: `property` for OpenGraph/article, `name` for Twitter and robots. */
export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

export interface ArticleSeoInput {
  title: string;
  description: string;
  /** Absolute URL of the post. */
  url: string;
  /** Absolute URL of the social image, when there is one. */
  image?: string | undefined;
  imageAlt?: string | undefined;
  /** Pixel size of the image, when known (generated cards). */
  imageSize?: { width: number; height: number } | undefined;
  /** Media type of the image, when known (e.g. "image/jpeg"). */
  imageType?: string | undefined;
  /** ISO instants. */
  published: string;
  modified: string;
  tags: readonly string[];
  siteTitle: string;
  author: string;
  /** The post's own authors (a site with an authors collection): their names and pages. */
  authors?: { name: string; url?: string | undefined }[] | undefined;
  lang: string;
  /** The series the post is a part of: its name, absolute URL, and the part's number. */
  series?: { name: string; url: string; position: number } | undefined;
}

interface OpenGraphBase {
  title: string;
  description: string;
  url: string;
  siteTitle: string;
  lang: string;
}

/** The OpenGraph tags every page has, whatever its type. */
function openGraph(type: 'article' | 'website', input: OpenGraphBase): MetaTag[] {
  return [
    { property: 'og:type', content: type },
    { property: 'og:site_name', content: input.siteTitle },
    { property: 'og:locale', content: input.lang.replace('-', '_') },
    { property: 'og:title', content: input.title },
    { property: 'og:description', content: input.description },
    { property: 'og:url', content: input.url },
  ];
}

/** OpenGraph and Twitter card tags for a post. */
export function articleMeta(input: ArticleSeoInput): MetaTag[] {
  const tags: MetaTag[] = [
    ...openGraph('article', input),
    { property: 'article:published_time', content: input.published },
    { property: 'article:modified_time', content: input.modified },
    ...(input.authors?.length ? input.authors.map((a) => ({ property: 'article:author', content: a.url ?? a.name })) : [{ property: 'article:author', content: input.author }]),
    ...input.tags.map((tag) => ({ property: 'article:tag', content: tag })),
    { name: 'twitter:card', content: input.image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: input.title },
    { name: 'twitter:description', content: input.description },
  ];
  if (input.image) {
    tags.push({ property: 'og:image', content: input.image }, { name: 'twitter:image', content: input.image });
    if (input.imageType) tags.push({ property: 'og:image:type', content: input.imageType });
    if (input.imageSize) {
      tags.push({ property: 'og:image:width', content: String(input.imageSize.width) }, { property: 'og:image:height', content: String(input.imageSize.height) });
    }
    if (input.imageAlt) tags.push({ property: 'og:image:alt', content: input.imageAlt }, { name: 'twitter:image:alt', content: input.imageAlt });
  }
  return tags;
}

/** OpenGraph tags for any other page (home, lists, tags, archive). */
export function websiteMeta(input: OpenGraphBase & { modified?: string | undefined }): MetaTag[] {
  const tags: MetaTag[] = [...openGraph('website', input), { name: 'twitter:card', content: 'summary' }];
  if (input.modified) tags.push({ property: 'og:updated_time', content: input.modified });
  return tags;
}

/** JSON-LD for a post: a BlogPosting and its BreadcrumbList. */
export function articleJsonLd(input: ArticleSeoInput & { homeUrl: string; breadcrumbs: { name: string; url: string }[] }): object[] {
  const posting: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: input.title,
    description: input.description,
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    datePublished: input.published,
    dateModified: input.modified,
    author: input.authors?.length
      ? input.authors.map((a) => (a.url ? { '@type': 'Person', name: a.name, url: a.url } : { '@type': 'Person', name: a.name }))
      : { '@type': 'Person', name: input.author },
    publisher: { '@type': 'Organization', name: input.siteTitle, url: input.homeUrl },
    inLanguage: input.lang,
    keywords: input.tags.join(', '),
  };
  if (input.image) posting['image'] = [input.image];
  if (input.series) {
    posting['isPartOf'] = { '@type': 'CreativeWorkSeries', name: input.series.name, url: input.series.url };
    posting['position'] = input.series.position;
  }
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: input.breadcrumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: crumb.url })),
  };
  return [posting, breadcrumbs];
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>`, `&` and the line
 * separators are escaped as \u sequences, so no title can close the script element or
 * open a comment; JSON.parse reads the same data back.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
