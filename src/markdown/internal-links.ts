/**
 * Rewrites links in posts that use a post's old address to its current URL, and warns, naming
 * the post and the link, about a link to this site that leads nowhere (src/lib/links.ts has
 * the rules). Runs on the HTML tree, so Markdown links and raw HTML links alike are seen.
 */
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { mayLinkInternally, resolveLink, type LinkIndex } from '../lib/links.ts';

type HastPlugins = NonNullable<SatteriProcessorOptions['hastPlugins']>;
type HastNode = { type: string; tagName?: string; properties?: Record<string, unknown> };

/**
 * The attributes that point at this site's pages and files, by element: links, and images
 * and media (`/images/x.png` from the old site's static folder, now in public/).
 */
const LINK_ATTRIBUTES: Record<string, string[]> = {
  href: ['a'],
  src: ['img', 'video', 'audio', 'source', 'track'],
  poster: ['video'],
};

/** `index` is asked for per post: the link index lives with the wikilink index (see markdown.ts). */
export function internalLinksPlugin(index: () => LinkIndex): HastPlugins[number] {
  return (factory) => {
    const links = index();
    // Posts without a link to this site are not visited (and not re-rendered when addresses change).
    if (!mayLinkInternally(factory.source, links.host)) return null;
    const where = factory.fileURL ? relative(process.cwd(), fileURLToPath(factory.fileURL)) : 'a post';
    const warned = new Set<string>();
    return {
      name: 'folio-internal-links',
      element: {
        filter: [...new Set(Object.values(LINK_ATTRIBUTES).flat())],
        visit(node, ctx) {
          const element = node as HastNode;
          // Code shows links as they are written.
          for (let up = ctx.parent(node) as HastNode | undefined; up && up.type === 'element'; up = ctx.parent(up as never) as HastNode | undefined) {
            if (up.tagName === 'code' || up.tagName === 'pre') return;
          }
          for (const [attribute, tags] of Object.entries(LINK_ATTRIBUTES)) {
            if (!tags.includes(element.tagName ?? '')) continue;
            const value = element.properties?.[attribute];
            if (typeof value !== 'string') continue;
            const result = resolveLink(value, links);
            if (result.kind === 'rewrite') ctx.setProperty(node, attribute, result.href);
            else if (result.kind === 'dead' && !warned.has(value)) {
              warned.add(value);
              console.warn(`[folio] Link to ${value} in ${where}: no post, redirect, page or file in public/ of this site is at that address.`);
            }
          }
        },
      },
    };
  };
}
