/**
 * Folio's Markdown/MDX plugins for Astro's Sätteri processor: math (./math.ts), heading anchors, safe
 * new-tab links, Obsidian/Quartz wikilinks resolved against every published post, links
 * to posts' old addresses rewritten to their current ones, and callouts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import Slugger, { slug as githubSlug } from 'github-slugger';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import type { Blockquote, BlockContent, DefinitionContent, PhrasingContent } from 'mdast';
import { calloutClasses, calloutIcon, calloutName, CALLOUT_CLASS, ICON_ATTRIBUTES, localCallout, mayContainCallouts, parseCalloutMarker, type CalloutMarker } from '../lib/callouts.ts';
import { parseCodeMeta } from '../lib/code-meta.ts';
import { mayContainEngineSyntax, untypesetTemplateSyntax } from '../lib/engine-syntax/index.ts';
import { withoutExtension } from '../lib/ids.ts';
import { createFileResolver, createPostResolver } from '../lib/references.ts';
import { createUrls } from '../lib/urls.ts';
import { buildWikiIndex, parseWikilinks, resolveWikilink, unresolvedWikilink, wikilinkText, type WikiIndex } from '../lib/wikilinks.ts';
import { buildLinkIndex, type LinkIndex, type LinkTarget } from '../lib/links.ts';
import { pageRoute } from '../lib/pages.ts';
import { siteConfig } from '../site.config.ts';
import { embedsPlugin } from './embeds.ts';
import { highlight } from './highlight.ts';
import { imagesPlugin } from './images.ts';
import { internalLinksPlugin } from './internal-links.ts';
import { contentDir, pagesDir, publicDir, readPageSources } from '../loaders/sources.ts';
import { publishedSources, resetPublishedSources } from '../loaders/published.ts';
import { isPagePublished } from '../lib/posts/published.ts';
import { MATH_FEATURES, mathPlugin } from './math.ts';
import { t as interfaceText } from '../data/i18n.ts';

type MdastPlugins = NonNullable<SatteriProcessorOptions['mdastPlugins']>;
type HastPlugins = NonNullable<SatteriProcessorOptions['hastPlugins']>;
type HastElement = { tagName: string; properties?: Record<string, unknown>; children?: unknown[] };

export interface WikiState {
  index: WikiIndex;
  /** Every address of every published post and page, and the public files, for internal links. */
  links: LinkIndex;
  /** Hash of what links can resolve to; mixed into the digest of posts that use wikilinks or link to the site. */
  fingerprint: string;
  /** The URL of the published post a template tag names (`{% post_url %}`, `{{< ref >}}`). */
  postUrl: (ref: string) => string | undefined;
  /** A file an embed names (`![[diagram.png]]`), relative to the embedding post's folder. */
  embedFile: (fromEntry: string, name: string) => string | undefined;
}

/** Every file in the posts folder (dot folders left out), for embeds. */
function folderFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split(sep).join('/'))
    .filter((p) => !p.split('/').some((segment) => segment.startsWith('.')));
}

// Shared through globalThis: the content loader and the Markdown renderer are loaded
// as separate module instances, and both need the same index.
const STATE = Symbol.for('folio.wikiIndex');
type Holder = { [STATE]?: { key: string; state: WikiState } };

export interface WikiOptions {
  includeDrafts: boolean;
  now: Date;
}

/**
 * The wikilink index for the posts folder, built once per load (reads every post's
 * frontmatter). Published pages of their own are in it too, after the posts (a post wins a
 * name both have), and their addresses are known to the link checks.
 */
