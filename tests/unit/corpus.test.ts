import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { TAGS, countWords, generateCorpus, generatePost, postId, postMeta } from '../../scripts/bench/corpus.ts';
import { parseBuildLog, parseDuration } from '../../scripts/bench/log.ts';
import { buildNodeFlags } from '../../scripts/bench/run.ts';
import { postSchema } from '../../src/lib/schema/post';
import { plainText } from '../../src/lib/excerpt';
import { tagKey, tagSlug } from '../../src/lib/tags';

const SEED = 1;
const N = 2000;

interface Parsed {
  frontmatter: Record<string, unknown>;
  body: string;
}

function split(text: string): Parsed {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no frontmatter in:\n${text.slice(0, 200)}`);
  return { frontmatter: yaml.load(match[1] as string) as Record<string, unknown>, body: match[2] as string };
}

/** Counted independently of the generator: prose words, without code, URLs or Markdown markers. */
function proseWords(body: string): number {
  return body
    .replace(/```[a-z]*\n[\s\S]*?\n```/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .split(/\s+/)
    .filter((token) => /[A-Za-z0-9]/.test(token)).length;
}

// Generated once for the whole file: 2000 posts take about a second.
const posts = Array.from({ length: N }, (_, i) => ({ index: i + 1, ...split(generatePost(i + 1, SEED)) }));

describe('corpus generator', () => {
  it('is deterministic: the same (index, seed) gives the same text', () => {
    for (const index of [1, 2, 17, 500, 1999]) {
      expect(generatePost(index, SEED)).toBe(generatePost(index, SEED));
      expect(generatePost(index, 42)).toBe(generatePost(index, 42));
    }
    expect(generatePost(17, SEED)).not.toBe(generatePost(17, 2));
    expect(generatePost(17, SEED)).not.toBe(generatePost(18, SEED));
  });

  it('writes post-00001.md ... with exactly the text of generatePost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-corpus-test-'));
    try {
      generateCorpus({ posts: 30, seed: SEED, dir });
      const summary = generateCorpus({ posts: 12, seed: SEED, dir }); // shrinking removes stale posts
      const files = readdirSync(dir).sort();
      expect(files).toEqual(Array.from({ length: 12 }, (_, i) => `post-${String(i + 1).padStart(5, '0')}.md`));
      expect(readFileSync(join(dir, 'post-00007.md'), 'utf8')).toBe(generatePost(7, SEED));
      expect(summary.posts).toBe(12);
      expect(summary.bytes).toBe(files.reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes 800-1200 words of prose per post', () => {
    for (const { body } of posts.filter((_, i) => i % 10 === 0)) {
      for (const words of [proseWords(body), countWords(body), plainText(body).split(' ').length]) {
        expect(words).toBeGreaterThanOrEqual(800);
        expect(words).toBeLessThanOrEqual(1200);
      }
    }
  });

  it('has frontmatter that parses as YAML and passes the site schema', () => {
    for (const { index, frontmatter } of posts) {
      expect(typeof frontmatter['title']).toBe('string');
      expect(frontmatter['date']).toBeInstanceOf(Date);
      expect(Array.isArray(frontmatter['tags'])).toBe(true);
      expect(typeof frontmatter['draft']).toBe('boolean');
      if ('description' in frontmatter) expect(typeof frontmatter['description']).toBe('string');
      const parsed = postSchema.safeParse(frontmatter);
      expect(parsed.success, `post ${index}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('agrees with postMeta', () => {
    for (const { index, frontmatter } of posts.slice(0, 200)) {
      const meta = postMeta(index, SEED);
      expect(meta.id).toBe(postId(index));
      expect(frontmatter['title']).toBe(meta.title);
      expect(frontmatter['tags']).toEqual(meta.tags);
      expect(frontmatter['draft']).toBe(meta.draft);
      expect((frontmatter['date'] as Date).toISOString().slice(0, 10)).toBe(meta.date);
    }
  });

  it('has 150 tag names whose slugs never collide', () => {
    expect(TAGS).toHaveLength(150);
    expect(new Set(TAGS.map(tagKey)).size).toBe(150);
    expect(new Set(TAGS.map(tagSlug)).size).toBe(150);
    expect(TAGS).toEqual(expect.arrayContaining(['C#', 'C++', 'C', 'node.js', '.NET']));
  });

  it('draws 1-5 tags per post from the list, with a Zipf-like skew', () => {
    const known = new Map(TAGS.map((t) => [t.toLowerCase(), t]));
    const counts = new Map<string, number>();
    for (const { frontmatter } of posts) {
      const tags = frontmatter['tags'] as string[];
      expect(tags.length).toBeGreaterThanOrEqual(1);
      expect(tags.length).toBeLessThanOrEqual(5);
      expect(new Set(tags.map((t) => t.toLowerCase())).size).toBe(tags.length);
      for (const tag of tags) {
        const name = known.get(tag.toLowerCase());
        expect(name, `unknown tag ${tag}`).toBeDefined();
        counts.set(name as string, (counts.get(name as string) ?? 0) + 1);
      }
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(counts.size).toBeGreaterThan(100);
    expect(sorted[0]).toBeGreaterThan(10 * median);
    // Rank follows the list order: the first tag is the most used.
    expect(counts.get(TAGS[0] as string)).toBe(sorted[0]);
  });

  it('dates every post between 2016 and 2025, across all ten years', () => {
    const years = new Set<number>();
    for (const { frontmatter } of posts) {
      const date = frontmatter['date'] as Date;
      expect(date.getTime()).toBeGreaterThanOrEqual(Date.UTC(2016, 0, 1));
      expect(date.getTime()).toBeLessThan(Date.UTC(2026, 0, 1));
      years.add(date.getUTCFullYear());
    }
    expect([...years].sort()).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('makes about 1% of posts drafts', () => {
    const drafts = posts.filter((p) => p.frontmatter['draft'] === true).length;
    expect(drafts).toBeGreaterThan(0);
    expect(drafts).toBeLessThan(N * 0.03);
  });

  it('has 1-3 code blocks in known languages, headings, lists and some tables', () => {
    const languages = new Set<string>();
    let tables = 0;
    for (const { body } of posts) {
      const fences = [...body.matchAll(/^```(\w+)$/gm)].map((m) => m[1] as string);
      expect(fences.length).toBeGreaterThanOrEqual(1);
      expect(fences.length).toBeLessThanOrEqual(3);
      fences.forEach((l) => languages.add(l));
      expect(body).toMatch(/^## /m);
      if (/^\| --- \|/m.test(body)) tables++;
    }
    expect([...languages].sort()).toEqual(['bash', 'css', 'go', 'js', 'json', 'python', 'rust', 'ts']);
    expect(tables).toBeGreaterThan(N * 0.1);
    expect(tables).toBeLessThan(N * 0.6);
    expect(posts.some(({ body }) => /^- /m.test(body))).toBe(true);
    expect(posts.some(({ body }) => /^1\. /m.test(body))).toBe(true);
    expect(posts.some(({ body }) => /^### /m.test(body))).toBe(true);
  });

  it('links only to earlier, published posts and to example.org', () => {
    let internal = 0;
    for (const { index, body } of posts) {
      for (const [, url] of body.matchAll(/\]\(([^)]+)\)/g)) {
        const post = /^\/posts\/post-(\d+)\/$/.exec(url as string);
        if (post) {
          internal++;
          const target = Number(post[1]);
          expect(target).toBeLessThan(index);
          expect(postMeta(target, SEED).draft).toBe(false);
        } else expect(url).toMatch(/^https:\/\/example\.org\//);
      }
    }
    expect(internal).toBeGreaterThan(N);
  });
});

describe('benchmark build log parsing', () => {
  const log = [
    '03:02:26 [content] Syncing content',
    '03:02:28 [content] Synced content',
    '03:02:28 [types] Generated 1.61s',
    '03:02:28 [vite] ✓ built in 485ms',
    '03:02:28 [vite] ✓ built in 48ms',
    ' generating static routes ',
    '03:02:28   ├─ /index.html (+1ms) ',
    '03:02:28   ├─ /posts/a/index.html (cached)',
    '03:02:28   ├─ /posts/b/index.html \u001b[32m(restored)\u001b[39m',
    '03:02:28   └─ /posts/c/index.html (+12.5ms)',
    '03:02:28 ✓ Completed in 209ms.',
    ' generating optimized images ',
    '03:02:28 ✓ Completed in 78ms.',
    '03:02:28 [build] 23 page(s) built in 1m 2s',
  ];

  it('reads the phases, with null for lines the build did not print', () => {
    expect(parseBuildLog(log.join('\n'))).toEqual({
      contentSyncMs: 2000,
      typesMs: 1610,
      bundleMs: 533,
      renderMs: 209,
      totalMs: 62_000,
      pagesBuilt: 23,
      pages: { rendered: 2, cached: 1, restored: 1 },
      og: null,
      searchMs: null,
      search: null,
      sitemapMs: null,
    });
  });

  it('prefers arrival times for the content sync and reads og, search and sitemap lines', () => {
    const lines = [
      ...log.map((text, i) => ({ text, at: i === 0 ? 100 : i === 1 ? 1350.5 : 2000 })),
      { text: '\u001b[32m[og] rendered 40, reused 960 (drawing took 1234 ms of CPU; the end of the build spent 56 ms); 40 started during content sync\u001b[0m', at: 2100 },
      { text: '[search] indexed 1000 posts in 1.25s (2 shards, 1 unchanged)', at: 2200 },
      { text: '12:00:01 [@astrojs/sitemap] `sitemap-index.xml` created at `dist`', at: 2245 },
    ];
    const phases = parseBuildLog(lines);
    expect(phases.contentSyncMs).toBe(1250.5);
    expect(phases.og).toEqual({ rendered: 40, reused: 960, drawMs: 1234, endMs: 56, early: 40 });
    expect(phases.searchMs).toBe(1250);
    expect(phases.search).toEqual({ shards: 2, reused: 1 });
    expect(phases.sitemapMs).toBe(45);
    // a shard indexed again says how many of its last version's files it kept
    const kept = parseBuildLog([{ text: '[search] indexed 1000 posts in 812 ms (1 shard, 0 unchanged; 1040 files kept from their last version)', at: 10 }]);
    expect(kept.search).toEqual({ shards: 1, reused: 0 });
  });

  it('parses durations as Astro and Vite print them', () => {
    expect(parseDuration('850ms')).toBe(850);
    expect(parseDuration('12.34s')).toBe(12_340);
    expect(parseDuration('1m 5s')).toBe(65_000);
    expect(parseDuration('2m')).toBe(120_000);
  });
});

describe('buildNodeFlags (the Node flags of npm run build, which the benchmark builds with)', () => {
  it('reads the flags of the build script', () => {
    expect(buildNodeFlags({ scripts: { build: 'node --max-old-space-size-percentage=50 scripts/astro.ts build' } })).toEqual(['--max-old-space-size-percentage=50']);
    expect(buildNodeFlags({ scripts: { build: 'node scripts/astro.ts build' } })).toEqual([]);
  });

  it('refuses a build script it cannot mirror', () => {
    expect(() => buildNodeFlags({ scripts: { build: 'astro build' } })).toThrow(/package.json's build script/);
    // Astro's command line run directly would skip the environment scripts/astro.ts sets
    expect(() => buildNodeFlags({ scripts: { build: 'node node_modules/astro/bin/astro.mjs build' } })).toThrow(/scripts\/astro\.ts/);
    expect(() => buildNodeFlags({ scripts: {} })).toThrow(/package.json's build script/);
  });

  it("matches this project's package.json, which sets a heap relative to the machine's memory", () => {
    expect(buildNodeFlags()).toEqual([expect.stringMatching(/^--max-old-space-size-percentage=\d+$/)]);
  });
});
