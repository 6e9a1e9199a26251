import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { postSchema } from './lib/schema/post';

/** Where posts live; FOLIO_CONTENT_DIR points a build at another folder (fixtures, benchmarks). */
const base = process.env['FOLIO_CONTENT_DIR'] ?? './src/content/posts';

const posts = defineCollection({
  // Files and folders starting with "_" are kept out (notes, partials, templates).
  loader: glob({ base, pattern: ['**/*.{md,mdx}', '!**/_*', '!**/_*/**'] }),
  schema: postSchema,
});

export const collections = { posts };