export function wikiState({ includeDrafts, now }: WikiOptions, dir = contentDir(), pages = pagesDir()): WikiState {
  const holder = globalThis as Holder;
  const cacheKey = `${dir}|${pages}|${includeDrafts}|${now.toISOString().slice(0, 13)}`;
  const cached = holder[STATE];
  if (cached && cached.key === cacheKey) return cached.state;
  const urls = createUrls(siteConfig);
  const published = publishedSources({ includeDrafts, now }, dir);
  const ownPages = readPageSources(pages).flatMap((source) => (source.data && isPagePublished(source.data, { includeDrafts }) ? [{ source, data: source.data }] : []));
  const targets = [
    ...published.map(({ source, post }) => ({ path: withoutExtension(source.entry), title: post.title, aliases: source.data?.aliases ?? [], url: urls.post(post.slug) })),
    ...ownPages.map(({ source, data }) => ({ path: withoutExtension(source.entry), title: data.title, aliases: [], url: urls.page(source.id) })),
  ];
  const posts: LinkTarget[] = [
    ...published.map(({ source, post }) => ({
      url: urls.post(post.slug),
      route: `posts/${post.slug}/`,
      old: [`posts/${post.id}/`, `posts/${pathId(source.entry)}/`, ...post.redirects.map((r) => r.route)],
    })),
    ...ownPages.map(({ source }) => ({ url: urls.page(source.id), route: pageRoute(source.id), old: [] })),
  ];
  const files = folderFiles(dir);
  const publicOnes = publicFiles();
  const links = buildLinkIndex({ site: siteConfig.site, base: siteConfig.base, posts, files: publicOnes });
  const fingerprint = createHash('sha256').update(JSON.stringify({ targets, posts, publicOnes })).update(files.join('\n')).digest('hex').slice(0, 16);
  const state: WikiState = {
    index: buildWikiIndex(targets),
    links,
    fingerprint,
    postUrl: createPostResolver(published.map(({ source, post }) => ({ entry: source.entry, id: post.id, slug: post.slug, url: urls.post(post.slug) }))),
    embedFile: createFileResolver(files),
  };
  holder[STATE] = { key: cacheKey, state };
  return state;
}

/**
 * The id a post file had before ids dropped Jekyll's date prefix ("2019-04-01-name"): links
 * written in Folio posts then may still use its address.
 */
function pathId(entry: string): string {
  return withoutExtension(entry)
    .split('/')
    .map((segment) => githubSlug(segment))
    .join('/')
    .replace(/(^|\/)index$/, '');
}

/** Files in public/ (or FOLIO_PUBLIC_DIR: copied to the site as they are), as site-relative paths. */
function publicFiles(dir = publicDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, `${entry.parentPath}${sep}${entry.name}`).split(sep).join('/'))
    .sort();
}

/** Forgets the index, so the next wikilink sees added or renamed posts (dev reloads). */
export function resetWikiState(): void {
  delete (globalThis as Holder)[STATE];
  resetPublishedSources();
}

function where(fileURL: URL | undefined): string {
  return fileURL ? relative(process.cwd(), fileURLToPath(fileURL)) : 'a post';
}

/** `[[target#Heading|label]]` → a link to the matching post; unresolved ones stay text, with a warning. */
export function wikilinkPlugin(options: WikiOptions): MdastPlugins[number] {
  return (factory) => {
    if (!factory.source.includes('[[')) return null;
    const { index } = wikiState(options);
    return {
      name: 'folio-wikilinks',
      text(node, ctx) {
        if (!node.value.includes('[[')) return;
        const segments = parseWikilinks(node.value);
        if (segments.every((s) => typeof s === 'string')) return;
        ctx.replaceNode(
          node,
          segments.map((segment) => {
            if (typeof segment === 'string') return { type: 'text' as const, value: segment };
            const url = resolveWikilink(segment, index);
            if (!url) {
              console.warn(`[folio] ${where(ctx.fileURL)}: ${unresolvedWikilink(segment.raw)}`);
              return { type: 'text' as const, value: segment.label };
            }
            return { type: 'link' as const, url, children: [{ type: 'text' as const, value: segment.label }] };
          }),
        );
      },
    };
  };
}

type CalloutChild = BlockContent | DefinitionContent | PhrasingContent | CalloutNode;
/** A node of Folio's own type (Sätteri's `Custom`), rendered as the element `hName`. */
type CalloutNode = { type: string; data: { hName: string; hProperties: Record<string, unknown> }; children: CalloutChild[] };

/** An element of the callout's markup, as an mdast node rendered through `hName`. */
const element = (type: string, hName: string, hProperties: Record<string, unknown>, children: CalloutChild[]): CalloutNode => ({
  type,
  data: { hName, hProperties },
  children,
});

/**
 * Text of inline nodes as the page will show them (for the accessible name): wikilinks are
 * still text here (this plugin runs before theirs) and read as their labels.
 */
