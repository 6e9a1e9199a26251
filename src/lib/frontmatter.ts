/**
 * YAML turns an unquoted `date: 2020-09-29T23:15:09-07:00` into a Date in UTC, losing
 * the offset and with it the calendar day the author wrote; worse, it rolls an
 * impossible `2024-13-45` over into 2025-02-14 instead of rejecting it. These helpers
 * find the text as written so the schema can read (or reject) it instead.
 */

/** The YAML frontmatter block of a file (without the fences), or undefined. */
export function frontmatterBlock(source: string): string | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match?.[1];
}

const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}/;

/**
 * For each of `keys` whose parsed value is a Date, puts back the unquoted date text
 * written in the frontmatter (top-level keys only). Other values are left as they are.
 */
export function recoverRawDates(data: Record<string, unknown>, source: string, keys: readonly string[]): Record<string, unknown> {
  const block = keys.some((k) => data[k] instanceof Date) ? frontmatterBlock(source) : undefined;
  if (!block) return data;
  let out = data;
  for (const key of keys) {
    if (!(data[key] instanceof Date)) continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const line = new RegExp(`^${escaped}[ \\t]*:[ \\t]*([^\\s#'"][^#\\r\\n]*?)[ \\t]*(?:#.*)?$`, 'm').exec(block);
    const raw = line?.[1];
    if (raw && TIMESTAMP.test(raw)) {
      if (out === data) out = { ...data };
      out[key] = raw;
    }
  }
  return out;
}

const LOCAL_IMAGE = /!\[[^\]]*\]\(\s*<?((?:\.{1,2}\/)[^)\s>]+)>?(?:\s+["'][^)]*)?\)|<img\s[^>]*src=["'](\.{1,2}\/[^"']+)["']/g;

/** Relative image paths a Markdown body refers to (`![alt](./x.png)`, `<img src="./x.png">`), decoded. */
export function localImageRefs(body: string): string[] {
  const refs = new Set<string>();
  for (const match of body.matchAll(LOCAL_IMAGE)) {
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

/** The body of a Markdown/MDX file: everything after its frontmatter block. */
export function bodyOf(source: string): string {
  const text = source.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}
