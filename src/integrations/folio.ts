import type { AstroIntegration } from 'astro';
import { satteri } from '@astrojs/markdown-satteri';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile } from '../build/csp.ts';
import { setDevServer } from '../build/mode.ts';
import { queuedOgCards, writeOgCards } from '../build/og-write.ts';
import { markdownPlugins } from '../build/markdown.ts';
import { markBuildStart, outputPath, pruneStaleOutput } from '../build/output-prune.ts';
import { indexSite } from '../build/search.ts';
import { buildNow } from '../build/now.ts';
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
 * At the end of the build, `build` prunes the output folder and starts the search index and
 * the copying of the social cards; the integrations after it (the sitemap) run meanwhile,
 * since Astro runs build:done hooks one after another; `finish` waits for both and writes
 * the security headers.
 */
export function folio(): { build: AstroIntegration; finish: AstroIntegration } {
  let base = '/';
  let cacheDir = '';
  let buildStarted = Number.NEGATIVE_INFINITY;
  let ending: Promise<{ bundles: string[]; log: string }> | undefined;
  const build: AstroIntegration = {
    name: 'folio',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const includeDrafts = command === 'dev';
        setDevServer(includeDrafts);
        updateConfig({
          markdown: { processor: satteri(markdownPlugins({ includeDrafts, now: buildNow() })) },
          // The output folder is kept and pruned at the end instead (src/build/output-prune.ts).
          vite: { build: { emptyOutDir: false } },
        });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': () => {
        buildStarted = markBuildStart(cacheDir);
      },
      'astro:build:done': ({ dir, assets, logger }) => {
        const folder = fileURLToPath(dir);
        // First, what this build did not produce goes (pages of deleted or drafted posts
        // among them), before the search index reads the post pages left in the folder.
        const keep = new Set(queuedOgCards());
        for (const urls of assets.values()) for (const url of urls) keep.add(outputPath(folder, fileURLToPath(url)));
        const stale = pruneStaleOutput(folder, { keep, since: buildStarted, keepUnder: ['pagefind/'] }).filter((file) => !writtenAgain(file));
        if (stale.length > 0) logger.info(`[output] removed ${stale.length} file${stale.length === 1 ? '' : 's'} an earlier build wrote and this one does not: ${listSome(stale)}`);
        // Pagefind works in a process of its own and the cards in worker threads: started
        // here, waited for by `finish`.
        const redirects = new Set((assets.get(REDIRECT_ROUTE) ?? []).map((url) => outputPath(folder, fileURLToPath(url))));
        const index = indexSite(folder, cacheDir, siteConfig.searchShardPosts, redirects);
        const cards = writeOgCards(folder, logger, join(cacheDir, 'folio-og-copied.json'));
        ending = Promise.all([index, cards]).then(([{ pages, shards, reused, bundles, ms }]) => ({
          bundles,
          log: `[search] indexed ${pages} posts in ${ms} ms (${shards} shard${shards === 1 ? '' : 's'}, ${reused} unchanged)`,
        }));
        ending.catch(() => {}); // reported by `finish`
      },
    },
  };
  const finish: AstroIntegration = {
    name: 'folio-finish',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (!ending) return;
        const { bundles, log } = await ending;
        ending = undefined;
        writeFileSync(join(fileURLToPath(dir), '_headers'), headersFile(base, bundles));
        logger.info(log);
      },
    },
  };
  return { build, finish };
}
