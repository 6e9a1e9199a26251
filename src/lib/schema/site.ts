import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { isJekyllStyle, type LegacyUrls } from '../legacy-urls.ts';
import { remoteOrigin } from '../csp.ts';
import { STRING_KEYS, type Entry, type StringKey } from '../../i18n/index.ts';

/** Checks that a string is an IANA time zone this runtime knows. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([value]).length > 0;
  } catch {
    return false;
  }
}

/** Normalises a base path to "/" or "/segment/.../" (leading and trailing slash). */
export function normaliseBase(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

const FEED_LIMIT = 'expected a whole number of posts (at least 1), or false for every post';

const LEGACY_URLS_EXPECTED = `expected 'jekyll', { engine: 'jekyll', permalink: '/:title/' } or { engine: 'hugo', section: 'post' }`;

/**
 * Where the posts lived under the engine the blog moved from, so each keeps a redirect
 * there: 'jekyll' (its default `date` permalinks) or { engine: 'hugo', section } (Hugo's
 * default /<section>/<name>/).
 */
const legacyUrls = z
  // Typed for the author's config; checked below, with messages that name the setting.
  .custom<'jekyll' | { engine: 'jekyll'; permalink?: string } | { engine: 'hugo'; section: string }>()
  .optional()
  .transform((value: unknown, ctx): LegacyUrls | undefined => {
    if (value === undefined) return undefined;
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    };
    if (value === 'jekyll') return { engine: 'jekyll' };
    if (value && typeof value === 'object' && (value as { engine?: unknown }).engine === 'jekyll') {
      // The `permalink` of the site's _config.yml: a style (date, pretty, ordinal, none) or a pattern.
      const permalink = (value as { permalink?: unknown }).permalink;
      if (permalink === undefined) return { engine: 'jekyll' };
      if (typeof permalink !== 'string' || !(isJekyllStyle(permalink) || permalink.trim().startsWith('/'))) {
        return fail(
          `legacyUrls.permalink: expected the permalink of the site's _config.yml, a style (date, pretty, ordinal, none) or a pattern such as '/:title/', found ${JSON.stringify(permalink)}`,
        );
      }
      return { engine: 'jekyll', permalink: permalink.trim() };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || (value as { engine?: unknown }).engine !== 'hugo') {
      return fail(`legacyUrls: ${LEGACY_URLS_EXPECTED}, found ${JSON.stringify(value)}`);
    }
    const section = (value as { section?: unknown }).section;
    const clean = typeof section === 'string' ? section.trim().replace(/^\/+|\/+$/g, '') : '';
    if (clean === '' || /(^|\/)\.\.?(\/|$)|[?#\\]/.test(clean)) {
      return fail(`legacyUrls.section: expected the Hugo section folder the posts were in, such as 'post' or 'blog', found ${JSON.stringify(section)}`);
    }
    return { engine: 'hugo', section: clean };
  });

const text = (setting: string, what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, `${setting} must not be empty`);
const httpsUrl = (what: string) =>
  z.string({ error: `expected ${what}` }).refine((value) => {
    const result = remoteOrigin(value);
    return result.ok && !result.upgraded && /^https:\/\//i.test(value.trim());
  }, `expected ${what}, an https:// URL`);

/** giscus comments under each post (https://giscus.app: the values its configuration page gives). */
const giscus = z.strictObject({
  provider: z.literal('giscus'),
  repo: z.string({ error: 'expected the repository as "owner/name"' }).regex(/^[\w.-]+\/[\w.-]+$/, 'expected the repository as "owner/name"'),
  repoId: text('repoId', "the repository's id from giscus.app (data-repo-id)"),
  category: text('category', 'the Discussions category name (data-category)'),
  categoryId: text('categoryId', "the category's id from giscus.app (data-category-id)"),
  mapping: z.enum(['pathname', 'url', 'title', 'og:title'], { error: "expected 'pathname', 'url', 'title' or 'og:title'" }).optional(),
  theme: z
    .strictObject({ light: text('theme.light', 'a giscus theme name'), dark: text('theme.dark', 'a giscus theme name') }, { error: "expected { light: 'light', dark: 'dark_dimmed' }" })
    .optional(),
});

const analytics = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({ provider: z.literal('plausible'), domain: text('domain', "the site's domain as Plausible knows it"), src: httpsUrl("the script's URL").optional() }),
    z.strictObject({ provider: z.literal('umami'), websiteId: text('websiteId', 'the website id from Umami'), src: httpsUrl("the script's URL (Umami Cloud's or your instance's)") }),
    z.strictObject({
      provider: z.literal('goatcounter'),
      code: z.string({ error: 'expected your GoatCounter code' }).regex(/^[a-z0-9-]+$/i, 'expected your GoatCounter code (the name in code.goatcounter.com)'),
      src: httpsUrl("the script's URL").optional(),
    }),
  ],
  { error: "expected { provider: 'plausible', domain }, { provider: 'umami', websiteId, src } or { provider: 'goatcounter', code }" },
);

