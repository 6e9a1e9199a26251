import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHash, isExecutableScriptType } from '../../src/lib/csp';
import { runScript } from '../helpers/build';
import { Dist, parsePolicy } from '../helpers/dist';
import { embeds } from './setup';

// The embeds fixture (tests/fixtures/embeds/posts): a post with raw <img>, <video> with a
// poster, <source>, <track>, linked pdf and zip, a YouTube iframe, a gist and an inline
// script; another with a Vimeo iframe written with http, an async script, an <audio> of the
// first post's file and a module script; a post with none of these; and a draft with media.
let dist: Dist;
let log = '';
beforeAll(() => {
  dist = new Dist(embeds.out, embeds.base, embeds.site);
  log = readFileSync(embeds.log, 'utf8');
});

const page = (id: string) => dist.html(`posts/${id}/index.html`);
const prose = (id: string) => page(id).querySelector('.prose')!;
const source = (path: string) => readFileSync(join(embeds.posts, path));
const short = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

const metaPolicy = (file: string) => dist.metaPolicy(file);
const headerPolicy = () => parsePolicy(/^ {2}Content-Security-Policy: (.*)$/m.exec(dist.read('_headers'))?.[1] ?? '');
const origins = (values: string[] = []) => values.filter((v) => v.startsWith('https://'));
/** The inline scripts a page runs, as the browser reads their text. */
const inlineScripts = (file: string) =>
  dist
    .html(file)
    .querySelectorAll('script:not([src])')
    .filter((s) => isExecutableScriptType(s.getAttribute('type')))
    .map((s) => s.rawText);

describe('files referenced from raw HTML in a Markdown post', () => {
  it('are published at content-addressed URLs under the base path, with the bytes of the file beside the post', () => {
    const body = prose('media-post');
    const expected: [string | undefined, string][] = [
      [body.querySelector('video[src]')?.getAttribute('src'), 'media-post/demo.mp4'],
      [body.querySelector('video[poster]')?.getAttribute('poster'), 'media-post/demo.jpg'],
      [body.querySelector('source')?.getAttribute('src'), 'shared/clip.webm'],
      [body.querySelector('track')?.getAttribute('src'), 'media-post/subs.vtt'],
      [
        body
          .querySelectorAll('a')
          .find((a) => a.text === 'slides')
          ?.getAttribute('href'),
        'media-post/slides.pdf',
      ],
      [
        body
          .querySelectorAll('a')
          .find((a) => a.text === 'the data')
          ?.getAttribute('href'),
        'media-post/files/data.zip',
      ],
      [prose('embeds-too').querySelector('audio')?.getAttribute('src'), 'media-post/demo.mp4'],
    ];
    for (const [url, file] of expected) {
      const name = file.split('/').pop()!;
      expect(url, file).toMatch(new RegExp(`^/blog/_media/${short(source(file))}/${name.replace('.', '\\.')}(#cue)?$`));
      const published = dist.resolve(url!);
      expect(published, url).toBeDefined();
      expect(readFileSync(join(embeds.out, published!)).equals(source(file)), file).toBe(true);
    }
    // the track keeps its fragment; one file referenced from two posts is published once
    expect(body.querySelector('track')?.getAttribute('src')).toMatch(/#cue$/);
    expect(dist.files.filter((f) => f.startsWith('_media/'))).toHaveLength(6);
  });

  it("sends raw <img> through Astro's image pipeline like a Markdown image, width and height set", () => {
    const imgs = prose('media-post').querySelectorAll('img');
    expect(imgs).toHaveLength(3);
    for (const img of imgs) {
      const src = img.getAttribute('src')!;
      expect(src, img.outerHTML).toMatch(/^\/blog\/_astro\/.+\.webp$/);
      expect(dist.resolve(src), src).toBeDefined();
      for (const candidate of (img.getAttribute('srcset') ?? '').split(',').map((c) => c.trim().split(' ')[0]!)) expect(dist.resolve(candidate), candidate).toBeDefined();
    }
    const [raw, markdown, photo] = imgs;
    expect([raw!.getAttribute('width'), raw!.getAttribute('height')]).toEqual(['64', '40']);
    expect(markdown!.getAttribute('src')).toBe(raw!.getAttribute('src'));
    // the author's width is kept; the height follows the image's proportions (800x500)
    expect([photo!.getAttribute('width'), photo!.getAttribute('height')]).toEqual(['400', '250']);
    expect(photo!.getAttribute('alt')).toBe('A green rectangle');
  });

  it('leaves links to pages and remote URLs as written; root-relative ones written for the site at the root go under the base', () => {
    const hrefs = prose('media-post')
      .querySelectorAll('a')
      .map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining(['../embeds-too/', '/blog/archive/']));
    expect(
      prose('plain')
        .querySelectorAll('a')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['../media-post/', 'https://example.com/page', '/blog/tags/']);
  });

  it("publishes nothing of a draft's: neither its files nor its embeds' origins", () => {
    for (const file of dist.files) {
      const bytes = readFileSync(join(embeds.out, file));
      expect(bytes.includes('DRAFTMEDIAMARKER'), file).toBe(false);
      expect(bytes.includes('draft-only.example.net'), file).toBe(false);
    }
  });
});

