/**
 * Social cards drawn while content sync runs. Content sync is one thread (Markdown,
 * highlighting), and the cards are known from the frontmatter alone, so a worker draws them
 * meanwhile on the core that would be idle, instead of during page rendering, where they
 * used to compete with the pages for the same two cores. The pages then claim them
 * (src/data/og.ts), and draw only a card this did not foresee.
 */
import { isAstroBuild } from '../integrations/mode.ts';
import { ogCacheDir, sharedOgRenderer } from '../integrations/og-image.ts';
import { hasOgCard, postCard } from '../lib/og.ts';
import type { Post } from '../lib/posts/post.ts';
import { sortNewestFirst } from '../lib/posts/query.ts';
import { buildTagIndex } from '../lib/tags.ts';
import { siteConfig } from '../site.config.ts';

/** Starts the cards of these published posts, as the pages will ask for them: tag labels from the same index, over the posts in the same order. */
export function drawCardsEarly(published: readonly Post[]): void {
  if (!isAstroBuild() || !siteConfig.ogImages) return;
  const posts = sortNewestFirst(published);
  const tags = buildTagIndex(posts);
  const cards = posts.filter((post) => hasOgCard(post, siteConfig.ogImages)).map((post) => postCard(post, tags, siteConfig));
  sharedOgRenderer(ogCacheDir()).drawEarly(cards);
}
