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
  const indexOf = new Map<string, number>();
  posts.forEach((post, i) => indexOf.set(post.id, i));
  const times = Float64Array.from(posts, (post) => post.date.instant.getTime());
  // Per tag, in one read of its list: each member's position, and its index in `posts`.
  const members = new Map<string, { at: Map<string, number>; index: Int32Array }>();
  for (const tag of tags.tags) {
    const at = new Map<string, number>();
    const index = new Int32Array(tag.posts.length);
    for (let i = 0; i < tag.posts.length; i += 1) {
      const id = tag.posts[i]!.id;
      at.set(id, i);
      index[i] = indexOf.get(id) ?? -1;
    }
    members.set(tag.slug, { at, index });
  }

  const scores = new Float64Array(total);
  const touched: number[] = [];
  const best: number[] = [];
  const related = new Map<string, P[]>();
  for (let self = 0; self < total; self += 1) {
    const post = posts[self]!;
    for (const label of post.tags) {
      const tag = tags.forLabel(label);
      const list = tag && members.get(tag.slug);
      if (!tag || !list) continue;
      const weight = Math.log(1 + total / tag.posts.length);
      const at = list.at.get(post.id) ?? 0;
      const to = Math.min(list.index.length, at + window + 1);
      for (let i = Math.max(0, at - window); i < to; i += 1) {
        const other = list.index[i]!;
        if (other === self || other < 0) continue;
        const score = scores[other]!;
        if (score === 0) touched.push(other);
        scores[other] = score + weight;
      }
    }
    // The best `limit` by score, then closeness in time, then id: a small sorted list, not a sort of every candidate.
    const t = times[self]!;
    const before = (a: number, b: number) => scores[b]! - scores[a]! || Math.abs(times[a]! - t) - Math.abs(times[b]! - t) || (posts[a]!.id < posts[b]!.id ? -1 : 1);
    best.length = 0;
    for (const candidate of touched) {
      if (best.length === limit && (limit === 0 || before(candidate, best[limit - 1]!) >= 0)) continue;
      let i = best.length === limit ? limit - 1 : best.length;
      while (i > 0 && before(candidate, best[i - 1]!) < 0) {
        best[i] = best[i - 1]!;
        i -= 1;
      }
      best[i] = candidate;
    }
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
    related.set(
      post.id,
      best.map((i) => posts[i]!),
    );
  }
  return related;
}
