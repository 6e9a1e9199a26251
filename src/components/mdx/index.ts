import Callout from './Callout.astro';
import Figure from './Figure.astro';

/** Components every MDX post can use without importing: `<Content components={mdxComponents} />`. */
export const mdxComponents = { Callout, Figure };
