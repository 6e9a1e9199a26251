import { z } from 'zod';
import { parseDateParts, type DateParts } from '../dates.ts';
import { jekyllCategories } from '../legacy-urls.ts';
import { tagKey } from '../tags.ts';

/**
 * Frontmatter from other engines, mapped to Folio's fields. The first key present wins,
 * so Folio's own name (listed first) beats its aliases (`date` over `pubDate`).
 */
export const FIELD_ALIASES = {
  date: ['date', 'pubDate', 'pubDatetime', 'publishDate', 'published', 'created'],
  updated: ['updated', 'updatedDate', 'lastmod', 'modified', 'modDatetime', 'last-modified'],
  description: ['description', 'summary', 'excerpt'],
  image: ['image', 'cover', 'heroImage', 'coverImage', 'ogImage'],
  /** AstroPaper's `featured`, Hexo's and WordPress exports' `sticky`. */
  pinned: ['pinned', 'featured', 'sticky'],
  /** Blowfish (Hugo) writes `series_order`. */
  seriesOrder: ['seriesOrder', 'series_order'],
} as const;

/** Keys whose values are merged into `tags`. */
export const TAG_KEYS = ['tags', 'tag', 'categories', 'category'] as const;

/** Every key that can hold a date, for recovering datetimes YAML would shift to UTC. */
export const DATE_KEYS: readonly string[] = [...FIELD_ALIASES.date, ...FIELD_ALIASES.updated];

/**
 * What the content loader derives from a post's body (the start of its text, its reading
 * time), stored with the data so the raw body need not be kept in the content store.
 */
export const DERIVED_KEY = '__folio';
export interface DerivedText {
  /** The first LEAD_LENGTH characters of the body's plain text. */
  lead: string;
  readingMinutes: number;
  /** Template syntax of another engine left as written (one line), repeated by every build. */
  syntaxWarning?: string | undefined;
  /** The file's path in its git repository (for "Edit this post"). */
  repoPath?: string | undefined;
  /** The body may hold callouts (src/lib/callouts.ts): its page links their stylesheet. */
  callouts?: boolean | undefined;
  /** Whether its code blocks need the code-block stylesheet (usesCodeExtras in src/lib/code-meta.ts). */
  codeExtras?: boolean | undefined;
}
/** Longer than any excerpt (excerptLength is at most 1000). */
export const LEAD_LENGTH = 1200;

/** A value with the key the author wrote it under, so messages can name that key. */
interface Sourced {
  readonly [SOURCE]: string;
  readonly value: unknown;
}
const SOURCE = Symbol('folio.sourceKey');

const sourced = (key: string, value: unknown): Sourced => ({ [SOURCE]: key, value });

