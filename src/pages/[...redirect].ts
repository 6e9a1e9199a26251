// Redirect pages for posts' old addresses, written as files of their own (an .html alias stays
// that exact file); see redirectHtml for what they hold and why they carry their own policy.
// Endpoints are never listed in the sitemap, and the search index skips them.
import type { APIRoute, GetStaticPaths } from 'astro';
import { pageCacheKey } from '../data/cache-key';
import { redirectPages } from '../data/routes';
import { t } from '../data/i18n';
import { redirectHtml, type RedirectPageInput } from '../lib/redirect-page';

export const getStaticPaths = (async () => {
  const pages = await redirectPages();
  return pages.map(({ param, page }) => ({ params: { redirect: param }, props: page, cacheKey: pageCacheKey(page) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(redirectHtml(props as RedirectPageInput, t), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
