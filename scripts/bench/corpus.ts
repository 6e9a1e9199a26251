// Deterministic benchmark corpus: N Markdown posts that look like a real tech blog.
//
//   node scripts/bench/corpus.ts --posts 1000 --out /tmp/corpus [--seed 1]
//
// Every post is a pure function of (index, seed): post 17 is the same whether the corpus
// has 20 posts or 20 000, so corpora of different sizes share their first posts, and a
// post links only to earlier, published posts (which exist in every corpus that has it).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ADJECTIVES,
  ADVERBS,
  CODE_INTROS,
  DETERMINERS,
  HEADINGS,
  LINK_PATHS,
  LIST_INTROS,
  LIST_ITEMS,
  NOUNS,
  NUMBER_WORDS,
  PERIODS,
  SENTENCES,
  TABLE_INTROS,
  TAGS,
  TITLES,
  UNITS,
  VERBS,
  plural,
} from './words.ts';
import { LANGUAGES, SNIPPETS } from './snippets.ts';

export { TAGS } from './words.ts';

export const DEFAULT_SEED = 1;
/** Share of posts that are drafts. */
export const DRAFT_RATE = 0.01;
/** Zipf exponent for tag popularity: weight of rank r is 1 / r^s. */
export const TAG_ZIPF_EXPONENT = 1.1;
/** Body word count is drawn from this range; the finished body overshoots it by at most ~150 words. */
const TARGET_WORDS: readonly [number, number] = [850, 1040];
export const WORD_RANGE: readonly [number, number] = [800, 1200];
export const YEAR_RANGE: readonly [number, number] = [2016, 2025];

// ---------------------------------------------------------------------------------------
// Randomness: mulberry32, seeded per post and per purpose through a 32-bit hash.

/** The mulberry32 PRNG: a uniform float in [0, 1) per call. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one well-spread 32-bit seed (murmur3 finaliser per step). */
function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

interface Rng {
  next(): number;
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    chance: (p: number) => next() < p,
  };
}

// Independent streams, so that reading a post's metadata never needs its body.
const STREAM_META = 1;
const STREAM_BODY = 2;
const rngFor = (index: number, seed: number, stream: number) => makeRng(hashSeed(seed, index, stream));

// ---------------------------------------------------------------------------------------
// Metadata

export interface PostMeta {
  index: number;
  /** The content collection id, and the file name without `.md`. */
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  tags: string[];
  draft: boolean;
  description?: string;
}

/** `post-00001` for index 1 (indexes start at 1). */
export function postId(index: number): string {
  return `post-${String(index).padStart(5, '0')}`;
}

const TAG_WEIGHTS = TAGS.map((_, rank) => 1 / (rank + 1) ** TAG_ZIPF_EXPONENT);
const TAG_WEIGHT_TOTAL = TAG_WEIGHTS.reduce((a, b) => a + b, 0);

function zipfTag(rng: Rng): string {
  let x = rng.next() * TAG_WEIGHT_TOTAL;
  for (let i = 0; i < TAGS.length; i++) {
    x -= TAG_WEIGHTS[i] as number;
    if (x < 0) return TAGS[i] as string;
  }
  return TAGS[TAGS.length - 1] as string;
}

const FIRST_DAY = Date.UTC(YEAR_RANGE[0], 0, 1);
const DAYS = Math.round((Date.UTC(YEAR_RANGE[1] + 1, 0, 1) - FIRST_DAY) / 86_400_000);

