import { posix } from 'node:path';

/**
 * Rules for images of every format: which ones are vector drawings (published as they are,
 * never rasterised), what size an SVG file states, and which covers social platforms can
 * show. Pure; the Markdown plugins (src/markdown/images.ts, src/markdown/embeds.ts) read the files.
 */

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * How an image in a post's body loads unless the post says otherwise, as Astro's own do:
 * lazily, decoded off the main thread (remote images, and files published as they are).
 */
export const LAZY_IMAGE = { loading: 'lazy', decoding: 'async' } as const;

/** An image's format from its name, lower case, without the dot ("PHOTO.JPG" → "jpg"). */
export const imageFormat = (path: string) =>
  posix
    .extname(path.replace(/[?#].*$/, ''))
    .toLowerCase()
    .slice(1);

/** An SVG file: published as it is, whatever its size (it is drawn at any size). */
export const isVectorImage = (path: string) => imageFormat(path) === 'svg';

/** CSS pixels per unit of the absolute lengths an SVG's width and height may use. */
const PX_PER_UNIT: Record<string, number> = { '': 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 96 / 72, pc: 16 };

/** A length in CSS pixels, or undefined: relative units (%, em) and nonsense state no size. */
function length(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*\+?(\d*\.?\d+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const factor = match ? PX_PER_UNIT[match[2]!.toLowerCase()] : undefined;
  if (!match || factor === undefined) return undefined;
  const px = Number(match[1]) * factor;
  return Number.isFinite(px) && px > 0 ? px : undefined;
}

/** The root `<svg>` start tag's attributes (comments, the XML declaration and a doctype skipped). */
function rootAttributes(text: string): Map<string, string> | undefined {
  const tag = /<svg(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!tag) return undefined;
  const attributes = new Map<string, string>();
  for (const [, name, dq, sq] of tag[1]!.matchAll(/([^\s="'/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    // Attribute names are case-sensitive in SVG, but hand-written files use `viewbox` too.
    const key = name!.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, dq ?? sq ?? '');
  }
  return attributes;
}

/**
 * The size an SVG file states, in CSS pixels: its `width` and `height` (px or absolute
 * units), else its `viewBox`'s, with one of width or height scaled by the viewBox's ratio.
 * Undefined when it states none (no viewBox, or relative sizes such as 100%): such a file is
 * still published, without width and height.
 */
export function svgSize(text: string): ImageSize | undefined {
  const attributes = rootAttributes(text);
  if (!attributes) return undefined;
  const width = length(attributes.get('width'));
  const height = length(attributes.get('height'));
  const box = (attributes.get('viewbox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [boxWidth, boxHeight] = box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 ? [box[2]!, box[3]!] : [undefined, undefined];
  const size = (w: number, h: number): ImageSize => ({ width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)) });
  if (width !== undefined && height !== undefined) return size(width, height);
  if (boxWidth === undefined || boxHeight === undefined) return undefined;
  if (width !== undefined) return size(width, (width * boxHeight) / boxWidth);
  if (height !== undefined) return size((height * boxWidth) / boxHeight, height);
  return size(boxWidth, boxHeight);
}

/** A cover as the post schema gives it: a URL or site path, or a local image (read by Astro, its format known, or its path). */
export type Cover = { kind: 'url'; src: string } | { kind: 'local'; image: { format: string } | string };

/**
 * Whether a cover can stand as the post's social image (og:image). Facebook, X, LinkedIn,
 * Slack and Discord show no SVG: a post with an SVG cover gets its generated card there,
 * while its page shows the SVG.
 */
export function isSocialCover(cover: Cover): boolean {
  if (cover.kind === 'url') return !isVectorImage(cover.src);
  return typeof cover.image === 'string' ? !isVectorImage(cover.image) : cover.image.format.toLowerCase() !== 'svg';
}
