/**
 * TeX turned into MathML (MathML Core, drawn natively by browsers and feed readers: no script,
 * font or stylesheet), and the warning for a formula that does not parse.
 */
import temml from 'temml';

/** Where a formula goes: in a line of text, as display math in a line of text, or as a block of its own. */
export type MathMode = 'inline' | 'display' | 'block';

export interface MathOptions {
  mode: MathMode;
  /**
   * Keep the TeX in an `<annotation>` (what search indexes, and what copying the formula
   * gives). Off in headings, whose text becomes their id and table-of-contents entry.
   */
  annotate?: boolean;
}

export type RenderedMath = { ok: true; html: string } | { ok: false; message: string; offset: number | undefined };

/** The accessible name of a display formula's scroll box. */
export const FORMULA_LABEL = 'Formula';

/**
 * Temml's cell alignments are classes its stylesheet gives a meaning to; Folio ships no math
 * stylesheet, so they become inline styles (allowed by the policy's style-src-attr).
 */
const CLASS_STYLES: Record<string, string> = { 'tml-left': 'text-align:left', 'tml-right': 'text-align:right' };

function inlineClassStyles(html: string): string {
  return html.replace(/<(m[a-z]+)((?:\s[^<>]*)?)>/g, (tag, name: string, attributes: string) => {
    const classes = /\sclass="([^"]*)"/.exec(attributes)?.[1]?.split(/\s+/) ?? [];
    const extra = classes.flatMap((c) => CLASS_STYLES[c] ?? []);
    if (extra.length === 0) return tag;
    const style = /\sstyle="([^"]*)"/.exec(attributes);
    const merged = `${style ? `${style[1]!.replace(/;?$/, ';')}` : ''}${extra.join(';')};`;
    return `<${name}${style ? attributes.replace(style[0], ` style="${merged}"`) : `${attributes} style="${merged}"`}>`;
  });
}

/** Temml's message without the position and the underlined excerpt it appends. */
function errorMessage(error: unknown): { message: string; offset: number | undefined } {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.split(/ at (?:position \d+|end of input):/)[0]!.trim() || 'it could not be read';
  const position = (error as { position?: unknown }).position;
  return { message, offset: typeof position === 'number' ? position : undefined };
}

/**
 * TeX → MathML, done at build time. Inline formulas are a bare `<math>`; display ones are
 * `display="block"`, and a block formula sits in a box that scrolls sideways when it is wider
 * than the page (focusable, so a keyboard can scroll it; named, so that focus says what it is).
 * The MathML a reader sees is left out of the search index, which gets the TeX annotation instead.
 */
export function renderMath(tex: string, { mode, annotate = true }: MathOptions): RenderedMath {
  let mathml: string;
  try {
    mathml = temml.renderToString(tex, { displayMode: mode !== 'inline', annotate, throwOnError: true, trust: false, xml: false });
  } catch (error) {
    return { ok: false, ...errorMessage(error) };
  }
  mathml = inlineClassStyles(mathml).replace(/ class="tml-display" style="display:block math;"/, ' style="display:block math;margin-inline:auto"');
  if (annotate) mathml = mathml.replace(/<semantics><(m[a-z]+)/, '<semantics><$1 data-pagefind-ignore');
  if (mode === 'inline') return { ok: true, html: mathml };
  const box = mode === 'block' ? 'div' : 'span';
  return {
    ok: true,
    html: `<${box} class="math-display" role="group" aria-label="${FORMULA_LABEL}" tabindex="0" style="display:flex;overflow-x:auto;overflow-y:hidden;padding-block:0.25em">${mathml}</${box}>`,
  };
}

export interface MathProblem {
  /** The post's file, as messages name it. */
  file: string;
  /** The line of the file where the problem is. */
  line: number;
  tex: string;
  /** What the TeX reader found and expected. */
  message: string;
}

/** The warning for a formula that does not parse, in the build and in check:content alike. */
export function mathWarning({ file, line, tex, message }: MathProblem): string {
  const shown = tex.trim().replace(/\s+/g, ' ');
  const excerpt = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return `${file}:${line}: the formula "${excerpt}" does not parse: ${message}. It is shown as its TeX source, in code.`;
}
