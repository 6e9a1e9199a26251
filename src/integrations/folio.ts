import type { AstroIntegration } from 'astro';
import { satteri } from '@astrojs/markdown-satteri';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeCacheDamage } from '../integrations/cache-damage.ts';
import { restoreOutput, startSavingOutput } from '../integrations/output-mirror.ts';
import { HEADERS_LINE_LIMIT, headersFile } from '../integrations/csp.ts';
import { embedsQueue, takeEmbedsQueue, type EmbedsQueue } from '../integrations/embeds-queue.ts';
import { writeMedia } from '../integrations/media-write.ts';
import { releaseMemory } from '../integrations/memory.ts';
import { setAstroCommand } from '../integrations/mode.ts';
import { queuedOgCards, writeOgCards } from '../integrations/og-write.ts';
import { markdownPlugins } from '../markdown/markdown.ts';
import { markBuildStart, outputPath, pruneStaleOutput } from '../integrations/output-prune.ts';
import { indexSite } from '../integrations/search.ts';
import { forgetPageFacts, pageFactsUsed } from '../integrations/sitemap.ts';
import { buildNow } from '../integrations/now.ts';
import { describeAllowance, mergeAllowances, type CspAllowance } from '../lib/csp.ts';
import { MEDIA_DIR } from '../lib/urls.ts';
import { analyticsCsp, commentsCsp, mergeProviderCsp } from '../lib/providers.ts';
import { siteConfig } from '../site.config.ts';

/** The route of the redirect pages (src/pages/[...redirect].ts), whose files the search index skips. */
export const REDIRECT_ROUTE = '/[...redirect]';

/** Files the end of every build writes anew (headers, sitemaps): not worth a word when pruned. */
const writtenAgain = (file: string) => file === '_headers' || /^sitemap-(index|\d+)\.xml$/.test(file);
const listSome = (files: string[], shown = 5) => files.slice(0, shown).join(', ') + (files.length > shown ? `, and ${files.length - shown} more` : '');

/**
 * Folio's build wiring: two integrations, `build` first in the list and `finish` last.
 *
 * Whether drafts may be shown is decided by the command, not by NODE_ENV or Vite's mode:
 * only `astro dev` shows drafts and scheduled posts, so a stray NODE_ENV in the shell cannot
 * leak drafts into a production build. The same decision feeds the Markdown processor, so
 * wikilinks never point at unpublished posts.
 *
 * At the end of the build, `build` prunes the output folder, lists what each post's policy
 * allows, and starts the search index and the copying of the social cards and of the files
 * beside posts; the integrations after it (the sitemap) run meanwhile, since Astro runs
 * build:done hooks one after another; `finish` waits for them and writes the security
 * headers (their policy allows what any post allows).
 */