function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) =>
      node.type === 'text'
        ? wikilinkText(node.value)
        : 'value' in node && node.type !== 'html'
          ? node.value
          : 'alt' in node
            ? (node.alt ?? '')
            : 'children' in node
              ? inlineText(node.children)
              : '',
    )
    .join('');
}

/**
 * The first line of a callout's first paragraph (after the marker) is its title; the rest
 * of the paragraph, if any, starts its body. A soft line break is a "\n" in a text node.
 */
function splitTitle(children: readonly PhrasingContent[], marker: CalloutMarker): { title: PhrasingContent[]; rest: PhrasingContent[] } {
  const title: PhrasingContent[] = [];
  const [first, ...others] = children;
  const queue: PhrasingContent[] = first?.type === 'text' ? [{ ...first, value: first.value.slice(marker.length) }, ...others] : [...others];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node.type === 'break') return { title, rest: queue };
    if (node.type === 'text' && node.value.includes('\n')) {
      const cut = node.value.indexOf('\n');
      const head = node.value.slice(0, cut);
      const tail = node.value.slice(cut + 1);
      if (head !== '') title.push({ ...node, value: head });
      return { title, rest: tail === '' ? queue : [{ ...node, value: tail }, ...queue] };
    }
    title.push(node);
  }
  return { title, rest: [] };
}

/** Trims the title's outer spaces, which are the line's, not the author's words. */
function trimTitle(title: PhrasingContent[]): PhrasingContent[] {
  const out = [...title];
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, value: first.value.trimStart() };
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.trimEnd() };
  return out.filter((node) => node.type !== 'text' || node.value !== '');
}

/**
 * A blockquote whose first line is `[!type]` (GitHub alerts, Obsidian callouts, a title and
 * a fold marker after it) as a callout, the MDX <Callout>'s markup; undefined for any other
 * blockquote. `source` rules out an escaped `\[!NOTE]`, which the parser has already unescaped.
 */
export function calloutFromBlockquote(node: Readonly<Blockquote>, source: string): CalloutNode | undefined {
  const [paragraph, ...blocks] = node.children;
  if (paragraph?.type !== 'paragraph') return undefined;
  const first = paragraph.children[0];
  if (first?.type !== 'text') return undefined;
  const start = first.position?.start.offset;
  if (start === undefined || source[start] !== '[') return undefined;
  const parsed = parseCalloutMarker(first.value);
  if (!parsed) return undefined;
  const marker = localCallout(parsed, interfaceText);
  const split = splitTitle(paragraph.children, marker);
  const title = trimTitle(split.title);
  const text = inlineText(title).trim();
  const heading = text === '' ? [{ type: 'text' as const, value: marker.label }] : title;
  const rest = trimTitle(split.rest);
  const body: (BlockContent | DefinitionContent)[] = rest.length > 0 ? [{ type: 'paragraph', children: rest }, ...blocks] : blocks;
  const icon = element(
    'calloutIcon',
    'svg',
    { className: [CALLOUT_CLASS.icon], ...ICON_ATTRIBUTES },
    calloutIcon(marker.kind).map((shape) => element('calloutIconShape', shape.tag, shape.attrs, [])),
  );
  const titleChildren = [icon, element('calloutLabel', 'span', {}, heading)];
  const bodyElement = element('calloutBody', 'div', { className: [CALLOUT_CLASS.body] }, body);
  const inner = marker.fold
    ? [
        element('calloutFold', 'details', { className: [CALLOUT_CLASS.fold], ...(marker.fold === 'open' ? { open: true } : {}) }, [
          element('calloutTitle', 'summary', { className: [CALLOUT_CLASS.title] }, titleChildren),
          bodyElement,
        ]),
      ]
    : [element('calloutTitle', 'p', { className: [CALLOUT_CLASS.title] }, titleChildren), bodyElement];
  return element('callout', 'aside', { className: calloutClasses(marker.kind), role: 'note', ariaLabel: calloutName(marker.label, text), dataCallout: marker.name }, inner);
}

/**
 * GitHub alerts and Obsidian callouts (`> [!NOTE]`, `> [!faq]- Title`) become callouts drawn
 * as the MDX <Callout> is (src/lib/callouts.ts); every other blockquote stays one.
 */