/** A post's frontmatter values, without generating its body. */
export function postMeta(index: number, seed = DEFAULT_SEED): PostMeta {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`post index must be an integer >= 1, got ${index}`);
  const rng = rngFor(index, seed, STREAM_META);
  const draft = rng.chance(DRAFT_RATE);
  const date = new Date(FIRST_DAY + rng.int(0, DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  // 1-5 distinct tags, weighted towards fewer: 1:15% 2:30% 3:30% 4:15% 5:10%.
  const roll = rng.next();
  const tagCount = roll < 0.15 ? 1 : roll < 0.45 ? 2 : roll < 0.75 ? 3 : roll < 0.9 ? 4 : 5;
  const tags: string[] = [];
  while (tags.length < tagCount) {
    const tag = zipfTag(rng);
    if (!tags.includes(tag)) tags.push(tag);
  }
  // Authors are not consistent about case; the site merges these into one tag.
  const written = tags.map((tag) => (rng.chance(0.02) ? tag.toLowerCase() : tag));
  const fill = slotFiller(rng, tags);
  const title = titleCase(fill(rng.pick(TITLES)));
  const meta: PostMeta = { index, id: postId(index), title, date, tags: written, draft };
  if (rng.chance(0.7)) meta.description = fill(rng.pick(SENTENCES));
  return meta;
}

// ---------------------------------------------------------------------------------------
// Prose

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const SMALL_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'by', 'at', 'from']);

function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : /^[a-z]/.test(word) ? capitalise(word) : word))
    .join(' ');
}

/** Returns a function that fills template slots with words; `{T}` uses the post's tags. */
function slotFiller(rng: Rng, tags: readonly string[]) {
  const verb = () => rng.pick(VERBS);
  const slots: Record<string, () => string> = {
    N: () => rng.pick(NOUNS),
    Ns: () => plural(rng.pick(NOUNS)),
    A: () => rng.pick(ADJECTIVES),
    D: () => rng.pick(ADVERBS),
    V: () => verb()[0],
    V3: () => verb()[1],
    Vd: () => verb()[2],
    Vg: () => verb()[3],
    T: () => (tags.length > 0 && rng.chance(0.8) ? rng.pick(tags) : rng.pick(TAGS)),
    n: () => String(rng.chance(0.5) ? rng.int(2, 20) : rng.int(20, 900)),
    U: () => rng.pick(UNITS),
    P: () => rng.pick(PERIODS),
    W: () => rng.pick(NUMBER_WORDS),
    X: () => rng.pick(DETERMINERS),
  };
  return (template: string) => {
    const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => slots[slot]?.() ?? slot);
    // "a" before a vowel sound reads as "an" (not before "use..."-style words).
    return capitalise(text.replace(/\b([Aa]) (?=[aeio]|un|ug)/g, '$1n '));
  };
}

