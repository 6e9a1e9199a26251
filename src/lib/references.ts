/**
 * What other engines' template tags refer to, resolved against the posts folder:
 * posts named by Jekyll's `{% post_url %}` / `{% link %}` and Hugo's `{{< ref >}}`, and
 * files embedded by Obsidian's `![[diagram.png]]`, found anywhere in the vault.
 */
import { posix } from 'node:path';
import { withoutExtension } from './ids.ts';

export interface PostReference {
  /** Path under the posts folder, e.g. `2019-04-01-my-post.md` or `notes/x/index.md`. */
  entry: string;
  id: string;
  slug: string;
  /** Site-relative URL, base included. */
  url: string;
}

const lower = (s: string) => s.normalize('NFC').toLowerCase();

/** `/_posts/2019-04-01-x.md`, `content/post/x/index.md`, `./x.markdown`, `x/` → `2019-04-01-x`, `post/x`, `x`. */
function normaliseRef(ref: string): string {
  let text = ref.trim().replace(/^["'`]|["'`]$/g, '');
  try {
    text = decodeURI(text);
  } catch {
    // keep it as written
  }
  text = text
    .replace(/[?#].*$/, '')
    .replace(/^\.?\/+/, '')
    .replace(/^content\//i, '')
    .replace(/^_posts\//i, '')
    .replace(/\/+$/, '')
    .replace(/\.html?$/i, '');
  return lower(withoutExtension(text).replace(/(^|\/)_?index$/i, ''));
}

/**
 * Finds the post a reference names: its file path (with or without the extension, `_posts/`
 * or `content/`), its id or slug, then its file name alone when only one post has it, then the
 * path without a first folder (Hugo's `/post/name` when the posts folder is Hugo's
 * `content/post`). Undefined when nothing, or more than one post, matches.
 */
export function createPostResolver(posts: readonly PostReference[]): (ref: string) => string | undefined {
  const exact = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const add = (key: string, url: string) => {
    if (key !== '' && !exact.has(key)) exact.set(key, url);
  };
  for (const post of posts) add(normaliseRef(post.entry), post.url);
  for (const post of posts) add(lower(post.id), post.url);
  for (const post of posts) add(lower(post.slug), post.url);
  for (const post of posts) {
    const path = normaliseRef(post.entry);
    const name = path.split('/').pop() ?? path;
    byName.set(name, [...(byName.get(name) ?? []), post.url]);
  }
  const unique = (key: string) => {
    const urls = byName.get(key);
    return urls && new Set(urls).size === 1 ? urls[0] : undefined;
  };
  return (ref) => {
    const key = normaliseRef(ref);
    if (key === '') return undefined;
    const rest = key.includes('/') ? key.slice(key.indexOf('/') + 1) : undefined;
    return exact.get(key) ?? unique(key.split('/').pop() ?? key) ?? (rest ? exact.get(rest) : undefined);
  };
}

/**
 * Finds a file an embed names, as Obsidian does: a path from the vault's root, or a file
 * name found anywhere (in the note's own folder first, then the shortest path); exact case
 * first, then any case. Returns the path relative to the embedding note's folder.
 */
export function createFileResolver(files: readonly string[]): (fromEntry: string, name: string) => string | undefined {
  const byName = new Map<string, string[]>();
  const byPath = new Map<string, string>();
  for (const file of [...files].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))) {
    const name = lower(file.split('/').pop() ?? file);
    byName.set(name, [...(byName.get(name) ?? []), file]);
    if (!byPath.has(lower(file))) byPath.set(lower(file), file);
  }
  const exactPaths = new Set(files);
  return (fromEntry, name) => {
    const folder = posix.dirname(fromEntry);
    const wanted = name.trim().replace(/^\.?\/+/, '');
    const relativeTo = (file: string) => posix.relative(folder === '.' ? '' : folder, file);
    if (wanted.includes('/')) {
      const beside = posix.normalize(posix.join(folder, wanted));
      if (exactPaths.has(beside)) return relativeTo(beside);
      if (exactPaths.has(wanted)) return relativeTo(wanted);
      const found = byPath.get(lower(wanted)) ?? [...byPath.values()].find((file) => lower(file).endsWith(`/${lower(wanted)}`));
      return found && relativeTo(found);
    }
    const candidates = byName.get(lower(wanted)) ?? [];
    const sameCase = candidates.filter((file) => file.split('/').pop() === wanted);
    const pool = sameCase.length > 0 ? sameCase : candidates;
    const found = pool.find((file) => posix.dirname(file) === folder) ?? pool[0];
    return found && relativeTo(found);
  };
}
