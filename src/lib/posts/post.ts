import { resolveDate, type PostDate } from '../dates.ts';
import { excerpt, plainText, readingMinutes } from '../excerpt.ts';
import type { ImageMetadata } from 'astro';
import type { CoverImage, DerivedText, PostFrontmatter } from '../schema/post.ts';
import { postRedirects, type LegacyUrls, type Redirect, permalinkSlug } from '../legacy-urls.ts';

/** A post as every route sees it: validated frontmatter resolved against the site config. */
export interface Post {
  /** Collection id: the file path without extension, e.g. "becoming-a-tech-lead". */
  id: string;
  /** URL segment(s) under /posts/: the `slug` field, or the id. */
  slug: string;
  /** Old addresses that redirect to this post: aliases, frontmatter permalinks, the old engine's URL. */
  redirects: Redirect[];
  /** Cover image: an optimised local image, or an absolute URL. */
  image?: CoverImage<ImageMetadata | string>;
  imageAlt?: string;
  /** The author's table-of-contents choice; undefined lets the site setting decide. */
  toc?: boolean;
  title: string;
  date: PostDate;
  updated?: PostDate;
  /** The author's description, or an excerpt of the body. */
  description: string;
  /** Tags as written in this post, categories included (see tags.ts for the merged index). */
  tags: string[];
  /** Its categories as Jekyll reads them, also kept apart from tags: Jekyll's URLs are made of them. */
  categories: string[];
  draft: boolean;
  readingMinutes: number;
  /** Source file relative to the project, for error messages. */
  filePath?: string;
}

export interface PostSource {
  id: string;
  data: Omit<PostFrontmatter, 'image' | '__folio'> & { image?: CoverImage<ImageMetadata | string> | undefined; __folio?: DerivedText | undefined };
  body?: string | undefined;
  filePath?: string | undefined;
}

export interface ToPostOptions {
  timeZone: string;
  excerptLength: number;
  /** The engine the blog moved from, whose URLs redirect to the posts (the `legacyUrls` setting). */
  legacyUrls?: LegacyUrls | undefined;
}

/** Builds the domain Post from a collection entry. Pure: the caller loads entries. */
export function toPost(entry: PostSource, { timeZone, excerptLength, legacyUrls }: ToPostOptions): Post {
  // The loader stores the start of the text and the reading time; without them (tests,
  // tools reading files directly) they come from the body.
  const derived = entry.data.__folio;
  const text = derived ? derived.lead : plainText(entry.body ?? '');
  // A `slug`, else the post's own permalink, names it; else its file (src/lib/ids.ts).
  const slug = entry.data.slug ?? permalinkSlug(entry.data.permalink) ?? entry.id;
  const date = resolveDate(entry.data.date, timeZone);
  const { aliases, categories, permalink, url } = entry.data;
  const post: Post = {
    id: entry.id,
    slug,
    redirects: postRedirects({ id: entry.id, slug, slugField: entry.data.slug, file: entry.filePath, date, categories, aliases, permalink, url }, { timeZone, legacyUrls }),
    title: entry.data.title,
    date,
    description: entry.data.description ?? excerpt(text, excerptLength),
    tags: entry.data.tags,
    categories,
    draft: entry.data.draft,
    readingMinutes: derived ? derived.readingMinutes : readingMinutes(text),
  };
  if (entry.data.updated) post.updated = resolveDate(entry.data.updated, timeZone);
  if (entry.filePath) post.filePath = entry.filePath;
  if (entry.data.image) post.image = entry.data.image;
  if (entry.data.imageAlt) post.imageAlt = entry.data.imageAlt;
  if (entry.data.toc !== undefined) post.toc = entry.data.toc;
  return post;
}
