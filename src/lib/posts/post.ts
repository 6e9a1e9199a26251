import { resolveDate, type PostDate } from '../dates';
import { excerpt, plainText, readingMinutes } from '../excerpt';
import type { PostFrontmatter } from '../schema/post';

/** A post as every route sees it: validated frontmatter resolved against the site config. */
export interface Post {
  /** Collection id: the file path without extension, e.g. "becoming-a-tech-lead". */
  id: string;
  /** URL segment(s) under /posts/. */
  slug: string;
  title: string;
  date: PostDate;
  updated?: PostDate;
  /** The author's description, or an excerpt of the body. */
  description: string;
  /** Tags as written in this post (see tags.ts for the merged index). */
  tags: string[];
  draft: boolean;
  readingMinutes: number;
  /** Source file relative to the project, for error messages. */
  filePath?: string;
}

export interface PostSource {
  id: string;
  data: PostFrontmatter;
  body?: string | undefined;
  filePath?: string | undefined;
}

export interface ToPostOptions {
  timeZone: string;
  excerptLength: number;
}

/** Builds the domain Post from a collection entry. Pure: the caller loads entries. */
export function toPost(entry: PostSource, { timeZone, excerptLength }: ToPostOptions): Post {
  const text = plainText(entry.body ?? '');
  const post: Post = {
    id: entry.id,
    slug: entry.id,
    title: entry.data.title,
    date: resolveDate(entry.data.date, timeZone),
    description: entry.data.description ?? excerpt(text, excerptLength),
    tags: entry.data.tags,
    draft: entry.data.draft,
    readingMinutes: readingMinutes(text),
  };
  if (entry.data.updated) post.updated = resolveDate(entry.data.updated, timeZone);
  if (entry.filePath) post.filePath = entry.filePath;
  return post;
}
