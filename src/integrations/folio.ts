import type { AstroIntegration } from 'astro';

/**
 * Tells the site whether drafts may be shown. It is decided by the command, not by
 * NODE_ENV or Vite's mode: only `astro dev` shows drafts and scheduled posts, so a
 * stray NODE_ENV in the shell cannot leak drafts into a production build.
 */
export function folio(): AstroIntegration {
  return {
    name: 'folio',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({
          vite: { define: { 'import.meta.env.FOLIO_SHOW_DRAFTS': JSON.stringify(command === 'dev') } },
        });
      },
    },
  };
}
