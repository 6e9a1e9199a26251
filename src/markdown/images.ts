/**
 * Images in posts that Astro's image pipeline would not publish as an author expects:
 * - remote images (`![x](https://…)`, `<img src="https://…">`) stay as written, lazy loaded
 *   and decoded off the main thread (Astro fetches none of them: no image domains are set);
 * - in MDX, an `<img>` with a relative src (JSX, which Astro leaves as written, so the page
 *   would point at nothing) becomes a Markdown image, so Astro's pipeline publishes it;
 * - in MDX, an SVG whose size Astro cannot read (Astro would stop the build on it) is imported
 *   by URL, published as it is, and shown by the `img` MDX component
 *   (src/components/mdx/PostImage.astro) with the size Folio reads from it, if any.
 * Markdown posts' SVGs of that kind are copied by the embeds plugin (src/markdown/embeds.ts).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { imageMetadata } from 'astro/assets/utils';
import { classifyReference, relativeImageSrc } from '../lib/embeds.ts';
import { isVectorImage, LAZY_IMAGE, svgSize, type ImageSize } from '../lib/images.ts';

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

type Published = Props | undefined | Promise<Props | undefined>;

/** The query that has Vite publish a file as it is and give its URL. */
export const AS_URL = '?url';

/** Only a body with an image can need the pass. */
const CANDIDATE = /!\[|<img[\s/>]/i;

/** Who publishes an SVG: Astro's image pipeline, or Folio as it is (with the size it states, if any). */
export type SvgPublishing = { by: 'astro' } | { by: 'folio'; size: ImageSize | undefined };

/**
 * How the SVG file at `file` is published: by Astro's image pipeline when Astro reads its size
 * (its own reader, the one its pipeline uses; it passes SVGs through unchanged), else as it is
 * by Folio, with the size the file states as src/lib/images.ts reads it. Astro reads neither a
 * file without width, height and viewBox nor a viewBox written with commas, and stops the build
 * on them. Undefined when the file cannot be read (the missing file is reported elsewhere).
 */
export async function svgPublishing(file: string): Promise<SvgPublishing | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    await imageMetadata(bytes, file);
    return { by: 'astro' };
  } catch {
    return { by: 'folio', size: svgSize(bytes.toString('utf8')) };
  }
}

/** The width and height an image published as it is gets, unless the post gives either. */
export function sizeAttributes(props: Props, size: ImageSize | undefined): Props {
  return size && props['width'] === undefined && props['height'] === undefined ? { width: size.width, height: size.height } : {};
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
     * added to the images Astro publishes. Synchronous but for an SVG in MDX, whose file is
     * read: most images are neither.
     */
    const publish = (props: Props, listed: boolean, astro: AstroData | undefined): Published => {
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
      // Astro imports the src: a bare "x.png" would be read as a package.
      const byAstro = () => {
        if (listed && path === decoded(src)) return undefined;
        if (listed) images?.delete(decoded(src));
        images?.add(path);
        return { ...props, src: path };
      };
      if (!isVectorImage(path)) return byAstro();
      return svgPublishing(resolve(postDir, ref.path)).then((svg) => {
        if (svg?.by !== 'folio') return byAstro();
        if (listed) images?.delete(decoded(src));
        images?.add(`${path}${AS_URL}`);
        return { ...props, src: `${path}${AS_URL}`, ...sizeAttributes(props, svg.size) };
      });
    };
    const then = <T>(published: Published, use: (props: Props | undefined) => T): T | Promise<T> => (published instanceof Promise ? published.then(use) : use(published));

    const jsxImage = {
      filter: ['img'],
      visit(node: { attributes: readonly JsxAttribute[] }, ctx: { data: { astro?: unknown } }) {
        const props = literalProperties(node.attributes);
        if (!props) return;
        return then(publish(props, false, ctx.data.astro as AstroData | undefined), (published) =>
          published ? ({ type: 'element', tagName: 'img', properties: published, children: [] } as never) : undefined,
        );
      },
    };

    return {
      name: 'folio-images',
      element: {
        filter: ['img'],
        visit(node, ctx) {
          return then(publish((node.properties ?? {}) as Props, true, ctx.data.astro as AstroData | undefined), (published) => {
            for (const [key, value] of Object.entries(published ?? {})) if (node.properties?.[key] !== value) ctx.setProperty(node, key, value);
          });
        },
      },
      ...(mdx ? { mdxJsxFlowElement: jsxImage, mdxJsxTextElement: jsxImage } : {}),
    };
  };
}