export function folio(): { build: AstroIntegration; finish: AstroIntegration } {
  let base = '/';
  let cacheDir = '';
  let outDir = '';
  let buildStarted = Number.NEGATIVE_INFINITY;
  /** What `build` started at the end of a build, for `finish`: the files it copies, and the search index. */
  let ending: { copied: Promise<unknown>; indexed: Promise<{ bundles: string[]; log: string; allow: CspAllowance; media: boolean }> } | undefined;
  const build: AstroIntegration = {
    name: 'folio',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const includeDrafts = command === 'dev';
        setAstroCommand(command);
        updateConfig({
          markdown: { processor: satteri(markdownPlugins({ includeDrafts, now: buildNow() })) },
          // The output folder is kept and pruned at the end instead (src/integrations/output-prune.ts).
          vite: { build: { emptyOutDir: false } },
        });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        cacheDir = fileURLToPath(config.cacheDir);
        outDir = fileURLToPath(config.outDir);
      },
      'astro:server:setup': ({ server }) => {
        // `astro dev` copies nothing: files beside posts are served from where they are, at
        // the URLs the posts point to (listed when the post route lists its pages).
        server.middlewares.use((req, res, next) => {
          let path: string;
          try {
            path = decodeURIComponent(new URL(req.url ?? '/', 'http://dev').pathname);
          } catch {
            return next();
          }
          const source = path.startsWith(`${base}${MEDIA_DIR}/`) ? embedsQueue().files.get(path.slice(base.length)) : undefined;
          if (!source) return next();
          createReadStream(source)
            .on('error', () => next())
            .pipe(res);
        });
      },
      'astro:build:start': ({ logger }) => {
        // A deploy on a fresh checkout restores the cache folder only: the last output is in it.
        const restored = restoreOutput(outDir, cacheDir);
        if (restored > 0) logger.info(`[output] put the last build's ${restored} files in place from the cache folder`);
        buildStarted = markBuildStart(cacheDir);
        forgetPageFacts();
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const folder = fileURLToPath(dir);
        // First, what this build did not produce goes (pages of deleted or drafted posts
        // among them), before the search index reads the post pages left in the folder.
        const keep = new Set(queuedOgCards());
        const embeds: EmbedsQueue = takeEmbedsQueue() ?? { files: new Map(), pages: new Map() };
        for (const path of embeds.files.keys()) keep.add(path);
        for (const urls of assets.values()) for (const url of urls) keep.add(outputPath(folder, fileURLToPath(url)));
        const stale = pruneStaleOutput(folder, { keep, since: buildStarted, keepUnder: ['pagefind/'] }).filter((file) => !writtenAgain(file));
        if (stale.length > 0) logger.info(`[output] removed ${stale.length} file${stale.length === 1 ? '' : 's'} an earlier build wrote and this one does not: ${listSome(stale)}`);
        // Pagefind works in a process of its own and the cards in worker threads: started
        // here, waited for by `finish`. The pages are written: the heap they filled goes back
        // to the system first, rather than Pagefind's memory coming on top of it.
        releaseMemory();
        const redirects = new Set((assets.get(REDIRECT_ROUTE) ?? []).map((url) => outputPath(folder, fileURLToPath(url))));
        const { promise: searchStarted, resolve: onStarted } = Promise.withResolvers<void>();
        const index = indexSite(folder, cacheDir, { perShard: siteConfig.searchShardPosts, searchCode: siteConfig.searchCode, skip: redirects, onStarted });
        const cards = writeOgCards(folder, logger, join(cacheDir, 'folio-og-copied.json'));
        const media = writeMedia(folder, embeds.files, join(cacheDir, 'folio-media-copied.json')).then(({ copied, unchanged }) => {
          if (copied + unchanged > 0) logger.info(`[media] copied ${copied} file${copied === 1 ? '' : 's'} from beside the posts, ${unchanged} unchanged`);
        });
        // What each post's policy allows beyond the site's, one line a post (also `npm run check:content -- --csp`).
        const pages = [...embeds.pages].sort(([a], [b]) => (a < b ? -1 : 1));
        for (const [page, allow] of pages) logger.info(`[csp] ${page}: ${describeAllowance(allow)}`);
        const copied = Promise.all([cards, media]);
        const indexed = index.then(({ pages: indexed, shards, reused, kept, bundles, ms }) => ({
          bundles,
          log: `[search] indexed ${indexed} posts in ${ms} ms (${shards} shard${shards === 1 ? '' : 's'}, ${reused} unchanged${kept > 0 ? `; ${kept} files kept from their last version` : ''})`,
          allow: mergeAllowances(embeds.pages.values()),
          media: embeds.files.size > 0,
        }));
        // reported by `finish`
        copied.catch(() => {});
        indexed.catch(() => {});
        ending = { copied, indexed };
        // The hooks after this one (the sitemap's) keep the main thread busy: Pagefind is
        // given its pages first (a few milliseconds), so that it reads them meanwhile, rather
        // than waiting for the main thread to take its first answer.
        await Promise.race([
          searchStarted,
          index.then(
            () => {},
            () => {},
          ),
        ]);
      },
    },
  };
  const finish: AstroIntegration = {
    name: 'folio-finish',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (!ending) return;
        const { copied, indexed } = ending;
        ending = undefined;
        // The output mirror (src/integrations/output-mirror.ts) takes the output in two steps:
        // all of it but the search index and the headers while Pagefind still works, then those.
        await copied;
        const output = fileURLToPath(dir);
        const saveRest = startSavingOutput(output, cacheDir, ['pagefind', '_headers']);
        const { bundles, log, allow, media } = await indexed;
        const providers = mergeProviderCsp(commentsCsp(siteConfig.comments), analyticsCsp(siteConfig.analytics));
        const headers = headersFile(base, { searchBundles: bundles, allow, media, providers });
        writeFileSync(join(output, '_headers'), headers);
        logger.info(log);
        const facts = pageFactsUsed();
        if (facts.told + facts.read > 0) logger.info(`[sitemap] ${facts.told} pages as their layout rendered them, ${facts.read} read back from the output folder`);
        const long = headers.split('\n').find((line) => line.length > HEADERS_LINE_LIMIT);
        if (long)
          logger.warn(
            `[csp] _headers: the site-wide policy is ${long.length} characters long (posts embed many origins or inline scripts), more than the ${HEADERS_LINE_LIMIT} characters Cloudflare Pages reads in a line`,
          );
        const damage = takeCacheDamage();
        if (damage) logger.warn(`[cache] ${damage}`);
        saveRest();
      },
    },
  };
  return { build, finish };
}