export function calloutsPlugin(): MdastPlugins[number] {
  return (factory) => {
    if (!mayContainCallouts(factory.source)) return null;
    return {
      name: 'folio-callouts',
      // The first text's offset tells `[!NOTE]` from an escaped `\[!NOTE]`.
      options: { position: true },
      blockquote(node, ctx) {
        const callout = calloutFromBlockquote(node, ctx.source);
        if (callout) ctx.replaceNode(node, callout);
      },
    };
  };
}

/** Text as compared with a title: case, spacing and Unicode forms ignored. */
const comparable = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
/** `## Heading {#custom-id}` (kramdown, Hugo) or `{: #custom-id .class}`: the id the author chose. */
const HEADING_ATTRIBUTES = /\s*\{:?\s*#([\w-]+)[^{}]*\}\s*$/;
/** AstroPaper's placeholder, filled by its remark-toc plugin; Folio shows its own table of contents instead. */
const TOC_PLACEHOLDER = 'table of contents';

/**
 * One `<h1>` per page, the post's title: a body that starts with its own `# Title` (common
 * in Quartz, Jekyll and Hugo posts) loses that heading when it repeats the title, and a
 * body with other level-1 headings has all its headings moved down a level (h1 → h2 …,
 * h6 stays h6), so the table of contents follows. Also applies `{#id}` heading attributes
 * and drops AstroPaper's empty "Table of contents" heading.
 */
export function headingsPlugin(): HastPlugins[number] {
  return (factory) => {
    // Only a body with a level-1 heading (ATX, setext or HTML), heading attributes or the
    // placeholder needs this pass; most have none, and each pass over the tree costs.
    if (!/^[ \t]{0,3}#(?:[ \t]|$)|^[ \t]*=+[ \t]*$|<h1|\{:?\s*#|table of contents/im.test(factory.source)) return null;
    let shift = false;
    return {
      name: 'folio-headings',
      before(root, ctx) {
        const title = (ctx.data['astro'] as { frontmatter?: { title?: unknown } } | undefined)?.frontmatter?.title;
        const elements = root.children.filter((child) => child.type === 'element');
        const first = elements[0];
        if (first?.tagName === 'h1' && typeof title === 'string' && comparable(ctx.textContent(first)) === comparable(title)) {
          ctx.removeNode(first);
          elements.shift();
        }
        shift = elements.some((element) => element.tagName === 'h1');
      },
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit(node, ctx) {
          const text = ctx.textContent(node);
          if (node.tagName !== 'h1' && comparable(text) === TOC_PLACEHOLDER) {
            ctx.removeNode(node);
            return;
          }
          const attributes = HEADING_ATTRIBUTES.exec(text);
          if (!shift && !attributes) return;
          const heading = { ...node, properties: { ...node.properties }, children: [...node.children] };
          if (shift) heading.tagName = `h${Math.min(6, Number(node.tagName[1]) + 1)}`;
          const last = heading.children.at(-1);
          if (attributes && last?.type === 'text') {
            heading.children[heading.children.length - 1] = { ...last, value: last.value.replace(HEADING_ATTRIBUTES, '') };
            heading.properties['id'] = attributes[1];
          }
          return heading;
        },
      },
    };
  };
}

/**
 * Gives h2-h6 their ids (as Astro would) and a visible "#" anchor link. The anchor has
 * no text content, so the heading text used for ids and the table of contents is unchanged.
 */
export function headingAnchorsPlugin(): HastPlugins[number] {
  return () => {
    const slugger = new Slugger();
    return {
      name: 'folio-heading-anchors',
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit(node, ctx) {
          const text = ctx.textContent(node);
          const existing = (node as HastElement).properties?.['id'];
          const id = typeof existing === 'string' ? existing : slugger.slug(text);
          if (typeof existing !== 'string') ctx.setProperty(node, 'id', id);
          if (node.tagName === 'h1') return;
          ctx.appendChild(node, {
            type: 'element',
            tagName: 'a',
            properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: interfaceText('post.headingLink', { heading: text }) },
            children: [],
          });
        },
      },
    };
  };
}

