import { slug as githubSlug } from 'github-slugger';

/**
 * Every URL the site links to is built here, so the base path and the trailing slash
 * are decided in one place. Paths are percent-encoded per segment.
 */
export interface UrlConfig {
  /** Origin, e.g. "https://example.org". */
  site: string;
  /** "/" or "/blog/". */
  base: string;
}

const encodeSegments = (path: string) =>
  path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => encodeURIComponent(s))
    .join('/');

export interface UrlBuilder {
  /** Site-relative path for a route given without base, e.g. "posts/x/" → "/blog/posts/x/". */
  path(route: string): string;
  home(): string;
  /** Home list page n (1 is the home page itself). */
  homePage(n: number): string;
  post(slug: string): string;
  /** An alias route from aliasRoute(), under the base. */
  alias(route: string): string;
  tags(): string;
  tag(slug: string, page?: number): string;
  archive(): string;
  search(): string;
  feed(): string;
  /** A tag's own RSS feed. */
  tagFeed(slug: string): string;
  jsonFeed(): string;
  /** Turns a site-relative path into an absolute URL on the public origin. */
  absolute(path: string): string;
}

export function createUrls({ site, base }: UrlConfig): UrlBuilder {
  const origin = new URL(site).origin;
  const prefix = base === '/' ? '/' : `/${encodeSegments(base)}/`;
  // Each page's URL is asked for many times (lists, neighbours, related posts, feeds, sitemap).
  const dirs = new Map<string, string>();
  const dir = (route: string) => {
    let url = dirs.get(route);
    if (url === undefined) {
      const segments = encodeSegments(route);
      url = segments === '' ? prefix : `${prefix}${segments}/`;
      dirs.set(route, url);
    }
    return url;
  };
  const listPage = (root: string, n: number) => (n <= 1 ? dir(root) : dir(`${root}/page/${n}`));
  return {
    path: (route) => (/\.[a-z0-9]+$/i.test(route) ? `${prefix}${encodeSegments(route)}` : dir(route)),
    home: () => prefix,
    homePage: (n) => listPage('', n),
    post: (slug) => dir(`posts/${slug}`),
    alias: (route) => (route.endsWith('/') || route === '' ? dir(route) : `${prefix}${encodeSegments(route)}`),
    tags: () => dir('tags'),
    tag: (slug, page = 1) => listPage(`tags/${slug}`, page),
    archive: () => dir('archive'),
    search: () => dir('search'),
    feed: () => `${prefix}rss.xml`,
    tagFeed: (slug) => `${dir(`tags/${slug}`)}rss.xml`,
    jsonFeed: () => `${prefix}feed.json`,
    absolute: (path) => new URL(path, origin).href,
  };
}

/** The file a route is written to: "old/path/" → "old/path/index.html"; a file route is itself. */
export function routeFile(route: string): string {
  return route === '' || route.endsWith('/') ? `${route}index.html` : route;
}

/**
 * The route (site-relative, no base) an alias redirects from. "/old/path" is kept as
 * written (with a trailing slash unless it names a file); a bare name becomes
 * "posts/<slugified name>/".
 */
export function aliasRoute(alias: string): string {
  const text = alias.trim();
  if (text.startsWith('/')) {
    const path = text.replace(/^\/+/, '').replace(/[?#].*$/, '');
    if (path === '' || /\.[a-z0-9]+$/i.test(path) || path.endsWith('/')) return path;
    return `${path}/`;
  }
  return `posts/${githubSlug(text)}/`;
}
