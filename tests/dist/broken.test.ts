import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuildAsync, root, runScript } from '../helpers/build';
import { listFiles } from '../helpers/dist';

const fixtures = join(root, 'tests/fixtures/broken');
const out = join(root, 'tests/.output/broken');

/** Each broken case: the messages its build (and check:content) must print. */
const cases: Record<string, (string | RegExp)[]> = {
  'empty-title': ['empty-title.md', 'title: expected non-empty text, found "  "'],
  'impossible-date': ['bad-date.md', 'date: expected a real date', 'found "2024-13-45"'],
  'tags-number': ['bad-tags.md', 'tags: expected a list of tags or a comma-separated string, found 42'],
  'draft-maybe': ['bad-draft.md', 'draft: expected true or false, found "maybe"'],
  'broken-yaml': ['broken-yaml.md', /(line \d+|broken-yaml\.md:\d+)/],
  'duplicate-url': ['Two posts would be published at /posts/fine/', 'duplicate-url/fine.md', 'duplicate-url/other.md'],
  'duplicate-redirect': ['Two posts would be published at /old/', 'duplicate-redirect/one.md (permalink /old/)', 'duplicate-redirect/two.md (alias /old)'],
  'missing-image': ['missing-image.md', './nope.png does not exist next to the post'],
  'id-clash': ['Two post files would be one post, my-post', 'id-clash/My Post.md', 'id-clash/my-post.md'],
  'missing-cover': ['missing-cover.md', 'the image ./nope-cover.jpg does not exist next to the post'],
  'missing-media': ['missing-media.md', 'the file nope.mp4 does not exist next to the post', 'the file ../../../../package.json is outside the posts folder'],
  'tag-collision': ['"Node.js"', '"node js"', 'tag-collision/one.md', 'tag-collision/two.md'],
  'series-collision': ['Series "Node.js"', '"node js"', 'series-collision/one.md', 'series-collision/two.md', '/series/node-js/'],
};

const builds = new Map<string, { status: number | null; output: string }>();

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const names = Object.keys(cases);
  // Two at a time: the machine has two cores.
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(
      names.slice(i, i + 2).map(async (name) => {
        const result = await astroBuildAsync({
          contentDir: join(fixtures, name),
          outDir: join(out, name, 'dist'),
          cacheDir: join(out, name, 'cache'),
          env: { NO_COLOR: '1', FORCE_COLOR: '0' },
        });
        builds.set(name, result);
      }),
    );
  }
}, 600_000);

const plain = (text: string) => stripVTControlCharacters(text);

describe.each(Object.entries(cases))('a broken post: %s', (name, messages) => {
  it('stops the build with a message naming the file and the problem', () => {
    const build = builds.get(name)!;
    expect(build.status, plain(build.output).slice(-2000)).not.toBe(0);
    for (const message of messages) {
      if (typeof message === 'string') expect(plain(build.output)).toContain(message);
      else expect(plain(build.output)).toMatch(message);
    }
  });

  it('writes no page at all', () => {
    const dist = join(out, name, 'dist');
    expect(existsSync(dist) ? listFiles(dist).filter((f) => f.endsWith('.html')) : []).toEqual([]);
  });

  it('is reported by check:content without a build', () => {
    const result = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: join(fixtures, name) });
    expect(result.status).toBe(1);
    for (const message of messages) {
      if (typeof message === 'string') expect(result.output).toContain(message);
      else expect(result.output).toMatch(message);
    }
  });

  it('gets from check:content the very messages the build prints', () => {
    const result = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: join(fixtures, name) });
    const problems = [...result.output.matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1]!);
    expect(problems.length).toBeGreaterThan(0);
    // Paths are relative to the working directory in both; the build may wrap a long line.
    const build = plain(builds.get(name)!.output).replace(/\s+/g, ' ');
    for (const problem of problems) expect(build).toContain(problem.replace(/\s+/g, ' '));
  });
});

describe('check:content', () => {
  it('lists every problem in every file at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-broken-'));
    for (const name of ['empty-title', 'impossible-date', 'tags-number', 'draft-maybe', 'broken-yaml', 'missing-image']) {
      cpSync(join(fixtures, name), join(dir, name), { recursive: true });
    }
    const result = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/6 problems in 6 files \(12 posts checked\)/);
  });

  it('passes a valid folder and exits 0', () => {
    const result = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: join(root, 'src/content/posts') });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/All \d+ posts .* are valid/);
  });
});
