import { getContainerRenderer as mdxRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { mdxComponents } from '../components/mdx';
import type { PostEntry } from './posts';
import { renderPost } from './body.ts';
import { restoreBody } from '../loaders/body-store.ts';

let container: Promise<AstroContainer> | undefined;

async function createContainer(): Promise<AstroContainer> {
  const renderers = await loadRenderers([mdxRenderer()]);
  return AstroContainer.create({ renderers });
}

/**
 * A post's body as HTML, rendered the same way as on its page (Markdown and MDX alike,
 * images resolved), for feeds. One container serves the whole build.
 */
export async function renderPostHtml(entry: PostEntry): Promise<string> {
  // A Markdown post without local images: Astro's Content component is its stored HTML,
  // exactly (see renderEntry in astro/dist/content/runtime.js), so no renderer is needed. At
  // 5,000 posts the feeds hold some 1,500 posts, and a container render costs ~25 ms each.
  if (entry.rendered && !entry.rendered.metadata?.imagePaths?.length) return restoreBody(entry.rendered).html;
  container ??= createContainer();
  const { Content } = await renderPost(entry);
  return (await container).renderToString(Content, { props: { components: mdxComponents } });
}
