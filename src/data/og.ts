import { isDevServer } from '../integrations/mode.ts';
import { ogCacheDir, sharedOgRenderer } from '../integrations/og-image.ts';
import { startOgQueue } from '../integrations/og-queue.ts';
import { hasOgCard as wantsCard, ogImagePath, postCard, type OgCard } from '../lib/og.ts';
import type { Post } from '../lib/posts/post.ts';
import { siteConfig } from '../site.config.ts';
import { getSiteData } from './posts.ts';

/** The card drawn for a post: exactly what the cache key covers. */
export async function ogCard(post: Post): Promise<OgCard> {
  const { tags } = await getSiteData();
  return postCard(post, tags, siteConfig);
}

/** Whether a post's social image is a generated card (cards on, and no cover platforms can show: none, or an SVG). */
export const hasOgCard = (post: Pick<Post, 'image'>) => wantsCard(post, siteConfig.ogImages);

/**
 * Starts every post's card (cache hits are just found; see renderFiles for where the rest
 * are drawn). Called once while the routes are listed, before any page is rendered, so the
 * cards have the whole page rendering phase to finish. Not in dev, where no card is written.
 */
export async function queueOgCards(): Promise<void> {
  if (isDevServer()) return;
  const queue = startOgQueue();
  if (!queue) return;
  const posts = (await getSiteData()).posts.filter(hasOgCard);
  const results = sharedOgRenderer(ogCacheDir()).renderFiles(await Promise.all(posts.map(ogCard)));
  for (const [i, post] of posts.entries()) {
    const file = results[i]!.then((result) => {
      if (result.cached) queue.reused += 1;
      else queue.rendered += 1;
      if (result.early) queue.early += 1;
      queue.drawMs += result.drawMs;
      if (result.dropped.length > 0) queue.dropped.set(post.filePath ?? post.id, result.dropped);
      return result.file;
    });
    file.catch(() => {}); // awaited, and reported, by the integration
    queue.cards.set(ogImagePath(post.slug), file);
  }
}
