import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, astroBuildAsync, root } from '../helpers/build';
import { listFiles } from '../helpers/dist';
import { embeds } from './setup';

// Files copied from beside posts live in the kept output folder: a rebuild that renders
// nothing must keep them without copying them again, a changed file must get a new URL
// even though its post did not change, and a file gone missing must stop the build.
const work = join(root, 'tests/.output/embeds-rebuild');
const posts = join(work, 'posts');
const dist = join(work, 'dist');
const env = { SITE_URL: embeds.site, BASE_PATH: embeds.base, FOLIO_NOW: embeds.now, NO_COLOR: '1' };
const build = (outDir: string, cache: string) => ({ contentDir: posts, outDir, cacheDir: join(work, cache), env });
const snapshot = (dir: string) => new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f))]));
const same = (a: Map<string, Buffer>, b: Map<string, Buffer>) => {
  expect([...a.keys()]).toEqual([...b.keys()]);
  expect([...a].filter(([f, bytes]) => !bytes.equals(b.get(f)!)).map(([f]) => f)).toEqual([]);
};
const mediaOf = (html: string) => [...html.matchAll(/\/blog\/(_media\/[0-9a-f]{8}\/[^"#]+)/g)].map((m) => m[1]!);

let cold: Map<string, Buffer>;
let warm: { output: string; files: Map<string, Buffer> };
let changed: { output: string; files: Map<string, Buffer>; fresh: Map<string, Buffer>; before: string[] };
let missing: { status: number | null; output: string };

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  cpSync(embeds.posts, posts, { recursive: true });
  const first = astroBuild(build(dist, 'cache'));
  expect(first.status, first.output.slice(-3000)).toBe(0);
  cold = snapshot(dist);

  const again = astroBuild(build(dist, 'cache'));
  expect(again.status, again.output.slice(-3000)).toBe(0);
  warm = { output: again.output, files: snapshot(dist) };

  // The video changes; no post does.
  const before = mediaOf(readFileSync(join(dist, 'posts/media-post/index.html'), 'utf8'));
  writeFileSync(join(posts, 'media-post/demo.mp4'), Buffer.concat([readFileSync(join(posts, 'media-post/demo.mp4')), Buffer.from('a new ending')]));
  const [inPlace, fresh] = await Promise.all([astroBuildAsync(build(dist, 'cache')), astroBuildAsync(build(join(work, 'fresh'), 'cache-fresh'))]);
  expect(inPlace.status, inPlace.output.slice(-3000)).toBe(0);
  expect(fresh.status, fresh.output.slice(-3000)).toBe(0);
  changed = { output: inPlace.output, files: snapshot(dist), fresh: snapshot(join(work, 'fresh')), before };

  rmSync(join(posts, 'media-post/subs.vtt'));
  missing = astroBuild(build(dist, 'cache'));
}, 300_000);

describe('a rebuild that renders nothing', () => {
  it('keeps every copied file, copies none again, and leaves the folder byte-identical', () => {
    expect(warm.output).toMatch(/\/posts\/media-post\/index\.html \(cached\)/);
    expect(warm.output).toContain('[media] copied 0 files from beside the posts, 6 unchanged');
    expect([...warm.files.keys()].filter((f) => f.startsWith('_media/'))).toHaveLength(6);
    same(warm.files, cold);
  });

  it('still lists what each post allowed and writes the same _headers', () => {
    expect(warm.output.match(/\[csp\] \/blog\/posts\/[^:]+:/g)).toEqual(['[csp] /blog/posts/embeds-too/:', '[csp] /blog/posts/media-post/:']);
    expect(warm.files.get('_headers')!.equals(cold.get('_headers')!)).toBe(true);
  });
});

describe('a rebuild after a file beside a post changed', () => {
  it('publishes it at a new URL in both posts that use it, and removes the old copy', () => {
    const after = mediaOf(changed.files.get('posts/media-post/index.html')!.toString());
    const old = changed.before.find((p) => p.endsWith('/demo.mp4'))!;
    const now = after.find((p) => p.endsWith('/demo.mp4'))!;
    expect(now).not.toBe(old);
    expect(changed.files.has(old)).toBe(false);
    expect(changed.files.get(now)!.equals(readFileSync(join(posts, 'media-post/demo.mp4')))).toBe(true);
    expect(mediaOf(changed.files.get('posts/embeds-too/index.html')!.toString())).toEqual([now]);
    expect(changed.output).toContain('[media] copied 1 file from beside the posts, 5 unchanged');
  });

  it('leaves the same folder, byte for byte, as a cold build of the same posts', () => {
    same(changed.files, changed.fresh);
  });
});

describe('a rebuild after a file beside an unchanged post went missing', () => {
  it('stops during content sync, naming the post and the file', () => {
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/media-post\/index\.md: the file subs\.vtt#cue does not exist next to the post/);
  });
});
