import type { APIRoute, GetStaticPaths } from 'astro';
import { entryContentKey, pageCacheKey } from '../../../data/cache-key';
import { rssResponse } from '../../../data/feeds';
import { t } from '../../../data/i18n';
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
    title: t('tag.feedTitle', { site: siteConfig.title, tag: tag.label }),
    description: t('tag.feedDescription', { site: siteConfig.title, tag: tag.label }),
    posts: tag.posts,
    path: data.urls.tagFeed(tag.slug),
    limit: siteConfig.tagFeedLimit,
  });
};
