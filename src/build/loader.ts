import { readFile } from 'node:fs/promises';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { recoverRawDates } from '../lib/frontmatter.ts';
import { postIdFromPath } from '../lib/ids.ts';
import { DATE_KEYS } from '../lib/schema/post.ts';

/** Posts are Markdown or MDX; files and folders starting with "_" are kept out. */
export const POST_PATTERN = ['**/*.{md,mdx}', '!**/_*', '!**/_*/**'];

const needsRawText = (data: Record<string, unknown>) =>
  DATE_KEYS.some((key) => {
    const value = data[key];
    return value instanceof Date && value.getTime() % 86_400_000 !== 0;
  });

/**
 * Astro's glob loader, with two changes: ids come from the file path only (a `slug`
 * field changes the URL, not the id, so two posts can never silently share an id), and
 * unquoted YAML datetimes are read as written, offset included, instead of as UTC Dates.
 */
export function postsLoader(base: string): Loader {
  const inner = glob({ base, pattern: POST_PATTERN, generateId: ({ entry }) => postIdFromPath(entry) });
  return {
    name: 'folio-posts',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          if (props.filePath && needsRawText(props.data)) {
            const source = await readFile(props.filePath, 'utf8');
            return context.parseData({ ...props, data: recoverRawDates(props.data, source, DATE_KEYS) });
          }
          return context.parseData(props);
        },
      }),
  };
}
