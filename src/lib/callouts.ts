/**
 * Callouts: GitHub alerts (`> [!NOTE]`) and Obsidian callouts (`> [!faq]- Title`) in Markdown,
 * and the MDX `<Callout>`. One definition of the kinds, their names, labels and icons, and the
 * rule that reads a callout's first line; the Markdown plugin (src/markdown/markdown.ts) and the
 * component (src/components/mdx/Callout.astro) both draw from it, so they render one markup.
 */

import { english, type Translate } from './strings.ts';

/** The kinds a callout is drawn as: GitHub's five and Obsidian's thirteen (note and tip and warning shared). */
export const CALLOUT_KINDS = ['note', 'abstract', 'info', 'todo', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote', 'important', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** An SVG child element of an icon (24×24 viewBox, stroked with the callout's colour). */
export interface IconShape {
  tag: 'path' | 'circle' | 'rect';
  attrs: Record<string, string>;
}

const path = (d: string): IconShape => ({ tag: 'path', attrs: { d } });
const circle: IconShape = { tag: 'circle', attrs: { cx: '12', cy: '12', r: '9' } };

const ICONS: Record<CalloutKind, readonly IconShape[]> = {
  note: [circle, path('M12 11v5M12 8h.01')],
  info: [circle, path('M12 11v5M12 8h.01')],
  abstract: [path('M9 4h6v3H9zM9 5.5H6v15h12v-15h-3M9 12h6M9 16h4')],
  todo: [circle, path('m8.5 12 2.5 2.5 4.5-5')],
  tip: [path('M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.6.5 1 1.2 1 2V16h5.2v-.2c0-.8.4-1.5 1-2A6 6 0 0 0 12 3Z')],
  success: [path('M4 12.5 9 17.5 20 6.5')],
  question: [circle, path('M9.2 9a3 3 0 0 1 5.6 1.2c0 2-2.8 2.6-2.8 3.8M12 17h.01')],
  warning: [path('M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z'), path('M12 9v4M12 17h.01')],
  failure: [path('M18 6 6 18M6 6l12 12')],
  danger: [path('M13 2 4 14h7l-1 8 9-12h-7l1-8Z')],
  bug: [{ tag: 'rect', attrs: { x: '8', y: '7', width: '8', height: '13', rx: '4' } }, path('M12 11v9M8 11H4M8 16H4M16 11h4M16 16h4M9.5 7.5 8 4M14.5 7.5 16 4')],
  example: [path('M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01')],
  quote: [path('M10 7H5v6h5v1a4 4 0 0 1-4 4M19 7h-5v6h5v1a4 4 0 0 1-4 4')],
  important: [path('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2Z'), path('M12 7v4M12 14h.01')],
  caution: [path('M7.9 2.5h8.2l5.4 5.4v8.2l-5.4 5.4H7.9l-5.4-5.4V7.9Z'), path('M12 8v4M12 16h.01')],
};

/**
 * Every type name an author can write, lower case: the kinds themselves, and Obsidian's
 * aliases, each with the label it shows. GitHub's IMPORTANT and CAUTION are kinds of their
 * own (GitHub draws them apart), where Obsidian reads them as aliases of tip and warning.
 */
const NAMES: ReadonlyMap<string, { kind: CalloutKind; label: string }> = new Map([
  ['note', { kind: 'note', label: 'Note' }],
  ['abstract', { kind: 'abstract', label: 'Abstract' }],
  ['summary', { kind: 'abstract', label: 'Summary' }],
  ['tldr', { kind: 'abstract', label: 'TL;DR' }],
  ['info', { kind: 'info', label: 'Info' }],
  ['todo', { kind: 'todo', label: 'To do' }],
  ['tip', { kind: 'tip', label: 'Tip' }],
  ['hint', { kind: 'tip', label: 'Hint' }],
  ['success', { kind: 'success', label: 'Success' }],
  ['check', { kind: 'success', label: 'Check' }],
  ['done', { kind: 'success', label: 'Done' }],
  ['question', { kind: 'question', label: 'Question' }],
  ['help', { kind: 'question', label: 'Help' }],
  ['faq', { kind: 'question', label: 'FAQ' }],
  ['warning', { kind: 'warning', label: 'Warning' }],
  ['attention', { kind: 'warning', label: 'Attention' }],
  ['failure', { kind: 'failure', label: 'Failure' }],
  ['fail', { kind: 'failure', label: 'Fail' }],
  ['missing', { kind: 'failure', label: 'Missing' }],
  ['danger', { kind: 'danger', label: 'Danger' }],
  ['error', { kind: 'danger', label: 'Error' }],
  ['bug', { kind: 'bug', label: 'Bug' }],
  ['example', { kind: 'example', label: 'Example' }],
  ['quote', { kind: 'quote', label: 'Quote' }],
  ['cite', { kind: 'quote', label: 'Cite' }],
  ['important', { kind: 'important', label: 'Important' }],
  ['caution', { kind: 'caution', label: 'Caution' }],
]);

