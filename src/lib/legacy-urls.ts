/**
 * The old addresses of a post, as routes Folio writes redirect pages at: its `aliases`, the
 * paths its frontmatter gave it under another engine (Jekyll and Eleventy `permalink`, Hugo
 * `url`), and, with the `legacyUrls` setting, the URL the engine the blog moved from gave it
 * by default. Each engine's rule follows its own source, named at each function.
 */
import { slug as githubSlug } from 'github-slugger';
import { zoneOffsetMs, type PostDate } from './dates.ts';
import { fileNameDate, withoutExtension } from './ids.ts';
import { resolveRoute, routeKey } from './urls.ts';

/** The engine the blog moved from (the `legacyUrls` setting, parsed). */
/**
 * The engine a blog moved from, and how it addressed posts: Jekyll with its site-wide
 * `permalink` (a style or a pattern; `date` when left out), or Hugo with the section folder.
 */
export type LegacyUrls = { engine: 'jekyll'; permalink?: string | undefined } | { engine: 'hugo'; section: string };

/** A route that redirects to a post. */
export interface Redirect {
  /** Site-relative, without the base: "old/path/" or "old/page.html". */
  route: string;
  /** Where it came from, for messages: "alias old-name", "permalink /x/", "Jekyll's permalink date". */
  from: string;
}

/** What the rules read from a post. */
export interface RedirectSource {
  id: string;
  /** Its URL segment(s) under /posts/: the `slug` field, or the id. */
  slug: string;
  /** The `slug` field, when the post has one. */
  slugField?: string | undefined;
  /** Its file path (any prefix; only the name and, for index files, the folder are read). */
  file?: string | undefined;
  date: PostDate;
  /** As Jekyll reads them (see jekyllCategories). */
  categories: readonly string[];
  aliases: readonly string[];
  permalink?: string | false | undefined;
  url?: string | undefined;
}

export interface RedirectOptions {
  timeZone: string;
  legacyUrls?: LegacyUrls | undefined;
}

/**
 * A post's categories as Jekyll reads its frontmatter (Document#populate_categories and
 * Utils.pluralized_array_from_hash): `categories` (a string split on whitespace), then
 * `category` taken whole, each as text, exact repeats dropped, order kept.
 */
export function jekyllCategories(categories: unknown, category: unknown): string[] {
  const items = (value: unknown, split: boolean): unknown[] => {
    if (value === undefined || value === null || value === false) return [];
    if (typeof value === 'string') return split ? value.split(/\s+/) : [value];
    return Array.isArray(value) ? value.flat(Infinity) : [value];
  };
  const all = [...items(categories, true), ...items(category, false)];
  return [...new Set(all.filter((c) => c !== undefined && c !== null && c !== '').map(String))];
}

const JEKYLL_SLUG = {
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
} as const;

/**
 * Jekyll's Utils.slugify in its default and pretty modes: every run of other characters
 * becomes one hyphen, a hyphen at either end goes, and the result is lower-cased unless `cased`.
 */
