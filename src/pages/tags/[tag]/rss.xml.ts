import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../data/feeds';
import { getSiteData } from '../../../data/posts';
import { siteConfig } from '../../../site.config';

export const getStaticPaths = (async () => {
  const data = await getSiteData();
  return data.tags.tags.map((tag) => ({ params: { tag: tag.slug }, props: { slug: tag.slug } }));
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
