/**
 * Reusing a search shard's last files when it is indexed again.
 *
 * Pagefind names a bundle's fragments, word-index chunks and filters by a hash of their
 * contents, and does not write (or compress, at its slowest setting, one file after another)
 * a file of that name that is already in its output folder. A shard indexed again after one
 * post changed is mostly the same files: written into a folder that already holds the shard's
 * last version, only the changed ones are compressed and written, about a third of Pagefind's
 * time for the shard. What the new index no longer names is removed afterwards, from the list
 * its metadata gives, so the folder ends up as a fresh one would.
 *
 * A name is the language and the first 7 hex digits of the hash; when two files of one index
 * share them, Pagefind gives the later one more digits. Names can therefore move from one
 * content to another between builds (two pages that shared 7 digits, one of them edited), so a
 * name is not trusted where that can happen: files whose names share their first digits with
 * another's, in the old bundle or the new, are written afresh, and so is a kept fragment whose
 * page's word count differs between the two. What remains is two different contents of the
 * same 28-bit prefix where none of the two is in the new index beside the other (about one in
 * 268 million per changed file).
 */
import { decode } from 'cborg';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Folders of hash-named files, which Pagefind writes only when missing. */
const HASHED_DIRS = ['fragment', 'index', 'filter'] as const;
/** A metadata file at the top of a bundle (hash-named too, but always written afresh: it is one file, and the root of the rest). */
const META = /^pagefind\..+\.pf_meta$/;
/** What Pagefind writes before the CBOR of its compressed files. */
const SIGNATURE = 'pagefind_dcd';

/** Whether a path inside a bundle is one of the hash-named files a new version may start from. */
export const isHashedFile = (path: string): boolean => HASHED_DIRS.some((dir) => path.startsWith(`${dir}/`));

/** What a bundle's metadata says: every file it names, and each fragment's word count. */
export interface BundleIndex {
  files: Set<string>;
  words: Map<string, number>;
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
 * `index/...`, `filter/...`, `pagefind.en_....pf_meta`), over all its languages, and each
 * fragment's word count. Throws when the bundle's entry or metadata do not read as this
 * Pagefind writes them (another version's layout): the caller then writes the bundle afresh.
 */
export function readBundle(bundle: string): BundleIndex {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { hash?: unknown; page_count?: unknown }> };
  const files = new Set<string>();
  const words = new Map<string, number>();
  for (const language of Object.values(entry.languages ?? {})) {
    if (typeof language.hash !== 'string') throw new Error('unexpected Pagefind entry');
    const meta = `pagefind.${language.hash}.pf_meta`;
    files.add(meta);
    // [version, pages [[hash, words, …]], index chunks [[from, to, hash]], filters [[name, hash]], …]
    const decoded = readCompressed(join(bundle, meta));
    if (!isArray(decoded) || !isArray(decoded[1]) || !isArray(decoded[2]) || !isArray(decoded[3])) throw new Error('unexpected Pagefind metadata');
    if (decoded[1].length !== language.page_count) throw new Error('Pagefind metadata and entry disagree');
    for (const page of decoded[1]) {
      const file = `fragment/${hashAt(page, 0)}.pf_fragment`;
      const count = (page as unknown[])[1];
      if (typeof count !== 'number') throw new Error('unexpected Pagefind metadata');
      files.add(file);
      words.set(file, count);
    }
    for (const chunk of decoded[2]) files.add(`index/${hashAt(chunk, 2)}.pf_index`);
    for (const filter of decoded[3]) files.add(`filter/${hashAt(filter, 1)}.pf_filter`);
  }
  return { files, words };
}

/**
 * The files among `paths` whose name shares its first digits with another's in the same
 * folder (one name the start of the other: Pagefind lengthened one of them), which a name
 * alone does not tell apart between builds.
 */
export function sharedNames(paths: Iterable<string>): Set<string> {
  const stems = [...paths].map((path) => ({ path, stem: path.replace(/\.[a-z_]+$/, '') })).sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
  const shared = new Set<string>();
  for (let i = 0; i < stems.length; i++) {
    for (let j = i + 1; j < stems.length && stems[j]!.stem.startsWith(stems[i]!.stem); j++) {
      shared.add(stems[i]!.path);
      shared.add(stems[j]!.path);
    }
  }
  return shared;
}

/**
 * Hard-links the hash-named files of `from` (a bundle) into `to`, which is made: those of
 * `sizes` (the bundle's files as it was written, by path inside it) still at that size, so
 * a file a restored cache holds half-saved is written again, and none whose name another
 * shares (see `sharedNames`). Returns their paths inside `to`; none when links cannot be made
 * (another file system), with `to` left empty. Links are safe: Pagefind never opens an
 * existing hash-named file, so the old bundle is never written through them.
 */
export function seedBundle(from: string, to: string, sizes: Readonly<Record<string, number>>): string[] {
  mkdirSync(to, { recursive: true });
  const candidates = Object.keys(sizes).filter(isHashedFile);
  const shared = sharedNames(candidates);
  const linked: string[] = [];
  const made = new Set<string>();
  try {
    for (const path of candidates) {
      if (shared.has(path) || statSync(join(from, path), { throwIfNoEntry: false })?.size !== sizes[path]) continue;
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

/**
 * After Pagefind wrote into a seeded folder: removes the seeded files the new index names but
 * that may hold another content than it means (a name the new index shares, a fragment whose
 * word count changed), for Pagefind to write them again. Returns them; undefined when the new
 * metadata does not read (the caller writes the bundle afresh).
 */
export function untrusted(bundle: string, seeded: readonly string[], before: BundleIndex): string[] | undefined {
  let after: BundleIndex;
  try {
    after = readBundle(bundle);
  } catch {
    return undefined;
  }
  const shared = sharedNames([...after.files].filter(isHashedFile));
  const doubtful = seeded.filter((file) => after.files.has(file) && (shared.has(file) || before.words.get(file) !== after.words.get(file)));
  for (const file of doubtful) rmSync(join(bundle, file));
  return doubtful;
}

/**
 * Removes the hash-named files of a bundle that its metadata does not name (left from the
 * seed), and folders left empty; returns the files it names. Undefined, having removed nothing,
 * when the metadata does not read or names a file that is not there.
 */
export function pruneBundle(bundle: string): Set<string> | undefined {
  let wanted: Set<string>;
  try {
    wanted = readBundle(bundle).files;
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
