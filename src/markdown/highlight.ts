/**
 * Code highlighting with Shiki, producing the same <pre class="astro-code"> markup as
 * Astro's built-in highlighter (both themes as CSS variables), in the thread that renders
 * the Markdown. (Worker threads were tried: each compiled the grammars again and copied every
 * tree back, and a 1,000-post build spent 10-15 s more CPU and about 5 s more time with two
 * of them than without, on two cores.)
 *
 * Besides colours it draws what the fence's meta and the code ask for (src/lib/code-meta.ts):
 * numbered, marked, added and removed lines, marked text, `diff` blocks, and the notation
 * comments of Shiki's transformers (`// [!code ++]`, `# [!code --]`, `[!code highlight]`),
 * which are taken out of the code.
 */
import { createHighlighter, flatTokenVariants, isSpecialLang, type Highlighter, type ShikiTransformer, type ThemedToken, type ThemeRegistrationResolved } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import type { CodeMark } from '../lib/code-meta.ts';
import { markRanges, readDiff, type MarkRange } from '../lib/code-lines.ts';

export const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

export interface HighlightRequest {
  code: string;
  lang: string;
  /** Number the lines (`showLineNumbers`): a class on <pre>, the numbers drawn by CSS, so copied code has none. */
  lineNumbers?: boolean;
  /** The first line's number, when not 1. */
  startLine?: number;
  /** 1-based lines to mark (`{2,4-6}`). */
  highlight?: number[];
  /** 1-based lines shown as added and removed (`ins={…}`, `del={…}`). */
  added?: number[];
  removed?: number[];
  /** Text to mark (`/pattern/`, `"text"`). */
  marks?: CodeMark[];
  /** A `diff` block's own language (`lang="ts"`). */
  diffLang?: string;
}

// A plain JSON tree (hast).
export type HastJson = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: HastJson[]; value?: string };

let highlighter: Promise<{ h: Highlighter; pair: Pairing | null }> | undefined;
const failedLangs = new Set<string>();

function shiki(): Promise<{ h: Highlighter; pair: Pairing | null }> {
  highlighter ??= (async () => {
    // The JavaScript regex engine: no WebAssembly, and faster than Oniguruma on our grammars.
    const h = await createHighlighter({ themes: Object.values(THEMES), langs: [], engine: createJavaScriptRegexEngine({ forgiving: true }) });
    const pair = pairing(h);
    if (pair) await h.loadTheme(pair.theme);
    return { h, pair };
  })();
  return highlighter;
}

/**
 * Lets the highlighter and its grammars go once content sync is done, so their memory is
 * free for page rendering; a later block (an MDX page compiled afterwards, a dev reload)
 * makes a new one. A block being highlighted keeps the one it has.
 */
export function releaseHighlighter(): void {
  highlighter = undefined;
}

/**
 * Both themes from one pass of the grammar. Shiki colours a block with two themes by
 * tokenizing it twice, once per theme, and lining the tokens up: half of all highlighting
 * time. GitHub's light and dark themes are the same rules in the same order with other
 * colours, so a theme with those rules whose colour for each rule stands for the pair
 * (light, dark) resolves both at once: a token's colour in it says its colour in each. Token
 * edges come out where Shiki's would (a new token wherever the light or the dark colour
 * changes), and the markup is Shiki's own for two themes: the same bytes, tested against
 * Shiki on every language. Themes that differ in their rules are highlighted Shiki's way.
 */
interface Pairing {
  theme: ThemeRegistrationResolved;
  /** The stand-in colour (as the grammar hands it out, upper case) -> the colours in light and dark. */
  colours: Map<string, readonly [string, string]>;
  /** Shiki's class and style for a two-theme <pre>. */
  pre: { class: string; style: string };
  /** A stand-in colour and font style -> the token's style for two themes, as Shiki writes it. */
  styles: Map<string, Record<string, string>>;
}

const PAIR_THEME = 'folio-light-dark';

function pairing(h: Highlighter): Pairing | null {
  const theme = pairTheme(h.getTheme(THEMES.light), h.getTheme(THEMES.dark));
  const shikiPre = (h.codeToHast('', { lang: 'text', themes: THEMES, defaultColor: false }).children[0] as Element | undefined)?.properties;
  if (!theme || !shikiPre) return null;
  return { ...theme, pre: { class: String(shikiPre['class']), style: String(shikiPre['style']) }, styles: new Map() };
}

