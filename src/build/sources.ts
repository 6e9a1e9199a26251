/**
 * Reads post files straight from disk, parsing frontmatter as Astro does (js-yaml), for
 * the tools that run outside a build: `npm run check:content`, and the wikilink index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yaml from 'js-yaml';
import { recoverRawDates } from '../lib/frontmatter.ts';
import { postIdFromPath } from '../lib/ids.ts';
import { DATE_KEYS, formatIssues, postSchema, type PostFrontmatter } from '../lib/schema/post.ts';

/** The posts folder: FOLIO_CONTENT_DIR, or src/content/posts. */
export function contentDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['FOLIO_CONTENT_DIR'] ?? './src/content/posts';
}

export interface PostSourceFile {
  /** Path relative to the current directory, for messages. */
  file: string;
  /** Path relative to the posts folder. */
  entry: string;
  id: string;
  body: string;
  /** Parsed frontmatter, or undefined when it failed (see problems). */
  data?: PostFrontmatter;
  problems: string[];
}

/** Every post file under `dir` (Markdown and MDX; names starting with "_" skipped), sorted. */
export function listPostFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((p) => p.split(sep).join('/'))
    .filter((p) => /\.(md|mdx)$/i.test(p) && !p.split('/').some((segment) => segment.startsWith('_')))
    .sort();
}

const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;

/** Parses one post's frontmatter and validates it with the post schema; problems are listed, not thrown. */
export function readPostSource(dir: string, entry: string, source = readFileSync(join(dir, entry), 'utf8')): PostSourceFile {
  const file = relative(process.cwd(), join(dir, entry)).split(sep).join('/');
  const result: PostSourceFile = { file, entry, id: postIdFromPath(entry), body: source, problems: [] };
  const match = FRONTMATTER.exec(source);
  let raw: unknown = {};
  if (match?.[1] !== undefined) {
    result.body = source.slice((match.index ?? 0) + match[0].length);
    try {
      raw = yaml.load(match[1]) ?? {};
    } catch (error) {
      const e = error as { reason?: string; mark?: { line: number; column: number } };
      const where = e.mark ? ` at line ${e.mark.line + 2}, column ${e.mark.column + 1}` : '';
      result.problems.push(`frontmatter: the YAML does not parse${where}: ${e.reason ?? String(error)}`);
      return result;
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    result.problems.push('frontmatter: expected "key: value" lines between --- fences');
    return result;
  }
  const parsed = postSchema.safeParse(recoverRawDates(raw as Record<string, unknown>, source, DATE_KEYS));
  if (parsed.success) result.data = parsed.data;
  else result.problems.push(...formatIssues(parsed.error));
  return result;
}

export function readPostSources(dir: string): PostSourceFile[] {
  return listPostFiles(dir).map((entry) => readPostSource(dir, entry));
}