/** Elements whose text is not typeset, or not text at all. */
const UNTYPESET = new Set(['code', 'pre', 'script', 'style']);

/**
 * Template syntax another engine would have run, left in a post as written (and warned
 * about), reads as it was typed: smart punctuation would curl its quotes (src/lib/engine-syntax).
 */
export function templateTextPlugin(): HastPlugins[number] {
  return (factory) => {
    if (factory.sourceFormat !== 'markdown' || !mayContainEngineSyntax(factory.source)) return null;
    return {
      name: 'folio-template-text',
      text(node, ctx) {
        const value = untypesetTemplateSyntax(node.value);
        if (value === node.value) return;
        for (let up = ctx.parent(node) as HastElement | undefined; up && 'tagName' in up; up = ctx.parent(up as never) as HastElement | undefined) {
          if (UNTYPESET.has(up.tagName)) return;
        }
        return { ...node, value };
      },
    };
  };
}

/** Links that open a new tab get rel="noopener noreferrer". */
export function safeLinksPlugin(): HastPlugins[number] {
  // Only raw HTML can open a new tab: a body without `target` skips the pass.
  return (factory) => {
    if (!/target\s*=/i.test(factory.source)) return null;
    return {
      name: 'folio-safe-links',
      element: {
        filter: ['a'],
        visit(node, ctx) {
          const props = (node as HastElement).properties ?? {};
          if (props['target'] === '_blank') {
            const written = props['rel'] as string[] | string | undefined;
            const rel = new Set([...(Array.isArray(written) ? written : (written ?? '').split(/\s+/)).filter(Boolean), 'noopener', 'noreferrer']);
            ctx.setProperty(node, 'rel', [...rel]);
          }
        },
      },
    };
  };
}

/** The `<pre>` property that carries a fence's meta (`showLineNumbers {2}`) from mdast to hast. */
const CODE_META = 'dataFolioMeta';
/** The `<pre>` property that carries a block's title from the highlighter to its header. */
const CODE_TITLE = 'dataFolioTitle';

/**
 * Copies a fence's meta onto its `<pre>`: Sätteri drops the `<code>` element's `data.meta`
 * when raw HTML is on (which Folio needs), so the highlighter would never see
 * `showLineNumbers`, `{2,4-6}` or what Jekyll's `linenos` and Hugo's `hl_lines` become.
 */
export function codeMetaPlugin(): MdastPlugins[number] {
  return {
    name: 'folio-code-meta',
    code(node, ctx) {
      if (!node.meta) return;
      const data = (node.data ?? {}) as { hProperties?: Record<string, unknown> };
      ctx.setProperty(node, 'data', { ...data, hProperties: { ...data.hProperties, [CODE_META]: node.meta } });
    },
  };
}

/**
 * Highlights fenced code with Shiki (both themes as CSS variables, one pass of the grammar:
 * highlight.ts). Replaces Astro's built-in highlighter, which
 * is turned off in astro.config.mjs; the markup is the same. `lineNumbers`: the site's
 * setting, for blocks whose meta does not say.
 */
export function highlightPlugin({ lineNumbers = siteConfig.lineNumbers }: { lineNumbers?: boolean } = {}): HastPlugins[number] {
  return {
    name: 'folio-highlight',
    element: {
      filter: ['pre'],
      async visit(node, ctx) {
        const props = (node as HastElement).properties ?? {};
        if (String((props['className'] as string[] | string | undefined) ?? '').includes('astro-code')) return;
        const code = (node as HastElement).children?.find((c) => (c as HastElement).tagName === 'code') as HastElement | undefined;
        if (!code) return;
        const classes = Array.isArray(code.properties?.['className']) ? (code.properties['className'] as string[]) : [];
        const lang = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? 'plaintext';
        if (lang === 'math') return;
        const written = (code as { data?: { meta?: string } }).data?.meta ?? props[CODE_META];
        const meta = parseCodeMeta(typeof written === 'string' ? written : undefined);
        const { pre, warning } = await highlight({
          code: ctx.textContent(code as never),
          lang,
          lineNumbers: meta.lineNumbers ?? lineNumbers,
          startLine: meta.startLine,
          highlight: meta.highlight,
          added: meta.added,
          removed: meta.removed,
          marks: meta.marks,
          ...(meta.lang ? { diffLang: meta.lang } : {}),
        });
        if (warning) console.warn(`${warning} (${where(ctx.fileURL)})`);
        // The caption, for codeBlocksPlugin (which takes it off the <pre>).
        if (meta.title !== undefined) pre.properties = { ...pre.properties, [CODE_TITLE]: meta.title };
        return pre as never;
      },
    },
  };
}

