/**
 * Raw HTML in Markdown posts, published as written: a Sätteri hast plugin that, while a
 * post renders,
 * - points local files at what will be published: raster and SVG `<img>` go through Astro's
 *   image pipeline exactly like Markdown images (their src is added to the set Astro's
 *   image-marker plugin, which runs after Folio's plugins, looks up); video, audio, posters,
 *   tracks, scripts and linked files (pdf, zip, …) are rewritten to a content-addressed
 *   copy, `<base>_media/<hash>/<name>`, which the end of the build writes;
 * - collects what the post's Content-Security-Policy must allow: the origins of its
 *   iframes, external scripts and remote media, and the hashes of its inline scripts.
 *
 * The facts are handed to the content loader (src/loaders/loader.ts) through a registry
 * keyed by the post's file, filled as the post renders (the loader and the renderer are separate module instances),
 * stored with the rendered entry, so cached entries keep them, and applied by the post
 * page. `npm run check:content` runs the same plugin on its own (extractPostEmbeds).
 * MDX posts are left alone: their HTML is JSX, and their files are imported; only their
 * relative Markdown images are checked (mdxImageProblems), before rendering.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor, type SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { inlineScriptHash, isExecutableScriptType, normaliseAllowance, remoteOrigin, upgradeUrl, type CspAllowance } from '../lib/csp.ts';
import { classifyReference, isOptimisableImage, isPageLink, relativeImageSrc, resolveInPosts, type EmbedFile, type PostEmbeds } from '../lib/embeds.ts';
import { localImageRefs } from '../lib/frontmatter.ts';
import { isVectorImage, LAZY_IMAGE, type ImageSize } from '../lib/images.ts';
import { createUrls } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';
import { sizeAttributes, svgPublishing } from './images.ts';
import { contentDir, pagesDir } from '../loaders/sources.ts';

type HastPlugin = NonNullable<SatteriProcessorOptions['hastPlugins']>[number];
type Props = Record<string, unknown>;

export interface EmbedProblem {
  /** The reference as written in the post. */
  ref: string;
  kind: 'image' | 'file';
  problem: 'missing' | 'outside';
}

/** What rendering one post found. */
export interface RenderedEmbeds {
  embeds: PostEmbeds;
  problems: EmbedProblem[];
  warnings: string[];
}

// ---- Registry: from the renderer to the loader -------------------------------------

/** What the plugin gathers while a post renders. */
interface Gathered {
  allow: CspAllowance;
  files: Map<string, EmbedFile>;
  problems: EmbedProblem[];
  warnings: string[];
}

const REGISTRY = Symbol.for('folio.renderedEmbeds');
const registry = (): Map<string, Gathered> => ((globalThis as { [REGISTRY]?: Map<string, Gathered> })[REGISTRY] ??= new Map());

