import type { APIRoute, GetStaticPaths } from 'astro';
import { ogImage, ogPosts } from '../../data/og';
import type { Post } from '../../lib/posts/post';

// /og/<slug>.png: each post's social card (see src/data/og.ts), cached on disk across builds.
export const getStaticPaths = (async () => {
  const posts = await ogPosts();
  return posts.map((post) => ({ params: { slug: post.slug }, props: { post } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ post: Post }> = async ({ props }) =>
  new Response(new Uint8Array(await ogImage(props.post)), { headers: { 'Content-Type': 'image/png' } });
