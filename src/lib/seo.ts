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