export const siteConfigSchema = z.object({
  title: z.string().trim().min(1, 'title must not be empty'),
  description: z.string().trim().default(''),
  author: z.string().trim().min(1, 'author must not be empty'),
  /** The public origin, e.g. https://example.org (no path: use `base` for that). */
  site: z.url({ protocol: /^https?$/, error: 'site must be an absolute http(s) URL' }).transform((value) => {
    const url = new URL(value);
    return url.origin;
  }),
  /** Path the site is served under, e.g. "/blog/". */
  base: z.string().default('/').transform(normaliseBase),
  /** BCP 47 language tag for <html lang> and the feed. */
  lang: z.string().default('en').refine(isLocale, { error: 'lang must be a BCP 47 language tag such as "en" or "fr-CA"' }),
  /** Locale used to format dates and numbers; defaults to `lang`. */
  locale: z
    .string()
    .optional()
    .refine((v) => v === undefined || isLocale(v), { error: 'locale must be a BCP 47 locale such as "en-GB"' }),
  /** IANA time zone used to read datetimes without an offset and to decide what is "today". */
  timeZone: z.string().default('UTC').refine(isTimeZone, { error: 'timeZone must be an IANA time zone such as "Europe/Paris" or "UTC"' }),
  postsPerPage: z.number().int().min(1).max(100).default(10),
  /** The site's image or logo (a path under public/, e.g. "/logo.png", or an absolute URL): feed image, JSON Feed icon. */
  image: z.string().trim().min(1).optional(),
  /**
   * The newest posts in the site's feeds (RSS, JSON Feed); `false` for every post. A reader
   * polls a feed for new posts, and a feed of every full post grows without bound.
   */
  feedLimit: z
    .union([z.number().int(FEED_LIMIT).min(1, FEED_LIMIT), z.literal(false)], { error: FEED_LIMIT })
    .default(50)
    .transform((value) => (value === false ? undefined : value)),
  /** Maximum number of posts in each tag's feed: a tag feed is for following new posts. */
  tagFeedLimit: z.number().int().min(1).default(20),
  /** Show a table of contents on posts with at least this many headings (0: only when `toc: true`). */
  tocMinHeadings: z.number().int().min(0).default(4),
  /** Related posts shown under each post (0 turns them off). */
  relatedPosts: z.number().int().min(0).max(20).default(3),
  /** Generate a 1200x630 social card for each post without a cover image. */
  ogImages: z.boolean().default(true),
  /** Posts per search index shard: a rebuild re-indexes only the shards whose posts changed. */
  searchShardPosts: z.number().int().min(1).default(2000),
  /**
   * Whether code blocks are in the search index. Prose is what readers search a blog for;
   * code was about a third of the indexing time and a large share of the index readers download.
   */
  searchCode: z.boolean().default(false),
  /**
   * A post's `updated` date, when its frontmatter has none, from the last commit that changed
   * its file (its file's time while it has uncommitted changes). Needs the full git history.
   */
  updatedFromGit: z.boolean().default(false),
  /**
   * Adds "Edit this post" to each post: this address with the post file's path in the
   * repository appended, e.g. https://github.com/owner/repo/edit/main/.
   */
  editUrl: z.url({ protocol: /^https?$/, error: 'editUrl must be an absolute http(s) URL such as https://github.com/owner/repo/edit/main/' }).optional(),
  /**
   * Number the lines of every code block. A block's own `showLineNumbers` turns them on where
   * this is off, `showLineNumbers=false` (or `linenos=false`) off where it is on.
   */
  lineNumbers: z.boolean().default(false),
  /** Length of automatic excerpts, in characters. */
  excerptLength: z.number().int().min(40).max(1000).default(160),
  /**
   * Single interface strings in place of the language's (src/i18n/): `{ 'nav.home': 'Start' }`,
   * or plural forms `{ 'tag.count': { one: '{n} note', other: '{n} notes' } }`.
   */
  strings: z
    .record(
      z.string(),
      z.union(
        [
          z.string(),
          z.object({ zero: z.string().optional(), one: z.string().optional(), two: z.string().optional(), few: z.string().optional(), many: z.string().optional(), other: z.string() }),
        ],
        {
          error: "expected a text, or plural forms such as { one: '{n} note', other: '{n} notes' }",
        },
      ),
    )
    .superRefine((strings, ctx) => {
      for (const message of unknownSettings(strings, STRING_KEYS)) ctx.addIssue({ code: 'custom', message: message.replace('unknown setting', 'unknown string'), path: [] });
    })
    .transform((strings) => strings as Partial<Record<StringKey, Entry>>)
    .optional(),
  /** Comments under each post (giscus), loaded when the reader scrolls near them. */
  comments: z.discriminatedUnion('provider', [giscus], { error: "expected { provider: 'giscus', repo, repoId, category, categoryId }" }).optional(),
  /** One analytics provider's script on every page. */
  analytics: analytics.optional(),
  /** Redirects from each post's URL under the engine the blog moved from (see legacyUrls above). */
  legacyUrls,
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.infer<typeof siteConfigSchema> & { locale: string };

export interface SiteEnv {
  SITE_URL?: string | undefined;
  BASE_PATH?: string | undefined;
}

/**
 * Validates the author's settings, applying SITE_URL and BASE_PATH overrides.
 * Throws an Error whose message names the config file and every bad field.
 */
export function parseSiteConfig(input: SiteConfigInput, env: SiteEnv = {}, source = 'src/site.config.ts'): SiteConfig {
  const merged: SiteConfigInput = { ...input };
  if (env.SITE_URL) merged.site = env.SITE_URL;
  if (env.BASE_PATH) merged.base = env.BASE_PATH;
  const result = siteConfigSchema.safeParse(merged);
  const unknown = unknownSettings(merged);
  if (result.success && unknown.length === 0) return { ...result.data, locale: result.data.locale ?? result.data.lang };
  const issues = result.success ? [] : result.error.issues;
  const lines = [
    ...unknown.map((message) => `  - ${message}`),
    ...issues.map((issue) => {
      const field = issue.path.join('.') || '(root)';
      // A misspelt key inside a provider's settings, named with the closest known key.
      if (issue.code === 'unrecognized_keys')
        return unknownSettings(Object.fromEntries(issue.keys.map((k) => [k, true])), knownKeysAt(issue.path, merged))
          .map((m) => `  - ${field}.${m}`)
          .join('\n');
      // Messages that name their own field (legacyUrls.section) are not prefixed twice.
      return issue.message.startsWith(`${field}:`) || issue.message.startsWith(`${field}.`) ? `  - ${issue.message}` : `  - ${field}: ${issue.message}`;
    }),
  ];
  throw new Error(`Invalid site configuration in ${source}:\n${lines.join('\n')}`);
}

/** The keys the settings object at `path` may have (a provider's own, by its `provider`). */
function knownKeysAt(path: PropertyKey[], input: unknown): string[] {
  const value = path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), input);
  const provider = (value as { provider?: unknown } | undefined)?.provider;
  const [top, sub] = path.map(String);
  if (top === 'comments' && sub === 'theme') return ['light', 'dark'];
  if (top === 'comments') return Object.keys(giscus.shape);
  if (top === 'analytics') return Object.keys(analytics.options.find((option) => option.shape.provider.value === provider)?.shape ?? { provider: true });
  return [];
}

/** Every setting the schema knows. */
export const SETTING_NAMES: readonly string[] = Object.keys(siteConfigSchema.shape);

/**
 * Settings the schema does not know, each with the closest known name: a typo
 * (`postPerPage`, `comment`) would otherwise be ignored without a word.
 */
export function unknownSettings(input: object, known: readonly string[] = SETTING_NAMES): string[] {
  return Object.keys(input)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const near = closest(
        key.toLowerCase(),
        known.map((name) => name.toLowerCase()),
      );
      const name = known.find((candidate) => candidate.toLowerCase() === near) ?? near;
      // A name at most a third different (at least 2 edits) is a typo of it; else list them all.
      const likely = distance(key.toLowerCase(), near) <= Math.max(2, Math.floor(name.length / 3));
      return likely ? `${key}: unknown setting; did you mean ${name}?` : `${key}: unknown setting; the settings are ${known.join(', ')}`;
    });
}
