import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { plainText, readingMinutes } from '../lib/excerpt.ts';
import { EMBEDS_KEY, readPostEmbeds } from '../lib/embeds.ts';
import { bodyOf, recoverRawDates } from '../lib/frontmatter.ts';
import { postIdFromPath } from '../lib/ids.ts';
import { toPost } from '../lib/posts/post.ts';
import { validatePosts } from '../lib/posts/validate.ts';
import { DATE_KEYS, DERIVED_KEY, LEAD_LENGTH, type DerivedText, type PostFrontmatter } from '../lib/schema/post.ts';
import { siteConfig } from '../site.config.ts';
import { bodyFileOf, bodyStoreDir, createBodyStore, setActiveBodyStore, type RenderedLike } from './body-store.ts';
import { embedFilesChanged, embedProblemMessage, mdxImageProblems, takeRenderedEmbeds, type EmbedProblem } from './embeds.ts';
import { closeHighlightPool } from './highlight.ts';
import { resetWikiState, wikiState } from './markdown.ts';
import { isDevServer } from './mode.ts';
import { buildNow } from './now.ts';

/** Posts are Markdown or MDX; files and folders starting with "_" are kept out. */
export const POST_PATTERN = ['**/*.{md,mdx}', '!**/_*', '!**/_*/**'];

function assertNoProblems(filePath: string, problems: readonly EmbedProblem[]): void {
  if (problems.length === 0) return;
  const where = relative(process.cwd(), filePath);
  throw new Error(problems.map((p) => `${where}: ${embedProblemMessage(p)}`).join('\n'));
}

/**
 * Stores what rendering found the post embeds (src/build/embeds.ts) with its rendered
 * content, so a cached entry keeps it. A local file that is missing, or a copied one outside
 * the posts folder, stops the build here, during content sync, naming the post.
 */
function withEmbeds(rendered: RenderedLike, filePath: string, logger: { warn(message: string): void }): RenderedLike {
  const found = takeRenderedEmbeds(filePath);
  if (!found) return rendered;
  assertNoProblems(filePath, found.problems);
  for (const warning of found.warnings) logger.warn(warning);
  return { ...rendered, metadata: { ...rendered.metadata, [EMBEDS_KEY]: found.embeds } };
}

/**
 * Astro's glob loader, with these changes: ids come from the file path only (a `slug`
 * field changes the URL, not the id, so two posts can never silently share an id);
 * unquoted YAML datetimes are read as written, offset included, instead of as UTC Dates;
 * posts with wikilinks are re-rendered when their targets change, and posts whose files
 * beside them changed when those do; and each rendered post keeps what it embeds.
 */
export function postsLoader(base: string): Loader {
  // The raw body is not kept in the content store (it is large and inlined into the build's
  // bundle); what pages need from it is derived once, here, and stored with the data.
  const inner = glob({ base, pattern: POST_PATTERN, generateId: ({ entry }) => postIdFromPath(entry), retainBody: false });
  return {
    name: 'folio-posts',
    load: async (context) => {
      resetWikiState();
      const wiki = { includeDrafts: isDevServer(), now: buildNow() };
      // Rendered bodies live in files of their own (see body-store.ts), not in the store.
      const bodies = createBodyStore(bodyStoreDir(fileURLToPath(context.config.cacheDir)));
      setActiveBodyStore(bodies.dir);
      const root = fileURLToPath(context.config.root);
      const postsRoot = resolve(root, base);
      // An entry whose body file has gone, whose body is still inline or that has no record
      // of its embeds (both cached by an older Folio), or one of whose local files changed or
      // went missing, is dropped, so the glob loader renders it again.
      for (const entry of [...context.store.values()]) {
        if (!entry.rendered) continue;
        const embeds = readPostEmbeds(entry.rendered.metadata);
        if (entry.rendered.html || bodies.missing(entry.rendered) || !embeds || (await embedFilesChanged(embeds.files, postsRoot))) context.store.delete(entry.id);
      }
      const store: typeof context.store = new Proxy(context.store, {
        get(target, key) {
          if (key === 'set') {
            return (entry: Parameters<typeof target.set>[0]) => {
              if (!entry.rendered || !entry.filePath) return target.set(entry);
              const rendered = withEmbeds(entry.rendered as RenderedLike, resolve(root, entry.filePath), context.logger);
              return target.set({ ...entry, rendered: bodies.stash(rendered) as typeof entry.rendered });
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await inner.load({
        ...context,
        store,
        // A post with wikilinks is re-rendered when what its links can point to changes
        // (a title, slug, alias or publication), not only when its own text does.
        generateDigest: (data) =>
          typeof data === 'string' && data.includes('[[')
            ? context.generateDigest(`${data}\u0000wiki:${wikiState(wiki).fingerprint}`)
            : context.generateDigest(data),
        parseData: async (props) => {
          if (!props.filePath) return context.parseData(props);
          // Small files: one synchronous read costs less than a promise-based open, stat, read, close.
          const source = readFileSync(props.filePath, 'utf8');
          if (/\.mdx$/i.test(props.filePath)) assertNoProblems(props.filePath, mdxImageProblems(props.filePath, source));
          const text = plainText(bodyOf(source));
          const derived: DerivedText = { lead: text.slice(0, LEAD_LENGTH), readingMinutes: readingMinutes(text) };
          const data = { ...recoverRawDates(props.data, source, DATE_KEYS), [DERIVED_KEY]: derived };
          return context.parseData({ ...props, data: data as unknown as typeof props.data });
        },
      });
      // Rules across posts are checked here, during content sync, so a broken set of
      // posts stops the build before a single page is written.
      await closeHighlightPool();
      await bodies.flush();
      bodies.prune(new Set(context.store.values().flatMap((entry) => bodyFileOf(entry.rendered) ?? [])));
      const posts = context.store.values().map((entry) =>
        toPost({ id: entry.id, data: entry.data as PostFrontmatter, body: entry.body, filePath: entry.filePath }, siteConfig),
      );
      validatePosts(posts, wiki);
    },
  };
}
