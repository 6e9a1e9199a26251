/**
 * Pages of their own (src/content/pages/*.md(x): an About page, a colophon): each is
 * published at `/<id>/`, with a post's layout but no date, tags or neighbours, and may be
 * listed in the header. The rules for their addresses live here: a page may take no address
 * that Folio's own pages, another page or a post's redirect already has.
 */
import { resolveDate, type PostDate } from './dates.ts';
import { excerpt, plainText } from './excerpt.ts';
import type { Post } from './posts/post.ts';
import { DuplicateUrlError } from './posts/unique.ts';
import type { PageFrontmatter } from './schema/page.ts';
import { folioPage, routeKey, type FolioPage } from './urls.ts';

export interface Page {
  /** From its file path (src/lib/ids.ts, pageIdFromPath): "about", "projects/folio". */
  id: string;
  /** Its address under the base: "about/". */
  route: string;
  title: string;
  /** The author's description, or an excerpt of the body. */
  description: string;
  /** Its place among the header's links; undefined: not in the header. */
  nav?: number;
  draft: boolean;
  /** The author's table-of-contents choice; undefined lets the site setting decide. */
  toc?: boolean;
  /** When it was last changed, if the author says (`updated`): the sitemap's lastmod. */
  updated?: PostDate;
  /** Source file relative to the project, for messages. */
  filePath?: string;
}

export interface PageSource {
  id: string;
  data: PageFrontmatter;
  body?: string | undefined;
  filePath?: string | undefined;
}

/** The route of the page with this id: "about/" (the empty id is the site's root). */
export function pageRoute(id: string): string {
  return id === '' ? '' : `${id}/`;
}

/** Builds the domain Page from a collection entry. Pure: the caller loads entries. */
export function toPage(entry: PageSource, { excerptLength, timeZone }: { excerptLength: number; timeZone: string }): Page {
  const page: Page = {
    id: entry.id,
    route: pageRoute(entry.id),
    title: entry.data.title,
    description: entry.data.description ?? excerpt(plainText(entry.body ?? ''), excerptLength),
    draft: entry.data.draft,
  };
  if (entry.data.nav !== undefined) page.nav = entry.data.nav;
  if (entry.data.toc !== undefined) page.toc = entry.data.toc;
  if (entry.data.updated) page.updated = resolveDate(entry.data.updated, timeZone);
  if (entry.filePath) page.filePath = entry.filePath;
  return page;
}

/**
 * Addresses kept for Folio besides those of its own pages (src/lib/urls.ts, folioPage, which
 * a post's redirect may not take either): where posts are published (old post addresses
 * redirect from there, but a page may not), and the folders of Folio's other lists.
 */
const KEPT_FOR_FOLIO: readonly [RegExp, FolioPage][] = [
  [/^posts(\/.*)?$/, { name: 'the posts', source: 'src/pages/posts/' }],
  [/^series(\/.*)?$/, { name: 'the series pages', source: 'kept for Folio' }],
  [/^authors(\/.*)?$/, { name: 'the author pages', source: 'kept for Folio' }],
  [/^_media(\/.*)?$/, { name: 'the files copied from beside posts', source: '_media/, written at the end of the build' }],
];

/** What of Folio's is at `route` (no base), if anything: a page may not be published there. */
export function keptForFolio(route: string): FolioPage | undefined {
  return folioPage(route) ?? KEPT_FOR_FOLIO.find(([pattern]) => pattern.test(route))?.[1];
}

/** A page file, as the address rules need it. */
export interface PageFile {
  id: string;
  /** Its path relative to the project, for messages. */
  file: string;
}

type RedirectingPost = Pick<Post, 'id' | 'redirects' | 'filePath'>;

const byFile = <T extends { file: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

/**
 * Every page that cannot be published where its file puts it, drafts included (so publishing
 * one can never break the site): at an address of Folio's, at another page's, or at an old
 * address a post keeps as a redirect. Pages are taken in file order, so the messages are the
 * same whatever order they were read in; each names the files involved.
 */
export function findPageProblems(pages: readonly PageFile[], posts: readonly RedirectingPost[] = []): DuplicateUrlError[] {
  const errors: DuplicateUrlError[] = [];
  const redirects = new Map<string, { file: string; from: string }>();
  for (const post of posts) {
    for (const { route, from } of post.redirects) {
      const key = routeKey(route);
      if (!redirects.has(key)) redirects.set(key, { file: post.filePath ?? post.id, from });
    }
  }
  const owners = new Map<string, string>();
  for (const { id, file } of byFile(pages)) {
    const route = pageRoute(id);
    const kept = keptForFolio(route);
    if (kept) {
      errors.push(new DuplicateUrlError(route, [file], `${file} would be published at /${route}, the address of ${kept.name} (${kept.source}). Rename the page's file.`));
      continue;
    }
    const key = routeKey(route);
    const owner = owners.get(key);
    if (owner !== undefined) {
      errors.push(new DuplicateUrlError(route, [owner, file], `Two pages would be published at /${route}: ${owner} and ${file}. Rename one of the files.`));
      continue;
    }
    owners.set(key, file);
    const redirect = redirects.get(key);
    if (redirect) {
      errors.push(
        new DuplicateUrlError(
          route,
          [file, redirect.file],
          `${file} would be published at /${route}, where ${redirect.file} keeps a redirect (${redirect.from}). Rename the page's file, or remove the redirect from the post.`,
        ),
      );
    }
  }
  return errors;
}

/** Stops the build on any of findPageProblems, naming every one at once (one line each). */
export function assertPageRoutes(pages: readonly PageFile[], posts: readonly RedirectingPost[] = []): void {
  const problems = findPageProblems(pages, posts);
  if (problems.length === 0) return;
  const [first] = problems;
  if (!first) return;
  if (problems.length === 1) throw first;
  throw new DuplicateUrlError(first.url, [...new Set(problems.flatMap((p) => p.files))], problems.map((p) => p.message).join('\n'));
}

/**
 * The pages listed in the header, in their `nav` order (ties by title, then id, so the order
 * never depends on the order the files were read in).
 */
export function navPages<P extends Pick<Page, 'id' | 'title' | 'nav'>>(pages: readonly P[]): (P & { nav: number })[] {
  return pages
    .filter((page): page is P & { nav: number } => page.nav !== undefined)
    .sort((a, b) => a.nav - b.nav || a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
