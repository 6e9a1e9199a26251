/**
 * What an author writes after a code fence's language: ` ```ts showLineNumbers {2,4-6} `
 * (and what other engines' highlight tags become: Jekyll's `linenos`, Hugo's `hl_lines`).
 */
export interface CodeMeta {
  /** Number the lines. */
  lineNumbers: boolean;
  /** 1-based lines to mark, in order, without repeats. */
  highlight: number[];
}

/** At most this many lines marked from one range (a typo like {1-99999} must not allocate millions). */
const MAX_RANGE = 10_000;

export function parseCodeMeta(meta: string | undefined): CodeMeta {
  const text = meta ?? '';
  const lines = new Set<number>();
  for (const group of text.matchAll(/\{([\d\s,-]+)\}/g)) {
    for (const part of (group[1] ?? '').split(',')) {
      const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      if (!range) continue;
      const from = Number(range[1]);
      const to = Math.min(Number(range[2] ?? range[1]), from + MAX_RANGE);
      for (let n = from; n <= to; n += 1) if (n > 0) lines.add(n);
    }
  }
  return {
    lineNumbers: /(?:^|\s)(?:showLineNumbers|linenos|lineNumbers)(?=\s|=|$)/.test(text),
    highlight: [...lines].sort((a, b) => a - b),
  };
}
