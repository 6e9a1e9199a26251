import { resolveDate, type PostDate } from '../dates.ts';
import { usesCodeExtras } from '../code-meta.ts';
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
  /** Shown first on the home page, in its Pinned group (`pinned`, `featured`, `sticky`). */
  pinned: boolean;
  /** The name of the series it is a part of, as written (see series.ts for the merged index). */
  series?: string;
  /** Its place in the series (`seriesOrder`); without it, parts follow by date. */
  seriesOrder?: number;
  readingMinutes: number;
  /** Author ids (or names) as written: resolved against the authors collection (src/lib/authors.ts). */
  authors: string[];
  /** Whether its code blocks need the code-block stylesheet (numbered, marked or changed lines, titles). */
  codeExtras: boolean;
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
  /** The site's `lineNumbers` setting (every code block numbered). */
  lineNumbers?: boolean | undefined;
}

/** Builds the domain Post from a collection entry. Pure: the caller loads entries. */
export function toPost(entry: PostSource, { timeZone, excerptLength, legacyUrls, lineNumbers = false }: ToPostOptions): Post {
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
    pinned: entry.data.pinned ?? false,
    readingMinutes: derived ? derived.readingMinutes : readingMinutes(text),
    authors: entry.data.authors ?? [],
    codeExtras: derived ? derived.codeExtras === true : usesCodeExtras(entry.body ?? '', { lineNumbers }),
  };
  if (entry.data.updated) post.updated = resolveDate(entry.data.updated, timeZone);
  if (entry.filePath) post.filePath = entry.filePath;
  if (entry.data.image) post.image = entry.data.image;
  if (entry.data.imageAlt) post.imageAlt = entry.data.imageAlt;
  if (entry.data.toc !== undefined) post.toc = entry.data.toc;
  if (entry.data.series !== undefined) post.series = entry.data.series;
  if (entry.data.seriesOrder !== undefined) post.seriesOrder = entry.data.seriesOrder;
  return post;
}