/** What a type name resolves to. */
export interface CalloutType {
  /** The name as the post gives it, lower case (`faq`); `data-callout` carries it, for a site's own CSS. */
  name: string;
  /** How it is drawn. */
  kind: CalloutKind;
  /** What it is called: the default title, and the start of the accessible name. */
  label: string;
}

/** A type name: letters, digits, `_` and `-` (Obsidian's custom types are free-form words). */
const TYPE_NAME = /^[\p{L}\p{N}_-]+$/u;

/**
 * A type name (any case) as a callout type. A name Folio does not know is drawn as a note
 * and keeps its own name as its label (`recipe` → "Recipe"), as Obsidian shows it; anything
 * that is not a name at all (MDX props are not type-checked) is a plain note.
 */
export function calloutType(name: unknown): CalloutType {
  if (typeof name !== 'string' || !TYPE_NAME.test(name)) return { name: 'note', kind: 'note', label: 'Note' };
  const lower = name.toLowerCase();
  const known = NAMES.get(lower);
  if (known) return { name: lower, ...known };
  return { name: lower, kind: 'note', label: `${name.charAt(0).toUpperCase()}${name.slice(1)}` };
}

/** The icon of a kind. */
export const calloutIcon = (kind: CalloutKind): readonly IconShape[] => ICONS[kind];

/** The icon's `<svg>` attributes (besides its class), as the page renders them. */
export const ICON_ATTRIBUTES = {
  viewBox: '0 0 24 24',
  width: '18',
  height: '18',
  'aria-hidden': 'true',
  focusable: 'false',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
} as const;

/** Class names of the markup, shared by the renderers, the stylesheet's reader and the feeds. */
export const CALLOUT_CLASS = {
  root: 'callout',
  title: 'callout-title',
  icon: 'callout-icon',
  body: 'callout-body',
  fold: 'callout-fold',
} as const;

/** The classes of a callout's outer element. */
export const calloutClasses = (kind: CalloutKind): string[] => [CALLOUT_CLASS.root, `${CALLOUT_CLASS.root}-${kind}`];

/**
 * The accessible name: the label, and the title when it says something else, so that a
 * callout titled "Pin the clock" is still announced as a tip.
 */
export function calloutName(label: string, title: string): string {
  const heading = title.trim();
  return heading === '' || heading === label ? label : `${label}: ${heading}`;
}

/** `+`: foldable, shown open; `-`: foldable, shown closed (Obsidian's fold markers). */
export type CalloutFold = 'open' | 'closed';

/** A callout's first line, read. */
/**
 * A type as the site's language names it: Folio's word for its kind (`t`, src/i18n), where that
 * language has its own; in English, and for a type of the author's own, the label as above.
 */
export function localCallout<T extends CalloutType>(type: T, t: Translate): T {
  if (!NAMES.has(type.name)) return type;
  const key = `callout.${type.kind}` as const;
  const word = t(key);
  return word === english(key) ? type : { ...type, label: word };
}

export interface CalloutMarker extends CalloutType {
  fold?: CalloutFold | undefined;
  /** How many characters of the line the marker takes, the spaces after it included: the title starts there. */
  length: number;
}

/** `[!type]`, an optional fold marker, then a space, a line break or the end of the text. */
const MARKER = /^\[!([\p{L}\p{N}_-]+)\]([+-]?)(?:[ \t]+|(?=[\r\n])|$)/u;

/**
 * Reads the marker at the start of a blockquote's first line (its text as parsed, escapes
 * already resolved: the caller rules out a written `\[!NOTE]`). Undefined when the text does
 * not start with one: `[!NOTE]` anywhere else does not make a callout.
 */
export function parseCalloutMarker(text: string): CalloutMarker | undefined {
  const match = MARKER.exec(text);
  if (!match) return undefined;
  const fold = match[2] === '+' ? 'open' : match[2] === '-' ? 'closed' : undefined;
  return { ...calloutType(match[1]), fold, length: match[0].length };
}

/**
 * Whether a post's text may hold a callout: a `>` followed by a marker, or an MDX `<Callout>`.
 * A superset (a marker in a code block counts), cheap enough for every post: a post for which
 * it is false pays nothing for callouts, a false positive only loads their small stylesheet.
 */
const MAY_CONTAIN = />[ \t]*\[![\p{L}\p{N}_-]+\]|<Callout[\s/>]/u;
export const mayContainCallouts = (text: string): boolean => MAY_CONTAIN.test(text);

/** A marker after a line's quote markers. */
const MARKER_LINE = /^((?:[ \t]*>)+[ \t]*)\[![\p{L}\p{N}_-]+\][+-]?(?:[ \t]+|(?=[\r\n]|$))/gmu;

/** Markdown without its callout markers (`> [!tip] Title` → `> Title`), for plain-text excerpts. */
export const withoutCalloutMarkers = (markdown: string): string => (markdown.includes('[!') ? markdown.replace(MARKER_LINE, '$1') : markdown);