function unwrap(input: unknown, fallbackKey: string): { key: string; value: unknown } {
  if (input && typeof input === 'object' && SOURCE in input) {
    const s = input as Sourced;
    return { key: s[SOURCE], value: s.value };
  }
  return { key: fallbackKey, value: input };
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * Messages do not start with the field: Astro's error and check:content put the field
 * first. A value read under another engine's name says so (`date` written as `pubDate`).
 */
const writtenAs = (key: string, field: string) => (key === field ? '' : ` (written as \`${key}\`)`);

/** Maps other engines' frontmatter onto Folio's field names. Unknown keys are dropped. */
export function normaliseFrontmatter(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const data = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};

  if ('title' in data) out['title'] = data['title'];

  const pick = (field: keyof typeof FIELD_ALIASES, accept: (v: unknown) => boolean = present) => {
    for (const key of FIELD_ALIASES[field]) {
      // Obsidian's properties editor writes a date as a list of one (`date:` then `- 2025-03-23`).
      const value = Array.isArray(data[key]) && data[key].length === 1 ? (data[key] as unknown[])[0] : data[key];
      if (key in data && accept(value)) {
        out[field] = sourced(key, value);
        return;
      }
    }
  };
  // `published` is a date in some engines and a boolean (Jekyll) in others.
  pick('date', (v) => present(v) && typeof v !== 'boolean');
  pick('updated');
  pick('description');
  pick('pinned', (v) => v !== undefined && v !== null);
  pick('seriesOrder');
  if ('series' in data) out['series'] = data['series'];

  const imageKey = FIELD_ALIASES.image.find((key) => present(data[key]));
  if (imageKey) {
    const value = data[imageKey];
    // `{ src, alt }` (Astro themes), `{ image, alt }` (Hugo's PaperMod `cover`).
    if (value && typeof value === 'object' && !Array.isArray(value) && ('src' in value || 'image' in value)) {
      const obj = value as { src?: unknown; image?: unknown; alt?: unknown };
      out['image'] = 'src' in obj ? obj.src : obj.image;
      if (typeof obj.alt === 'string') out['imageAlt'] = obj.alt;
    } else {
      out['image'] = value;
    }
  }
  for (const key of ['imageAlt', 'coverAlt', 'heroImageAlt']) {
    if (typeof data[key] === 'string' && out['imageAlt'] === undefined) out['imageAlt'] = data[key];
  }

  const tagSources = TAG_KEYS.filter((key) => key in data && data[key] !== null && data[key] !== undefined);
  if (tagSources.length === 1) out['tags'] = sourced(tagSources[0]!, data[tagSources[0]!]);
  else if (tagSources.length > 1) out['tags'] = tagSources.map((key) => sourced(key, data[key]));

  // Categories also stay apart from tags, as Jekyll reads them: they are part of its URLs.
  if ('categories' in data || 'category' in data) out['categories'] = { categories: data['categories'], category: data['category'] };

  // Eleventy writes no file for `permalink: false`: the post is not published, whatever else it says.
  if (data['permalink'] === false) out['draft'] = sourced('permalink', true);
  else if ('draft' in data && data['draft'] !== null && data['draft'] !== undefined) out['draft'] = sourced('draft', data['draft']);
  else if (data['published'] === false) out['draft'] = sourced('published', true);
  else if (data['publish'] === false) out['draft'] = sourced('publish', true);

  // `author` (Hugo, Jekyll: one, or a list) and `authors`: ids in the authors collection.
  const authorSources = (['authors', 'author'] as const).filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '');
  if (authorSources.length > 0) out['authors'] = authorSources.flatMap((key) => (Array.isArray(data[key]) ? (data[key] as unknown[]) : [data[key]]));

  for (const key of ['slug', 'aliases', 'permalink', 'url', 'toc', DERIVED_KEY] as const) if (key in data) out[key] = data[key];
  if (!('aliases' in data) && 'alias' in data) out['aliases'] = data['alias'];
  return out;
}

/** Short, readable rendering of a bad value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return `an object (${JSON.stringify(value).slice(0, 60)})`;
  // All a frontmatter value can be after the checks above: a number, a boolean or a bigint.
  const primitive = value as number | boolean | bigint;
  return String(primitive);
}

type Ctx = z.core.$RefinementCtx<unknown>;
const fail = (ctx: Ctx, message: string, input: unknown) => {
  ctx.addIssue({ code: 'custom', message, input });
  return z.NEVER;
};

/** A date field; `required` decides whether an absent value is an error or undefined. */
const dateField = <R extends boolean>(name: string, required: R) =>
  z
    .unknown()
    .optional()
    .transform((input, ctx): R extends true ? DateParts : DateParts | undefined => {
      type Out = R extends true ? DateParts : DateParts | undefined;
      const { key, value } = unwrap(input, name);
      const absent = !present(value);
      if (absent && !required) return undefined as Out;
      const parts = absent ? undefined : parseDateParts(value);
      if (parts) return parts;
      return fail(
        ctx,
        absent
          ? `is required (add a line such as \`${key}: 2024-03-03\` to the frontmatter)`
          : `expected a real date such as 2024-03-03 or 2024-03-03T09:30:00+01:00, found ${describeValue(value)}${writtenAs(key, name)}`,
        value,
      );
    });

