import type { AstroIntegration } from 'astro';
import { satteri } from '@astrojs/markdown-satteri';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile } from '../build/csp.ts';
import { setDevServer } from '../build/mode.ts';
import { writeOgCards } from '../build/og-write.ts';
import { markdownPlugins } from '../build/markdown.ts';
import { createLiveSearch, type LiveSearch } from '../build/search.ts';
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
  let search: LiveSearch | undefined;
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
      // Post pages go to Pagefind (a process of its own) as Astro renders them: Astro's
      // prerenderer is wrapped, every call passed through unchanged.
      'astro:build:start': ({ setPrerenderer }) => {
        const live = createLiveSearch(base, siteConfig.searchShardPosts);
        search = live;
        setPrerenderer((defaults) => ({
          ...defaults,
          name: 'folio',
          setup: async () => defaults.setup?.(),
          teardown: async () => defaults.teardown?.(),
          async getStaticPaths() {
            const paths = await defaults.getStaticPaths();
            live.plan(paths.map(({ pathname }) => pathname));
            return paths;
          },
          async render(request, options) {
            const result = await defaults.render(request, options);
            const response = result instanceof Response ? result : result.response;
            if (response.status === 200) await live.offer(request.url, () => response.clone().text());
            return result;
          },
        }));
      },
      // At the end of every build: the social cards still being drawn, the search index
      // (unchanged shards copied from the cache), and the security headers.
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const index = (search ?? createLiveSearch(base, siteConfig.searchShardPosts)).finish(outDir, cacheDir);
        await writeOgCards(outDir, logger);
        const { pages, shards, reused, whileRendering, bundles, ms } = await index;
        writeFileSync(join(outDir, '_headers'), headersFile(base, bundles));
        logger.info(
          `[search] indexed ${pages} posts in ${ms} ms (${shards} shard${shards === 1 ? '' : 's'}, ${reused} unchanged, ${whileRendering} pages read while rendering)`,
        );
      },
    },
  };
}
