/**
 * Images in posts that Astro's image pipeline would not publish as an author expects:
 * - remote images (`![x](https://…)`, `<img src="https://…">`) stay as written, lazy loaded
 *   and decoded off the main thread (Astro fetches none of them: no image domains are set);
 * - in MDX, an `<img>` with a relative src (JSX, which Astro leaves as written, so the page
 *   would point at nothing) becomes a Markdown image, so Astro's pipeline publishes it;
 * - in MDX, an SVG that states no size (Astro stops the build on it) is imported by URL,
 *   published as it is, and shown by the `img` MDX component (src/components/mdx/PostImage.astro).
 * Markdown posts' SVGs of that kind are copied by the embeds plugin (src/build/embeds.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { classifyReference, relativeImageSrc } from '../lib/embeds.ts';
import { isVectorImage, LAZY_IMAGE, svgSize } from '../lib/images.ts';

type HastPlugin = NonNullable<SatteriProcessorOptions['hastPlugins']>[number];
type Props = Record<string, unknown>;
interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface AstroData {
  localImagePaths?: Set<string>;
}

/** The query that has Vite publish a file as it is and give its URL. */
export const AS_URL = '?url';

/** Only a body with an image can need the pass. */
const CANDIDATE = /!\[|<img[\s/>]/i;

/** Whether the SVG file at `file` states no size (false when it cannot be read: Astro's or Vite's error names it). */
function statesNoSize(file: string): boolean {
  try {
    return svgSize(readFileSync(file, 'utf8')) === undefined;
  } catch {
    return false;
  }
}

const decoded = (src: string) => {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
};

/** An MDX `<img>`'s literal attributes as element properties, or undefined when one is an expression (the author's JSX). */
function literalProperties(attributes: readonly JsxAttribute[]): Props | undefined {
  const props: Props = {};
  for (const attribute of attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.name !== 'string') return undefined;
    const value = attribute.value ?? true;
    if (typeof value !== 'string' && value !== true) return undefined;
    props[attribute.name === 'class' ? 'className' : attribute.name] = value;
  }
  return props;
}

export function imagesPlugin(): HastPlugin {
  return (factory) => {
    if (!CANDIDATE.test(factory.source)) return null;
    const mdx = factory.sourceFormat === 'mdx';
    const postDir = factory.fileURL ? dirname(fileURLToPath(factory.fileURL)) : undefined;

    /**
     * An image's properties as they should be published, or undefined to leave it. `listed`:
     * whether Astro's pipeline already knows the src (a Markdown image); an MDX `<img>` is
     * added to the images Astro publishes.
     */
    const publish = (props: Props, listed: boolean, astro: AstroData | undefined): Props | undefined => {
      const src = props['src'];
      if (typeof src !== 'string') return undefined;
      const ref = classifyReference(src);
      if (ref.kind === 'remote') {
        const missing = Object.entries(LAZY_IMAGE).filter(([key]) => props[key] === undefined);
        return missing.length > 0 || !listed ? { ...props, ...Object.fromEntries(missing) } : undefined;
      }
      if (!mdx || ref.kind !== 'local' || postDir === undefined || ref.suffix !== '') return undefined;
      const images = astro?.localImagePaths;
      const path = relativeImageSrc(ref.path);
      if (isVectorImage(path) && statesNoSize(resolve(postDir, ref.path))) {
        if (listed) images?.delete(decoded(src));
        images?.add(`${path}${AS_URL}`);
        return { ...props, src: `${path}${AS_URL}` };
      }
      if (listed) return undefined;
      images?.add(path);
      return { ...props, src: path };
    };

    const jsxImage = {
      filter: ['img'],
      visit(node: { attributes: readonly JsxAttribute[] }, ctx: { data: { astro?: unknown } }) {
        const props = literalProperties(node.attributes);
        const published = props && publish(props, false, ctx.data.astro as AstroData | undefined);
        if (!published) return;
        return { type: 'element', tagName: 'img', properties: published, children: [] } as never;
      },
    };

    return {
      name: 'folio-images',
      element: {
        filter: ['img'],
        visit(node, ctx) {
          const published = publish((node.properties ?? {}) as Props, true, ctx.data.astro as AstroData | undefined);
          if (!published) return;
          for (const [key, value] of Object.entries(published)) if (node.properties?.[key] !== value) ctx.setProperty(node, key, value);
        },
      },
      ...(mdx ? { mdxJsxFlowElement: jsxImage, mdxJsxTextElement: jsxImage } : {}),
    };
  };
}