function readTags(key: string, value: unknown, ctx: Ctx): unknown[] | undefined {
  if (value === undefined || value === null) return [];
  // Jekyll writes categories as a space-separated string; everything else uses commas.
  if (typeof value === 'string') return !value.includes(',') && key.startsWith('categor') ? value.split(/\s+/) : value.split(',');
  if (Array.isArray(value)) return value as unknown[];
  fail(ctx, `expected a list of tags or a comma-separated string, found ${describeValue(value)}${writtenAs(key, 'tags')}`, value);
  return undefined;
}

/** Tags as lists or comma-separated strings, from one or more keys; trimmed, duplicates (ignoring case) removed. */
export const tagsField = z
  .unknown()
  .optional()
  .transform((input, ctx): string[] => {
    const sources = Array.isArray(input) && input.length > 0 && input.every((i) => i && typeof i === 'object' && SOURCE in i) ? input : [input];
    const seen = new Set<string>();
    const tags: string[] = [];
    for (const source of sources) {
      const { key, value } = unwrap(source, 'tags');
      const raw = readTags(key, value, ctx);
      if (!raw) return z.NEVER;
      for (const item of raw) {
        if (typeof item !== 'string' && typeof item !== 'number') {
          return fail(ctx, `each tag must be text, found ${describeValue(item)}${writtenAs(key, 'tags')}`, item);
        }
        const tag = String(item).normalize('NFC').trim().replace(/\s+/g, ' ');
        const k = tagKey(tag);
        if (tag === '' || seen.has(k)) continue;
        seen.add(k);
        tags.push(tag);
      }
    }
    return tags;
  });

const title = z
  .unknown()
  .optional()
  .transform((value, ctx): string => {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
    return fail(ctx, value === undefined ? 'is required (add a line such as `title: My post` to the frontmatter)' : `expected non-empty text, found ${describeValue(value)}`, value);
  });

const draft = z
  .unknown()
  .optional()
  .transform((input, ctx): boolean => {
    const { key, value } = unwrap(input, 'draft');
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    return fail(ctx, `expected true or false, found ${describeValue(value)}${writtenAs(key, 'draft')}`, value);
  });

const optionalText = (name: string) =>
  z
    .unknown()
    .optional()
    .transform((input, ctx): string | undefined => {
      const { key, value } = unwrap(input, name);
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string' && typeof value !== 'number') return fail(ctx, `expected text, found ${describeValue(value)}${writtenAs(key, name)}`, value);
      const text = String(value).trim();
      return text === '' ? undefined : text;
    });

/** A URL path segment (or segments) chosen by the author: `/posts/<slug>/`. */
const slug = z
  .unknown()
  .optional()
  .transform((value, ctx): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return fail(ctx, `expected text, found ${describeValue(value)}`, value);
    const clean = String(value)
      .trim()
      .replace(/^\/+|\/+$/g, '')
      .replace(/^posts\//, '');
    if (clean === '' || /(^|\/)\.\.?(\/|$)|[?#\\]/.test(clean)) {
      return fail(ctx, `expected a URL segment such as "my-post", found ${describeValue(value)}`, value);
    }
    return clean;
  });

const aliases = z
  .unknown()
  .optional()
  .transform((value, ctx): string[] => {
    if (value === undefined || value === null) return [];
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' && typeof a !== 'number')) {
      return fail(ctx, `expected a list of old paths or names, found ${describeValue(value)}`, value);
    }
    return list.map((a) => String(a).trim()).filter((a) => a !== '');
  });

/**
 * Categories as Jekyll reads them (its URLs are made of them); invalid values are reported
 * once, by the tags field, which reads the same keys.
 */
