import type { AstroIntegration } from 'astro';
import { satteri } from '@astrojs/markdown-satteri';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile } from '../build/csp.ts';
import { setDevServer } from '../build/mode.ts';
import { writeOgCards } from '../build/og-write.ts';
import { markdownPlugins } from '../build/markdown.ts';
import { indexSite } from '../build/search.ts';
import { buildNow } from '../build/now.ts';
import { siteConfig } from '../site.config.ts';

/**
 * Folio's build wiring. Whether drafts may be shown is decided by the command, not by
 * NODE_ENV or Vite's mode: only `astro dev` shows drafts and scheduled posts, so a stray
 * NODE_ENV in the shell cannot leak drafts into a production build. The same decision
 * feeds the Markdown processor, so wikilinks never point at unpublished posts.
 */
export function folio(): AstroIntegration {
  let base = '/';
  let cacheDir = '';
  return {
    name: 'folio',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const includeDrafts = command === 'dev';
        setDevServer(includeDrafts);
        updateConfig({
          markdown: { processor: satteri(markdownPlugins({ includeDrafts, now: buildNow() })) },
        });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        cacheDir = fileURLToPath(config.cacheDir);
      },
      // At the end of every build: security headers, the social cards still being drawn, and
      // the search index. Pagefind (a separate process) indexes while the last cards finish.
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const search = indexSite(outDir, cacheDir, siteConfig.searchShardPosts);
        await writeOgCards(outDir, logger);
        const { pages, shards, reused, bundles, ms } = await search;
        writeFileSync(join(outDir, '_headers'), headersFile(base, bundles));
        logger.info(`[search] indexed ${pages} posts in ${ms} ms (${shards} shard${shards === 1 ? '' : 's'}, ${reused} unchanged)`);
      },
    },
  };
}
