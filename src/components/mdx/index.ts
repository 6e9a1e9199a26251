import Callout from './Callout.astro';
import Figure from './Figure.astro';
import PostImage from './PostImage.astro';

/**
 * Components every MDX post can use without importing: `<Content components={mdxComponents} />`.
 * `img` renders the post's Markdown images (Astro's <Image>, or an SVG as it is).
 */
export const mdxComponents = { Callout, Figure, img: PostImage };
