import type { TagIndex } from './tags.ts';

export interface RelatedOptions {
  /** How many related posts per post. */
  limit: number;
  /**
   * How many posts on each side, in a tag's date order, are considered. Keeps the work
   * linear for tags with thousands of posts; nearby posts win ties anyway.
   */
  window?: number;
}

/**
 * Related posts for every post, computed once: posts sharing tags score the sum of the
 * shared tags' rarity (inverse document frequency), so a shared rare tag counts for more
 * than a shared common one. Ties go to the post closer in time, then to the id.
 */
export function buildRelated<P extends { id: string; tags: readonly string[]; date: { instant: Date } }>(
  posts: readonly P[],
  tags: TagIndex<P>,
  { limit, window = 50 }: RelatedOptions,
): Map<string, P[]> {
  const total = posts.length;
  const position = new Map<string, Map<string, number>>();
  for (const tag of tags.tags) position.set(tag.slug, new Map(tag.posts.map((p, i) => [p.id, i])));

  const related = new Map<string, P[]>();
  for (const post of posts) {
    const scores = new Map<P, number>();
    for (const label of post.tags) {
      const tag = tags.forLabel(label);
      if (!tag) continue;
      const weight = Math.log(1 + total / tag.posts.length);
      const at = position.get(tag.slug)?.get(post.id) ?? 0;
      const from = Math.max(0, at - window);
      const to = Math.min(tag.posts.length, at + window + 1);
      for (let i = from; i < to; i += 1) {
        const other = tag.posts[i]!;
        if (other.id !== post.id) scores.set(other, (scores.get(other) ?? 0) + weight);
      }
    }
    const t = post.date.instant.getTime();
    const ranked = [...scores.entries()]
      .sort(
        (a, b) =>
          b[1] - a[1] ||
          Math.abs(a[0].date.instant.getTime() - t) - Math.abs(b[0].date.instant.getTime() - t) ||
          (a[0].id < b[0].id ? -1 : 1),
      )
      .slice(0, limit)
      .map(([p]) => p);
    related.set(post.id, ranked);
  }
  return related;
}
