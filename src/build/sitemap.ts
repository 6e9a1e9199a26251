import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

const HEAD_BYTES = 4096;

/** True when the HTML page's <head> asks robots not to index it. */
export function isNoindexHtml(head: string): boolean {
  return /<meta\s+name=["']?robots["']?\s+content=["'][^"']*noindex/i.test(head);
}

/**
 * A sitemap filter that leaves out every page marked noindex (alias redirects, 404),
 * read from the built file, so nothing has to remember to list them.
 */
export function indexablePages(outDir: string, base: string) {
  return (page: string): boolean => {
    const path = decodeURIComponent(new URL(page).pathname).slice(base.length);
    const file = join(outDir, path.endsWith('/') || path === '' ? `${path}index.html` : path);
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const buffer = Buffer.alloc(HEAD_BYTES);
      const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
      return !isNoindexHtml(buffer.subarray(0, read).toString('utf8'));
    } catch {
      return true;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}
