import { existsSync } from 'node:fs';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { postsLoader } from './loaders/loader.ts';
import { authorsDir } from './loaders/author-sources.ts';
import { createAuthorSchema } from './lib/schema/author.ts';
import { pagesLoader } from './loaders/pages-loader.ts';
import { pagesDir } from './loaders/sources.ts';
import { pageSchema } from './lib/schema/page.ts';
import { createPostSchema } from './lib/schema/post.ts';

/** Where posts live; FOLIO_CONTENT_DIR points a build at another folder (fixtures, benchmarks). */
const base = process.env['FOLIO_CONTENT_DIR'] ?? './src/content/posts';
/** Authors live beside the posts folder (src/content/authors/), when the site has them. */
const authorsFolder = authorsDir(base);

const posts = defineCollection({
  loader: postsLoader(base),
  // Cover images given as relative paths go through astro:assets (a missing file stops the build).
  schema: ({ image }) => createPostSchema(image),
});

const authors = defineCollection({
  // No folder, no authors: the site's `author` setting names the writer, as before.
  loader: existsSync(authorsFolder) ? glob({ pattern: '**/*.{yaml,yml,md}', base: authorsFolder }) : { name: 'folio-no-authors', load: ({ store }) => Promise.resolve(store.clear()) },
  schema: ({ image }) => createAuthorSchema(image),
});

/** Pages of their own (/about/): src/content/pages, or beside FOLIO_CONTENT_DIR's folder, or FOLIO_PAGES_DIR. */
const pages = defineCollection({
  loader: pagesLoader(pagesDir()),
  schema: pageSchema,
});

export const collections = { posts, pages, authors };
