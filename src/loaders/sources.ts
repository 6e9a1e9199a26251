/**
 * Reads post files straight from disk with the same reader as the build's content loader
 * (src/lib/post-file.ts), for the tools that run outside a build: `npm run check:content`,
 * and the wikilink index.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { assignPostIds, isPostFile, pageIdFromPath } from '../lib/ids.ts';
import { readPageFile, readPostFile, type FallbackDate, type FallbackUpdated, type FilledFields } from '../lib/post-file.ts';
import { pageSchema, type PageFrontmatter } from '../lib/schema/page.ts';
import { formatIssues, postSchema, type PostFrontmatter } from '../lib/schema/post.ts';

/** The posts folder: FOLIO_CONTENT_DIR, or src/content/posts. */
export function contentDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['FOLIO_CONTENT_DIR'] ?? './src/content/posts';
}

/**
 * The pages folder (pages of their own, src/content/pages): FOLIO_PAGES_DIR, else the `pages`
 * folder beside the posts folder, so a build pointed at another posts folder with
 * FOLIO_CONTENT_DIR (a fixture's `posts/`) takes that folder's `pages/` too, not the sample
 * site's. Undefined when that would be the posts folder itself (a posts folder named `pages`).
 */
export function pagesDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env['FOLIO_PAGES_DIR'];
  if (own) return own;
  const posts = contentDir(env);
  const beside = join(dirname(posts), 'pages');
  return resolve(beside) === resolve(posts) ? undefined : beside;
}

/** The site's static files, published as they are: FOLIO_PUBLIC_DIR, or public/ (astro.config.mjs reads it too). */
export function publicDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['FOLIO_PUBLIC_DIR'] ?? './public';
}

export interface PostSourceFile {
  /** Path relative to the current directory, for messages. */
  file: string;
  /** Path relative to the posts folder. */
  entry: string;
  id: string;
  body: string;
  /** Lines before the body in the file. */
  bodyOffset: number;
  /** Parsed frontmatter, or undefined when it failed (see problems). */
  data?: PostFrontmatter;
  /** The raw frontmatter with what Folio filled in (what the schema was given). */
  raw: Record<string, unknown>;
  filled: FilledFields;
  problems: string[];
}

/** A root `index.md` is a vault's front note (Quartz, Obsidian), not a post: left out, with a note. */
export const isFrontNote = (entry: string) => /^index\.[^/]+$/i.test(entry);

/** What the build and check:content say of a front note (`dir` and `note` as frontNotes gives them), in the same words. */
export function frontNoteMessage(dir: string, note: string): string {
  return `${relative(process.cwd(), join(dir, note)).split(sep).join('/')} is the folder's front note (a vault's index.md), not a post: Folio leaves it out.`;
}

/** The front notes in `dir` (a root `index.md`), which are left out. */
export function frontNotes(dir: string): string[] {
  return readdirSync(dir).filter((name) => isPostFile(name) && isFrontNote(name));
}

/** Every post file under `dir` (Markdown and MDX; names starting with "_" or "." skipped; no root index), sorted. */
export function listPostFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split(sep).join('/'))
    .filter((p) => isPostFile(p) && !isFrontNote(p))
    .sort();
}

/** Parses one post's frontmatter and validates it with the post schema; problems are listed, not thrown. */
export function readPostSource(
  dir: string,
  entry: string,
  id: string,
  source = readFileSync(join(dir, entry), 'utf8'),
  fallbackDate?: FallbackDate,
  fallbackUpdated?: FallbackUpdated,
): PostSourceFile {
  const file = relative(process.cwd(), join(dir, entry)).split(sep).join('/');
  const read = readPostFile(entry, source, fallbackDate, fallbackUpdated);
  const result: PostSourceFile = { file, entry, id, body: read.body, bodyOffset: read.bodyOffset, raw: read.data, filled: read.filled, problems: [...read.problems] };
  if (read.problems.length > 0) return result;
  const parsed = postSchema.safeParse(read.data);
  if (parsed.success) result.data = parsed.data;
  else result.problems.push(...formatIssues(parsed.error));
  return result;
}

export function readPostSources(dir: string, fallbackDate?: FallbackDate, fallbackUpdated?: FallbackUpdated): PostSourceFile[] {
  const entries = listPostFiles(dir);
  const ids = assignPostIds(entries);
  return entries.map((entry) => readPostSource(dir, entry, ids.get(entry)!, undefined, fallbackDate, fallbackUpdated));
}

/** Every page file under `dir` (Markdown and MDX; names starting with "_" or "." skipped), sorted; none when there is no folder. */
export function listPageFiles(dir: string | undefined): string[] {
  if (dir === undefined || !existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split(sep).join('/'))
    .filter((p) => isPostFile(p))
    .sort();
}

export interface PageSourceFile {
  /** Path relative to the current directory, for messages. */
  file: string;
  /** Path relative to the pages folder. */
  entry: string;
  id: string;
  body: string;
  /** Parsed frontmatter, or undefined when it failed (see problems). */
  data?: PageFrontmatter;
  problems: string[];
}

/** The pages' files with their ids (no reading): what the address rules need. */
export function pageFiles(dir: string | undefined): { entry: string; id: string; file: string }[] {
  if (dir === undefined) return [];
  return listPageFiles(dir).map((entry) => ({ entry, id: pageIdFromPath(entry), file: relative(process.cwd(), join(dir, entry)).split(sep).join('/') }));
}

/** Every page, read and validated with the page schema as the build reads it; problems are listed, not thrown. */
export function readPageSources(dir: string | undefined): PageSourceFile[] {
  return pageFiles(dir).map(({ entry, id, file }) => {
    const read = readPageFile(readFileSync(join(dir!, entry), 'utf8'));
    const result: PageSourceFile = { file, entry, id, body: read.body, problems: [...read.problems] };
    if (read.problems.length > 0) return result;
    const parsed = pageSchema.safeParse(read.data);
    if (parsed.success) result.data = parsed.data;
    else result.problems.push(...formatIssues(parsed.error));
    return result;
  });
}
