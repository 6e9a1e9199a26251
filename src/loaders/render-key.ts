/**
 * What a post's rendering depends on besides its own file: Folio's build code (the Markdown
 * plugins, the rules they apply), the site's settings (base path, origin: links and media
 * URLs are written into the HTML) and the versions of the renderers. Mixed into every post's
 * digest, so a cache folder kept across an upgrade (Netlify and Cloudflare keep
 * node_modules/.astro) renders everything again instead of serving the old markup.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders under src/ whose code shapes rendered posts: the content loader, the Markdown plugins, the rules, the interface's words. */
const CODE = ['loaders', 'markdown', 'lib', 'i18n'];
/** Packages whose versions shape rendered posts. */
const PACKAGES = ['astro', '@astrojs/markdown-satteri', '@astrojs/mdx', 'satteri', 'shiki', '@shikijs/transformers', 'temml'];

function version(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'none';
  }
}

/** A short hash of everything above; `srcDir` is the project's src/, `root` its root. */
export function renderKey(root: string, srcDir: string, settings: unknown): string {
  const hash = createHash('sha256');
  for (const folder of CODE) {
    const dir = join(srcDir, folder);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js|mjs)$/.test(f))
      .sort();
    for (const file of files)
      hash
        .update(`${folder}/${file}\0`)
        .update(readFileSync(join(dir, file)))
        .update('\0');
  }
  for (const name of PACKAGES) hash.update(`${name}@${version(root, name)}\0`);
  hash.update(JSON.stringify(settings));
  return hash.digest('hex').slice(0, 16);
}
