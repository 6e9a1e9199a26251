/**
 * YAML turns an unquoted `date: 2020-09-29T23:15:09-07:00` into a Date in UTC, losing
 * the offset and with it the calendar day the author wrote; worse, it rolls an
 * impossible `2024-13-45` over into 2025-02-14 instead of rejecting it. These helpers
 * find the text as written so the schema can read (or reject) it instead.
 */

/** A post file cut into its frontmatter block and its body. */
export interface SplitSource {
  /** `yaml` between `---` fences (Jekyll, Astro, Eleventy, Obsidian), `toml` between `+++` (Hugo); undefined without frontmatter. */
  format?: 'yaml' | 'toml' | undefined;
  /** The block without its fences ('' for an empty block). */
  block?: string | undefined;
  body: string;
  /** Lines before the body (the frontmatter and its fences), to give body line numbers as file line numbers. */
  bodyOffset: number;
}

// Blank lines may come before the block, as Astro's own frontmatter reader allows.
const YAML_BLOCK = /^(?:[ \t]*\r?\n)*---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^(?:[ \t]*\r?\n)*\+\+\+[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?\+\+\+[ \t]*(?:\r?\n|$)/;

/** Splits a post file into frontmatter (YAML or TOML) and body. A BOM is dropped. */
export function splitFrontmatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, '');
  for (const [format, pattern] of [
    ['yaml', YAML_BLOCK],
    ['toml', TOML_BLOCK],
  ] as const) {
    const match = pattern.exec(text);
    if (match) {
      const head = match[0];
      return { format, block: match[1] ?? '', body: text.slice(head.length), bodyOffset: head.split('\n').length - (head.endsWith('\n') ? 1 : 0) };
    }
  }
  return { body: text, bodyOffset: 0 };
}

/** The frontmatter block of a file (without the fences), or undefined. */
export function frontmatterBlock(source: string): string | undefined {
  return splitFrontmatter(source).block;
}

const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}/;

/**
 * For each of `keys` whose parsed value is a Date, puts back the unquoted date text
 * written in the frontmatter (top-level keys only; `key: value` in YAML, `key = value` in
 * TOML). Other values are left as they are.
 */
export function recoverRawDates(data: Record<string, unknown>, source: string, keys: readonly string[]): Record<string, unknown> {
  if (!keys.some((k) => data[k] instanceof Date)) return data;
  const { block, format } = splitFrontmatter(source);
  if (!block) return data;
  const separator = format === 'toml' ? '=' : ':';
  let out = data;
  for (const key of keys) {
    if (!(data[key] instanceof Date)) continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const line = new RegExp(`^${escaped}[ \\t]*${separator}[ \\t]*([^\\s#'"][^#\\r\\n]*?)[ \\t]*(?:#.*)?$`, 'm').exec(block);
    const raw = line?.[1];
    if (raw && TIMESTAMP.test(raw)) {
      if (out === data) out = { ...data };
      out[key] = raw;
    }
  }
  return out;
}

const LOCAL_IMAGE = /!\[[^\]]*\]\(\s*<?((?:\.{1,2}\/)[^)\s>]+)>?(?:\s+["'][^)]*)?\)|<img\s[^>]*src=["'](?![a-z][a-z0-9+.-]*:|[/#?])([^"'{}?#]+)["']/gi;

/**
 * Relative image paths a Markdown body refers to (`![alt](./x.png)`, `<img src="./x.png">` or
 * `<img src="x.png">`, as MDX publishes it), decoded.
 */
export function localImageRefs(body: string): string[] {
  const refs = new Set<string>();
  // Code shows images, it does not publish them: fenced blocks and inline code are left out.
  const prose = body.replace(/^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, '').replace(/`[^`\n]+`/g, '');
  for (const match of prose.matchAll(LOCAL_IMAGE)) {
    const path = match[1] ?? match[2];
    if (!path) continue;
    try {
      refs.add(decodeURI(path));
    } catch {
      refs.add(path);
    }
  }
  return [...refs];
}

/** The body of a Markdown/MDX file: everything after its frontmatter block (YAML or TOML). */
export function bodyOf(source: string): string {
  return splitFrontmatter(source).body;
}