describe("a post page's Content-Security-Policy", () => {
  it('allows exactly the frames, scripts and inline scripts the post embeds', () => {
    const media = metaPolicy('posts/media-post/index.html');
    expect(media['frame-src']).toEqual(["'self'", 'https://www.youtube-nocookie.com']);
    expect(origins(media['script-src'])).toEqual(['https://gist.github.com']);
    expect(media['media-src']).toBeUndefined();

    const too = metaPolicy('posts/embeds-too/index.html');
    // written as http://player.vimeo.com, published and allowed as https
    expect(too['frame-src']).toEqual(["'self'", 'https://player.vimeo.com']);
    expect(prose('embeds-too').querySelector('iframe')?.getAttribute('src')).toBe('https://player.vimeo.com/video/1');
    expect(origins(too['script-src'])).toEqual(['https://platform.twitter.com']);
    // the data: frame is not allowed: it stays blocked, with a warning
    expect(JSON.stringify(too)).not.toContain('data:text');
    expect(log).toMatch(/embeds-too\.md: <iframe src="data:text\/html,hello"> stays blocked/);
  });

  it('hashes each inline script as published, and nothing else is added to script-src', () => {
    const tag = metaPolicy('tags/media/index.html');
    for (const id of ['media-post', 'embeds-too']) {
      const file = `posts/${id}/index.html`;
      const own = inlineScripts(file).map((text) => `'${inlineScriptHash(text)}'`);
      // the theme script in <head> and the post's own one
      expect(own, id).toHaveLength(2);
      const policy = metaPolicy(file);
      for (const hash of own) expect(policy['script-src'], id).toContain(hash);
      const added = policy['script-src']!.filter((v) => !tag['script-src']!.includes(v));
      expect(added.sort(), id).toEqual([...origins(policy['script-src']), ...own.filter((h) => !tag['script-src']!.includes(h))].sort());
      const sources = ['script-src', 'frame-src', 'media-src'].flatMap((d) => policy[d] ?? []);
      for (const value of sources) expect(value, id).not.toMatch(/^'unsafe-inline'$|\*|^http:/);
    }
    expect(metaPolicy('posts/media-post/index.html')['script-src']).not.toContain(`'${inlineScriptHash('{"@type": "Thing"}')}'`);
  });

  it('of a post that embeds nothing is the policy every other page has: no addition at all', () => {
    const plain = metaPolicy('posts/plain/index.html');
    const tag = metaPolicy('tags/media/index.html');
    expect(Object.keys(plain)).toEqual(Object.keys(tag));
    for (const [name, values] of Object.entries(tag)) {
      // style hashes follow each page's own <style> elements
      if (name === 'style-src') expect(plain[name]!.filter((v) => !v.startsWith("'sha256-"))).toEqual(values.filter((v) => !v.startsWith("'sha256-")));
      else expect(plain[name], name).toEqual(values);
    }
    expect(plain['frame-src']).toBeUndefined();
  });

  it('is matched by _headers, which allows the union of what the pages allow and no more', () => {
    const header = headerPolicy();
    const pages = dist.htmlFiles();
    for (const file of pages) {
      const meta = metaPolicy(file);
      for (const directive of ['frame-src', 'script-src', 'media-src']) {
        for (const origin of origins(meta[directive])) expect(header[directive], `${file} ${directive}`).toContain(origin);
      }
      for (const text of inlineScripts(file)) expect(header['script-src'], file).toContain(`'${inlineScriptHash(text)}'`);
    }
    expect(header['frame-src']).toEqual(["'self'", 'https://player.vimeo.com', 'https://www.youtube-nocookie.com']);
    expect(origins(header['script-src'])).toEqual(['https://gist.github.com', 'https://platform.twitter.com']);
    expect(header['script-src']).not.toContain("'unsafe-inline'");
    expect(dist.read('_headers')).toMatch(/^\/blog\/_media\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  });
});

describe('the list of what each post allowed', () => {
  const lines = (text: string) => [...text.matchAll(/\[csp\] (\S+: .*)$/gm)].map((m) => m[1]!.trim());

  it('is in the build log, one line per post that embeds something', () => {
    const hash = (id: string) => inlineScriptHash(inlineScripts(`posts/${id}/index.html`)[1]!);
    expect(lines(log)).toEqual([
      `/blog/posts/embeds-too/: frame-src https://player.vimeo.com; script-src https://platform.twitter.com '${hash('embeds-too')}'`,
      `/blog/posts/media-post/: frame-src https://www.youtube-nocookie.com; script-src https://gist.github.com '${hash('media-post')}'`,
    ]);
  });

  it('is what npm run check:content -- --csp prints, without building', () => {
    const result = runScript('scripts/check-content.ts', ['--csp'], { FOLIO_CONTENT_DIR: embeds.posts, BASE_PATH: embeds.base, SITE_URL: embeds.site, FOLIO_NOW: embeds.now });
    expect(result.status, result.output).toBe(0);
    expect(lines(result.output)).toEqual(lines(log));
  });
});
