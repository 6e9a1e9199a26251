import { posix } from 'node:path';
import { normaliseAllowance, type CspAllowance } from './csp.ts';

/**
 * Rules for what a post's HTML refers to: which references are files beside the post,
 * where they resolve, which of them Astro's image pipeline takes and which Folio copies,
 * and the facts stored with a rendered post. Pure; the Markdown plugin
 * (src/markdown/embeds.ts) does the reading and hashing.
 */

/** Formats Astro's image pipeline accepts (astro/assets' VALID_INPUT_FORMATS). */
const OPTIMISABLE_IMAGE = new Set(['jpeg', 'jpg', 'png', 'apng', 'tiff', 'webp', 'gif', 'svg', 'avif']);

/** Extensions of pages rather than files: a link to one is left as written. */
const PAGE_EXTENSIONS = new Set(['', '.md', '.mdx', '.html', '.htm']);

export type Reference =
  /** A path relative to the post: `path` decoded, `suffix` the query and fragment as written. */
  | { kind: 'local'; path: string; suffix: string }
  /** Has a scheme (https:, mailto:, data:, …) or is scheme-relative (//host/…). */
  | { kind: 'remote' }
  /** Root-relative (/x): the author's own site path, left alone. */
  | { kind: 'site' }
  /** Empty, or only a query or fragment. */
  | { kind: 'none' };

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment; // a stray "%" is part of the name
      }
    })
    .join('/');
}

/** What a src/href/poster value refers to. */
export function classifyReference(value: string): Reference {
  const text = value.trim();
  if (text === '' || text.startsWith('#') || text.startsWith('?')) return { kind: 'none' };
  // A template value left as written (`{{ img.src }}` in a Nunjucks loop): the build has already
  // warned about the tag, and there is no file to look for.
  if (/\{\{|\{%/.test(text)) return { kind: 'none' };
  if (text.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(text)) return { kind: 'remote' };
  if (text.startsWith('/')) return { kind: 'site' };
  const cut = text.search(/[?#]/);
  const path = cut === -1 ? text : text.slice(0, cut);
  return { kind: 'local', path: decodePath(path), suffix: cut === -1 ? '' : text.slice(cut) };
}

/**
 * A local reference resolved against the post's folder, both relative to the posts
 * folder ("/"-separated, "" for the folder itself). Undefined when it leaves the posts
 * folder: only files beside the posts are published, never others from the project.
 */
export function resolveInPosts(postDir: string, path: string): string | undefined {
  const joined = posix.normalize(posix.join(postDir, path.replace(/\\/g, '/')));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined;
}

const extension = (path: string) => posix.extname(path).toLowerCase();

/** An image Astro optimises (like a Markdown image), rather than one Folio copies as it is. */
export const isOptimisableImage = (path: string) => OPTIMISABLE_IMAGE.has(extension(path).slice(1));

/** A link to another page (no extension, a folder, .md/.mdx/.html): not a file to publish. */
export const isPageLink = (path: string) => path.endsWith('/') || path === '.' || path === '..' || PAGE_EXTENSIONS.has(extension(path));

/** The src Astro's image pipeline resolves: relative, starting with ./ or ../ (a bare name would be read as a package). */
export function relativeImageSrc(src: string): string {
  return src.startsWith('./') || src.startsWith('../') ? src : `./${src}`;
}

/** A local file a post refers to. */
export interface EmbedFile {
  /** Path relative to the posts folder, "/"-separated. */
  path: string;
  /** The first 8 hex digits of the SHA-256 of its bytes. */
  hash: string;
  /** Copied to _media/<hash>/<name>; false when Astro's image pipeline takes it. */
  copy: boolean;
  /** Size and modification time when hashed: a rebuild hashes the file again only when they change. */
  size: number;
  mtimeMs: number;
}

/** What a rendered post embeds, stored with it in the content store (`rendered.metadata`). */
export interface PostEmbeds {
  allow: CspAllowance;
  files: EmbedFile[];
}

/** Key in `entry.rendered.metadata`. */
export const EMBEDS_KEY = 'folioEmbeds';

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function isEmbedFile(v: unknown): v is EmbedFile {
  const f = v as Partial<EmbedFile> | null;
  return !!f && typeof f.path === 'string' && typeof f.hash === 'string' && typeof f.copy === 'boolean' && typeof f.size === 'number' && typeof f.mtimeMs === 'number';
}

/** The embeds stored in a rendered entry's metadata, or undefined if it has none (rendered by an older Folio). */
export function readPostEmbeds(metadata: Record<string, unknown> | undefined): PostEmbeds | undefined {
  const value = metadata?.[EMBEDS_KEY] as { allow?: Record<string, unknown>; files?: unknown } | undefined;
  if (!value || typeof value !== 'object' || !Array.isArray(value.files) || !value.files.every(isEmbedFile)) return undefined;
  const allow = value.allow ?? {};
  const lists = ['frameSrc', 'scriptSrc', 'scriptHashes', 'mediaSrc'] as const;
  if (!lists.every((key) => allow[key] === undefined || isStringArray(allow[key]))) return undefined;
  return { allow: normaliseAllowance(allow), files: value.files };
}

/** A page's record of its files for its cache key: a changed file changes the key. */
export const embedFileKeys = (embeds: PostEmbeds | undefined) => (embeds?.files ?? []).map((f) => `${f.path}@${f.hash}`);