/** The theme that colours with both at once, or null when their rules differ (then Shiki's two passes). */
export function pairTheme(light: ThemeRegistrationResolved, dark: ThemeRegistrationResolved): Pick<Pairing, 'theme' | 'colours'> | null {
  if (light.settings.length !== dark.settings.length) return null;
  if (Object.keys(light.colorReplacements ?? {}).length + Object.keys(dark.colorReplacements ?? {}).length > 0) return null;
  const colours = new Map<string, readonly [string, string]>();
  const ids = new Map<string, string>();
  const standIn = (a: string, b: string): string => {
    const key = `${a} ${b}`;
    let id = ids.get(key);
    if (!id) {
      id = `#${(ids.size + 1).toString(16).padStart(6, '0')}`;
      ids.set(key, id);
      // the grammar's colour map hands colours out in upper case, and so Shiki writes them
      colours.set(id.toUpperCase(), [a.toUpperCase(), b.toUpperCase()]);
    }
    return id;
  };
  const settings: ThemeRegistrationResolved['settings'] = [];
  for (const [i, a] of light.settings.entries()) {
    const b = dark.settings[i]!;
    const same = (key: 'foreground' | 'background') => (a.settings[key] === undefined) === (b.settings[key] === undefined);
    if (JSON.stringify(a.scope) !== JSON.stringify(b.scope) || a.settings.fontStyle !== b.settings.fontStyle || !same('foreground') || !same('background')) return null;
    const { foreground: fa, background: ba, fontStyle } = a.settings;
    const { foreground: fb, background: bb } = b.settings;
    settings.push({
      ...(a.scope === undefined ? {} : { scope: a.scope }),
      settings: {
        ...(fontStyle === undefined ? {} : { fontStyle }),
        ...(fa && fb ? { foreground: standIn(fa, fb) } : {}),
        // backgrounds are not drawn, but a change of one is a token edge in Shiki's two passes
        ...(ba && bb ? { background: standIn(ba, bb) } : {}),
      },
    });
  }
  const theme: ThemeRegistrationResolved = {
    name: PAIR_THEME,
    type: light.type,
    settings,
    fg: standIn(light.fg, dark.fg),
    bg: standIn(light.bg, dark.bg),
    colors: {},
    colorReplacements: {},
  };
  return { theme, colours };
}

/** Tokens coloured by the pair theme, as Shiki's two-theme path hands them on. */
function pairedTokens(pair: Pairing, lines: ThemedToken[][]): ThemedToken[][] {
  const style = (token: ThemedToken): Record<string, string> | undefined => {
    if (!token.color) return undefined;
    const key = `${token.color} ${token.fontStyle ?? ''}`;
    let css = pair.styles.get(key);
    if (css === undefined) {
      const [light, dark] = pair.colours.get(token.color) ?? [token.color, token.color];
      const variant = (color: string) => ({ color, ...(token.fontStyle === undefined ? {} : { fontStyle: token.fontStyle }) });
      css = flatTokenVariants({ content: '', offset: 0, variants: { light: variant(light), dark: variant(dark) } }, ['light', 'dark'], '--shiki-', false).htmlStyle ?? {};
      pair.styles.set(key, css);
    }
    return css;
  };
  // Shiki's whitespace rule for two themes: a token of only spaces joins the next one
  return lines.map((line) => {
    const out: ThemedToken[] = [];
    let carry = '';
    let first: number | undefined;
    line.forEach((token, i) => {
      const css = style(token);
      const flat: ThemedToken = { content: token.content, offset: token.offset, ...(css === undefined ? {} : { htmlStyle: css }) };
      if (/^\s+$/.test(token.content) && line[i + 1]) {
        first ??= token.offset;
        carry += token.content;
      } else if (carry) {
        out.push({ ...flat, offset: first!, content: carry + token.content });
        carry = '';
        first = undefined;
      } else out.push(flat);
    });
    return out;
  });
}

/** The language Shiki knows by the name the author wrote (loaded on first use), else plain text with a warning. */
async function language(h: Highlighter, lang: string): Promise<{ language: string; warning?: string }> {
  // Authors write `R`, `Python`, `JS`: Shiki's names and aliases are lower case.
  const name = lang.toLowerCase() || 'plaintext';
  if (isSpecialLang(name) || h.getLoadedLanguages().includes(name)) return { language: name };
  try {
    if (failedLangs.has(name)) throw new Error('unknown');
    await h.loadLanguage(name as Parameters<Highlighter['loadLanguage']>[0]);
    return { language: name };
  } catch {
    failedLangs.add(name);
    return { language: 'plaintext', warning: `[Shiki] The language "${name}" doesn't exist, falling back to "plaintext".` };
  }
}

type Element = Parameters<NonNullable<ShikiTransformer['line']>>[0];
type Child = Element['children'][number];

