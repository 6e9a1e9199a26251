// npm run check:content: validates every post and page with the build's own schema and rules,
// without building, and lists every problem at once. Exits 1 when there is any.
// `-- --csp` also lists what each published post's Content-Security-Policy allows for its
// embeds, as the build logs it.
import { join, resolve } from 'node:path';
import { readAuthorSources } from '../src/loaders/author-sources.ts';
import { embedProblemMessage, extractPostEmbeds, mdxImageProblems, type RenderedEmbeds } from '../src/markdown/embeds.ts';
import { convertPostBody, describeSyntaxWarnings } from '../src/markdown/engine-body.ts';
import { createFileDates } from '../src/loaders/file-dates.ts';
import { coverProblem } from '../src/loaders/local-files.ts';
import { POST_FEATURES, wikiState } from '../src/markdown/markdown.ts';
import { mathWarnings } from '../src/markdown/math.ts';
import { contentDir, frontNoteMessage, frontNotes, pagesDir, readPageSources, readPostSources } from '../src/loaders/sources.ts';
import { buildNow } from '../src/integrations/now.ts';
import { describeAllowance, isEmptyAllowance } from '../src/lib/csp.ts';
import { createUrls } from '../src/lib/urls.ts';
import { withoutCode } from '../src/lib/excerpt.ts';
import { redirectWarnings } from '../src/lib/legacy-urls.ts';
import { toPost } from '../src/lib/posts/post.ts';
import { isPublished } from '../src/lib/posts/published.ts';
import { findDuplicateUrls, findIdClashes } from '../src/lib/posts/unique.ts';
import { findPageProblems } from '../src/lib/pages.ts';
import { buildSeriesIndex, SeriesCollisionError } from '../src/lib/series.ts';
import { unknownAuthors } from '../src/lib/authors.ts';
import { buildTagIndex, TagCollisionError } from '../src/lib/tags.ts';
import { parseWikilinks, resolveWikilink, unresolvedWikilink } from '../src/lib/wikilinks.ts';
import { siteConfig } from '../src/site.config.ts';

const dir = contentDir();
const fileDates = createFileDates(resolve(dir), siteConfig.timeZone);
const sources = readPostSources(dir, fileDates.date, siteConfig.updatedFromGit ? fileDates.updated : undefined);
const problems = new Map<string, string[]>();
const warnings: string[] = [];
const report = (file: string, message: string) => {
  const listed = problems.get(file) ?? [];
  if (!listed.includes(message)) problems.set(file, [...listed, message]);
};

for (const source of sources) for (const message of source.problems) report(source.file, message);
// Files whose names give one id: the build stops on them before reading any post.
const files = new Map(sources.map((s) => [s.entry, s.file]));
for (const error of findIdClashes(new Map(sources.map((s) => [s.entry, s.id])), (entry) => files.get(entry) ?? entry)) for (const file of error.files) report(file, error.message);

const now = buildNow();
// The same index the build's Markdown plugins use: what wikilinks, `{% post_url %}`, `{{< ref >}}` and `![[embeds]]` can name.
const index = wikiState({ includeDrafts: false, now }, dir);

// Bodies as the build renders them: other engines' template syntax converted (Markdown only).
const bodies = new Map(
  sources.map((source) => {
    if (/\.mdx$/i.test(source.entry)) return [source, source.body] as const;
    const converted = convertPostBody(source.entry, source.body, index);
    const warning = describeSyntaxWarnings(converted.warnings, source.bodyOffset);
    if (warning) warnings.push(`${source.file}: ${warning}`);
    return [source, converted.body] as const;
  }),
);

// Local files: the cover must exist beside the post, and every file the body refers to (the
// build's own Markdown plugin finds them: images, video, audio, linked files).
const embeds = new Map<string, RenderedEmbeds>();
for (const source of sources) {
  const path = join(dir, source.entry);
  const cover = await coverProblem(path, source.raw);
  if (cover) report(source.file, cover);
  if (/\.mdx$/i.test(source.entry)) {
    for (const problem of mdxImageProblems(path, source.body)) report(source.file, embedProblemMessage(problem, dir));
    continue;
  }
  const found = await extractPostEmbeds(path, bodies.get(source) ?? source.body, dir);
  embeds.set(source.file, found);
  for (const problem of found.problems) report(source.file, embedProblemMessage(problem, dir));
  warnings.push(...found.warnings);
}

const valid = sources.flatMap((s) => (s.data ? [{ source: s, post: toPost({ id: s.id, data: s.data, body: s.body, filePath: s.file }, siteConfig) }] : []));
for (const { source } of valid) for (const warning of redirectWarnings(source.data ?? {})) warnings.push(`${source.file}: ${warning}`);
for (const error of findDuplicateUrls(valid.map((v) => v.post))) for (const file of error.files) report(file, error.message);

