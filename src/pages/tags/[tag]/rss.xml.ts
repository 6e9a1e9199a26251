import type { APIRoute, GetStaticPaths } from 'astro';
import { entryContentKey, pageCacheKey } from '../../../data/cache-key';
import { rssResponse } from '../../../data/feeds';
import { getSiteData } from '../../../data/posts';
import { siteConfig } from '../../../site.config';

export const getStaticPaths = (async () => {
  const data = await getSiteData();
  return data.tags.tags.map((tag) => {
    // The feed shows its newest posts in full: key it by their data and rendered content.
    const shown = tag.posts.slice(0, siteConfig.tagFeedLimit).map((post) => ({ post, content: entryContentKey(data.entries.get(post.id)) }));
    return { params: { tag: tag.slug }, props: { slug: tag.slug }, cacheKey: pageCacheKey({ label: tag.label, shown }) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ slug: string }> = async ({ props }) => {
  const data = await getSiteData();
  const tag = data.tags.bySlug.get(props.slug);
  if (!tag) throw new Error(`No tag ${props.slug}`);
  return rssResponse({
    title: `${siteConfig.title}: ${tag.label}`,
    description: `Posts tagged ${tag.label} on ${siteConfig.title}.`,
    posts: tag.posts,
    path: data.urls.tagFeed(tag.slug),
    limit: siteConfig.tagFeedLimit,
  });
};
