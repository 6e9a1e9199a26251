/**
 * One post file as Folio reads it, for the build's content loader and for
 * `npm run check:content` alike, so the two accept and reject the same posts: the
 * frontmatter (YAML or Hugo's TOML, or none at all), dates as written, and what other
 * engines take from elsewhere when the frontmatter leaves it out:
 *
 * - the date from a Jekyll/Eleventy file name (`2018-06-27-name.md`), else from the
 *   caller (git history, then the file's time: Obsidian and Quartz notes);
 * - the title from a first `# Heading`, else from the file name;
 * - AstroPaper's `## Table of contents` placeholder turns Folio's table of contents on.
 */
import yaml from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import { plainText } from './excerpt.ts';
import { recoverRawDates, splitFrontmatter } from './frontmatter.ts';
import { fileNameDate, withoutExtension } from './ids.ts';
import { DATE_KEYS, FIELD_ALIASES } from './schema/post.ts';

/** Where a field Folio filled in came from (reported to the author, never silent). */
export interface FilledFields {
  title?: 'first heading' | 'file name';
  date?: 'file name' | 'git history' | 'file time';
  updated?: 'git history' | 'file time';
  toc?: 'placeholder heading';
}

export interface PostFile {
  /** The frontmatter as parsed, with dates as written and the filled fields added. */
  data: Record<string, unknown>;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Lines before the body, so a body line n is file line n + bodyOffset. */
  bodyOffset: number;
  /** A frontmatter that does not parse; data is then empty. */
  problems: string[];
  filled: FilledFields;
}

/** A date for a post that has none written: an ISO datetime (no offset: read in the site's zone) and its source. */
export type FallbackDate = (entry: string) => { value: string; from: 'git history' | 'file time' } | undefined;

/**
 * When a post without a written `updated` last changed (its last commit, `updatedFromGit`),
 * given the post's date as read: undefined when it did not change after that day.
 */
export type FallbackUpdated = (entry: string, date: unknown) => { value: string; from: 'git history' | 'file time' } | undefined;

const FIRST_HEADING = /^(?:[ \t]*\r?\n)*[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\r?\n|$)/;
const TOC_PLACEHOLDER = /^[ ]{0,3}#{2,6}[ \t]+table of contents[ \t]*#*[ \t]*$/im;

/**
 * What is wrong with YAML that js-yaml refused: "the YAML does not parse at line L, column C:
 * reason", L counted in the file (`firstLine`: the file line the YAML starts on).
 */
export function yamlProblem(error: unknown, firstLine: number): string {
  const e = error as { reason?: string; mark?: { line: number; column: number } };
  const where = e.mark ? ` at line ${e.mark.line + firstLine}, column ${e.mark.column + 1}` : '';
  return `the YAML does not parse${where}: ${e.reason ?? String(error)}`;
}

function parseBlock(format: 'yaml' | 'toml', block: string, problems: string[]): Record<string, unknown> {
  try {
    const data: unknown = format === 'toml' ? parseToml(block) : (yaml.load(block) ?? {});
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
    problems.push(`frontmatter: expected "key: value" lines between ${format === 'toml' ? '+++' : '---'} fences`);
  } catch (error) {
    if (format === 'toml') {
      const e = error as { line?: number; column?: number; message?: string };
      const where = e.line ? ` at line ${e.line + 1}, column ${e.column ?? 1}` : '';
      problems.push(
        `frontmatter: the TOML does not parse${where}: ${String(e.message ?? error)
          .split('\n')[0]
          ?.replace(/^Invalid TOML document: /, '')}`,
      );
    } else {
      // the block starts on the line after the opening ---
      problems.push(`frontmatter: ${yamlProblem(error, 2)}`);
    }
  }
  return {};
}

const has = (data: Record<string, unknown>, keys: readonly string[]) =>
  keys.some((key) => data[key] !== undefined && data[key] !== null && data[key] !== '' && typeof data[key] !== 'boolean');

/** `illustrated-transformer` → `Illustrated Transformer` (as Jekyll titles a post from its file name); names with spaces stay as written. */
export function titleFromFileName(entry: string): string {
  const name = withoutExtension(entry).split('/').at(-1) ?? '';
  const dated = fileNameDate(entry);
  const base = dated && dated.rest !== '' ? dated.rest : name;
  // A bundle's index file is named by its folder.
  const own = base === 'index' ? (withoutExtension(entry).split('/').at(-2) ?? base) : base;
  if (/\s/.test(own) || !/[-_]/.test(own)) return own.trim();
  return own
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * A file's frontmatter (YAML or TOML, or none) and body, with nothing filled in: how pages of
 * their own are read, and where reading a post starts.
 */
export function readFrontmatter(source: string): Omit<PostFile, 'filled'> {
  const split = splitFrontmatter(source);
  const problems: string[] = [];
  const data = split.format ? parseBlock(split.format, split.block ?? '', problems) : {};
  return { data: problems.length > 0 ? {} : data, body: split.body, bodyOffset: split.bodyOffset, problems };
}

/** Reads a page of its own (src/content/pages): its frontmatter and body, its `updated` date as written. */
export function readPageFile(source: string): Omit<PostFile, 'filled'> {
  const read = readFrontmatter(source);
  return read.problems.length > 0 ? read : { ...read, data: recoverRawDates(read.data, source, FIELD_ALIASES.updated) };
}

/** Reads one post file. `entry` is its path under the posts folder. */
export function readPostFile(entry: string, source: string, fallbackDate?: FallbackDate, fallbackUpdated?: FallbackUpdated): PostFile {
  const split = readFrontmatter(source);
  const { problems } = split;
  const filled: FilledFields = {};
  if (problems.length > 0) return { data: {}, body: split.body, bodyOffset: split.bodyOffset, problems, filled };
  const data = { ...recoverRawDates(split.data, source, DATE_KEYS) };

  if (!('title' in data)) {
    const heading = FIRST_HEADING.exec(split.body)?.[1];
    const text = heading ? plainText(heading) : '';
    if (text !== '') {
      data['title'] = text;
      filled.title = 'first heading';
    } else {
      data['title'] = titleFromFileName(entry);
      filled.title = 'file name';
    }
  }
  if (!has(data, FIELD_ALIASES.date)) {
    const named = fileNameDate(entry);
    const fallback = named ? undefined : fallbackDate?.(entry);
    if (named) {
      data['date'] = named.day;
      filled.date = 'file name';
    } else if (fallback) {
      data['date'] = fallback.value;
      filled.date = fallback.from;
    }
  }
  if (fallbackUpdated && !has(data, FIELD_ALIASES.updated)) {
    const date = FIELD_ALIASES.date.map((key) => data[key]).find((value) => value !== undefined && value !== null && value !== '');
    const updated = fallbackUpdated(entry, date);
    if (updated) {
      data['updated'] = updated.value;
      filled.updated = updated.from;
    }
  }
  if (!('toc' in data) && TOC_PLACEHOLDER.test(split.body)) {
    data['toc'] = true;
    filled.toc = 'placeholder heading';
  }
  return { data, body: split.body, bodyOffset: split.bodyOffset, problems, filled };
}
