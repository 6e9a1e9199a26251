import { slug as githubSlug } from 'github-slugger';

/** Symbols that carry meaning in tech tags and would otherwise vanish from a slug. */
const SYMBOL_WORDS: [RegExp, string][] = [
  [/#/g, ' sharp '],
  [/\+/g, ' plus '],
  [/&/g, ' and '],
  [/@/g, ' at '],
  [/\*/g, ' star '],
];

/**
 * The one rule that turns a tag label into its URL segment: lower case, words joined by
 * hyphens, letters of every script kept (so `日本語` stays readable), and the symbols
 * that distinguish `C#`, `C++` and `C` spelled out (`c-sharp`, `c-plus-plus`, `c`).
 * Tags with no letters or digits at all (e.g. only emoji) get their code points.
 */
export function tagSlug(label: string): string {
  let text = label.normalize('NFC').trim();
  for (const [pattern, word] of SYMBOL_WORDS) text = text.replace(pattern, word);
  const slug = githubSlug(
    text
      .replace(/[./\\_]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug !== '') return slug;
  const points = Array.from(label.normalize('NFC').trim()).map((c) => c.codePointAt(0)?.toString(16) ?? '');
  return points.length > 0 ? `u-${points.join('-')}` : 'untitled';
}

/**
 * Tags differing only in case, Unicode normal form, or how words are joined (spaces,
 * hyphens, underscores: `machine_learning`, `Machine Learning`, `machine-learning`) are one
 * tag, as Hugo and Jekyll merge them.
 */
export function tagKey(label: string): string {
  return label
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** What grouping by label needs of a post: its id, and its file for messages. */
export interface LabelledPost {
  id: string;
  filePath?: string;
}

export interface TaggedPost extends LabelledPost {
  tags: readonly string[];
}

/** A tag: its posts in the order they were given (pass them sorted). */
export type Tag<P> = LabelGroup<P>;

export interface TagIndex<P> {
  /** All tags, most used first, then by label. */
  tags: Tag<P>[];
  bySlug: Map<string, Tag<P>>;
  /** The merged tag for a label as written in any post. */
  forLabel(label: string): Tag<P> | undefined;
}

export class TagCollisionError extends Error {
  readonly slug: string;
  readonly labels: [string, string];
  readonly files: [string, string];
  constructor(slug: string, labels: [string, string], files: [string, string]) {
    super(
      `Tags "${labels[0]}" (in ${files[0]}) and "${labels[1]}" (in ${files[1]}) would both be published at /tags/${slug}/. ` +
        `Rename one of them so they are distinct, or spell them the same way so they are one tag.`,
    );
    this.name = 'TagCollisionError';
    this.slug = slug;
    this.labels = labels;
    this.files = files;
  }
}

export interface LabelGroup<P> {
  slug: string;
  /** The spelling used by most posts (ties: the first in code point order). */
  label: string;
  /** Posts with this label, in the order they were given. */
  posts: P[];
}

/**
 * The one rule that groups posts by labels written in them (tags, series names): labels with
 * one tagKey are one group, shown with the spelling most posts use, at tagSlug of that
 * spelling. Two groups at one slug are an error, made by `collision` with both labels and the
 * first file of each. One pass over the posts; each post joins a group once.
 */
export function groupByLabel<P extends LabelledPost>(
  posts: readonly P[],
  labelsOf: (post: P) => readonly string[],
  collision: (slug: string, labels: [string, string], files: [string, string]) => Error,
): Map<string, LabelGroup<P>> {
  interface Group {
    posts: P[];
    spellings: Map<string, number>;
    firstFile: string;
    firstLabel: string;
  }
  const groups = new Map<string, Group>();
  for (const post of posts) {
    for (const label of labelsOf(post)) {
      const key = tagKey(label);
      let group = groups.get(key);
      if (!group) {
        group = { posts: [], spellings: new Map(), firstFile: post.filePath ?? post.id, firstLabel: label };
        groups.set(key, group);
      }
      if (group.posts[group.posts.length - 1] !== post) group.posts.push(post);
      group.spellings.set(label, (group.spellings.get(label) ?? 0) + 1);
    }
  }

  const byKey = new Map<string, LabelGroup<P>>();
  const owner = new Map<string, Group>();
  for (const [key, group] of groups) {
    const label = [...group.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? key;
    const slug = tagSlug(label);
    const clash = owner.get(slug);
    if (clash) throw collision(slug, [clash.firstLabel, group.firstLabel], [clash.firstFile, group.firstFile]);
    owner.set(slug, group);
    byKey.set(key, { slug, label, posts: group.posts });
  }
  return byKey;
}

/**
 * Builds the tag index in one pass over the posts. Each post is visited once and each
 * of its tags once; nothing scans the whole list per tag.
 */
export function buildTagIndex<P extends TaggedPost>(posts: readonly P[]): TagIndex<P> {
  const byKey = groupByLabel(
    posts,
    (post) => post.tags,
    (slug, labels, files) => new TagCollisionError(slug, labels, files),
  );
  const bySlug = new Map<string, Tag<P>>();
  for (const tag of byKey.values()) bySlug.set(tag.slug, tag);
  const tags = [...byKey.values()].sort((a, b) => b.posts.length - a.posts.length || a.label.localeCompare(b.label, 'en') || (a.slug < b.slug ? -1 : 1));
  return { tags, bySlug, forLabel: (label) => byKey.get(tagKey(label)) };
}
