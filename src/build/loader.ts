import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { plainText, readingMinutes } from '../lib/excerpt.ts';
import { bodyOf, localImageRefs, recoverRawDates } from '../lib/frontmatter.ts';
import { postIdFromPath } from '../lib/ids.ts';
import { redirectWarnings } from '../lib/legacy-urls.ts';
import { mayLinkInternally } from '../lib/links.ts';
import { toPost } from '../lib/posts/post.ts';
import { validatePosts } from '../lib/posts/validate.ts';
import { DATE_KEYS, DERIVED_KEY, LEAD_LENGTH, type DerivedText, type PostFrontmatter } from '../lib/schema/post.ts';
import { siteConfig } from '../site.config.ts';
import { bodyFileOf, bodyStoreDir, createBodyStore, setActiveBodyStore, type RenderedLike } from './body-store.ts';
import { closeHighlightPool } from './highlight.ts';
import { resetWikiState, wikiState } from './markdown.ts';
import { isDevServer } from './mode.ts';
import { buildNow } from './now.ts';

/** Posts are Markdown or MDX; files and folders starting with "_" are kept out. */
export const POST_PATTERN = ['**/*.{md,mdx}', '!**/_*', '!**/_*/**'];

/** Stops on a missing local image with the post's name (Astro's own error names only the image). */
function assertImagesExist(filePath: string, source: string): void {
  for (const ref of localImageRefs(source)) {
    if (!existsSync(resolve(dirname(filePath), ref))) {
      throw new Error(`${relative(process.cwd(), filePath)}: the image ${ref} does not exist next to the post. Fix the path or add the file.`);
    }
  }
}

/**
 * Astro's glob loader, with three changes: ids come from the file path only (a `slug`
 * field changes the URL, not the id, so two posts can never silently share an id), and
 * unquoted YAML datetimes are read as written, offset included, instead of as UTC Dates; and
 * posts with wikilinks or links to the site are re-rendered when their targets change.
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
      // An entry whose body file has gone, or whose body is still inline or whose data lacks
      // `categories` (both cached by an older Folio), is dropped, so the glob loader reads it again.
      for (const entry of [...context.store.values()]) {
        if (entry.rendered?.html || bodies.missing(entry.rendered) || !Array.isArray(entry.data['categories'])) context.store.delete(entry.id);
      }
      const host = new URL(siteConfig.site).hostname;
      const store: typeof context.store = new Proxy(context.store, {
        get(target, key) {
          if (key === 'set') {
            return (entry: Parameters<typeof target.set>[0]) =>
              target.set(entry.rendered ? { ...entry, rendered: bodies.stash(entry.rendered as RenderedLike) as typeof entry.rendered } : entry);
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await inner.load({
        ...context,
        store,
        // A post with wikilinks or links to the site is re-rendered when what its links can
        // point to changes (a title, slug, alias, old address or publication), not only when
        // its own text does.
        generateDigest: (data) =>
          typeof data === 'string' && (data.includes('[[') || mayLinkInternally(data, host))
            ? context.generateDigest(`${data}\u0000wiki:${wikiState(wiki).fingerprint}`)
            : context.generateDigest(data),
        parseData: async (props) => {
          if (!props.filePath) return context.parseData(props);
          // Small files: one synchronous read costs less than a promise-based open, stat, read, close.
          const source = readFileSync(props.filePath, 'utf8');
          assertImagesExist(props.filePath, source);
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
      for (const entry of context.store.values()) {
        for (const warning of redirectWarnings(entry.data as PostFrontmatter)) console.warn(`[folio] ${entry.filePath ?? entry.id}: ${warning}`);
      }
    },
  };
}
