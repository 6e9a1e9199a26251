import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface SearchIndexResult {
  pages: number;
  ms: number;
}

/**
 * Builds the Pagefind index for a finished site. Only elements marked data-pagefind-body
 * (post articles) are indexed, so navigation, lists and tag pages stay out of results.
 */
export async function indexSite(outDir: string): Promise<SearchIndexResult> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex();
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Only post pages carry data-pagefind-body; reading just those keeps indexing linear in posts.
    const added = await index.addDirectory({ path: outDir, glob: 'posts/**/*.html' });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
    const outputPath = join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    // Pages Pagefind actually indexed (those with a data-pagefind-body), across languages.
    const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return { pages, ms: Math.round(performance.now() - started) };
  } finally {
    await pagefind.close();
  }
}
