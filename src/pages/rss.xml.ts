import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteData } from '../data/posts';
import { renderPostHtml } from '../data/html';
import { feedItem, feedPosts } from '../lib/feed';
import { siteConfig } from '../site.config';

export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const { urls } = data;
  const posts = feedPosts(data.posts, siteConfig.feedLimit);
  const items = await Promise.all(
    posts.map(async (post) => {
      const entry = data.entries.get(post.id);
      const html = entry ? await renderPostHtml(entry) : '';
      const categories = post.tags.map((label) => data.tags.forLabel(label)?.label ?? label);
      return feedItem(post, { urls, html, categories });
    }),
  );
  return rss({
    title: siteConfig.title,
    description: siteConfig.description || siteConfig.title,
    site: urls.absolute(urls.home()),
    items,
    customData: `<language>${siteConfig.lang}</language>`,
  });
};