export function jekyllSlugify(text: string, mode: keyof typeof JEKYLL_SLUG = 'default', cased = false): string {
  const slug = text.replace(JEKYLL_SLUG[mode], '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/** The file's name without its extension; an index file takes its folder's name, as Folio's ids do. */
function fileBaseName({ file, id }: RedirectSource): string {
  if (!file) return id.split('/').pop() ?? id;
  const parts = file.replace(/\\/g, '/').split('/');
  const name = (parts.pop() ?? '').replace(/\.[^.]*$/, '');
  return name.toLowerCase() === 'index' && parts.length > 0 ? parts.pop()! : name;
}

/** The folders of the post's id: "notes/deep/post" → ["notes", "deep"]. */
const idFolders = (id: string) => id.split('/').slice(0, -1);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Jekyll's permalink placeholders for a post (Drops::UrlDrop): dates in the site's time zone
 * (Jekyll reads a date and then places it in the site's `timezone`), `:title` the `slug`
 * field or the file name without its YYYY-MM-DD- prefix, pretty-slugified with case kept.
 */
const JEKYLL_KEYS = [
  'year',
  'month',
  'day',
  'i_month',
  'i_day',
  'short_year',
  'y_day',
  'hour',
  'minute',
  'second',
  'short_month',
  'long_month',
  'short_day',
  'long_day',
  'w_day',
  'title',
  'slug',
  'name',
  'categories',
  'output_ext',
  'collection',
] as const;
type JekyllKey = (typeof JEKYLL_KEYS)[number];
const isJekyllKey = (name: string): name is JekyllKey => (JEKYLL_KEYS as readonly string[]).includes(name);

function jekyllPlaceholders(source: RedirectSource, timeZone: string): Record<JekyllKey, string> {
  const { instant } = source.date;
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  const [year, month, day] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const base = fileBaseName(source);
  // Document#populate_title: the date prefix is not part of the title, nor are trailing dots.
  const title = (source.slugField ?? /^\d{2,4}-\d{1,2}-\d{1,2}-(.*)$/s.exec(base)?.[1] ?? base).replace(/\.+$/, '');
  return {
    year: pad(year, 4),
    month: pad(month),
    day: pad(day),
    i_month: String(month),
    i_day: String(day),
    short_year: pad(year % 100),
    y_day: pad((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1, 3),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
    second: pad(local.getUTCSeconds()),
    short_month: MONTHS[month - 1]!.slice(0, 3).toUpperCase(),
    long_month: MONTHS[month - 1]!,
    short_day: DAYS[local.getUTCDay()]!.slice(0, 3).toUpperCase(),
    long_day: DAYS[local.getUTCDay()]!,
    w_day: String(local.getUTCDay() || 7),
    title: jekyllSlugify(title, 'pretty', true),
    slug: jekyllSlugify(title),
    name: jekyllSlugify(base),
    categories: [...new Set(source.categories.map((c) => c.toLowerCase()))].join('/'),
    output_ext: '.html',
    collection: 'posts',
  };
}

const PLACEHOLDER = /:([a-z_]+)/g;

/** The placeholder a `:name` match stands for: Jekyll also reads "month_" as ":month" followed by "_". */
function placeholderKey(name: string): JekyllKey | undefined {
  if (isJekyllKey(name)) return name;
  const short = name.slice(0, -1);
  return name.endsWith('_') && isJekyllKey(short) ? short : undefined;
}

/**
 * A Jekyll permalink with its placeholders filled in (Jekyll::URL#generate_url_from_drop) and
 * cleaned as Jekyll cleans every URL (URL#sanitize_url: one leading slash, ".." becomes "/",
 * "./" goes, repeated slashes squeezed).
 */
function expandJekyll(template: string, values: Record<JekyllKey, string>): string {
  const url = template.replace(PLACEHOLDER, (match, name: string) => {
    const key = placeholderKey(name);
    return key === undefined ? match : match.replace(`:${key}`, values[key]);
  });
  return `/${url}`.replaceAll('..', '/').replaceAll('./', '').replace(/\/+/g, '/');
}

/** Jekyll's built-in permalink styles (Jekyll::Utils#permalink_style); `date` is the default. */
const JEKYLL_STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** Whether a site-wide permalink names one of Jekyll's built-in styles. */
export const isJekyllStyle = (permalink: string) => Object.hasOwn(JEKYLL_STYLES, permalink.trim());

/**
 * The URL Jekyll gave a post under the site's `permalink` (a style or a pattern; the `date`
 * style by default): "/ruby/2019/04/01/my-post.html".
 */
export function jekyllDateUrl(source: RedirectSource, timeZone: string, permalink = 'date'): string {
  return expandJekyll(JEKYLL_STYLES[permalink] ?? permalink, jekyllPlaceholders(source, timeZone));
}

function isAllowedInHugoPath(text: string, i: number, ch: string): boolean {
  if (/^[\p{L}\p{Nd}\p{M}./\\_#+~\-@]$/u.test(ch)) return true;
  return ch === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3));
}

/**
 * Hugo's path sanitising (common/paths.Sanitize) and its default lower-casing: letters, digits,
 * marks and . / _ # + ~ - @ are kept, a run of spaces becomes one hyphen (none at the start,
 * none after a hyphen), anything else is dropped.
 */
export function hugoPath(text: string): string {
  let out = '';
  let wasHyphen = false;
  let hyphen = false;
  let i = 0;
  for (const ch of text) {
    if (isAllowedInHugoPath(text, i, ch)) {
      wasHyphen = ch === '-';
      if (hyphen && !wasHyphen) out += '-';
      hyphen = false;
      out += ch;
    } else if (out !== '' && !wasHyphen && /^\s$/u.test(ch)) {
      hyphen = true;
    }
    i += ch.length;
  }
  return out.toLowerCase();
}

/**
 * The URL Hugo gave a post in `section` by default (resources/page/page_paths.go):
 * /<section>/<folders>/<slug or file name>/, every part sanitised and lower-cased; a page
 * bundle (x/index.md) takes its folder's name.
 */
export function hugoUrl(source: RedirectSource, section: string): string {
  // Hugo trims hyphens from both ends of a slug (hugolib/page__meta.go).
  const name = source.slugField?.replace(/^-+|-+$/g, '') || fileBaseName(source);
  return `/${[section, ...idFolders(source.id), name].map(hugoPath).join('/')}/`;
}

/**
 * The directory a post's relative aliases are resolved from: its page's folder, posts/<folders
 * of its id>/, or, for a blog that moved from Hugo, <section>/<folders>/, the folder the
 * aliases were written against.
 */
export function aliasBase(id: string, legacyUrls?: LegacyUrls): string {
  const folders = idFolders(id);
  const parts = legacyUrls?.engine === 'hugo' ? [legacyUrls.section, ...folders].map(hugoPath) : ['posts', ...folders];
  return `${parts.join('/')}/`;
}

/**
 * Why a `permalink` or `url` cannot become a redirect, or undefined when it can: template
 * syntax (Eleventy's `{{ page.fileSlug }}`, Liquid tags) or placeholders Folio does not know
 * would need the other engine to evaluate them.
 */
export function pathProblem(field: 'permalink' | 'url', path: string): string | undefined {
  const written = JSON.stringify(path);
  if (/\{\{|\{%/.test(path)) return `${field} ${written} is a template, which only the engine it was written for can fill in; no redirect is written for it`;
  if (field === 'permalink') {
    const unknown = [...path.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => placeholderKey(name) === undefined);
    if (unknown.length > 0) return `${field} ${written} uses :${unknown[0]}, which is not a Jekyll permalink placeholder; no redirect is written for it`;
  } else if (/(^|[^\\]):[a-z]/i.test(path)) {
    return `${field} ${written} uses Hugo permalink tokens, which Folio does not fill in; no redirect is written for it`;
  }
  return undefined;
}

/** Warnings for a post's frontmatter paths that no redirect can be written for. */
export function redirectWarnings({ permalink, url }: { permalink?: string | false | undefined; url?: string | undefined }): string[] {
  const problems = [typeof permalink === 'string' ? pathProblem('permalink', permalink) : undefined, url === undefined ? undefined : pathProblem('url', url)];
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * The name a post's own `permalink` gives it in Folio (`/posts/<name>/`), as a `slug` would:
 * `/2019/04/my-post.html` → `2019/04/my-post`, `/about-this-blog/` → `about-this-blog`. None
 * for a permalink with placeholders or template syntax (`/:year/:title/`,
 * `{{ page.fileSlug }}`), which only the old engine could fill in: the file name names the
 * post then. The old address itself becomes a redirect (postRedirects).
 */
export function permalinkSlug(permalink: string | false | undefined): string | undefined {
  if (typeof permalink !== 'string' || /[:{}%]/.test(permalink)) return undefined;
  const clean = permalink
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/(^|\/)index\.html?$/i, '')
    .replace(/\.html?$/i, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/^posts\//, '');
  return clean === '' || /(^|\/)\.\.?(\/|$)|\\/.test(clean) ? undefined : clean;
}

/**
 * The id a dated post file (`2019-04-01-name.md`, `slug/2017-03-08-index.md`) had when Folio
 * kept the date prefix in it: the id's folders and the file's own name, slugged. Undefined for
 * a file without a date prefix, whose id has not changed.
 */
export function datedFolioId(id: string, file: string): string | undefined {
  const name = file.replace(/\\/g, '/').split('/').pop() ?? '';
  if (!fileNameDate(name)) return undefined;
  const folders = id.split('/');
  // A bundle's id is its folder (`slug/2017-03-08-index.md` → `slug`): the name went below it.
  if (/^\d{4}-\d{2}-\d{2}-index\.[^.]+$/i.test(name)) return [...folders, githubSlug(withoutExtension(name))].join('/');
  return [...folders.slice(0, -1), githubSlug(withoutExtension(name))].join('/');
}

/**
 * Every route that redirects to a post. Relative aliases resolve from aliasBase; `permalink`
 * (its Jekyll placeholders filled in) and `url` are site-relative, as both engines read them.
 * The engine's default URL is added only when the post did not set its own (`permalink` for
 * Jekyll, `url` for Hugo): the engine never used it then. An address equal to the post's own
 * page, or already listed, is left out.
 */
export function postRedirects(source: RedirectSource, { timeZone, legacyUrls }: RedirectOptions): Redirect[] {
  const found: Redirect[] = source.aliases.map((alias) => ({ route: resolveRoute(alias, aliasBase(source.id, legacyUrls)), from: `alias ${alias}` }));
  const { permalink, url } = source;
  if (typeof permalink === 'string' && !pathProblem('permalink', permalink)) {
    found.push({ route: resolveRoute(expandJekyll(permalink, jekyllPlaceholders(source, timeZone))), from: `permalink ${permalink}` });
  }
  if (url !== undefined && !pathProblem('url', url)) {
    // Hugo writes a literal colon in `url` as "\:".
    found.push({ route: resolveRoute(`/${url.replace(/\\:/g, ':')}`), from: `url ${url}` });
  }
  if (legacyUrls?.engine === 'jekyll' && permalink === undefined) {
    const style = legacyUrls.permalink ?? 'date';
    found.push({ route: resolveRoute(jekyllDateUrl(source, timeZone, style)), from: `Jekyll's permalink ${style}` });
  }
  // Folio kept a Jekyll-style date prefix in the address before it read it as the date:
  // that address stays, so links from elsewhere still arrive.
  const before = source.file === undefined ? undefined : datedFolioId(source.id, source.file);
  if (before !== undefined && before !== source.slug) found.push({ route: `posts/${before}/`, from: 'its address before the date prefix was read as the date' });
  if (legacyUrls?.engine === 'hugo' && url === undefined) {
    found.push({ route: resolveRoute(hugoUrl(source, legacyUrls.section)), from: `Hugo's URL in section ${legacyUrls.section}` });
  }
  const seen = new Set([routeKey(`posts/${source.slug}/`)]);
  return found.filter(({ route }) => {
    const key = routeKey(route);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
