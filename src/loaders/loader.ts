import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import { mayContainCallouts } from '../lib/callouts.ts';
import { plainText, readingMinutes, withoutCode } from '../lib/excerpt.ts';
import { usesCodeExtras } from '../lib/code-meta.ts';
import { EMBEDS_KEY, readPostEmbeds, type EmbedFile, type PostEmbeds } from '../lib/embeds.ts';
import { NO_ALLOWANCE } from '../lib/csp.ts';
import { MEDIA_DIR } from '../lib/urls.ts';
import { FIELD_ALIASES } from '../lib/schema/post.ts';
import { stripTemplateSyntax } from '../lib/engine-syntax/index.ts';
import { splitFrontmatter } from '../lib/frontmatter.ts';
import { assignPostIds, MARKDOWN_EXTENSIONS, POST_EXTENSIONS, postIdFromPath, TEMPLATE_FOLDERS } from '../lib/ids.ts';
import { redirectWarnings } from '../lib/legacy-urls.ts';
import { mayLinkInternally } from '../lib/links.ts';
import { readPostFile } from '../lib/post-file.ts';
import { toPost } from '../lib/posts/post.ts';
import { findIdClashes } from '../lib/posts/unique.ts';
import { assertPageRoutes } from '../lib/pages.ts';
import { validatePosts } from '../lib/posts/validate.ts';
import { DERIVED_KEY, LEAD_LENGTH, type DerivedText, type PostFrontmatter } from '../lib/schema/post.ts';
import { siteConfig } from '../site.config.ts';
import { bodyFileOf, bodyStoreDir, createBodyStore, setActiveBodyStore, type RenderedLike } from './body-store.ts';
import { embedFilesChanged, embedProblemMessage, fileHash, mdxImageProblems, takeRenderedEmbeds, type EmbedProblem } from '../markdown/embeds.ts';
import { convertPostBody, describeSyntaxWarnings } from '../markdown/engine-body.ts';
import { resetFileDates, sharedFileDates } from './file-dates.ts';
import { repositoryPath } from './repository.ts';
import { releaseHighlighter } from '../markdown/highlight.ts';
import { drawCardsEarly } from './early-cards.ts';
import { publishedSources } from './published.ts';
import { coverProblem, svgCoverToCopy } from './local-files.ts';
import { renderKey } from './render-key.ts';
import { resetWikiState, wikiState } from '../markdown/markdown.ts';
import { isDevServer } from '../integrations/mode.ts';
import { buildNow } from '../integrations/now.ts';
import { frontNoteMessage, frontNotes, listPostFiles, pageFiles, pagesDir } from './sources.ts';

const EXTENSIONS = POST_EXTENSIONS.map((ext) => ext.slice(1));
/**
 * Markdown (`.md`, Jekyll's `.markdown` and its kin) and MDX, in lower or upper case; files
 * and folders starting with "_" or "." are kept out (the glob skips dot folders itself), and
 * so are `templates` folders and a root `index.md` (a vault's front note: see sources.ts).
 */
export const POST_PATTERN = [
  `**/*.{${[...EXTENSIONS, ...EXTENSIONS.map((e) => e.toUpperCase())].join(',')}}`,
  '!**/_*',
  '!**/_*/**',
  ...TEMPLATE_FOLDERS.map((folder) => `!**/${folder}/**`),
  `!index.{${EXTENSIONS.join(',')}}`,
];

/**
 * An error in a post, as Astro shows it: the file and line (with a code frame), and a hint.
 * (Astro guesses a hint from the message otherwise, and any message with "document" in it
 * got one about browser APIs.)
 */
export function postError(filePath: string, message: string, line = 1): Error {
  const error = new Error(`${relative(process.cwd(), filePath)}: ${message}`) as Error & { loc?: object; hint?: string };
  error.loc = { file: filePath, line, column: 1 };
  error.hint = '`npm run check:content` lists every problem in every post at once, without building.';
  return error;
}

/** Where a file's embeds are looked for: the posts folder, or (for a page) the pages folder. */
export interface EmbedsFolder {
  dir: string;
  what: 'post' | 'page';
}

export function assertNoProblems(filePath: string, problems: readonly EmbedProblem[], folder?: EmbedsFolder): void {
  if (problems.length === 0) return;
  throw postError(filePath, problems.map((p) => (folder ? embedProblemMessage(p, folder.dir, folder.what) : embedProblemMessage(p))).join(`\n${relative(process.cwd(), filePath)}: `));
}

/**
 * Stores what rendering found the post embeds (src/markdown/embeds.ts) with its rendered
 * content, so a cached entry keeps it. A local file that is missing, or a copied one outside
 * the posts folder, stops the build here, during content sync, naming the post.
 */
