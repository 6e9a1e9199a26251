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
  /** A page of its own (src/content/pages): "/blog/about/". */
  page(id: string): string;
  /** A route from resolveRoute() ("old/path/" or "old/page.html"), under the base. */
  route(route: string): string;
  tags(): string;
  tag(slug: string, page?: number): string;
  archive(): string;
  /** Every author (sites with more than one). */
  authors(): string;
  /** An author's page n. */
  author(id: string, page?: number): string;
  /** The list of every series. */
  seriesIndex(): string;
  /** One series' page: its parts in order. */
  series(slug: string): string;
  search(): string;
  feed(): string;
  /** A tag's own RSS feed. */
  tagFeed(slug: string): string;
  jsonFeed(): string;
  /** A file copied from beside a post (src/lib/embeds.ts): `_media/<content hash>/<file name>`. */
  media(hash: string, name: string): string;
  /** Turns a site-relative path into an absolute URL on the public origin. */
  absolute(path: string): string;
  /**
   * An image address as the author wrote it, for a page: a URL as is, a path from the site's
   * root (a file in public/) under the base path (`/images/x.png` → `/blog/images/x.png`).
   */
  resource(src: string): string;
}

/** The output folder of files copied from beside posts; each in a folder named by its content hash. */
export const MEDIA_DIR = '_media';

/** Where urls.media(hash, name) lands in the output folder (no base, not encoded). */
export const mediaOutputPath = (hash: string, name: string) => `${MEDIA_DIR}/${hash}/${name}`;

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
    page: (id) => dir(id),
    route: (route) => (route.endsWith('/') || route === '' ? dir(route) : `${prefix}${encodeSegments(route)}`),
    tags: () => dir('tags'),
    tag: (slug, page = 1) => listPage(`tags/${slug}`, page),
    archive: () => dir('archive'),
    authors: () => dir('authors'),
    author: (id, page = 1) => listPage(`authors/${id}`, page),
    seriesIndex: () => dir('series'),
    series: (slug) => dir(`series/${slug}`),
    search: () => dir('search'),
    feed: () => `${prefix}rss.xml`,
    tagFeed: (slug) => `${dir(`tags/${slug}`)}rss.xml`,
    jsonFeed: () => `${prefix}feed.json`,
    media: (hash, name) => `${prefix}${MEDIA_DIR}/${encodeURIComponent(hash)}/${encodeURIComponent(name)}`,
    absolute: (path) => new URL(path, origin).href,
    resource: (src) => (/^\/(?!\/)/.test(src) && !(prefix !== '/' && src.startsWith(prefix)) ? `${prefix}${src.slice(1)}` : src),
  };
}

/** A last segment written as an HTML file ("old/page.html"): kept a file, not made a folder. */
const HTML_FILE = /\.html?$/i;

function decodeSegment(segment: string): string {
  try {
    const decoded = decodeURIComponent(segment);
    // An escaped separator stays escaped: decoded, it would split the segment or end the path.
    return /[/?#]/.test(decoded) ? segment : decoded;
  } catch {
    return segment;
  }
}

/**
 * The route (site-relative, no base) that a path written in frontmatter names, resolved as
 * Hugo resolves aliases: "/x" from the site root, anything else from `dir`, the directory of
 * the page it was written for ("posts/notes/"). "." and ".." are normalised and never climb
 * above the root; segments are kept as written (percent-escapes decoded: the URL builder
 * encodes them again); a query or fragment is dropped. A last segment ending in .html or .htm
 * stays a file ("old/page.html"); anything else is a folder ("old/path/"), whose index.html
 * static hosts serve for the path with or without its slash. The site root is "".
 */
export function resolveRoute(path: string, dir = ''): string {
  const text = path
    .trim()
    .replace(/[?#].*$/s, '')
    .replace(/\\/g, '/');
  const segments = text.startsWith('/') ? [] : dir.split('/').filter((s) => s !== '');
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(decodeSegment(segment));
  }
  if (segments.length === 0) return '';
  const route = segments.join('/');
  return HTML_FILE.test(route) && !/\/\.{0,2}$/.test(text) ? route : `${route}/`;
}

/** The file a route is written to: "old/path/" → "old/path/index.html"; a file route is itself. */
export function routeFile(route: string): string {
  return route === '' || route.endsWith('/') ? `${route}index.html` : route;
}

/**
 * One key per address a route takes on a static host: "x/", "x" and "x/index.html" are one
 * place, so two routes with the same key would overwrite each other (or need a file and a
 * folder of one name).
 */
export function routeKey(route: string): string {
  return route.replace(/(^|\/)index\.html$/, '$1').replace(/\/$/, '');
}

export interface FolioPage {
  /** What Folio publishes there, for messages. */
  name: string;
  /** Where that comes from. */
  source: string;
}

/** Routes (and the folders under them) that Folio's own pages and assets take, besides posts. */
const FOLIO_PAGES: readonly [RegExp, FolioPage][] = [
  [/^(page(\/.*)?)?$/, { name: 'the home page and its list pages', source: 'src/pages/[...page].astro' }],
  [/^tags(\/.*)?$/, { name: 'the tag pages', source: 'src/pages/tags/' }],
  [/^archive(\/.*)?$/, { name: 'the archive', source: 'src/pages/archive.astro' }],
  [/^series(\/.*)?$/, { name: 'the series pages', source: 'src/pages/series/' }],
  [/^search(\/.*)?$/, { name: 'the search page', source: 'src/pages/search.astro' }],
  [/^rss\.xml$/, { name: 'the RSS feed', source: 'src/pages/rss.xml.ts' }],
  [/^feed\.json$/, { name: 'the JSON feed', source: 'src/pages/feed.json.ts' }],
  [/^robots\.txt$/, { name: 'robots.txt', source: 'src/pages/robots.txt.ts' }],
  [/^404(\.html|\/.*)?$/, { name: 'the 404 page', source: 'src/pages/404.astro' }],
  [/^sitemap-(index|\d+)\.xml$/, { name: 'the sitemap', source: '@astrojs/sitemap in astro.config.mjs' }],
  [/^og\//, { name: 'the social cards', source: 'og/, written at the end of the build' }],
  [/^pagefind\//, { name: 'the search index', source: 'pagefind/, written at the end of the build' }],
  [/^_astro\//, { name: 'the scripts, styles and images', source: "Astro's _astro/ folder" }],
  [/^_headers$/, { name: 'the security headers', source: '_headers, written at the end of the build' }],
];

/** The Folio page or asset at `route` (no base), if any: a redirect may not take its place. */
export function folioPage(route: string): FolioPage | undefined {
  return FOLIO_PAGES.find(([pattern]) => pattern.test(route))?.[1];
}

/**
 * "Edit this post": the site's `editUrl` (a repository's edit address, such as
 * https://github.com/owner/repo/edit/main/) with the post file's path in the repository
 * appended, each segment percent-encoded (`notes/My Post.md` → `notes/My%20Post.md`).
 */
export function editUrl(editBase: string, filePath: string): string {
  const path = filePath.replace(/\\/g, '/').replace(/^\.?\/+/, '');
  return `${editBase.replace(/\/*$/, '/')}${path.split('/').map(encodeURIComponent).join('/')}`;
}
