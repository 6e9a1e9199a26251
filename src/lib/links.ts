/**
 * Links in posts to this site's own pages: one that uses a post's old address (an alias, a
 * permalink, the old engine's URL, the address its file used to give it) is rewritten to the
 * post's current URL; one that points at nothing this site publishes is reported.
 */
import { folioPage, routeKey } from './urls.ts';

/** A published post and every route (site-relative, no base) that means it. */
export interface LinkTarget {
  /** Its URL now (site-relative, base included): what links are rewritten to. */
  url: string;
  /** Its page's route, "posts/<slug>/". */
  route: string;
  /** Routes that also mean it: old Folio addresses and its redirects. */
  old: readonly string[];
}

export interface LinkIndexInput {
  /** The site's origin, e.g. "https://example.org". */
  site: string;
  /** "/" or "/blog/". */
  base: string;
  posts: readonly LinkTarget[];
  /** Files in public/, as routes ("favicon.svg"). */
  files: readonly string[];
}

export interface LinkIndex {
  /** The site's host name: absolute links to it (http or https) are internal. */
  host: string;
  base: string;
  /** routeKey → the post's URL, and whether that key is the post's page itself. */
  posts: Map<string, { url: string; current: boolean }>;
  /** routeKeys of the files in public/. */
  files: Set<string>;
}

/** Indexes every address a link may use; a post's own page wins over another post's old address. */
export function buildLinkIndex({ site, base, posts, files }: LinkIndexInput): LinkIndex {
  const index: LinkIndex = { host: new URL(site).hostname, base, posts: new Map(), files: new Set(files.map(routeKey)) };
  const add = (route: string, url: string, current: boolean) => {
    const key = routeKey(route);
    if (!index.posts.has(key)) index.posts.set(key, { url, current });
  };
  for (const post of posts) add(post.route, post.url, true);
  for (const post of posts) for (const route of post.old) add(route, post.url, false);
  return index;
}

/** What to do with a link: rewrite it, leave it (a known page, or not this site's), or report it. */
export type LinkResult = { kind: 'rewrite'; href: string } | { kind: 'known' } | { kind: 'dead' } | { kind: 'elsewhere' };

const decodePath = (path: string) =>
  path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');

/** The path and what follows it (query, fragment) of a root-relative or same-host link, else undefined. */
function splitInternal(href: string, host: string): { path: string; rest: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) {
    let url: URL;
    try {
      url = new URL(href, 'https://invalid.invalid');
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol) || url.hostname !== host) return undefined;
    return { path: url.pathname, rest: `${url.search}${url.hash}` };
  }
  if (!href.startsWith('/')) return undefined; // page-relative: left as written
  const cut = href.search(/[?#]/);
  return cut === -1 ? { path: href, rest: '' } : { path: href.slice(0, cut), rest: href.slice(cut) };
}

/**
 * Resolves a link's address. Root-relative and same-host links (http or https) are this
 * site's: under the base path they are read from the base; without it (a link written for the
 * old site at the root of the host) from the root. A post's old address becomes its current
 * URL, query and fragment kept; an address with no extension also matches an .html one (as
 * GitHub Pages serves Jekyll's files). One that matches no post, redirect, Folio page or public
 * file is dead when it is under the base; outside it, it may be another site on the same host.
 * Fragment-only and page-relative links are left alone.
 */
export function resolveLink(href: string, index: LinkIndex): LinkResult {
  const link = splitInternal(href.trim(), index.host);
  if (!link) return { kind: 'elsewhere' };
  const path = decodePath(link.path);
  const underBase = index.base === '/' || path.startsWith(index.base) || path === index.base.slice(0, -1);
  const route = underBase ? path.slice(index.base.length) : path.slice(1);
  const key = routeKey(route);
  const post = index.posts.get(key) ?? (/\.[^/]*$/.test(key) || key === '' ? undefined : index.posts.get(`${key}.html`));
  if (post) return post.current && underBase ? { kind: 'known' } : { kind: 'rewrite', href: `${post.url}${link.rest}` };
  const page = folioPage(route) || index.files.has(key);
  // Written for the old site at the root of the host: a Folio page or a file in public/ (the
  // old site's static folder, `/images/x.png`) is under the base path now.
  if (!underBase) return page && index.base !== '/' ? { kind: 'rewrite', href: `${index.base}${link.path.slice(1)}${link.rest}` } : { kind: 'elsewhere' };
  return page ? { kind: 'known' } : { kind: 'dead' };
}

/**
 * Whether a post's source may hold a link to this site (a root-relative Markdown or HTML link,
 * or its host name): cheap and generous, so posts without one skip the link index.
 */
export function mayLinkInternally(source: string, host: string): boolean {
  return /\]\(\s*<?\/|^ {0,3}\[[^\]\n]+\]:\s*<?\/|(?:href|src|poster)\s*=\s*["']?\s*\//im.test(source) || source.toLowerCase().includes(host.toLowerCase());
}
