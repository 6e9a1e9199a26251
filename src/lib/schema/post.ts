import { z } from 'astro/zod';
import { parseDateParts, type DateParts } from '../dates';

/** Short, readable rendering of a bad value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return `an object (${JSON.stringify(value).slice(0, 60)})`;
  return String(value);
}

/** A date field; `required` decides whether an absent value is an error or undefined. */
const dateField = <R extends boolean>(name: string, required: R) =>
  z.unknown().optional().transform((value, ctx): R extends true ? DateParts : DateParts | undefined => {
    type Out = R extends true ? DateParts : DateParts | undefined;
    const absent = value === undefined || value === null || value === '';
    if (absent && !required) return undefined as Out;
    const parts = absent ? undefined : parseDateParts(value);
    if (!parts) {
      ctx.addIssue({
        code: 'custom',
        message: absent
          ? `${name}: is required (add a line such as \`${name}: 2024-03-03\` to the frontmatter)`
          : `${name}: expected a real date such as 2024-03-03 or 2024-03-03T09:30:00+01:00, found ${describeValue(value)}`,
        input: value,
      });
      return z.NEVER;
    }
    return parts;
  });

/** Tags as a list or a comma-separated string; trimmed, empty ones dropped, duplicates (ignoring case) removed. */
export const tagsField = z.unknown().optional().transform((value, ctx): string[] => {
  let raw: unknown[];
  if (value === undefined || value === null) raw = [];
  else if (typeof value === 'string') raw = value.split(',');
  else if (Array.isArray(value)) raw = value;
  else {
    ctx.addIssue({
      code: 'custom',
      message: `tags: expected a list of tags or a comma-separated string, found ${describeValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      ctx.addIssue({
        code: 'custom',
        message: `tags: each tag must be text, found ${describeValue(item)}`,
        input: item,
      });
      return z.NEVER;
    }
    const tag = String(item).normalize('NFC').trim().replace(/\s+/g, ' ');
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
});

const title = z.unknown().optional().transform((value, ctx): string => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '') {
    ctx.addIssue({
      code: 'custom',
      message:
        value === undefined
          ? 'title: is required (add a line such as `title: My post` to the frontmatter)'
          : `title: expected non-empty text, found ${describeValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  return text.trim();
});

const draft = z.unknown().optional().transform((value, ctx): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  ctx.addIssue({ code: 'custom', message: `draft: expected true or false, found ${describeValue(value)}`, input: value });
  return z.NEVER;
});

const optionalText = (name: string) =>
  z.unknown().optional().transform((value, ctx): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', message: `${name}: expected text, found ${describeValue(value)}`, input: value });
      return z.NEVER;
    }
    const text = value.trim();
    return text === '' ? undefined : text;
  });

/**
 * The frontmatter of a post. Unknown fields are ignored (stripped), so posts written
 * for other engines still validate.
 */
export const postSchema = z.object({
  title,
  date: dateField('date', true),
  updated: dateField('updated', false),
  description: optionalText('description'),
  tags: tagsField,
  draft,
});

export type PostFrontmatter = z.infer<typeof postSchema>;
export type PostFrontmatterInput = z.input<typeof postSchema>;

/** Formats zod issues as "field: message" lines (messages above already start with the field). */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    return field && !issue.message.startsWith(`${field}:`) ? `${field}: ${issue.message}` : issue.message;
  });
}
