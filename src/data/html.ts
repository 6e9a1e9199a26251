import { getContainerRenderer as mdxRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { mdxComponents } from '../components/mdx';
import type { PostEntry } from './posts';
import { renderPost } from './body.ts';

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
  container ??= createContainer();
  const { Content } = await renderPost(entry);
  return (await container).renderToString(Content, { props: { components: mdxComponents } });
}
