import { defineCollection } from 'astro:content';
import { postsLoader } from './build/loader.ts';
import { pagesLoader } from './build/pages-loader.ts';
import { pagesDir } from './build/sources.ts';
import { pageSchema } from './lib/schema/page.ts';
import { createPostSchema } from './lib/schema/post.ts';

/** Where posts live; FOLIO_CONTENT_DIR points a build at another folder (fixtures, benchmarks). */
const base = process.env['FOLIO_CONTENT_DIR'] ?? './src/content/posts';

const posts = defineCollection({
  loader: postsLoader(base),
  // Cover images given as relative paths go through astro:assets (a missing file stops the build).
  schema: ({ image }) => createPostSchema(image),
});

/** Pages of their own (/about/): src/content/pages, or beside FOLIO_CONTENT_DIR's folder, or FOLIO_PAGES_DIR. */
const pages = defineCollection({
  loader: pagesLoader(pagesDir()),
  schema: pageSchema,
});

export const collections = { posts, pages };