const categories = z
  .unknown()
  .optional()
  .transform((value): string[] => {
    const { categories: many, category: one } = (value ?? {}) as { categories?: unknown; category?: unknown };
    return jekyllCategories(many, one);
  });

/** A path the post had under another engine: site-relative, never a full URL. */
const oldPath = <F extends boolean>(name: 'permalink' | 'url', allowFalse: F) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx): (F extends true ? string | false : string) | undefined => {
      type Out = F extends true ? string | false : string;
      if (value === undefined || value === null || value === '') return undefined;
      if (value === false && allowFalse) return false as Out;
      const text = typeof value === 'string' ? value.trim() : undefined;
      if (text !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text === '' ? undefined : text;
      const example = name === 'permalink' ? '/2019/04/01/my-post.html, or false' : '/2019/04/my-post/';
      return fail(ctx, `expected a path on this site such as ${example}, found ${describeValue(value)}`, value);
    });

const toc = z
  .unknown()
  .optional()
  .transform((value, ctx): boolean | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return fail(ctx, `expected true or false, found ${describeValue(value)}`, value);
  });

/** `pinned: true` (or `featured`, `sticky`): shown first on the home page. Absent: undefined (not pinned). */
const pinned = z
  .unknown()
  .optional()
  .transform((input, ctx): boolean | undefined => {
    const { key, value } = unwrap(input, 'pinned');
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    return fail(ctx, `expected true or false, found ${describeValue(value)}${writtenAs(key, 'pinned')}`, value);
  });

/**
 * The series a post is part of: one name. Hugo writes its `series` taxonomy as a list, so a
 * list of one name is read as that name; more than one is an error (a post is in one series).
 */
const series = z
  .unknown()
  .optional()
  .transform((value, ctx): string | undefined => {
    if (value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (list.length > 1) return fail(ctx, `expected one series name, found ${describeValue(value)}`, value);
    const name: unknown = list[0];
    if (name === undefined || name === null) return undefined;
    if (typeof name !== 'string' && typeof name !== 'number') return fail(ctx, `expected a series name such as "Building a compiler", found ${describeValue(value)}`, value);
    const text = String(name).normalize('NFC').trim().replace(/\s+/g, ' ');
    return text === '' ? undefined : text;
  });

/** A part's place in its series (`seriesOrder: 2`): any number, smaller first. */
const seriesOrder = z
  .unknown()
  .optional()
  .transform((input, ctx): number | undefined => {
    const { key, value } = unwrap(input, 'seriesOrder');
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isFinite(number)) return number;
    return fail(ctx, `expected a number such as 2, found ${describeValue(value)}${writtenAs(key, 'seriesOrder')}`, value);
  });

const ABSOLUTE_URL = /^https?:\/\//i;
/** A path from the site's root (`/images/cover.png`): a file in public/, as the Astro starter's `heroImage` is. */
const SITE_PATH = /^\/(?!\/)/;

/**
 * What a cover image can be: an absolute URL or a path from the site's root (a file in
 * public/, used as is), or (in the real build) an optimised local image.
 */
export type CoverImage<L> = { kind: 'url'; src: string } | { kind: 'local'; image: L };

/**
 * Builds the post schema. `localImage` is Astro's `image()` helper in the real collection
 * (relative paths become optimised assets; a missing file fails with its path); tests and
 * `check:content` pass a schema that only checks the path.
 */
/** The cover image field as written: a trimmed path or URL, or undefined. */
const coverText = z
  .unknown()
  .optional()
  .transform((value, ctx): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return fail(ctx, `expected a path such as ./cover.jpg or an https:// URL, found ${describeValue(value)}`, value);
    return value.trim();
  });

/**
 * Every field but the cover image's resolution, built once: Astro calls the collection's
 * schema function once per entry (its image() helper is bound to the entry's folder), and
 * building and compiling a zod object schema for each of thousands of posts cost 20 times
 * what parsing with it does.
 */
