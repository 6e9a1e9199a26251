import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import { readPostEmbeds } from '../lib/embeds.ts';
import { pageIdFromPath } from '../lib/ids.ts';
import { mayLinkInternally } from '../lib/links.ts';
import { assertPageRoutes } from '../lib/pages.ts';
import { readPageFile } from '../lib/post-file.ts';
import { siteConfig } from '../site.config.ts';
import { embedFilesChanged, mdxImageProblems } from '../markdown/embeds.ts';
import { assertNoProblems, everyExtension, POST_PATTERN, postError, withEmbeds, type EmbedsFolder } from './loader.ts';
import { wikiState } from '../markdown/markdown.ts';
import { isDevServer } from '../integrations/mode.ts';
import { buildNow } from '../integrations/now.ts';
import { renderKey } from './render-key.ts';
import { pageFiles } from './sources.ts';

/** Page files: what a post file may be (Markdown or MDX, no "_" or "." names, no templates), a root index.md included (it is refused by name). */
const PAGE_PATTERN = POST_PATTERN.filter((pattern) => !pattern.startsWith('!index.'));

/**
 * Pages of their own (src/content/pages, or the folder FOLIO_PAGES_DIR or sources.ts's
 * pagesDir names): Astro's glob loader, with
 * - ids from file paths (src/lib/ids.ts, pageIdFromPath), and a page at an address Folio
 *   keeps, or two pages at one address, stopping the build before anything is rendered
 *   (the posts loader checks the posts' redirects against them);
 * - the frontmatter read as posts' is (YAML or TOML, the same messages);
 * - the same Markdown pipeline as posts, files beside a page published as a post's are, and
 *   a page rendered again when Folio's code or the addresses its links may point to change.
 * Bodies stay in the content store (a site has a few pages, not thousands).
 */
export function pagesLoader(base: string | undefined): Loader {
  const inner =
    base === undefined
      ? undefined
      : glob({
          base,
          pattern: PAGE_PATTERN,
          generateId: ({ entry }) => pageIdFromPath(entry),
        });
  return {
    name: 'folio-pages',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const dir = base === undefined ? undefined : resolve(root, base);
      if (!inner || !dir || !existsSync(dir)) {
        context.store.clear();
        return;
      }
      assertPageRoutes(pageFiles(dir));
      const folder: EmbedsFolder = { dir, what: 'page' };
      // A cached page one of whose files beside it changed or went missing is read again.
      for (const entry of [...context.store.values()]) {
        const embeds = readPostEmbeds(entry.rendered?.metadata);
        if (embeds && (await embedFilesChanged(embeds.files, dir))) context.store.delete(entry.id);
      }
      const store: typeof context.store = new Proxy(context.store, {
        get(target, key) {
          if (key === 'set') {
            return (entry: Parameters<typeof target.set>[0]) => {
              if (!entry.rendered || !entry.filePath) return target.set(entry);
              const rendered = withEmbeds(entry.rendered, resolve(root, entry.filePath), context.logger, folder);
              return target.set({ ...entry, rendered: rendered });
            };
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const readEntry = (type: ContentEntryType): ContentEntryType => ({
        ...type,
        getEntryInfo({ contents, fileUrl }) {
          const read = readPageFile(contents);
          if (read.problems.length > 0) throw postError(fileURLToPath(fileUrl), read.problems.join('; '), Number(/at line (\d+)/.exec(read.problems[0] ?? '')?.[1] ?? 1));
          return { data: read.data, body: read.body.trim(), slug: '', rawData: '' };
        },
      });
      const entryTypes = new Map([...(context as LoaderContext & { entryTypes: Map<string, ContentEntryType> }).entryTypes].map(([ext, type]) => [ext, readEntry(type)] as const));
      everyExtension(entryTypes, entryTypes.get('.md'));
      // What a page's HTML depends on besides its file: Folio's code and settings, and every
      // address its links may point to (links to a post's old address are rewritten).
      const wiki = { includeDrafts: isDevServer(), now: buildNow() };
      const render = renderKey(root, fileURLToPath(context.config.srcDir), siteConfig);
      const host = new URL(siteConfig.site).hostname;
      await inner.load({
        ...context,
        store,
        entryTypes,
        generateDigest: (data) => {
          if (typeof data !== 'string') return context.generateDigest(data);
          const text = `${data}\u0000render:${render}`;
          return text.includes('[[') || mayLinkInternally(text, host) ? context.generateDigest(`${text}\u0000wiki:${wikiState(wiki).fingerprint}`) : context.generateDigest(text);
        },
        parseData: async (props) => {
          // An MDX page's relative images are checked from its text, as an MDX post's are.
          if (props.filePath && /\.mdx$/i.test(props.filePath)) {
            assertNoProblems(props.filePath, mdxImageProblems(props.filePath, readFileSync(props.filePath, 'utf8')), folder);
          }
          return context.parseData(props);
        },
      } as LoaderContext);
    },
  };
}
