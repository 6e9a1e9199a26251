/**
 * YAML turns an unquoted `date: 2020-09-29T23:15:09-07:00` into a Date in UTC, losing
 * the offset and with it the calendar day the author wrote. These helpers find the
 * text as written so the schema can read it instead.
 */

/** The YAML frontmatter block of a file (without the fences), or undefined. */
export function frontmatterBlock(source: string): string | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return match?.[1];
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[Tt ]|\s+)\d{1,2}:\d{2}/;

/**
 * For each of `keys` whose parsed value is a Date, puts back the unquoted timestamp text
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