const classes = (node: Element): string[] => {
  const value = node.properties['class'];
  return (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/\s+/)).filter(Boolean);
};
const setClasses = (node: Element, list: string[]) => {
  node.properties['class'] = [...new Set(list)].join(' ');
};
const textOf = (node: Child): string => (node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '');

/** Takes the whitespace off the end of a line (what is left of `code; // [!code ++]`). */
function trimEnd(line: Element): void {
  for (let last = line.children.at(-1); last; last = line.children.at(-1)) {
    const text = last.type === 'element' && last.children.length === 1 && last.children[0]?.type === 'text' ? last.children[0] : undefined;
    if (!text) return;
    text.value = text.value.trimEnd();
    if (text.value !== '') return;
    line.children.pop();
  }
}

/**
 * `[\!code ++]` shows the notation as written (a post about it): the backslash goes, wherever
 * the grammar cut the text into tokens (Markdown reads `\!` as a token of its own).
 */
function unescapeNotation(line: Element): void {
  const text = textOf(line);
  const cuts: number[] = [];
  for (let at = text.indexOf('[\\!code'); at >= 0; at = text.indexOf('[\\!code', at + 1)) cuts.push(at + 1);
  let offset = 0;
  const visit = (node: Child): void => {
    if (node.type === 'text') {
      const start = offset;
      offset += node.value.length;
      const inside = cuts.filter((cut) => cut >= start && cut < offset).map((cut) => cut - start);
      for (const cut of inside.reverse()) node.value = node.value.slice(0, cut) + node.value.slice(cut + 1);
    } else if (node.type === 'element') node.children.forEach(visit);
  };
  line.children.forEach(visit);
}

/** The sign in front of an added or removed line: real text (so feed readers, which have no CSS, show it), never copied (src/scripts/copy-code.ts). */
const DIFF_SIGNS = { add: '+', remove: '\u2212', same: ' ' } as const;

/**
 * Wraps the stretches of a line's tokens that `ranges` cover in <mark> (or <ins>/<del>),
 * splitting tokens at the edges; the tokens keep their colours inside.
 */
function markLine(line: Element, ranges: readonly MarkRange[]): void {
  if (ranges.length === 0) return;
  const pieces: { node: Child; range: number }[] = [];
  let offset = 0;
  for (const token of line.children) {
    const text = textOf(token);
    const start = offset;
    offset += text.length;
    if (token.type !== 'element' || token.children.length !== 1 || token.children[0]?.type !== 'text') {
      pieces.push({ node: token, range: ranges.findIndex((r) => r.start <= start && offset <= r.end) });
      continue;
    }
    // the edges of the ranges inside this token
    const cuts = new Set([start, offset]);
    for (const r of ranges) for (const edge of [r.start, r.end]) if (edge > start && edge < offset) cuts.add(edge);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i += 1) {
      const from = sorted[i]!;
      const to = sorted[i + 1]!;
      const node: Element = { ...token, properties: { ...token.properties }, children: [{ type: 'text', value: text.slice(from - start, to - start) }] };
      pieces.push({ node, range: ranges.findIndex((r) => r.start <= from && to <= r.end) });
    }
  }
  const children: Child[] = [];
  for (let i = 0; i < pieces.length;) {
    const { range } = pieces[i]!;
    let j = i;
    while (j < pieces.length && pieces[j]!.range === range) j += 1;
    const run = pieces.slice(i, j).map((p) => p.node);
    if (range < 0) children.push(...run);
    else {
      children.push({ type: 'element', tagName: ranges[range]!.kind, properties: {}, children: run });
    }
    i = j;
  }
  line.children = children;
}

/**
 * Shiki's markup for both themes: one pass of the grammar where the themes allow it (see
 * Pairing), Shiki's two passes otherwise (and for plain text and ANSI) or when asked. An
 * unknown language is plain text.
 */
export async function themedHast(code: string, lang: string, transformers: ShikiTransformer[] = [], { twoPasses = false } = {}): Promise<HastJson> {
  const { h, pair } = await shiki();
  ({ language: lang } = await language(h, lang));
  // No time limit per line: Shiki stops tokenizing a line after 500 ms by default and colours
  // the rest as the last token, so a busy machine (the grammar's first use compiles its
  // regexes) gave the same code different colours from one build to the next.
  const tokenizeTimeLimit = 0;
  const paired = pair && !twoPasses && !isSpecialLang(lang) ? pair : null;
  if (!paired) return h.codeToHast(code, { lang, themes: THEMES, defaultColor: false, tokenizeTimeLimit, transformers });
  return h.codeToHast(code, {
    lang,
    theme: PAIR_THEME,
    tokenizeTimeLimit,
    mergeWhitespaces: false,
    transformers: [
      {
        name: 'folio:light-dark',
        enforce: 'pre',
        tokens: (lines) => pairedTokens(paired, lines),
        pre(node) {
          // Shiki's classes for two themes in place of the pair theme's name; what the other transformers added stays
          setClasses(
            node,
            classes(node).flatMap((c) => (c === 'shiki' ? [] : c === PAIR_THEME ? paired.pre.class.split(' ') : [c])),
          );
          node.properties['style'] = paired.pre.style;
        },
      },
      ...transformers,
    ],
  });
}

