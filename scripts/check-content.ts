// npm run check:content: validates every post with the build's own schema and rules,
// without building, and lists every problem at once. Exits 1 when there is any.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentDir, readPostSources } from '../src/build/sources.ts';
import { buildNow } from '../src/build/now.ts';
import { localImageRefs } from '../src/lib/frontmatter.ts';
import { redirectWarnings } from '../src/lib/legacy-urls.ts';
import { toPost } from '../src/lib/posts/post.ts';
import { isPublished } from '../src/lib/posts/published.ts';
import { findDuplicateUrls } from '../src/lib/posts/unique.ts';
import { buildTagIndex, TagCollisionError } from '../src/lib/tags.ts';
import { buildWikiIndex, parseWikilinks, resolveWikilink } from '../src/lib/wikilinks.ts';
import { createUrls } from '../src/lib/urls.ts';
import { siteConfig } from '../src/site.config.ts';

const dir = contentDir();
const sources = readPostSources(dir);
const problems = new Map<string, string[]>();
const warnings: string[] = [];
const report = (file: string, message: string) => problems.set(file, [...(problems.get(file) ?? []), message]);

for (const source of sources) for (const message of source.problems) report(source.file, message);

// Local images: the cover and every relative image in the body must exist beside the post.
for (const source of sources) {
  const paths = localImageRefs(source.body);
  if (source.data?.image?.kind === 'local') paths.push(String(source.data.image.image));
  for (const path of paths) {
    if (!existsSync(join(dir, dirname(source.entry), path))) report(source.file, `image: ${path} does not exist next to the post`);
  }
}

const valid = sources.flatMap((s) => (s.data ? [{ source: s, post: toPost({ id: s.id, data: s.data, body: s.body, filePath: s.file }, siteConfig) }] : []));
for (const { source } of valid) for (const warning of redirectWarnings(source.data ?? {})) warnings.push(`${source.file}: ${warning}`);
for (const error of findDuplicateUrls(valid.map((v) => v.post))) for (const file of error.files) report(file, error.message);

const now = buildNow();
const published = valid.filter(({ post }) => isPublished(post, { now, includeDrafts: false }));
try {
  buildTagIndex(published.map(({ post }) => post));
} catch (error) {
  if (!(error instanceof TagCollisionError)) throw error;
  for (const file of new Set(error.files)) report(file, error.message);
}

const urls = createUrls(siteConfig);
const wiki = buildWikiIndex(published.map(({ source, post }) => ({ path: source.entry.replace(/\.(md|mdx)$/i, ''), title: post.title, aliases: source.data?.aliases ?? [], url: urls.post(post.slug) })));
for (const { source } of valid) {
  for (const segment of parseWikilinks(source.body)) {
    if (typeof segment !== 'string' && !resolveWikilink(segment, wiki)) warnings.push(`${source.file}: wikilink ${segment.raw} matches no published post (it will render as text)`);
  }
}

for (const warning of warnings) console.warn(`warning: ${warning}`);
if (problems.size === 0) {
  console.log(`All ${sources.length} posts in ${dir} are valid (${published.length} published).`);
} else {
  let count = 0;
  for (const [file, messages] of problems) {
    console.error(`\n${file}`);
    for (const message of messages) console.error(`  - ${message}`);
    count += messages.length;
  }
  console.error(`\n${count} problem${count === 1 ? '' : 's'} in ${problems.size} file${problems.size === 1 ? '' : 's'} (${sources.length} posts checked).`);
  process.exit(1);
}
