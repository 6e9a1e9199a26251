import { slug as githubSlug } from 'github-slugger';
import { withoutExtension } from './ids.ts';

/** One `[[target#Heading|label]]` as written. */
export interface Wikilink {
  raw: string;
  target: string;
  heading?: string;
  label: string;
}

export type WikiSegment = string | Wikilink;

const WIKILINK = /(!?)\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]/g;

/** Splits text into plain strings and wikilinks. Embeds (`![[...]]`) are left as text. */
export function parseWikilinks(text: string): WikiSegment[] {
  const out: WikiSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(WIKILINK)) {
    const [raw, bang, target = '', heading, label] = match;
    if (bang || (target.trim() === '' && !heading)) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    const link: Wikilink = { raw, target: target.trim(), label: (label ?? '').trim() || (heading && !target.trim() ? heading.trim() : target.trim() || raw) };
    if (heading?.trim()) link.heading = heading.trim();
    out.push(link);
    last = match.index + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Text as the page shows it: each wikilink read as its label, resolved or not. */
export function wikilinkText(text: string): string {
  return text.includes('[[')
    ? parseWikilinks(text)
        .map((segment) => (typeof segment === 'string' ? segment : segment.label))
        .join('')
    : text;
}

export interface WikiTarget {
  /** File path under the posts folder without extension, e.g. "notes/my-post". */
  path: string;
  title: string;
  aliases: readonly string[];
  /** The post's URL (site-relative, base included). */
  url: string;
}

export type WikiIndex = Map<string, WikiTarget>;

const key = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Index of everything a wikilink may name, case-insensitively: the file path, the file
 * name, the title and each alias. Earlier kinds win, so a file name beats another
 * post's title.
 */
export function buildWikiIndex(targets: readonly WikiTarget[]): WikiIndex {
  const index: WikiIndex = new Map();
  const add = (name: string, target: WikiTarget) => {
    const k = key(name);
    if (k !== '' && !index.has(k)) index.set(k, target);
  };
  for (const t of targets) add(t.path, t);
  for (const t of targets) add(t.path.split('/').pop() ?? t.path, t);
  for (const t of targets) add(t.title, t);
  for (const t of targets) for (const alias of t.aliases) add(alias.replace(/^\/+|\/+$/g, ''), t);
  return index;
}

/** What the build and check:content say of a wikilink that matches nothing. */
export function unresolvedWikilink(raw: string): string {
  return `the wikilink ${raw} matches no published post's file name, title or alias; it is shown as text`;
}

/** The URL a wikilink points to, or undefined when nothing matches. `[[#Heading]]` stays on the page. */
export function resolveWikilink(link: Wikilink, index: WikiIndex): string | undefined {
  const anchor = link.heading ? `#${githubSlug(link.heading)}` : '';
  if (link.target === '') return anchor || undefined;
  const name = withoutExtension(link.target);
  const target = index.get(key(name)) ?? index.get(key(name.split('/').pop() ?? name));
  return target ? `${target.url}${anchor}` : undefined;
}
