export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry {
  text: string;
  url: string;
  children: TocEntry[];
}

export interface TocOptions {
  /** The post's `toc` field: true forces it, false hides it, undefined lets minHeadings decide. */
  explicit?: boolean | undefined;
  /** Automatic table of contents from this many headings (0: never automatic). */
  minHeadings: number;
}

/**
 * The table of contents for a post's headings (h2 and h3, h3 nested under the h2 before
 * it), or undefined when the post should not show one.
 */
export function tableOfContents(headings: readonly Heading[], { explicit, minHeadings }: TocOptions): TocEntry[] | undefined {
  // GFM's footnotes section brings its own (visually hidden) heading: not a section of the post.
  const shown = headings.filter((h) => (h.depth === 2 || h.depth === 3) && h.slug !== 'footnote-label');
  const wanted = explicit ?? (minHeadings > 0 && shown.length >= minHeadings);
  if (!wanted || shown.length === 0) return undefined;
  const entries: TocEntry[] = [];
  for (const h of shown) {
    const entry: TocEntry = { text: h.text, url: `#${h.slug}`, children: [] };
    const parent = entries[entries.length - 1];
    if (h.depth === 3 && parent) parent.children.push(entry);
    else entries.push(entry);
  }
  return entries;
}
