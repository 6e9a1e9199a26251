/**
 * The site's authors as their files say (`authors/` beside the posts folder: src/content/authors/),
 * for `npm run check:content`; the build reads the same files through Astro's collection
 * (src/content.config.ts), with the same schema and the same ids.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { slug } from 'github-slugger';
import yaml from 'js-yaml';
import type { Author } from '../lib/authors.ts';
import { readFrontmatter, yamlProblem } from '../lib/post-file.ts';
import { authorSchema } from '../lib/schema/author.ts';
import { formatIssues } from '../lib/schema/post.ts';

/** Where a posts folder's authors live. */
export const authorsDir = (postsDir: string): string => resolve(postsDir, '../authors');

// What the collection's glob takes (src/content.config.ts): .yaml, .yml and .md as written,
// no hidden files or folders.
const AUTHOR_FILE = /\.(ya?ml|md)$/;
const HIDDEN = /(^|\/)\./;

export interface AuthorSourceFile {
  /** Path relative to the current directory, for messages. */
  file: string;
  /** What posts name it by: the path without extension, slugged as Astro's glob loader does. */
  id: string;
  /** The author, when the file is valid. */
  author?: Author;
  problems: string[];
}

/** Astro's glob loader id: each segment of the path without its extension, slugged; a trailing /index dropped. */
export function authorId(entry: string): string {
  return entry
    .slice(0, entry.length - extname(entry).length)
    .split('/')
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

function readData(entry: string, text: string): { data: unknown; problems: string[] } {
  if (entry.endsWith('.md')) {
    const read = readFrontmatter(text);
    return { data: read.data, problems: read.problems };
  }
  try {
    return { data: yaml.load(text) ?? {}, problems: [] };
  } catch (error) {
    return { data: {}, problems: [yamlProblem(error, 1)] };
  }
}

/** Every author file, checked with the build's schema; a local avatar must exist beside it. */
export function readAuthorSources(postsDir: string): AuthorSourceFile[] {
  const dir = authorsDir(postsDir);
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => entry.split(sep).join('/'))
    .filter((entry) => AUTHOR_FILE.test(entry) && !HIDDEN.test(entry))
    .sort();
  return entries.map((entry) => {
    const path = join(dir, entry);
    const file = relative(process.cwd(), path).split(sep).join('/');
    const id = authorId(entry);
    const read = readData(entry, readFileSync(path, 'utf8'));
    if (read.problems.length > 0) return { file, id, problems: read.problems };
    const parsed = authorSchema.safeParse(read.data);
    if (!parsed.success) return { file, id, problems: formatIssues(parsed.error) };
    const { name, bio, avatar, links } = parsed.data;
    if (avatar?.kind === 'local' && !existsSync(resolve(dirname(path), avatar.image))) {
      return { file, id, problems: [`avatar: ${avatar.image} is not there (beside ${entry})`] };
    }
    return { file, id, author: { id, name, bio, avatar, links }, problems: [] };
  });
}