/** The embeds found when the post at `file` (absolute path) was last rendered, forgotten once taken. */
export function takeRenderedEmbeds(file: string): RenderedEmbeds | undefined {
  const found = registry().get(file);
  if (!found) return undefined;
  registry().delete(file);
  const files = [...found.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { embeds: { allow: normaliseAllowance(found.allow), files }, problems: found.problems, warnings: found.warnings };
}

/**
 * Whether a post's source may hold anything the plugin acts on: a raw element it looks at,
 * a Markdown image, or a link or link definition that is not remote, root-relative or a
 * fragment. Most posts hold none, and skip the plugin (its elements cross from Rust).
 * A superset: a false positive only costs the plugin's pass.
 */
const CANDIDATE = /<(?:img|video|audio|source|track|iframe|script|a)[\s/>]|!\[|\]\(\s*(?!<?\s*(?:[a-z][a-z0-9+.-]*:|[/#?)]))|^ {0,3}\[[^\]]+\]:\s*(?!<?(?:[a-z][a-z0-9+.-]*:|[/#?]))\S/im;
export const mayEmbed = (source: string) => CANDIDATE.test(source);

// ---- File hashes -------------------------------------------------------------------

const hashes = new Map<string, Promise<string>>();

/** The first 8 hex digits of a file's SHA-256, streamed (videos can be large); remembered per size and time. */
export function fileHash(file: string, stat: Pick<Stats, 'size' | 'mtimeMs'>): Promise<string> {
  const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = new Promise<string>((done, fail) => {
      const digest = createHash('sha256');
      createReadStream(file)
        .on('data', (chunk) => digest.update(chunk))
        .on('error', fail)
        .on('end', () => done(digest.digest('hex').slice(0, 8)));
    });
    hashes.set(key, hash);
  }
  return hash;
}

/**
 * Whether any file a cached post refers to changed or went missing since it was
 * rendered (the post is then rendered again: new copy URLs, or the missing-file error).
 */
export async function embedFilesChanged(files: readonly EmbedFile[], postsRoot: string): Promise<boolean> {
  for (const file of files) {
    const abs = resolve(postsRoot, file.path);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (!stat?.isFile()) return true;
    if (stat.size === file.size && stat.mtimeMs === file.mtimeMs) continue;
    if ((await fileHash(abs, stat)) !== file.hash) return true;
  }
  return false;
}

// ---- The plugin --------------------------------------------------------------------

/** Attributes naming a local file, by element. */
const FILE_ATTRIBUTES: Record<string, readonly string[]> = {
  img: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  source: ['src'],
  track: ['src'],
  a: ['href'],
  script: ['src'],
};

/** Remote URLs the policy must allow, by element: the directive they go to. */
const REMOTE_DIRECTIVE: Record<string, keyof CspAllowance> = {
  iframe: 'frameSrc',
  script: 'scriptSrc',
  video: 'mediaSrc',
  audio: 'mediaSrc',
  source: 'mediaSrc',
  track: 'mediaSrc',
};

/** Every attribute looked at, by element. */
const ATTRIBUTES: Record<string, readonly string[]> = Object.fromEntries(
  [...new Set([...Object.keys(FILE_ATTRIBUTES), ...Object.keys(REMOTE_DIRECTIVE)])].map((tag) => [
    tag,
    [...new Set([...(FILE_ATTRIBUTES[tag] ?? []), ...(REMOTE_DIRECTIVE[tag] ? ['src'] : [])])],
  ]),
);
const TAGS = Object.keys(ATTRIBUTES);

interface AstroData {
  localImagePaths?: Set<string>;
}

const decoded = (src: string) => {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
};

const toPosix = (path: string) => path.split(sep).join('/');

export interface EmbedsOptions {
  /** The posts folder (default: FOLIO_CONTENT_DIR or src/content/posts). */
  postsDir?: string;
  /** The pages folder (default: see pagesDir in sources.ts): a page's files are beside it, in that folder. */
  pagesDir?: string | undefined;
}

/** Whether `file` (absolute) is inside the folder `root` (absolute). */
const isInside = (root: string, file: string) => {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

export function embedsPlugin({ postsDir = contentDir(), pagesDir: pages = pagesDir() }: EmbedsOptions = {}): HastPlugin {
  const postRoot = resolve(postsDir);
  const pageRoot = pages === undefined ? undefined : resolve(pages);
  const urls = createUrls(siteConfig);
  return (factory) => {
    if (factory.sourceFormat !== 'markdown' || !factory.fileURL) return null;
    const file = fileURLToPath(factory.fileURL);
    // A page's files are looked for in the pages folder, as a post's are in the posts folder.
    const postsRoot = pageRoot !== undefined && isInside(pageRoot, file) ? pageRoot : postRoot;
    const what = postsRoot === pageRoot ? 'page' : 'post';
    // Registered before the render, so a post without candidates is recorded as embedding nothing.
    const gathered: Gathered = { allow: { frameSrc: [], scriptSrc: [], scriptHashes: [], mediaSrc: [] }, files: new Map(), problems: [], warnings: [] };
    registry().set(file, gathered);
    if (!mayEmbed(factory.source)) return null;
    const { allow, files, problems, warnings } = gathered;
    const postDir = toPosix(relative(postsRoot, dirname(file)));
    const shown = toPosix(relative(process.cwd(), file));

    /** A local file reference: recorded, checked, and pointed at what will be published. */
    const local = async (
      tag: string,
      attr: string,
      value: string,
      path: string,
      suffix: string,
      setAttr: (v: string) => void,
      copied: (size?: ImageSize) => void,
      astro: AstroData | undefined,
    ) => {
      const kind = tag === 'img' ? 'image' : 'file';
      let optimise = tag === 'img' && attr === 'src' && isOptimisableImage(path);
      // Astro passes an SVG through as it is, but stops the build on one whose size it cannot
      // read: such an SVG is copied as it is instead, with the size it states, if any.
      const svg = optimise && isVectorImage(path) ? await svgPublishing(resolve(postsRoot, postDir, path)) : undefined;
      if (svg?.by === 'folio') optimise = false;
      const inside = resolveInPosts(postDir, path);
      // Astro reads optimised images itself, wherever they are, as it does for Markdown
      // images; a copied file must be beside the posts, so nothing else in the project is published.
      const target = inside ?? (optimise ? toPosix(relative(postsRoot, resolve(postsRoot, postDir, path))) : undefined);
      const abs = target === undefined ? undefined : resolve(postsRoot, target);
      const stat = abs === undefined ? undefined : statSync(abs, { throwIfNoEntry: false });
      if (target === undefined || abs === undefined || !stat?.isFile()) {
        // A link to nothing is a broken link, as it was in the engine the post was written
        // for (often a site name without https://): said, and left as written. A missing
        // image or media file would leave a hole in the page: that stops the build.
        if (tag === 'a') warnings.push(`${shown}: the link ${value} points to no file beside the ${what}; it is left as written`);
        else problems.push({ ref: value, kind, problem: target === undefined ? 'outside' : 'missing' });
        return;
      }
      const hash = await fileHash(abs, stat);
      files.set(target, { path: target, hash, copy: !optimise, size: stat.size, mtimeMs: stat.mtimeMs });
      const images = astro?.localImagePaths;
      if (optimise) {
        // Astro resolves the src as an import: a bare "x.png" would be read as a package.
        const src = relativeImageSrc(value.trim());
        if (src !== value) {
          images?.delete(decoded(value));
          setAttr(src);
        }
        images?.add(decoded(src));
        return;
      }
      // A Markdown image of a format Astro cannot take is copied too, not marked for it, and
      // loaded as Astro's images are (lazily, decoded off the main thread) unless the post says otherwise.
      if (tag === 'img') {
        images?.delete(decoded(value));
        copied(svg?.by === 'folio' ? svg.size : undefined);
      }
      setAttr(`${urls.media(hash, basename(abs))}${suffix}`);
    };

    /** A remote URL: its origin allowed on this page, or a warning that it stays blocked. */
    const remote = (tag: string, attr: string, value: string, setAttr: (v: string) => void) => {
      const directive = REMOTE_DIRECTIVE[tag];
      if (!directive || attr !== 'src') return;
      const origin = remoteOrigin(value);
      if (!origin.ok) {
        warnings.push(`${shown}: <${tag} src="${value}"> stays blocked by the page's Content-Security-Policy (${origin.reason})`);
        return;
      }
      if (origin.upgraded) {
        setAttr(upgradeUrl(value));
        warnings.push(`${shown}: <${tag} src="${value}"> is published as https (the policy allows no http: origins)`);
      }
      allow[directive].push(origin.origin);
    };

    return {
      name: 'folio-embeds',
      element: {
        filter: TAGS,
        // Synchronous unless a local file has to be hashed: most elements seen are links.
        visit(node, ctx) {
          const props = (node.properties ?? {}) as Props;
          if (node.tagName === 'script' && props['src'] === undefined) {
            if (!isExecutableScriptType(typeof props['type'] === 'string' ? props['type'] : undefined)) return;
            const text = ctx.textContent(node);
            if (text.trim() !== '') allow.scriptHashes.push(inlineScriptHash(text));
            return;
          }
          const pending: Promise<void>[] = [];
          for (const attr of ATTRIBUTES[node.tagName] ?? []) {
            const value = props[attr];
            if (typeof value !== 'string') continue;
            const setAttr = (v: string) => ctx.setProperty(node, attr, v);
            // An image copied as it is: loaded as Astro's are, with the size it states (an SVG's).
            const copied = (size?: ImageSize) => {
              for (const [key, v] of Object.entries({ ...sizeAttributes(props, size), ...LAZY_IMAGE })) if (props[key] === undefined) ctx.setProperty(node, key, v);
            };
            const ref = classifyReference(value);
            if (ref.kind === 'remote') remote(node.tagName, attr, value, setAttr);
            else if (ref.kind === 'local' && FILE_ATTRIBUTES[node.tagName]?.includes(attr)) {
              if (node.tagName === 'a' && isPageLink(ref.path)) continue;
              pending.push(local(node.tagName, attr, value, ref.path, ref.suffix, setAttr, copied, ctx.data.astro));
            }
          }
          return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
        },
      },
    };
  };
}

/** The message a post's (or a page's: `what`) problems stop the build (and fail check:content) with. */
export function embedProblemMessage(problem: EmbedProblem, postsDir = contentDir(), what: 'post' | 'page' = 'post'): string {
  if (problem.problem === 'missing') return `the ${problem.kind} ${problem.ref} does not exist next to the ${what}. Fix the path or add the file.`;
  return `the ${problem.kind} ${problem.ref} is outside the ${what}s folder (${toPosix(relative(process.cwd(), resolve(postsDir))) || '.'}): only files beside the ${what}s are published.`;
}

const checkers = new Map<string, ReturnType<typeof createSatteriMarkdownProcessor>>();

/**
 * The embeds of one Markdown post, without a build: the same plugin, run through the same
 * Sätteri processor Astro uses (for `npm run check:content`).
 */
export async function extractPostEmbeds(file: string, body: string, postsDir = contentDir()): Promise<RenderedEmbeds> {
  let checker = checkers.get(postsDir);
  if (!checker) {
    checker = createSatteriMarkdownProcessor({ syntaxHighlight: false, hastPlugins: [embedsPlugin({ postsDir })], features: { rawHtml: true } });
    checkers.set(postsDir, checker);
  }
  const abs = resolve(file);
  await (await checker).render(body, { fileURL: pathToFileURL(abs) });
  return takeRenderedEmbeds(abs) ?? { embeds: { allow: normaliseAllowance({}), files: [] }, problems: [], warnings: [] };
}

/** An MDX post's relative images that do not exist (MDX is rendered after content sync, so it is checked from its text). */
export function mdxImageProblems(filePath: string, source: string): EmbedProblem[] {
  return localImageRefs(source)
    .filter((ref) => !existsSync(resolve(dirname(filePath), ref)))
    .map((ref) => ({ ref, kind: 'image', problem: 'missing' }));
}
