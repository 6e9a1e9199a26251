import { slug as githubSlug } from 'github-slugger';

/**
 * Post ids (and so URLs, `/posts/<id>/`) from file paths under the posts folder.
 *
 * - The extension goes; each folder and file name is slugged as Astro does
 *   (`notes/My Post.md` → `notes/my-post`); a trailing `index` is the folder's post
 *   (`trip/index.md` → `trip`).
 * - Jekyll and Eleventy date posts by their file names: a `YYYY-MM-DD-` prefix is the
 *   post's date, not part of its URL (`2018-06-27-illustrated-transformer.md` →
 *   `illustrated-transformer`; an Eleventy bundle `slug/2017-03-08-index.md` → `slug`).
 * - When dropping the prefix would give two files one id (a yearly
 *   `2019-12-31-year-in-lists.md` and `2020-12-31-year-in-lists.md`), each dated file
 *   of the clash keeps its year (`2019-year-in-lists`), or its whole date if the year is
 *   not enough. A file without a date prefix keeps the plain id.
 *
 * A `slug` field does not change the id; it only changes the URL.
 */

/** Markdown file extensions read as posts (Jekyll's `jekyll new` writes `.markdown`). */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkdn', '.mkd', '.mdwn'] as const;
export const POST_EXTENSIONS = [...MARKDOWN_EXTENSIONS, '.mdx'] as const;

const EXTENSION = /\.(?:md|markdown|mdown|mkdn|mkd|mdwn|mdx)$/i;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:-(.*))?$/;

/** Folders of note templates (Obsidian's, left out by Quartz too): their placeholders are not posts. */
export const TEMPLATE_FOLDERS = ['templates', 'Templates'] as const;

/**
 * Whether a path (relative to the posts folder) is a post file: a Markdown/MDX extension,
 * no segment starting with `_` or `.`, not in a `templates` folder.
 */
export function isPostFile(entry: string): boolean {
  const path = entry.replace(/\\/g, '/');
  // Lower or upper case, as the content loader's glob matches them.
  const ext = EXTENSION.exec(path)?.[0];
  const folders = path.split('/').slice(0, -1);
  return (
    ext !== undefined &&
    (ext === ext.toLowerCase() || ext === ext.toUpperCase()) &&
    !path.split('/').some((segment) => segment.startsWith('_') || segment.startsWith('.')) &&
    !folders.some((folder) => (TEMPLATE_FOLDERS as readonly string[]).includes(folder))
  );
}

/** The path without its post extension: `notes/My Post.md` → `notes/My Post`. */
export function withoutExtension(entry: string): string {
  return entry.replace(/\\/g, '/').replace(EXTENSION, '');
}

/** A file name's `YYYY-MM-DD-` date prefix, when it is a real calendar date. */
export function fileNameDate(entry: string): { day: string; rest: string } | undefined {
  const name = withoutExtension(entry).split('/').at(-1) ?? '';
  const match = DATE_PREFIX.exec(name);
  if (!match) return undefined;
  const [, y, m, d, rest = ''] = match;
  const month = Number(m);
  const date = Number(d);
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || date < 1 || date > last) return undefined;
  return { day: `${y}-${m}-${d}`, rest };
}

/** One path segment as a URL segment; a name that slugs to nothing (only emoji, say) keeps its letters. */
function slugSegment(segment: string): string {
  const slug = githubSlug(segment);
  return slug !== '' ? slug : segment.trim().toLowerCase().replace(/\s+/g, '-');
}

interface Candidate {
  entry: string;
  folders: string[];
  /** The name's slug without its date prefix ('' for a dated index file). */
  name: string;
  date?: { day: string; rest: string } | undefined;
}

function candidate(entry: string): Candidate {
  const segments = withoutExtension(entry).split('/');
  const last = segments.pop() ?? '';
  const folders = segments.map(slugSegment);
  const date = fileNameDate(entry);
  // `2019-04-01.md` has nothing but its date: the date is its name.
  const bare = date && date.rest !== '' ? date.rest : last;
  return { entry, folders, name: slugSegment(bare), date: date && date.rest !== '' ? date : undefined };
}

function join(folders: string[], name: string): string {
  const parts = name === 'index' || name === '' ? folders : [...folders, name];
  return parts.join('/');
}

/** The id of one file, ignoring other files (no clash resolution): what `assignPostIds` starts from. */
export function postIdFromPath(entry: string): string {
  const c = candidate(entry);
  return join(c.folders, c.name);
}

/**
 * A page's id (src/content/pages: its URL is `/<id>/`): the path slugged segment by segment as a
 * post's is (`Projects/Folio Notes.md` → `projects/folio-notes`, `now/index.md` → `now`), a
 * date in its name kept (a page has no date). The root `index.md` gets the empty id, the home
 * page's address, which the page rules reject.
 */
export function pageIdFromPath(entry: string): string {
  const segments = withoutExtension(entry).split('/').map(slugSegment);
  const name = segments.pop() ?? '';
  return join(segments, name);
}

/**
 * Ids for every post file at once, with the clash rule above. Returns a map from entry
 * (as given) to id. Ids that still clash (two undated files) are left for the duplicate
 * URL check, which names both files.
 */
export function assignPostIds(entries: readonly string[]): Map<string, string> {
  const candidates = entries.map(candidate);
  const ids = new Map(candidates.map((c) => [c.entry, join(c.folders, c.name)] as const));
  // Each round widens the dated files of a clash: plain name, then year, then whole date.
  const widen = [(c: Candidate) => join(c.folders, `${c.date!.day.slice(0, 4)}-${c.name}`), (c: Candidate) => join(c.folders, `${c.date!.day}-${c.name}`)];
  for (const next of widen) {
    const byId = new Map<string, Candidate[]>();
    for (const c of candidates) {
      const id = ids.get(c.entry)!;
      byId.set(id, [...(byId.get(id) ?? []), c]);
    }
    let changed = false;
    for (const group of byId.values()) {
      if (group.length < 2) continue;
      for (const c of group) {
        if (!c.date) continue;
        ids.set(c.entry, next(c));
        changed = true;
      }
    }
    if (!changed) break;
  }
  return ids;
}
