/**
 * The published posts as their files say (frontmatter only, nothing rendered), read once per
 * build: what the link indexes (src/markdown/markdown.ts) and the cards drawn early
 * (early-cards.ts) need before content sync has rendered a post.
 */
import { resolve } from 'node:path';
import { isPublished } from '../lib/posts/published.ts';
import { toPost, type Post } from '../lib/posts/post.ts';
import { siteConfig } from '../site.config.ts';
import { sharedFileDates } from './file-dates.ts';
import { contentDir, readPostSources, type PostSourceFile } from './sources.ts';

export interface PublishedSource {
  /** The file, without its body: the memo lives through the build, the bodies are read again by content sync. */
  source: Omit<PostSourceFile, 'body'>;
  post: Post;
}

// The content config and the Markdown plugins load their own copies of this module: one memo.
const MEMO = Symbol.for('folio.publishedSources');
type Holder = { [MEMO]?: { key: string; posts: PublishedSource[] } };

export function publishedSources({ includeDrafts, now }: { includeDrafts: boolean; now: Date }, dir = contentDir()): PublishedSource[] {
  const holder = globalThis as Holder;
  const key = `${resolve(dir)}|${includeDrafts}|${now.toISOString().slice(0, 13)}`;
  if (holder[MEMO]?.key === key) return holder[MEMO].posts;
  const posts = readPostSources(dir, sharedFileDates(resolve(dir), siteConfig.timeZone).date).flatMap((source) => {
    if (!source.data) return [];
    const post = toPost({ id: source.id, data: source.data, body: '', filePath: source.file }, siteConfig);
    const { body: _body, ...file } = source;
    return isPublished(post, { now, includeDrafts }) ? [{ source: file, post }] : [];
  });
  holder[MEMO] = { key, posts };
  return posts;
}

/** Forgets them, so the next read sees added, changed or removed posts (each content sync, dev reloads). */
export function resetPublishedSources(): void {
  delete (globalThis as Holder)[MEMO];
}
