import { z } from 'zod';
import { dateField, describeValue, draftField, FIELD_ALIASES, optionalTextField, titleField, tocField } from './post.ts';

/**
 * A page's place among the header's links (`nav: 2`), after Folio's own; absent or `false`,
 * the page is not in the header.
 */
const nav = z
  .unknown()
  .optional()
  .transform((value, ctx): number | undefined => {
    if (value === undefined || value === null || value === false) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    ctx.addIssue({ code: 'custom', message: `expected a number such as 1 (the page's place among the header's links), found ${describeValue(value)}`, input: value });
    return z.NEVER;
  });

/** `updated` under another engine's name (`lastmod`, `modified`, …), read as posts read it. */
function withUpdated(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const data = raw as Record<string, unknown>;
  const key = FIELD_ALIASES.updated.find((k) => data[k] !== undefined && data[k] !== null && data[k] !== '');
  return key === undefined || key === 'updated' ? data : { ...data, updated: data[key] };
}

/**
 * The frontmatter of a page of its own (src/content/pages/*.md, *.mdx): a title, an optional
 * description, a place in the header, a draft switch and the day it was last changed (the
 * sitemap's lastmod; a page shows no date), read with the posts' rules and messages. Other
 * fields are ignored, as on posts.
 */
export const pageSchema = z.preprocess(
  withUpdated,
  z.object({
    title: titleField,
    description: optionalTextField('description'),
    nav,
    draft: draftField,
    toc: tocField,
    updated: dateField('updated', false),
  }),
);

export type PageFrontmatter = z.infer<typeof pageSchema>;
export type PageFrontmatterInput = z.input<typeof pageSchema>;
