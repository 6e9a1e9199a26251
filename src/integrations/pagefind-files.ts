/**
 * Reusing a search shard's last files when it is indexed again.
 *
 * Pagefind names a bundle's fragments, word-index chunks, filters and metadata by a hash of
 * their contents, and does not write (or compress, at its slowest setting, one file after
 * another) a file of that name that is already in its output folder. A shard indexed again
 * after one post changed is mostly the same files: written into a folder that already holds
 * the shard's last version, only the changed ones are compressed and written, about a third of
 * Pagefind's time for the shard. What the new index no longer names is removed afterwards,
 * from the list its metadata gives, so the folder ends up exactly as a fresh one would.
 */
import { decode } from 'cborg';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Folders of hash-named files, which Pagefind writes only when missing. */
const HASHED_DIRS = ['fragment', 'index', 'filter'] as const;
/** A metadata file at the top of a bundle (hash-named too). */
const META = /^pagefind\..+\.pf_meta$/;
/** What Pagefind writes before the CBOR of its compressed files. */
const SIGNATURE = 'pagefind_dcd';

/** Whether a path inside a bundle is one of its hash-named files. */
export const isHashedFile = (path: string): boolean => (path.includes('/') ? HASHED_DIRS.some((dir) => path.startsWith(`${dir}/`)) : META.test(path));

/**
 * Hard-links the hash-named files of `from` (a bundle) into `to`, which is made: those of
 * `sizes` (the bundle's files as it was written, by path inside it) still at that size, so
 * a file a restored cache holds half-saved is written again. Returns their paths inside `to`;
 * none when links cannot be made (another file system), with `to` left empty. Links are safe:
 * Pagefind never opens an existing hash-named file, so the old bundle is never written
 * through them.
 */
export function seedBundle(from: string, to: string, sizes: Readonly<Record<string, number>>): string[] {
  mkdirSync(to, { recursive: true });
  const linked: string[] = [];
  const made = new Set<string>();
  try {
    for (const [path, size] of Object.entries(sizes)) {
      if (!isHashedFile(path) || statSync(join(from, path), { throwIfNoEntry: false })?.size !== size) continue;
      const folder = dirname(join(to, path));
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      linkSync(join(from, path), join(to, path));
      linked.push(path);
    }
  } catch {
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    return [];
  }
  return linked;
}

/** Reads one compressed Pagefind file into its decoded CBOR value. */
function readCompressed(file: string): unknown {
  const bytes = gunzipSync(readFileSync(file));
  if (bytes.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error(`${file} is not a Pagefind file`);
  return decode(bytes.subarray(SIGNATURE.length));
}

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
const hashAt = (entry: unknown, at: number): string => {
  const hash = isArray(entry) ? entry[at] : undefined;
  if (typeof hash !== 'string' || !/^[\w-]+$/.test(hash)) throw new Error('unexpected Pagefind metadata');
  return hash;
};

/**
 * Every file a bundle's metadata names, as paths inside it (`fragment/en_1a2b3c4.pf_fragment`,
 * `index/...`, `filter/...`, `pagefind.en_....pf_meta`), over all its languages. Throws when
 * the bundle's entry or metadata do not read as this Pagefind writes them (another version's
 * layout): the caller then writes the bundle afresh.
 */
export function bundleFiles(bundle: string): Set<string> {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { hash?: unknown; page_count?: unknown }> };
  const files = new Set<string>();
  for (const language of Object.values(entry.languages ?? {})) {
    if (typeof language.hash !== 'string') throw new Error('unexpected Pagefind entry');
    const meta = `pagefind.${language.hash}.pf_meta`;
    files.add(meta);
    // [version, pages [[hash, words, …]], index chunks [[from, to, hash]], filters [[name, hash]], …]
    const decoded = readCompressed(join(bundle, meta));
    if (!isArray(decoded) || !isArray(decoded[1]) || !isArray(decoded[2]) || !isArray(decoded[3])) throw new Error('unexpected Pagefind metadata');
    if (decoded[1].length !== language.page_count) throw new Error('Pagefind metadata and entry disagree');
    for (const page of decoded[1]) files.add(`fragment/${hashAt(page, 0)}.pf_fragment`);
    for (const chunk of decoded[2]) files.add(`index/${hashAt(chunk, 2)}.pf_index`);
    for (const filter of decoded[3]) files.add(`filter/${hashAt(filter, 1)}.pf_filter`);
  }
  return files;
}

/**
 * Removes the hash-named files of a bundle that its metadata does not name (left from the
 * seed), and folders left empty; returns the files it names. Undefined, having removed nothing,
 * when the metadata does not read or names a file that is not there.
 */
export function pruneBundle(bundle: string): Set<string> | undefined {
  let wanted: Set<string>;
  try {
    wanted = bundleFiles(bundle);
  } catch {
    return undefined;
  }
  for (const file of wanted) if (!existsSync(join(bundle, file))) return undefined;
  for (const name of readdirSync(bundle)) if (META.test(name) && !wanted.has(name)) rmSync(join(bundle, name));
  for (const dir of HASHED_DIRS) {
    const folder = join(bundle, dir);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) if (!wanted.has(`${dir}/${name}`)) rmSync(join(folder, name));
    if (readdirSync(folder).length === 0) rmdirSync(folder);
  }
  return wanted;
}
