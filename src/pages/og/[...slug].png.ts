import type { APIRoute, GetStaticPaths } from 'astro';
import { pageCacheKey } from '../../data/cache-key';
import { ogCard, ogImage, ogPosts } from '../../data/og';
import type { Post } from '../../lib/posts/post';

// /og/<slug>.png: each post's social card (see src/data/og.ts), cached on disk across builds.
export const getStaticPaths = (async () => {
  const posts = await ogPosts();
  // The PNG depends only on what is drawn on it.
  return Promise.all(posts.map(async (post) => ({ params: { slug: post.slug }, props: { post }, cacheKey: pageCacheKey(await ogCard(post)) })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post }> = async ({ props }) =>
  new Response(new Uint8Array(await ogImage(props.post)), { headers: { 'Content-Type': 'image/png' } });
