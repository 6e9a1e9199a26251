/**
 * Other engines' template syntax in a post body (src/lib/engine-syntax), converted with what
 * the posts folder holds (posts named by `{% post_url %}` / `{{< ref >}}`, files embedded by
 * `![[...]]`), and the warnings about what is left as written, one line per post: for the
 * build's content loader and `npm run check:content` alike.
 */
import { convertEngineSyntax, type EngineSyntaxResult, type SyntaxWarning } from '../lib/engine-syntax/index.ts';
import { siteConfig } from '../site.config.ts';
import type { WikiState } from './markdown.ts';

/** Converts the Markdown body of the post at `entry` (its path under the posts folder). MDX is never converted. */
export function convertPostBody(entry: string, body: string, index: Pick<WikiState, 'postUrl' | 'embedFile'>): EngineSyntaxResult {
  return convertEngineSyntax(body, {
    postUrl: index.postUrl,
    embedFile: (name) => index.embedFile(entry, name),
    base: siteConfig.base,
    origin: siteConfig.site,
  });
}

/** One line for a post's warnings (`line` numbers made file lines by `bodyOffset`), or undefined when there are none. */
export function describeSyntaxWarnings(warnings: readonly SyntaxWarning[], bodyOffset: number, shown = 5): string | undefined {
  if (warnings.length === 0) return undefined;
  const items = warnings.slice(0, shown).map((w) => `line ${w.line + bodyOffset}: ${w.tag} (${w.message})`);
  const more = warnings.length > shown ? `; and ${warnings.length - shown} more` : '';
  const what = warnings.length === 1 ? 'template tag' : 'template tags';
  return `${warnings.length} ${what} Folio does not run: ${items.join('; ')}${more}`;
}
