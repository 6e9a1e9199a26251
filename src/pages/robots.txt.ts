import type { APIRoute } from 'astro';
import { createUrls } from '../lib/urls';
import { siteConfig } from '../site.config';

export const GET: APIRoute = () => {
  const urls = createUrls(siteConfig);
  const body = `User-agent: *\nAllow: /\n\nSitemap: ${urls.absolute(urls.path('sitemap-index.xml'))}\n`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