export function withEmbeds(rendered: RenderedLike, filePath: string, logger: { warn(message: string): void }, folder?: EmbedsFolder): RenderedLike {
  const found = takeRenderedEmbeds(filePath);
  if (!found) return rendered;
  assertNoProblems(filePath, found.problems, folder);
  for (const warning of found.warnings) logger.warn(warning);
  return { ...rendered, metadata: { ...rendered.metadata, [EMBEDS_KEY]: found.embeds } };
}

const posix = (path: string) => path.split(sep).join('/');

/** The frontmatter with its cover (under whichever field the post names it) at `src`. */
function withCover(data: Record<string, unknown>, src: string): Record<string, unknown> {
  const key = FIELD_ALIASES.image.find((k) => data[k] !== undefined && data[k] !== null && data[k] !== '');
  if (!key) return data;
  const value = data[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return { ...data, [key]: { ...value, ...('src' in value ? { src } : { image: src }) } };
  return { ...data, [key]: src };
}

/** A rendered entry's files, with the cover copied as it is (withCover) among them. */
function withCopiedCover(rendered: RenderedLike, cover: EmbedFile | undefined): RenderedLike {
  if (!cover) return rendered;
  const embeds: PostEmbeds = readPostEmbeds(rendered.metadata) ?? { allow: NO_ALLOWANCE, files: [] };
  const files = [...embeds.files.filter((f) => f.path !== cover.path), cover];
  return { ...rendered, metadata: { ...rendered.metadata, [EMBEDS_KEY]: { ...embeds, files } } };
}

/** What makes a post's page depend on other posts or files: wikilinks and embeds, Jekyll's and Hugo's links to posts. */
const REFERENCES = /\[\[|\{%-?\s*(?:post_url|link)\b|\{\{[<%]\s*(?:rel)?ref\b/;

/**
 * Astro's entry types by every extension Folio reads (`.markdown`, `.MD`, `.MDX`, ...), with
 * `markdown` (Astro's `.md` type, or a wrapper of it) for each Markdown one.
 */
export function everyExtension(entryTypes: Map<string, ContentEntryType>, markdown: ContentEntryType | undefined): void {
  if (markdown) for (const ext of MARKDOWN_EXTENSIONS) for (const e of [ext, ext.toUpperCase()]) entryTypes.set(e, markdown);
  const mdx = entryTypes.get('.mdx');
  if (mdx) entryTypes.set('.MDX', mdx);
}

/**
 * Astro's glob loader, with Folio's reading of post files:
 * - every post file is read by src/lib/post-file.ts (the reader `check:content` uses too):
 *   YAML or TOML frontmatter or none, unquoted YAML datetimes as written (offset included,
 *   never shifted to UTC), and the date and title other engines take from the file name, the
 *   first heading or git;
 * - ids come from file paths only (src/lib/ids.ts: Jekyll's date prefix dropped, clashes
 *   resolved by one rule); a `slug` field changes the URL, not the id, so two posts can
 *   never silently share an id;
 * - posts with wikilinks, links to the site and other engines' links are re-rendered when
 *   their targets change, and posts whose files beside them changed when those do; each
 *   rendered post keeps what it embeds (src/markdown/embeds.ts).
 */
export function postsLoader(base: string): Loader {
  let ids = new Map<string, string>();
  // The raw body is not kept in the content store (it is large and inlined into the build's
  // bundle); what pages need from it is derived once, here, and stored with the data.
  const inner = glob({
    base,
    pattern: POST_PATTERN,
    generateId: ({ entry }) => ids.get(entry) ?? postIdFromPath(entry),
    retainBody: false,
  });
  return {
    name: 'folio-posts',
    load: async (context) => {
      resetWikiState();
      resetFileDates();
      const dir = resolve(fileURLToPath(context.config.root), base);
      const entries = existsSync(dir) ? listPostFiles(dir) : [];
      ids = assignPostIds(entries);
      // Two files with one id would be one entry in the store, the other lost without a word.
      const [clash] = findIdClashes(ids, (entry) => posix(relative(process.cwd(), resolve(dir, entry))));
      if (clash) throw clash;
      for (const note of existsSync(dir) ? frontNotes(dir) : []) {
        context.logger.info(frontNoteMessage(dir, note));
      }
      const fileDates = sharedFileDates(dir, siteConfig.timeZone, fileURLToPath(context.config.cacheDir));
      const wiki = { includeDrafts: isDevServer(), now: buildNow() };
      // A build that starts with nothing stored (a cold one) has every card to draw: they
      // start now, beside content sync (early-cards.ts). A warm one finds its cards cached.
      if (context.store.keys().length === 0) {
        try {
          drawCardsEarly(publishedSources(wiki, dir).map(({ post }) => post));
        } catch {
          // the posts' own errors are reported by content sync itself
        }
      }
      const fallbackUpdated = siteConfig.updatedFromGit ? fileDates.updated : undefined;
      // Posts dated by git or the file's time: the date is mixed into the digest, so a cached
      // entry is read again when it changes without the file changing.
      const filledDates = new Map<string, string>();
      // Rendered bodies live in files of their own (see body-store.ts), not in the store.
      const bodies = createBodyStore(bodyStoreDir(fileURLToPath(context.config.cacheDir)));
      setActiveBodyStore(bodies.dir);
      const root = fileURLToPath(context.config.root);
      // An entry whose body file has gone, whose body is still inline, that has no record of
      // its embeds or whose data lacks `categories` (all cached by an older Folio), or one of
      // whose local files changed or went missing, is dropped, so the glob loader reads it again.
      for (const entry of [...context.store.values()]) {
        if (!Array.isArray(entry.data['categories'])) {
          context.store.delete(entry.id);
          continue;
        }
        if (!entry.rendered) continue;
        const embeds = readPostEmbeds(entry.rendered.metadata);
        if (entry.rendered.html || bodies.missing(entry.rendered) || !embeds || (await embedFilesChanged(embeds.files, dir))) context.store.delete(entry.id);
      }
      const host = new URL(siteConfig.site).hostname;
      // Folio's code, the settings and the renderers' versions: a change renders every post again.
      const render = renderKey(root, fileURLToPath(context.config.srcDir), siteConfig);
      // SVG covers copied as they are, by post file (see parseData), added to the post's files.
      const copiedCovers = new Map<string, EmbedFile>();
      const store: typeof context.store = new Proxy(context.store, {
        get(target, key) {
          if (key === 'set') {
            return (entry: Parameters<typeof target.set>[0]) => {
              if (!entry.rendered || !entry.filePath) return target.set(entry);
              const rendered = withCopiedCover(withEmbeds(entry.rendered, resolve(root, entry.filePath), context.logger), copiedCovers.get(resolve(root, entry.filePath)));
              return target.set({ ...entry, rendered: bodies.stash(rendered) });
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (value.bind(target) as unknown) : value;
        },
      });
      const readEntry = (type: ContentEntryType): ContentEntryType => ({
        ...type,
        getEntryInfo({ contents, fileUrl }) {
          const path = fileURLToPath(fileUrl);
          const read = readPostFile(posix(relative(dir, path)), contents, fileDates.date, fallbackUpdated);
          if (read.problems.length > 0) throw postError(path, read.problems.join('; '), Number(/at line (\d+)/.exec(read.problems[0] ?? '')?.[1] ?? 1));
          const filled = [
            read.filled.date === 'git history' || read.filled.date === 'file time' ? `date:${String(read.data['date'])}` : '',
            read.filled.updated ? `updated:${String(read.data['updated'])}` : '',
          ].filter(Boolean);
          if (filled.length > 0) filledDates.set(contents, filled.join('\u0000'));
          return { data: read.data, body: read.body.trim(), slug: typeof read.data['slug'] === 'string' ? read.data['slug'] : '', rawData: '' };
        },
      });
      // Markdown bodies as converted by parseData, rendered next (the glob loader parses, then renders).
      const convertedBodies = new Map<string, string>();
      const renderConverted = (type: ContentEntryType): ContentEntryType => ({
        ...type,
        getRenderFunction: async (config) => {
          const render = await type.getRenderFunction!(config);
          return (entry) => {
            const body = entry.filePath ? convertedBodies.get(entry.filePath) : undefined;
            if (body === undefined) return render(entry);
            convertedBodies.delete(entry.filePath!);
            return render({ ...entry, body });
          };
        },
      });
      const entryTypes = new Map([...(context as LoaderContext & { entryTypes: Map<string, ContentEntryType> }).entryTypes].map(([ext, type]) => [ext, readEntry(type)] as const));
      const plainMarkdown = entryTypes.get('.md');
      everyExtension(entryTypes, plainMarkdown?.getRenderFunction ? renderConverted(plainMarkdown) : plainMarkdown);
      await inner.load({
        ...context,
        store,
        entryTypes,
        // A post with wikilinks or links to the site is re-rendered when what its links can
        // point to changes (a title, slug, alias, old address or publication), not only when
        // its own text does.
        generateDigest: (data) => {
          if (typeof data !== 'string') return context.generateDigest(data);
          const filled = filledDates.get(data);
          const text = `${filled === undefined ? data : `${data}\u0000${filled}`}\u0000render:${render}`;
          // Template tags name other posts and files too (`{% post_url %}`, `![[diagram.png]]`).
          return REFERENCES.test(text) || mayLinkInternally(text, host) ? context.generateDigest(`${text}\u0000wiki:${wikiState(wiki).fingerprint}`) : context.generateDigest(text);
        },
        parseData: async (props) => {
          if (!props.filePath) return context.parseData(props);
          // Small files: one synchronous read costs less than a promise-based open, stat, read, close.
          const source = readFileSync(props.filePath, 'utf8');
          const split = splitFrontmatter(source);
          let body = split.body;
          let syntaxWarning: string | undefined;
          if (!/\.mdx$/i.test(props.filePath)) {
            // Other engines' template syntax, converted once here for the text and kept for the render.
            const converted = convertPostBody(posix(relative(dir, props.filePath)), body, wikiState(wiki));
            body = converted.body;
            if (converted.body === split.body) convertedBodies.delete(props.filePath);
            else convertedBodies.set(props.filePath, body);
            syntaxWarning = describeSyntaxWarnings(converted.warnings, split.bodyOffset);
          }
          // Astro's own error for a missing image (or an SVG of no size) names only the image. (The
          // body's files are checked as it renders, by the embeds plugin; an MDX body's images here.)
          const cover = await coverProblem(props.filePath, props.data);
          if (cover) throw postError(props.filePath, cover);
          // An SVG cover Astro cannot size is published as it is: copied with the post's files,
          // its address the cover (src/lib/images.ts: the generated card is then the social image).
          let data = props.data;
          const svg = await svgCoverToCopy(props.filePath, props.data);
          if (svg) {
            const path = posix(relative(dir, svg.file));
            if (path.startsWith('../'))
              throw postError(
                props.filePath,
                `the cover image ${svg.ref} is an SVG whose size cannot be read, outside the posts folder: move it beside the post, or give its <svg> element a width and height.`,
              );
            const stat = statSync(svg.file);
            const copied: EmbedFile = { path, hash: await fileHash(svg.file, stat), copy: true, size: stat.size, mtimeMs: stat.mtimeMs };
            copiedCovers.set(resolve(props.filePath), copied);
            data = withCover(props.data, `/${MEDIA_DIR}/${copied.hash}/${encodeURIComponent(basename(path))}`) as typeof props.data;
          }
          if (/\.mdx$/i.test(props.filePath)) assertNoProblems(props.filePath, mdxImageProblems(props.filePath, source));
          const text = plainText(stripTemplateSyntax(body));
          // Callouts shown only in code are none (the first test is the cheap one).
          const callouts = mayContainCallouts(body) && mayContainCallouts(withoutCode(body));
          const derived: DerivedText = {
            lead: text.slice(0, LEAD_LENGTH),
            readingMinutes: readingMinutes(text),
            ...(syntaxWarning ? { syntaxWarning } : {}),
            repoPath: repositoryPath(resolve(root, props.filePath), root),
            ...(callouts ? { callouts } : {}),
            ...(usesCodeExtras(body, siteConfig) ? { codeExtras: true } : {}),
          };
          return context.parseData({ ...props, data: { ...data, [DERIVED_KEY]: derived } });
        },
      } as LoaderContext);
      // Rules across posts are checked here, during content sync, so a broken set of
      // posts stops the build before a single page is written.
      releaseHighlighter();
      await bodies.flush();
      bodies.prune(new Set(context.store.values().flatMap((entry) => bodyFileOf(entry.rendered) ?? [])));
      const summary = fileDates.summary();
      if (summary) context.logger.info(summary);
      const updatedWarning = fileDates.updatedWarning();
      if (updatedWarning) context.logger.warn(updatedWarning);
      // Files are named from the current directory, as in every other message and in
      // check:content (Astro's filePath is from the project root, which a build may not run in).
      const shown = (filePath: string | undefined) => (filePath === undefined ? undefined : posix(relative(process.cwd(), resolve(root, filePath))));
      // Said at every build, cached entries included, until the post is fixed.
      for (const entry of context.store.values()) {
        const warning = (entry.data[DERIVED_KEY] as DerivedText | undefined)?.syntaxWarning;
        if (warning && entry.filePath) context.logger.warn(`${shown(entry.filePath)}: ${warning}`);
      }
      const posts = context.store.values().map((entry) => toPost({ id: entry.id, data: entry.data as PostFrontmatter, body: entry.body, filePath: shown(entry.filePath) }, siteConfig));
      validatePosts(posts, wiki);
      // Pages of their own may not take an old address a post keeps (nor one of Folio's, nor
      // another page's): checked here, where every post's redirects are known.
      assertPageRoutes(pageFiles(pagesDir()), posts);
      for (const entry of context.store.values()) {
        for (const warning of redirectWarnings(entry.data)) context.logger.warn(`${shown(entry.filePath) ?? entry.id}: ${warning}`);
      }
    },
  };
}