let fields: ReturnType<typeof buildFields> | undefined;
function buildFields() {
  return z.preprocess(
    normaliseFrontmatter,
    z.object({
      title,
      date: dateField('date', true),
      updated: dateField('updated', false),
      description: optionalText('description'),
      tags: tagsField,
      draft,
      slug,
      aliases,
      categories,
      /** Jekyll and Eleventy: the path the post was published at (false: Eleventy wrote no file). */
      permalink: oldPath('permalink', true),
      /** Hugo: the path the post was published at. */
      url: oldPath('url', false),
      toc,
      /** Ids in the authors collection (src/content/authors/); without that collection, the site's author. */
      authors: z
        .array(
          z.unknown().transform((value, ctx): string => {
            // Hugo's author maps (`{ name: ... }`) are read by their name.
            const name = value && typeof value === 'object' && 'name' in value ? value.name : value;
            if (typeof name === 'string' && name.trim() !== '') return name.trim();
            return fail(ctx, `expected an author's id (the file name in src/content/authors/) or a list of them, found ${describeValue(value)}`, value);
          }),
        )
        .default([])
        .transform((ids) => [...new Set(ids)]),
      pinned,
      series,
      seriesOrder,
      image: coverText,
      imageAlt: optionalText('imageAlt'),
      [DERIVED_KEY]: z
        .object({
          lead: z.string(),
          readingMinutes: z.number(),
          syntaxWarning: z.string().optional(),
          repoPath: z.string().optional(),
          callouts: z.boolean().optional(),
          codeExtras: z.boolean().optional(),
        })
        .optional(),
    }),
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Astro types image() as an object schema; at run time it takes the path string
export function createPostSchema<L>(localImage: () => z.ZodType<L, any>) {
  // built only for a post that has a cover: most have none, and Astro makes a schema per post
  const coverSchema = () =>
    z.union([
      z.undefined(),
      z
        .string()
        .regex(ABSOLUTE_URL)
        .transform((src): CoverImage<L> => ({ kind: 'url', src })),
      // Protocol-relative (`//cdn.example.org/x.png`): the site is served over https.
      z
        .string()
        .regex(/^\/\/[^/]/)
        .transform((src): CoverImage<L> => ({ kind: 'url', src: `https:${src}` })),
      z
        .string()
        .regex(SITE_PATH)
        .transform((src): CoverImage<L> => ({ kind: 'url', src })),
      (localImage() as z.ZodType<L, string>).transform((img): CoverImage<L> => ({ kind: 'local', image: img })),
    ]);
  fields ??= buildFields();
  return fields.transform((data, ctx) => {
    if (data.image === undefined) return { ...data, image: undefined };
    const cover = coverSchema();
    type Parsed = z.ZodSafeParseResult<CoverImage<L> | undefined>;
    const finish = (parsed: Parsed) => {
      if (parsed.success) return { ...data, image: parsed.data };
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['image', ...issue.path] });
      return z.NEVER;
    };
    // Astro's image() resolves files asynchronously; URLs and absent covers need no wait.
    try {
      return finish(cover.safeParse(data.image));
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return cover.safeParseAsync(data.image).then(finish);
      throw error;
    }
  });
}

/** A stand-in for Astro's image() outside the build: accepts any relative path. */
export const pathOnlyImage = () => z.string().regex(/^(?!https?:)(?!\/)/i, 'expected a relative path');

/** The schema with local images kept as paths (unit tests, check:content). */
export const postSchema = createPostSchema(pathOnlyImage);

export type PostFrontmatter = z.infer<typeof postSchema>;
export type PostFrontmatterInput = z.input<typeof postSchema>;

/** Formats zod issues as "field: message" lines, as Astro prints them in a build. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
}

/** Fields pages share with posts (src/lib/schema/page.ts): one rule and one message for each. */
export { title as titleField, draft as draftField, optionalText as optionalTextField, toc as tocField, dateField };