/**
 * Wraps highlighted code in a block with a header naming the language; the copy button
 * (src/scripts/copy-code.ts) is added to that header in the browser. Without JavaScript
 * the code and its label read as they are. A block with a title is a <figure> whose header
 * is its <figcaption>, so the title reads as the code's caption, feed readers included.
 */
export function codeBlocksPlugin(): HastPlugins[number] {
  return {
    name: 'folio-code-blocks',
    element: {
      filter: ['pre'],
      visit(node, ctx) {
        const props = (node as HastElement).properties ?? {};
        const lang = props['dataLanguage'];
        if (typeof lang !== 'string') return;
        const label = lang === 'plaintext' || lang === 'text' ? 'text' : lang;
        const title = props[CODE_TITLE];
        const span = (className: string, value: string) => ({
          type: 'element' as const,
          tagName: 'span',
          properties: { className: [className] },
          children: [{ type: 'text' as const, value }],
        });
        let pre = node;
        if (typeof title === 'string') {
          const { [CODE_TITLE]: _, ...rest } = props;
          pre = { ...node, properties: rest } as typeof node;
        }
        ctx.replaceNode(node, {
          type: 'element',
          tagName: typeof title === 'string' ? 'figure' : 'div',
          properties: { className: ['code-block'] },
          children: [
            {
              type: 'element',
              tagName: typeof title === 'string' ? 'figcaption' : 'div',
              properties: { className: ['code-header'] },
              // a space between title and language for readers without CSS (feeds); flex layout ignores it
              children: typeof title === 'string' ? [span('code-title', title), { type: 'text', value: ' ' }, span('code-lang', label)] : [span('code-lang', label)],
            },
            pre,
          ],
        });
      },
    },
  };
}

/** GFM task-list checkboxes get an accessible name: "done" or "not done". */
export function taskListPlugin(): HastPlugins[number] {
  return {
    name: 'folio-task-lists',
    element: {
      filter: ['input'],
      visit(node, ctx) {
        const props = (node as HastElement).properties ?? {};
        if (props['type'] !== 'checkbox' || props['ariaLabel']) return;
        ctx.setProperty(node, 'ariaLabel', props['checked'] ? 'done' : 'not done');
      },
    },
  };
}

/**
 * Folio's parser features: raw HTML in Markdown becomes real elements, so the plugins see it
 * too; math is parsed so that the math plugin can turn it into MathML (and leave prices as text).
 */
const FEATURES = { rawHtml: true, ...MATH_FEATURES };
/** Every feature a post is parsed with: Astro's defaults (GFM, smart punctuation) and Folio's. */
export const POST_FEATURES = { gfm: true, smartPunctuation: true, ...FEATURES };

export function markdownPlugins(options: WikiOptions): SatteriProcessorOptions {
  return {
    // Callouts first: they read the source offset of a quotation's first text, which the
    // nodes other plugins put in its place (wikilinks, a paragraph math parsed again) do not
    // have. Then math: the text it leaves is what wikilinks read.
    mdastPlugins: [calloutsPlugin(), mathPlugin(POST_FEATURES), wikilinkPlugin(options), codeMetaPlugin()],
    hastPlugins: [
      highlightPlugin(),
      templateTextPlugin(),
      headingsPlugin(),
      headingAnchorsPlugin(),
      safeLinksPlugin(),
      internalLinksPlugin(() => wikiState(options).links),
      codeBlocksPlugin(),
      taskListPlugin(),
      // Remote images lazy; MDX's relative <img> and SVGs that state no size published (before Astro's image plugins).
      imagesPlugin(),
      // Embeds last: it sees the final markup (inline scripts hashed as published), and runs
      // before Astro's image-marker plugin, which reads the image srcs it adds.
      embedsPlugin(),
    ],
    features: FEATURES,
  };
}
