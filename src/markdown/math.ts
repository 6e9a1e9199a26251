/**
 * Math in posts, for Sätteri: `$…$`, `$$…$$` and ```` ```math ```` fences become MathML at build
 * time (src/lib/mathml.ts), in Markdown and MDX alike. Sätteri pairs dollar signs the way it
 * pairs backticks, so "$5 and $10" would be a formula; where its pairing differs from Pandoc's
 * rule, the paragraph (heading, table cell) is parsed again with its lone dollars escaped.
 * A formula that does not parse is shown as its source, with a warning naming the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';
import { markdownToHtml, markdownToMdast, mdxToJs, mdxToMdast, type Features } from 'satteri';
import { splitFrontmatter } from '../lib/frontmatter.ts';
import { replaceInlineMath, scanInlineMath, type MathSpan } from '../lib/math.ts';
import { mathWarning, renderMath, type MathMode } from '../lib/mathml.ts';

type MdastPlugins = NonNullable<SatteriProcessorOptions['mdastPlugins']>;
type Plugin = Exclude<MdastPlugins[number], readonly unknown[] | ((...args: never[]) => unknown) | null | undefined | false>;
type Context = Parameters<NonNullable<Plugin['paragraph']>>[1];
type Point = { line: number; offset?: number | undefined };
type Node = { type: string; value?: string; lang?: string; children?: Node[]; position?: { start: Point; end: Point } | undefined };

/** Sätteri's math syntax: `$…$` and `$$…$$` (the plugin below decides which dollars count). */
export const MATH_FEATURES = { math: true } satisfies Features;

/** A ```` ```math ```` or `~~~math` fence. */
const MATH_FENCE = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*math\b/im;

/** Whether a body may hold math: most posts have no `$` and no math fence, and skip the plugin. */
export function mayContainMath(source: string): boolean {
  return source.includes('$') || MATH_FENCE.test(source);
}

/** The file a post came from, as messages name it. */
function fileName(fileURL: URL | undefined): string {
  return fileURL ? relative(process.cwd(), fileURLToPath(fileURL)) : 'a post';
}

/**
 * Lines in the post's file before the body the processor was given (the frontmatter, blank
 * lines trimmed), so a body line can be named as a file line. Read only when there is a
 * broken formula to report.
 */
function bodyLineOffset(fileURL: URL | undefined, body: string): number {
  if (!fileURL) return 0;
  const path = fileURLToPath(fileURL);
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
  const at = text.indexOf(body.replace(/\r\n?/g, '\n'));
  if (at >= 0) return text.slice(0, at).split('\n').length - 1;
  const split = splitFrontmatter(text);
  return split.bodyOffset + (/^(?:[ \t]*\n)*/.exec(split.body)?.[0].split('\n').length ?? 1) - 1;
}

const newlines = (text: string) => text.split('\n').length - 1;
/** Marks where a formula stands in a paragraph parsed again: private-use characters no Markdown rule touches. */
const PLACEHOLDER = /\uE000(\d+)\uE001/;
const placeholder = (index: number) => `\uE000${index}\uE001`;
/** A link reference or footnote definition (its first line: enough to resolve a reference to it). */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm;

/** The inline math nodes under `node`, in document order. */
function inlineMathNodes(node: Node): Node[] {
  return (node.children ?? []).flatMap((child) => (child.type === 'inlineMath' ? [child] : inlineMathNodes(child)));
}

/** A node tree as plain objects without positions (a parsed copy's positions are not the post's). */
function plain(node: Node): Node {
  const { position: _position, children, ...rest } = node;
  return children ? { ...rest, children: children.map(plain) } : { ...rest };
}

/** Says a formula does not parse; the build prints it as Folio's other Markdown warnings. */
export type MathWarn = (message: string) => void;
const warnInLog: MathWarn = (message) => console.warn(`[folio] ${message}`);