/** Highlights one block; unknown languages fall back to plain text. */
export async function highlight(request: HighlightRequest): Promise<{ pre: HastJson; warning?: string }> {
  const { lineNumbers = false, startLine = 1, marks = [] } = request;
  const { h } = await shiki();
  let code = request.code.replace(/(?:\r\n|\r|\n)$/, '');
  const added = new Set(request.added);
  const removed = new Set(request.removed);
  let signs = true;
  let shown = request.lang;
  // A `diff` block: its +/- lines marked, the column of signs taken out unless it is a real patch.
  if (request.lang.toLowerCase() === 'diff') {
    const diff = readDiff(code);
    code = diff.code;
    for (const n of diff.added) added.add(n);
    for (const n of diff.removed) removed.add(n);
    signs = !diff.patch;
    shown = diff.patch ? 'diff' : (request.diffLang ?? 'plaintext');
  }
  const { language: lang, warning } = await language(h, shown);
  const label = request.lang.toLowerCase() === 'diff' ? 'diff' : lang;
  const marked = new Set(request.highlight);
  const transformers: ShikiTransformer[] = [];
  // Notation comments only where the code has some: a block without them is left as it was.
  const notation = code.includes('[!code');
  if (notation) transformers.push(transformerNotationDiff({ matchAlgorithm: 'v3' }), transformerNotationHighlight({ matchAlgorithm: 'v3' }));
  const escaped = code.includes('[\\!code');
  // Lines that held a notation comment: the space before it goes with it.
  const noted = new WeakSet<Element>();
  transformers.push({
    name: 'folio',
    line(node, line) {
      if (notation && textOf(node).includes('[!code')) noted.add(node);
      const list = classes(node);
      if (marked.has(line)) list.push('highlighted');
      if (added.has(line)) list.push('diff', 'add');
      if (removed.has(line)) list.push('diff', 'remove');
      if (list.length > 1) setClasses(node, list);
    },
    code(node) {
      // after the notation transformers: their comments are gone, their classes set
      const lines = node.children.filter((c): c is Element => c.type === 'element');
      for (const line of lines) {
        if (noted.has(line)) trimEnd(line);
        if (escaped) unescapeNotation(line);
      }
      // marks are found in the text as shown
      const ranges = marks.length > 0 ? markRanges(lines.map(textOf), marks) : [];
      const lineSigns = lines.map((line, i) => {
        markLine(line, ranges[i] ?? []);
        const list = classes(line);
        if (list.length > 1) setClasses(line, list);
        return list.includes('add') ? DIFF_SIGNS.add : list.includes('remove') ? DIFF_SIGNS.remove : DIFF_SIGNS.same;
      });
      // Every line of a block with changes gets its sign, a space for the others: the code lines
      // up, and a feed reader shows the block as a diff reads.
      if (signs && lineSigns.some((sign) => sign !== DIFF_SIGNS.same)) {
        lines.forEach((line, i) => line.children.unshift({ type: 'element', tagName: 'span', properties: { class: 'diff-sign' }, children: [{ type: 'text', value: lineSigns[i]! }] }));
      }
      // the notation transformers' working data stays behind
      delete node.data;
    },
    pre(node) {
      const list = classes(node).map((c) => (c === 'shiki' ? 'astro-code' : c === 'shiki-themes' ? 'astro-code-themes' : c));
      if (lineNumbers) list.push('line-numbers');
      setClasses(node, list);
      node.properties['dataLanguage'] = label;
      const start = lineNumbers && startLine !== 1 ? `--line-start:${startLine - 1};` : '';
      node.properties['style'] = `${String(node.properties['style'] ?? '')}; ${start}overflow-x: auto;`;
    },
  });
  const root = await themedHast(code, lang, transformers);
  const pre = root.children?.find((c) => c.type === 'element');
  if (!pre) throw new Error('Shiki returned no <pre>');
  return warning ? { pre, warning } : { pre };
}
