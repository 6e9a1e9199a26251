/**
 * Words that the pinned-post and series features show readers, kept in one place so the
 * interface can be translated (pages and components take them from here, none writes its own).
 */
const parts = (count: number) => `${count} ${count === 1 ? 'part' : 'parts'}`;

export const strings = {
  /** The home page's group of pinned posts. */
  pinned: 'Pinned',
  /** The header link to the list of series, and that page's title. */
  series: 'Series',
  seriesIndexDescription: (count: number) => `Every series of posts, ${count} in all, with the number of parts in each.`,
  /** A series' page: its heading and description. */
  seriesHeading: (name: string) => `Series: ${name}`,
  seriesDescription: (name: string, count: number) => `The ${parts(count)} of the series ${name}, in reading order.`,
  parts,
  /** A part's label on its series' page. */
  part: (number: number) => `Part ${number}`,
  /** Shown in the series box on each part. */
  partOf: (number: number, total: number) => `Part ${number} of ${total}`,
  /** The series box's accessible name. */
  seriesBoxLabel: (name: string) => `Series: ${name}`,
  previousPart: '← Previous part',
  nextPart: 'Next part →',
  /** The series navigation under a part. */
  seriesNavLabel: (name: string) => `More of the series ${name}`,
  /**
   * The line a feed item of a part starts with; `seriesLink` is HTML. Without the number of
   * parts, so the item does not change as the series grows.
   */
  seriesFeedNote: (number: number, seriesLink: string) => `Part ${number} of the series ${seriesLink}.`,
} as const;