/** Words a reader sees: no code blocks, no URLs, no Markdown markers. Used to size bodies. */
export function countWords(markdown: string): number {
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, ' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}

interface BodyContext {
  rng: Rng;
  index: number;
  seed: number;
  fill: (template: string) => string;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A published post before `index` (or undefined when there is none nearby). */
function earlierPublished(ctx: BodyContext): PostMeta | undefined {
  if (ctx.index <= 1) return undefined;
  let target = ctx.rng.int(Math.max(1, ctx.index - 400), ctx.index - 1);
  for (let tries = 0; tries < 5 && target >= 1; tries++, target--) {
    const meta = postMeta(target, ctx.seed);
    if (!meta.draft) return meta;
  }
  return undefined;
}

/** One sentence, sometimes with a link, inline code or emphasis worked in. */
function sentence(ctx: BodyContext): string {
  const { rng, fill } = ctx;
  const text = fill(rng.pick(SENTENCES));
  const roll = rng.next();
  if (roll < 0.05) {
    const earlier = earlierPublished(ctx);
    if (earlier) return `${text} I wrote about this in [${earlier.title}](/posts/${earlier.id}/).`;
  } else if (roll < 0.11) {
    const words = fill(`the {A} {N}`).toLowerCase();
    const path = `${rng.pick(LINK_PATHS)}/${slugify(words)}`;
    return `${text} See [${words}](https://example.org/${path}/) for the details.`;
  } else if (roll < 0.16) {
    const ident = `${rng.pick(VERBS)[0]}${capitalise(rng.pick(NOUNS.filter((n) => /^[a-z]+$/.test(n))))}`;
    return `${text} The function is called \`${ident}()\`.`;
  } else if (roll < 0.19) {
    return text.replace(/ (\w+) (\w+)\./, (_, a: string, b: string) => ` **${a} ${b}**.`);
  } else if (roll < 0.22) {
    return text.replace(/ (\w+)([.,;])/, (_, a: string, p: string) => ` *${a}*${p}`);
  }
  return text;
}

const paragraph = (ctx: BodyContext, min = 3, max = 6) => Array.from({ length: ctx.rng.int(min, max) }, () => sentence(ctx)).join(' ');

function list(ctx: BodyContext, ordered: boolean): string {
  const { rng, fill } = ctx;
  const items = Array.from({ length: rng.int(3, 6) }, (_, i) => {
    const item = fill(rng.pick(LIST_ITEMS));
    const extra = rng.chance(0.3) ? ` ${sentence(ctx)}` : '';
    return `${ordered ? `${i + 1}.` : '-'} ${item}${extra ? `.${extra}` : ''}`;
  });
  return `${fill(rng.pick(LIST_INTROS))}\n\n${items.join('\n')}`;
}

const NAMEABLE = NOUNS.filter((n) => /^[a-z]+$/.test(n));

function codeBlock(ctx: BodyContext): string {
  const { rng, fill } = ctx;
  const lang = rng.pick(LANGUAGES);
  const noun = rng.pick(NAMEABLE);
  const verb = rng.pick(VERBS)[0];
  const values: Record<string, string> = {
    Name: capitalise(noun),
    name: noun,
    noun,
    other: rng.pick(NAMEABLE),
    verb,
    Verb: capitalise(verb),
    n1: String(rng.int(10, 500)),
    n2: String(rng.int(2, 90)),
    n3: String(rng.int(1, 9)),
  };
  const code = rng.pick(SNIPPETS[lang]).replace(/%(Name|name|noun|other|verb|Verb|n1|n2|n3)%/g, (_, k: string) => values[k] ?? k);
  return `${fill(rng.pick(CODE_INTROS))}\n\n\`\`\`${lang}\n${code}\n\`\`\``;
}

function table(ctx: BodyContext): string {
  const { rng, fill } = ctx;
  const rows = Array.from({ length: rng.int(3, 6) }, () => {
    const before = rng.int(40, 4000);
    const after = Math.max(5, Math.round(before * (0.2 + rng.next())));
    return `| ${rng.pick(NOUNS)} | ${before} ms | ${after} ms | ${rng.pick(ADJECTIVES)} |`;
  });
  return `${fill(rng.pick(TABLE_INTROS))}\n\n| ${capitalise(rng.pick(NOUNS))} | Before | After | Notes |\n| --- | ---: | ---: | --- |\n${rows.join('\n')}`;
}

function body(index: number, seed: number, tags: readonly string[]): string {
  const rng = rngFor(index, seed, STREAM_BODY);
  const ctx: BodyContext = { rng, index, seed, fill: slotFiller(rng, tags) };
  const target = rng.int(TARGET_WORDS[0], TARGET_WORDS[1]);
  let codeLeft = rng.int(1, 3);
  let tableLeft = rng.chance(0.3) ? 1 : 0;
  const blocks: string[] = [];
  let words = 0;
  const add = (block: string) => {
    blocks.push(block);
    words += countWords(block);
  };

  add(paragraph(ctx, 3, 5));
  if (rng.chance(0.5)) add(paragraph(ctx, 2, 4));
  let inSection = false;
  // A step adds at most ~200 words, so stopping 200 short keeps the body under the maximum.
  while (words < target - 200) {
    const roll = rng.next();
    if (!inSection || roll < 0.2) {
      add(`## ${ctx.fill(rng.pick(HEADINGS))}`);
      add(paragraph(ctx));
      inSection = true;
    } else if (roll < 0.3) {
      add(`### ${ctx.fill(rng.pick(HEADINGS))}`);
      add(paragraph(ctx, 2, 4));
    } else if (roll < 0.4 && codeLeft > 0) {
      add(codeBlock(ctx));
      codeLeft--;
    } else if (roll < 0.45 && tableLeft > 0) {
      add(table(ctx));
      tableLeft--;
    } else if (roll < 0.55) {
      add(list(ctx, rng.chance(0.4)));
    } else if (roll < 0.58) {
      add(`> ${sentence(ctx)} ${sentence(ctx)}`);
    } else {
      add(paragraph(ctx));
    }
  }
  for (; codeLeft > 0; codeLeft--) add(codeBlock(ctx));
  if (tableLeft > 0) add(table(ctx));
  add(`## ${rng.pick(['Wrapping up', 'What is next', 'In short', 'Takeaways'])}`);
  // Close with paragraphs of up to five sentences until the target is reached (at least one sentence).
  let closing: string[] = [];
  do {
    const next = sentence(ctx);
    closing.push(next);
    words += countWords(next);
    if (closing.length === 5 && words < target) {
      blocks.push(closing.join(' '));
      closing = [];
    }
  } while (words < target);
  if (closing.length > 0) blocks.push(closing.join(' '));
  return `${blocks.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Files

/** A YAML scalar: plain when that is unambiguous, otherwise double-quoted (JSON is valid YAML). */
function yamlScalar(text: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 .+#/_-]*$/.test(text) && !/ #|[ ]$/.test(text) && !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** The full text of post `index` (1-based): YAML frontmatter and Markdown body. */
export function generatePost(index: number, seed = DEFAULT_SEED): string {
  const meta = postMeta(index, seed);
  const lines = ['---', `title: ${JSON.stringify(meta.title)}`, `date: ${meta.date}`, 'tags:'];
  for (const tag of meta.tags) lines.push(`  - ${yamlScalar(tag)}`);
  lines.push(`draft: ${meta.draft}`);
  if (meta.description !== undefined) lines.push(`description: ${JSON.stringify(meta.description)}`);
  lines.push('---', '');
  return `${lines.join('\n')}\n${body(index, seed, meta.tags)}`;
}

export interface CorpusOptions {
  posts: number;
  seed?: number;
  /** Folder to write into; created if missing. Stale `post-*.md` files in it are removed. */
  dir: string;
}

export interface CorpusSummary {
  dir: string;
  posts: number;
  seed: number;
  drafts: number;
  bytes: number;
  ms: number;
}

const POST_FILE = /^post-\d+\.md$/;

/** Writes posts `post-00001.md` ... into `dir`. */
export function generateCorpus({ posts, seed = DEFAULT_SEED, dir }: CorpusOptions): CorpusSummary {
  if (!Number.isInteger(posts) || posts < 1) throw new RangeError(`posts must be a positive integer, got ${posts}`);
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(Array.from({ length: posts }, (_, i) => `${postId(i + 1)}.md`));
  for (const name of readdirSync(dir)) if (POST_FILE.test(name) && !wanted.has(name)) rmSync(join(dir, name));
  let bytes = 0;
  let drafts = 0;
  for (let index = 1; index <= posts; index++) {
    const text = generatePost(index, seed);
    if (postMeta(index, seed).draft) drafts++;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `${postId(index)}.md`), text);
  }
  return { dir, posts, seed, drafts, bytes, ms: Math.round(performance.now() - started) };
}

// ---------------------------------------------------------------------------------------
// CLI

function main() {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.log('usage: node scripts/bench/corpus.ts --posts 1000 --out /tmp/corpus [--seed 1]');
    process.exit(values.help ? 0 : 2);
  }
  const summary = generateCorpus({ posts: Number(values.posts), seed: Number(values.seed), dir: resolve(values.out) });
  console.log(`wrote ${summary.posts} posts (${summary.drafts} drafts, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB) to ${summary.dir} in ${summary.ms} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