export function mathPlugin(features: Features, warn: MathWarn = warnInLog): MdastPlugins[number] {
  return (factory) => {
    if (!mayContainMath(factory.source)) return null;
    const source = factory.source;
    const file = fileName(factory.fileURL);
    let offset: number | undefined;
    const fileLine = (bodyLine: number) => bodyLine + (offset ??= bodyLineOffset(factory.fileURL, source));
    let definitions: string | undefined;
    const parse = (text: string) => (factory.sourceFormat === 'mdx' ? mdxToMdast : markdownToMdast)(text, { features, position: false }) as Node;

    /** The formula as MathML, or (when it does not parse, with a warning) as its source in code. */
    const formula = (tex: string, mode: MathMode, line: number, annotate = true): Node => {
      const rendered = renderMath(tex, { mode, annotate });
      if (rendered.ok) return { type: 'html', value: rendered.html };
      const at = line + (rendered.offset === undefined ? 0 : newlines(tex.slice(0, rendered.offset)));
      warn(mathWarning({ file, line: fileLine(at), tex, message: rendered.message }));
      return mode === 'block' ? { type: 'code', lang: 'tex', value: tex } : { type: 'inlineCode', value: tex };
    };

    /** A `$$` block or a math fence: the TeX starts on the line after the opening one. */
    const block = (node: Node) => formula(node.value ?? '', 'block', (node.position?.start.line ?? 0) + 1);

    /**
     * The formulas of one paragraph, heading or table cell. Where Sätteri found exactly the
     * formulas Pandoc's rule finds, each is replaced where it stands; otherwise the text is
     * parsed again, formulas held by placeholders and lone dollars escaped.
     */
    const inline = (container: Node, ctx: Context, where: 'paragraph' | 'heading' | 'cell') => {
      const start = container.position?.start;
      const end = container.position?.end;
      if (start?.offset === undefined || end?.offset === undefined) return;
      const base = start.offset;
      const slice = source.slice(base, end.offset);
      if (!slice.includes('$')) return;
      const lineOf = (at: number) => start.line + newlines(slice.slice(0, at));
      const modeOf = (span: MathSpan): MathMode => (where === 'heading' || !span.display ? 'inline' : 'display');
      const annotate = where !== 'heading';
      const scan = scanInlineMath(slice);
      // `$$…$$` as the whole paragraph: a block formula, as a `$$` fence is.
      const only = scan.spans.length === 1 ? scan.spans[0]! : undefined;
      const ownLine = where === 'paragraph' && only?.display === true && slice.slice(0, only.start).trim() === '' && slice.slice(only.end).trim() === '';
      const found = inlineMathNodes(container);
      const same =
        found.length === scan.spans.length &&
        found.every((node, i) => node.position?.start.offset === base + scan.spans[i]!.start && node.position?.end.offset === base + scan.spans[i]!.end);
      if (same) {
        if (ownLine) {
          ctx.replaceNode(container as never, formula(found[0]!.value ?? '', 'block', lineOf(scan.spans[0]!.start)) as never);
          return;
        }
        found.forEach((node, i) => {
          const span = scan.spans[i]!;
          ctx.replaceNode(node as never, formula(node.value ?? '', modeOf(span), lineOf(span.start), annotate) as never);
        });
        return;
      }
      const reparsed = reparse(container, slice, where, ctx);
      if (reparsed && ownLine) {
        ctx.replaceNode(container as never, formula(reparsed.spans[0]!.tex, 'block', lineOf(scan.spans[0]!.start)) as never);
        return;
      }
      // Each placeholder in the text becomes its formula; one left elsewhere (an MDX expression,
      // a link's URL) means the text was not read as the rule assumed, and Sätteri's reading stays.
      let filled = 0;
      const fill = (node: Node): Node[] => {
        if (node.type === 'text' && node.value && PLACEHOLDER.test(node.value)) {
          return node.value.split(new RegExp(PLACEHOLDER.source)).flatMap((part, i) => {
            if (i % 2 === 0) return part === '' ? [] : [{ type: 'text', value: part }];
            const span = reparsed!.spans[Number(part)]!;
            filled += 1;
            return [formula(span.tex, modeOf(span), start.line + reparsed!.lineOf(span.start), annotate)];
          });
        }
        return [node.children ? { ...node, children: node.children.flatMap(fill) } : node];
      };
      const children = reparsed?.children.flatMap(fill);
      if (reparsed && children && filled === reparsed.spans.length) {
        ctx.setProperty(container as never, 'children', children as never);
        return;
      }
      // Kept as Sätteri read it: its formulas that Pandoc's rule agrees with, the rest as written.
      for (const node of found) {
        const from = (node.position?.start.offset ?? 0) - base;
        const span = scan.spans.find((s) => s.start === from && base + s.end === node.position?.end.offset);
        const value = slice.slice(from, (node.position?.end.offset ?? 0) - base).replace(/\n[ \t>]*/g, '\n');
        ctx.replaceNode(node as never, (span ? formula(node.value ?? '', modeOf(span), lineOf(span.start), annotate) : { type: 'text', value }) as never);
      }
    };

    /**
     * The container's text parsed on its own, formulas held by placeholders and lone dollars
     * escaped: its inline nodes, and the formulas with their offsets in that text. Undefined
     * when the text no longer parses to one block of the same kind (then Sätteri's reading stays).
     */
    const reparse = (container: Node, slice: string, where: 'paragraph' | 'heading' | 'cell', ctx: Context) => {
      // Continuation lines lose the quote markers and indentation of their containers.
      let quotes = 0;
      for (let up = ctx.parent(container as never) as Node | undefined; up; up = ctx.parent(up as never) as Node | undefined) {
        if (up.type === 'blockquote') quotes += 1;
      }
      const prefix = new RegExp(`\\n[ \\t]*(?:>[ \\t]?){0,${quotes}}[ \\t]*`, 'g');
      const text = (where === 'cell' ? slice.replace(/^\s*\|/, '').replace(/(?<!\\)\|\s*$/, '') : slice).replace(prefix, '\n');
      const scan = scanInlineMath(text);
      // The post's link and footnote definitions come along, so `[text][ref]` and `[^1]` still resolve.
      definitions ??= (source.match(DEFINITION) ?? []).join('\n');
      let root: Node;
      try {
        root = parse(`${replaceInlineMath(text, scan, placeholder)}\n\n${definitions}`);
      } catch {
        // A formula by Pandoc's rule that runs into MDX syntax ("$5 or $10 with <Tag>$x$</Tag>").
        return undefined;
      }
      const [first, ...rest] = root.children ?? [];
      const kind = where === 'heading' ? 'heading' : 'paragraph';
      if (first?.type !== kind || rest.some((block) => block.type !== 'definition' && block.type !== 'footnoteDefinition')) return undefined;
      return { children: (first.children ?? []).map(plain), spans: scan.spans, lineOf: (at: number) => newlines(text.slice(0, at)) };
    };

    return {
      name: 'folio-math',
      options: { position: true },
      math: (node) => block(node) as never,
      code: (node) => (node.lang?.toLowerCase() === 'math' ? (block(node as Node) as never) : undefined),
      paragraph: (node, ctx) => inline(node, ctx, 'paragraph'),
      heading: (node, ctx) => inline(node, ctx, 'heading'),
      tableCell: (node, ctx) => inline(node, ctx, 'cell'),
    };
  };
}

/**
 * The warnings a post's formulas would give in the build, for `npm run check:content`: the
 * body parsed as the build parses it, with the math plugin only.
 */
export function mathWarnings(path: string, body: string, features: Features): string[] {
  if (!mayContainMath(body)) return [];
  const found: string[] = [];
  const options = { mdastPlugins: [mathPlugin(features, (message) => found.push(message))], features, fileURL: pathToFileURL(path) };
  // The warnings are pushed as the plugin visits, which it does before these return.
  if (/\.mdx$/i.test(path)) void mdxToJs(body, options);
  else void markdownToHtml(body, options);
  return found;
}
