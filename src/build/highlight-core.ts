/**
 * Code highlighting with Shiki, producing the same <pre class="astro-code"> markup as
 * Astro's built-in highlighter (both themes as CSS variables). Runs in worker threads
 * (highlight-worker.ts) or in-process; the output is identical either way.
 */
import { createHighlighter, isSpecialLang, type Highlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

export const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

export interface HighlightRequest {
  code: string;
  lang: string;
  /** Number the lines (`showLineNumbers`): a class on <pre>, the numbers drawn by CSS, so copied code has none. */
  lineNumbers?: boolean;
  /** 1-based lines to mark (`{2,4-6}`). */
  highlight?: number[];
}

// A plain JSON tree (hast), so it crosses worker boundaries as is.
export type HastJson = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: HastJson[]; value?: string };

let highlighter: Promise<Highlighter> | undefined;
const failedLangs = new Set<string>();

function shiki(): Promise<Highlighter> {
  // The JavaScript regex engine: no WebAssembly, and faster than Oniguruma on our grammars.
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [], engine: createJavaScriptRegexEngine({ forgiving: true }) });
  return highlighter;
}

/** Highlights one block; unknown languages fall back to plain text. */
export async function highlight({ code, lang, lineNumbers = false, highlight: marked = [] }: HighlightRequest): Promise<{ pre: HastJson; warning?: string }> {
  const h = await shiki();
  // Authors write `R`, `Python`, `JS`: Shiki's names and aliases are lower case.
  let language = lang.toLowerCase() || 'plaintext';
  let warning: string | undefined;
  if (!isSpecialLang(language) && !h.getLoadedLanguages().includes(language)) {
    try {
      if (failedLangs.has(language)) throw new Error('unknown');
      await h.loadLanguage(language as Parameters<Highlighter['loadLanguage']>[0]);
    } catch {
      failedLangs.add(language);
      warning = `[Shiki] The language "${language}" doesn't exist, falling back to "plaintext".`;
      language = 'plaintext';
    }
  }
  const marks = new Set(marked);
  const root = h.codeToHast(code.replace(/(?:\r\n|\r|\n)$/, ''), {
    lang: language,
    themes: THEMES,
    defaultColor: false,
    // No time limit per line: Shiki stops tokenizing a line after 500 ms by default and colours
    // the rest as the last token, so a busy machine (the grammar's first use compiles its
    // regexes) gave the same code different colours from one build to the next.
    tokenizeTimeLimit: 0,
    transformers: [
      {
        pre(node) {
          const cls = String(node.properties['class'] ?? '');
          node.properties['class'] = cls.replace(/shiki/g, 'astro-code');
          node.properties['dataLanguage'] = language;
          node.properties['style'] = `${String(node.properties['style'] ?? '')}; overflow-x: auto;`;
          if (lineNumbers) node.properties['class'] = `${String(node.properties['class'])} line-numbers`;
        },
        line(node, line) {
          if (marks.has(line)) node.properties['class'] = `${String(node.properties['class'] ?? 'line')} highlighted`;
        },
      },
    ],
  }) as unknown as HastJson;
  const pre = root.children?.find((c) => c.type === 'element');
  if (!pre) throw new Error('Shiki returned no <pre>');
  return warning ? { pre, warning } : { pre };
}
