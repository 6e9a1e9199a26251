/**
 * Authors of a site with several (src/content/authors/): who wrote each post, each author's
 * posts, and the rule for a post naming an author the site does not have. A site without
 * authors keeps its one `author` setting.
 */
import type { Avatar } from './schema/author.ts';

export interface Author<L = unknown> {
  /** The file name without extension: what posts write in `author`/`authors`. */
  id: string;
  name: string;
  bio?: string | undefined;
  avatar?: Avatar<L> | undefined;
  links: { label: string; url: string }[];
}

interface Authored {
  id: string;
  authors: string[];
  filePath?: string | undefined;
}

export interface AuthorIndex<P extends Authored, L = unknown> {
  authors: Author<L>[];
  /** Whether the site has pages per author (/authors/): more than one author. */
  hasPages: boolean;
  /** A post's authors, in the order it names them (empty on a site without authors). */
  of(post: P): Author<L>[];
  /** An author's posts, in the order of the list given (newest first). */
  postsBy(id: string): P[];
}

export class UnknownAuthorError extends Error {}

/** Finds an author by id, or by name as written in older engines' posts (`author: Jane Doe`), ignoring case. */
function authorFinder<L>(authors: Author<L>[]): (ref: string) => Author<L> | undefined {
  const byId = new Map(authors.map((a) => [a.id, a]));
  const byName = new Map(authors.map((a) => [a.name.toLowerCase(), a]));
  return (ref) => byId.get(ref) ?? byName.get(ref.toLowerCase());
}

const sortedById = <L>(authors: Author<L>[]) => [...authors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The unknown names in `checked`, given the site's authors sorted by id and their finder. */
function unknownIn(sorted: Author<unknown>[], find: (ref: string) => unknown, checked: Authored[]): { file: string; problem: string }[] {
  if (sorted.length === 0) return [];
  const ids = sorted.map((a) => a.id).join(', ');
  return checked.flatMap((post) =>
    post.authors.filter((ref) => !find(ref)).map((ref) => ({ file: post.filePath ?? post.id, problem: `author "${ref}" is not one of the site's authors (src/content/authors/: ${ids})` })),
  );
}

/**
 * Every author a post in `checked` names that the site does not have, one message each (the
 * build stops on the first; `npm run check:content` lists them all). None on a site without authors.
 */
export function unknownAuthors(authors: Author<unknown>[], checked: Authored[]): { file: string; problem: string }[] {
  const sorted = sortedById(authors);
  return unknownIn(sorted, authorFinder(sorted), checked);
}

/**
 * Indexes `posts` (published, newest first) by author. Every post in `checked` (all posts,
 * drafts too, so publishing one cannot break the build) must name known authors: by id, or by
 * name as written in older engines' posts (`author: Jane Doe`), ignoring case.
 */
export function buildAuthorIndex<P extends Authored, L>(authors: Author<L>[], posts: P[], checked: Authored[] = posts): AuthorIndex<P, L> {
  const sorted = sortedById(authors);
  const find = authorFinder(sorted);
  const unknown = unknownIn(sorted, find, checked)[0];
  if (unknown) throw new UnknownAuthorError(`${unknown.file}: ${unknown.problem}`);
  const ofPost = new Map<string, Author<L>[]>();
  const postsBy = new Map<string, P[]>(sorted.map((a) => [a.id, []]));
  for (const post of posts) {
    // A site with one author: every post is theirs, named or not.
    const named = [...new Set(post.authors.map((ref) => find(ref)!))];
    const list = sorted.length === 0 ? [] : named.length === 0 && sorted.length === 1 ? [sorted[0]!] : named;
    ofPost.set(post.id, list);
    for (const author of list) postsBy.get(author.id)!.push(post);
  }
  return {
    authors: sorted,
    hasPages: sorted.length > 1,
    of: (post) => ofPost.get(post.id) ?? [],
    postsBy: (id) => postsBy.get(id) ?? [],
  };
}
