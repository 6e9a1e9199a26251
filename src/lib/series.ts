import { groupByLabel, type LabelledPost } from './tags.ts';

/**
 * Series: posts that name one `series` are its parts. Names are merged and given URL slugs by
 * the tags' rule (src/lib/tags.ts): `Building a compiler` and `building a compiler` are one
 * series, at /series/building-a-compiler/; two distinct names at one slug stop the build.
 * Pass published posts only: a draft or future part is then in no series, and the parts
 * after it are numbered as if it had never been written.
 */
export interface SeriesMember extends LabelledPost {
  date: { instant: Date };
  series?: string | undefined;
  seriesOrder?: number | undefined;
}

export interface Series<P> {
  slug: string;
  /** The spelling most parts use. */
  name: string;
  /** The parts in reading order (compareSeriesParts). */
  parts: P[];
}

/** Where a part stands in its series. */
export interface SeriesPosition<P> {
  series: Series<P>;
  /** 1-based, over the parts given: no gaps. */
  number: number;
  total: number;
  previous?: P;
  next?: P;
}

export interface SeriesIndex<P> {
  /** Every series, by name. */
  series: Series<P>[];
  bySlug: Map<string, Series<P>>;
  /** The series of a post and its place in it; undefined for a post in no series. */
  positionOf(id: string): SeriesPosition<P> | undefined;
}

export class SeriesCollisionError extends Error {
  readonly slug: string;
  readonly labels: [string, string];
  readonly files: [string, string];
  constructor(slug: string, labels: [string, string], files: [string, string]) {
    super(
      `Series "${labels[0]}" (in ${files[0]}) and "${labels[1]}" (in ${files[1]}) would both be published at /series/${slug}/. ` +
        'Rename one of them so they are distinct, or spell them the same way so they are one series.',
    );
    this.name = 'SeriesCollisionError';
    this.slug = slug;
    this.labels = labels;
    this.files = files;
  }
}

const byId = (a: LabelledPost, b: LabelledPost) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Reading order: parts with a `seriesOrder` first, smallest first; then the parts without
 * one, oldest first (as Hugo puts unweighted pages after weighted ones). Equal orders fall
 * back to the date, equal dates to the id, so every build orders a series the same way.
 */
export function compareSeriesParts(a: SeriesMember, b: SeriesMember): number {
  const ordered = (a.seriesOrder === undefined ? 1 : 0) - (b.seriesOrder === undefined ? 1 : 0);
  if (ordered !== 0) return ordered;
  if (a.seriesOrder !== undefined && b.seriesOrder !== undefined && a.seriesOrder !== b.seriesOrder) return a.seriesOrder - b.seriesOrder;
  const diff = a.date.instant.getTime() - b.date.instant.getTime();
  return diff !== 0 ? diff : byId(a, b);
}

/** Groups posts into series, orders each one's parts and numbers them, in one pass over the posts. */
export function buildSeriesIndex<P extends SeriesMember>(posts: readonly P[]): SeriesIndex<P> {
  const groups = groupByLabel(
    posts,
    (post) => (post.series === undefined ? [] : [post.series]),
    (slug, labels, files) => new SeriesCollisionError(slug, labels, files),
  );
  const series = [...groups.values()]
    .map(({ slug, label, posts: parts }): Series<P> => ({ slug, name: label, parts: [...parts].sort(compareSeriesParts) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.slug < b.slug ? -1 : 1));
  const positions = new Map<string, SeriesPosition<P>>();
  for (const one of series) {
    one.parts.forEach((part, i) => {
      const position: SeriesPosition<P> = { series: one, number: i + 1, total: one.parts.length };
      const previous = one.parts[i - 1];
      const next = one.parts[i + 1];
      if (previous) position.previous = previous;
      if (next) position.next = next;
      positions.set(part.id, position);
    });
  }
  return { series, bySlug: new Map(series.map((one) => [one.slug, one])), positionOf: (id) => positions.get(id) };
}