// Pages of their own: their frontmatter, their files, and their addresses (not one of Folio's,
// another page's or a post's redirect), drafts included, as the build checks them.
const pagesFolder = pagesDir();
const pages = readPageSources(pagesFolder);
const pageEmbeds = new Map<string, RenderedEmbeds>();
for (const page of pages) {
  for (const message of page.problems) report(page.file, message);
  const path = join(pagesFolder!, page.entry);
  if (/\.mdx$/i.test(page.entry)) {
    for (const problem of mdxImageProblems(path, page.body)) report(page.file, embedProblemMessage(problem, pagesFolder, 'page'));
    continue;
  }
  const found = await extractPostEmbeds(path, page.body, pagesFolder);
  if (page.data && !page.data.draft) pageEmbeds.set(page.id, found);
  for (const problem of found.problems) report(page.file, embedProblemMessage(problem, pagesFolder, 'page'));
  warnings.push(...found.warnings);
}
for (const error of findPageProblems(
  pages,
  valid.map((v) => v.post),
))
  for (const file of error.files) report(file, error.message);

// Authors (authors/ beside the posts): each file as the build's schema reads it, and every
// post, drafts too, naming only authors the site has, as the build checks them.
const authorFiles = readAuthorSources(dir);
for (const author of authorFiles) for (const message of author.problems) report(author.file, message);
// a file that does not read still names an author: only its own problems are listed
const known = authorFiles.map((a) => a.author ?? { id: a.id, name: a.id, links: [] });
for (const { file, problem } of unknownAuthors(
  known,
  valid.map((v) => v.post),
))
  report(file, problem);

const published = valid.filter(({ post }) => isPublished(post, { now, includeDrafts: false }));
const publishedPosts = published.map(({ post }) => post);
for (const build of [() => buildTagIndex(publishedPosts), () => buildSeriesIndex(publishedPosts)]) {
  try {
    build();
  } catch (error) {
    if (!(error instanceof TagCollisionError || error instanceof SeriesCollisionError)) throw error;
    for (const file of new Set(error.files)) report(file, error.message);
  }
}

// Formulas that do not parse, found as the build finds them.
for (const { source } of valid) warnings.push(...mathWarnings(join(dir, source.entry), bodies.get(source) ?? source.body, POST_FEATURES));

for (const { source } of valid) {
  for (const segment of parseWikilinks(withoutCode(bodies.get(source) ?? source.body))) {
    if (typeof segment !== 'string' && !resolveWikilink(segment, index.index)) warnings.push(`${source.file}: ${unresolvedWikilink(segment.raw)}`);
  }
}

for (const note of frontNotes(dir)) console.log(`note: ${frontNoteMessage(dir, note)}`);
const dated = fileDates.summary();
if (dated) console.log(`note: ${dated}`);
const updatedWarning = fileDates.updatedWarning();
if (updatedWarning) console.warn(`warning: ${updatedWarning}`);
for (const warning of warnings) console.warn(`warning: ${warning}`);
if (process.argv.includes('--csp')) {
  const urls = createUrls(siteConfig);
  const lines = published.flatMap(({ source, post }) => {
    const allow = embeds.get(source.file)?.embeds.allow;
    return allow && !isEmptyAllowance(allow) ? [[urls.post(post.slug), describeAllowance(allow)] as const] : [];
  });
  for (const [id, found] of pageEmbeds) if (!isEmptyAllowance(found.embeds.allow)) lines.push([urls.page(id), describeAllowance(found.embeds.allow)]);
  for (const [page, allowed] of lines.sort(([a], [b]) => (a < b ? -1 : 1))) console.log(`[csp] ${page}: ${allowed}`);
}
if (problems.size === 0) {
  const andPages = pages.length > 0 ? ` and ${pages.length} page${pages.length === 1 ? '' : 's'} in ${pagesFolder}` : '';
  console.log(`All ${sources.length} posts in ${dir}${andPages} are valid (${published.length} published).`);
} else {
  let count = 0;
  for (const [file, messages] of problems) {
    console.error(`\n${file}`);
    for (const message of messages) console.error(`  - ${message}`);
    count += messages.length;
  }
  const andPages = pages.length > 0 ? ` and ${pages.length} page${pages.length === 1 ? '' : 's'}` : '';
  console.error(`\n${count} problem${count === 1 ? '' : 's'} in ${problems.size} file${problems.size === 1 ? '' : 's'} (${sources.length} posts${andPages} checked).`);
  process.exit(1);
}
