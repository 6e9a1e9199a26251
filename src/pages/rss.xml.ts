import type { APIRoute } from 'astro';
import { rssResponse } from '../data/feeds';
import { getSiteData } from '../data/posts';
import { siteConfig } from '../site.config';

export const GET: APIRoute = async () => {
  const data = await getSiteData();
  return rssResponse({ title: siteConfig.title, description: siteConfig.description, posts: data.posts, path: data.urls.feed(), limit: siteConfig.feedLimit });
};
