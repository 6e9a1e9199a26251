/**
 * Template syntax of other engines in Markdown bodies, turned into plain Markdown and HTML, so posts
 * written for Jekyll, Eleventy, Hugo and Obsidian/Quartz publish as they are. Pure: no I/O; what it
 * needs to know about the site comes in an {@link EngineSyntaxContext}. Run it on `.md` bodies only
 * (MDX has its own meaning for braces), before the Markdown is rendered.
 *
 * What is converted (see each engine's file for the details):
 * - Liquid (liquid.ts): `{% highlight %}` → fenced code; `{% raw %}` → its content; `{% comment %}`
 *   → nothing; `{% post_url %}` and `{% link %}` → URLs; `{{ site.baseurl }}`, `{{ site.url }}` and
 *   text through `relative_url` / `absolute_url` / `url` / `prepend:` / `append:` → URLs.
 * - kramdown (kramdown.ts): `{::options}` and `{::comment}` → nothing, `{::nomarkdown}` → its HTML,
 *   attribute lists `{: .class}` → nothing (`* TOC` + `{:toc}` → nothing: Folio has its own).
 * - Hugo (hugo.ts): `figure`, `youtube`, `vimeo`, `highlight`, `ref`/`relref`, `gist`, `tweet`/`x`,
 *   `comment`; an escaped shortcode (Go comment markers just inside its delimiters) becomes the
 *   shortcode as text, `{{< x >}}`.
 * - Obsidian/Quartz (obsidian.ts): `![[image.png|alt|400x300]]` → an image, `![[Note]]` → `[[Note]]`,
 *   `![[file.pdf]]` → a link, `%% comment %%` → nothing, `==text==` → `<mark>`.
 *
 * Everything else that looks like a template (`{% include %}`, `{% if %}`, `{{ page.title }}`, a
 * site's own shortcodes) is left as written, with a {@link SyntaxWarning} per occurrence.
 *
 * Code is left alone (scanner.ts): fenced blocks (``` and ~~~, at any indentation, also in quotes),
 * indented blocks (after a blank line, outside lists) and code spans; except that `{% raw %}` markers
 * are removed and Hugo's escaped shortcodes unescaped everywhere. A template block that contains a
 * fence (`{% highlight %}`, `{% raw %}`, `%%`) is read as the template block: the first one wins.
 */
import { hugoShortcode } from './hugo.ts';
import { kramdown } from './kramdown.ts';
import { liquidOutput, liquidTag } from './liquid.ts';
import { obsidianComment, obsidianEmbed, obsidianHighlight } from './obsidian.ts';
import { Scanner } from './scanner.ts';
import type { EngineSyntaxContext, EngineSyntaxResult } from './types.ts';

export type { EngineSyntaxContext, EngineSyntaxResult, SyntaxWarning } from './types.ts';

/** What every construct starts with; a body without any of them is returned as it is. */
const TOKENS = ['{%', '{{', '{:', '![[', '%%', '=='] as const;

/** Whether `body` may hold template syntax at all (the fast path: a few native substring searches). */
export function mayContainEngineSyntax(body: string): boolean {
  return TOKENS.some((token) => body.includes(token));
}

/**
 * Converts other engines' template syntax in a Markdown body. Returns the same string when there is
 * nothing to convert, and a warning (1-based line, the tag as written, why) for each construct left
 * as written or only partly converted.
 */
export function convertEngineSyntax(body: string, ctx: EngineSyntaxContext): EngineSyntaxResult {
  if (!mayContainEngineSyntax(body)) return { body, warnings: [] };
  const scanner = new Scanner(body, ctx);
  const converted = scanner.run((s, at, token) => {
    switch (token) {
      case '{%':
        return liquidTag(s, at);
      case '{{':
        return s.body[at + 2] === '<' || s.body[at + 2] === '%' ? hugoShortcode(s, at) : liquidOutput(s, at);
      case '{:':
        return kramdown(s, at);
      case '![[':
        return obsidianEmbed(s, at);
      case '%%':
        return obsidianComment(s, at);
      default:
        return obsidianHighlight(s, at);
    }
  });
  return { body: converted, warnings: scanner.warnings };
}

/**
 * Template syntax in plain text, with the spaces before it: comments of every engine with what they
 * enclose (listed first, so they win over the bare tags that open them), then shortcodes, Liquid
 * tags and expressions, kramdown extensions and attribute lists. Bounded, so an opener without a
 * closer costs a short look ahead.
 */
const TEMPLATE = new RegExp(
  `[ \\t]*(?:${[
    String.raw`\{%-?\s*comment\s*-?%\}[\s\S]{0,20000}?\{%-?\s*endcomment\s*-?%\}`,
    String.raw`\{::comment\}[\s\S]{0,20000}?\{:\/(?:comment)?\}`,
    String.raw`%%[\s\S]{0,20000}?%%`,
    String.raw`\{\{[<%][\s\S]{0,4000}?[>%]\}\}`,
    String.raw`\{%[\s\S]{0,2000}?%\}`,
    String.raw`\{\{[\s\S]{0,2000}?\}\}`,
    String.raw`\{:[^{}\n]{0,500}\}`,
  ].join('|')})`,
  'g',
);

/**
 * Removes any remaining template syntax (`{% %}`, `{{ }}`, `{{< >}}`, `{{% %}}`, kramdown `{: }` /
 * `{:: }`, Obsidian `%% %%`) from plain text, for excerpts and meta descriptions. Comments go with
 * their content. A removed tag takes the space before it unless a word follows, so "See {{< ref >}}
 * now." reads "See now." and "Hello {{ x }}." reads "Hello.".
 */
export function stripTemplateSyntax(text: string): string {
  if (!mayContainEngineSyntax(text)) return text;
  const stripped = text.replace(TEMPLATE, (match: string, offset: number) => {
    const next = text[offset + match.length];
    return /^[ \t]/.test(match) && next !== undefined && !/[\s.,;:!?)\]]/.test(next) ? ' ' : '';
  });
  return stripped === text ? text : stripped.trim();
}

/** What Markdown's smart punctuation makes of what was typed. */
const TYPESET: Record<string, string> = { '\u201c': '"', '\u201d': '"', '\u2018': "'", '\u2019': "'", '\u2013': '--', '\u2014': '---', '\u2026': '...' };

/**
 * Template syntax left as written in rendered text, with its punctuation as it was typed:
 * smart punctuation turns `{% signup "news" %}` into `{% signup “news” %}`, which is neither
 * what the warning names nor a tag a reader could copy. Text outside template syntax keeps
 * its typography.
 */
export function untypesetTemplateSyntax(text: string): string {
  if (!mayContainEngineSyntax(text) || !/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/.test(text)) return text;
  return text.replace(TEMPLATE, (tag: string) => tag.replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g, (c) => TYPESET[c] ?? c));
}
