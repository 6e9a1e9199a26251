// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { resolve } from 'node:path';
import { cspConfig } from './src/integrations/csp.ts';
import { sitemapOptions } from './src/integrations/sitemap.ts';
import { publicDir } from './src/loaders/sources.ts';
import { folio } from './src/integrations/folio.ts';
import { siteConfig } from './src/site.config.ts';

const outDir = process.env['FOLIO_OUT_DIR'] ?? './dist';
// Folio's build wiring comes first; its finish last, so the sitemap is written while the
// search index and the social cards are still being finished (src/integrations/folio.ts).
const site = folio();

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'always',
  // Eight pages rendered at a time: one at a time, the build waited on each page's folder and
  // file being made (half the rendering phase at 1,000 posts); the output is the same.
  build: { format: 'directory', concurrency: 8 },
  // Overridable so test and benchmark builds never touch the author's dist/ and caches.
  outDir,
  // Static files: FOLIO_PUBLIC_DIR lets a fixture bring its old site's static folder.
  publicDir: publicDir(),
  cacheDir: process.env['FOLIO_CACHE_DIR'] ?? './node_modules/.astro',
  integrations: [site.build, mdx(), sitemap(sitemapOptions(resolve(outDir), siteConfig.base)), site.finish],
  // A Content-Security-Policy <meta> on every page (see src/integrations/csp.ts).
  security: { csp: cspConfig() },
  vite: {
    // Our only dynamic import loads Pagefind from the built site at run time; Vite's preload
    // wrapper would otherwise leave an unresolved placeholder in the inlined page script.
    build: { modulePreload: false, assetsInlineLimit: 0 },
    // Comments are imported only when set: a site without them ships none of their code.
    define: { 'import.meta.env.FOLIO_COMMENTS': JSON.stringify(Boolean(siteConfig.comments)) },
  },
  // Images in posts get srcset/sizes for their rendered width, as well as width and height.
  image: { layout: 'constrained' },
  experimental: {
    // Unchanged pages (same cacheKey, same code) are copied from the last build instead of
    // rendered again; see the README's performance notes for the figures.
    incrementalBuild: true,
  },
  markdown: {
    // Code is highlighted by Folio's own Shiki plugin (src/markdown/markdown.ts), both colour
    // themes in one pass, with high-contrast GitHub themes whose every token meets WCAG AA.
    syntaxHighlight: false,
  },
});
