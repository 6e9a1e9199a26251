/**
 * The old addresses of a post, as routes Folio writes redirect pages at: its `aliases`.
 */
import { resolveRoute, routeKey } from './urls.ts';

/** A route that redirects to a post. */
export interface Redirect {
  /** Site-relative, without the base: "old/path/" or "old/page.html". */
  route: string;
  /** Where it came from, for messages: "alias old-name". */
  from: string;
}

/** What the rules read from a post. */
export interface RedirectSource {
  id: string;
  /** Its URL segment(s) under /posts/: the `slug` field, or the id. */
  slug: string;
  aliases: readonly string[];
}

/** The folders of the post's id: "notes/deep/post" → ["notes", "deep"]. */
const idFolders = (id: string) => id.split('/').slice(0, -1);

/** The directory a post's relative aliases are resolved from: its page's folder, posts/<folders of its id>/. */
export function aliasBase(id: string): string {
  return `${['posts', ...idFolders(id)].join('/')}/`;
}

/**
 * Every route that redirects to a post: its aliases, relative ones resolved from aliasBase.
 * An address equal to the post's own page, or already listed, is left out.
 */
export function postRedirects(source: RedirectSource): Redirect[] {
  const found: Redirect[] = source.aliases.map((alias) => ({ route: resolveRoute(alias, aliasBase(source.id)), from: `alias ${alias}` }));
  const seen = new Set([routeKey(`posts/${source.slug}/`)]);
  return found.filter(({ route }) => {
    const key = routeKey(route);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
