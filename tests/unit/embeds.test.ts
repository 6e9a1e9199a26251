import { describe, expect, it } from 'vitest';
import { normaliseAllowance } from '../../src/lib/csp';
import { classifyReference, embedFileKeys, EMBEDS_KEY, isOptimisableImage, isPageLink, readPostEmbeds, relativeImageSrc, resolveInPosts } from '../../src/lib/embeds';

describe('classifyReference', () => {
  it('reads paths relative to the post, with or without ./, decoded, query and fragment kept apart', () => {
    expect(classifyReference('devtools.png')).toEqual({ kind: 'local', path: 'devtools.png', suffix: '' });
    expect(classifyReference('./img/x.jpg')).toEqual({ kind: 'local', path: './img/x.jpg', suffix: '' });
    expect(classifyReference('../shared/clip.webm')).toEqual({ kind: 'local', path: '../shared/clip.webm', suffix: '' });
    expect(classifyReference('photo%20one.jpg')).toEqual({ kind: 'local', path: 'photo one.jpg', suffix: '' });
    expect(classifyReference('my file.pdf#page=2')).toEqual({ kind: 'local', path: 'my file.pdf', suffix: '#page=2' });
    expect(classifyReference('demo.mp4?v=2#t=10')).toEqual({ kind: 'local', path: 'demo.mp4', suffix: '?v=2#t=10' });
    expect(classifyReference('caf%C3%A9/100%.png')).toEqual({ kind: 'local', path: 'café/100%.png', suffix: '' });
  });

  it('leaves remote URLs, root-relative paths and fragments alone', () => {
    expect(classifyReference('https://example.com/x.png').kind).toBe('remote');
    expect(classifyReference('//cdn.example/x.png').kind).toBe('remote');
    expect(classifyReference('mailto:a@b.c').kind).toBe('remote');
    expect(classifyReference('data:image/png;base64,AAAA').kind).toBe('remote');
    expect(classifyReference('/x.pdf').kind).toBe('site');
    expect(classifyReference('#note').kind).toBe('none');
    expect(classifyReference('  ').kind).toBe('none');
  });

  it("leaves template values left as written alone (a Nunjucks loop's `{{ img.src }}`): there is no file to look for", () => {
    expect(classifyReference('{{ img.src }}').kind).toBe('none');
    expect(classifyReference('{% asset x.png %}').kind).toBe('none');
  });
});

describe('resolveInPosts', () => {
  it('resolves against the post folder, inside the posts folder', () => {
    expect(resolveInPosts('media-post', 'demo.mp4')).toBe('media-post/demo.mp4');
    expect(resolveInPosts('media-post', './img/x.jpg')).toBe('media-post/img/x.jpg');
    expect(resolveInPosts('media-post', '../shared/clip.webm')).toBe('shared/clip.webm');
    expect(resolveInPosts('', 'media-post/demo.mp4')).toBe('media-post/demo.mp4');
    expect(resolveInPosts('a/b', '../../c.zip')).toBe('c.zip');
  });

  it('refuses a path that leaves the posts folder', () => {
    expect(resolveInPosts('', '../package.json')).toBeUndefined();
    expect(resolveInPosts('a', '../../.env')).toBeUndefined();
    expect(resolveInPosts('a', './x/../../../secret')).toBeUndefined();
    expect(resolveInPosts('a', '..\\..\\secret')).toBeUndefined();
  });
});

describe('what is a file, an optimised image, a page', () => {
  it("sends Astro's input formats through its image pipeline, copies the rest", () => {
    for (const p of ['a.png', 'b.JPG', 'c.jpeg', 'd.webp', 'e.gif', 'f.avif', 'g.svg', 'h.tiff']) expect(isOptimisableImage(p), p).toBe(true);
    for (const p of ['a.bmp', 'b.ico', 'c.mp4', 'd.pdf', 'noext']) expect(isOptimisableImage(p), p).toBe(false);
  });

  it('treats links to folders, extensionless paths and .md/.html as pages, others as files', () => {
    for (const p of ['../other-post/', 'other-post', 'notes.md', 'x.mdx', 'page.html', '..']) expect(isPageLink(p), p).toBe(true);
    for (const p of ['slides.pdf', './files/data.zip', 'a.tar.gz', 'clip.webm']) expect(isPageLink(p), p).toBe(false);
  });

  it('makes an image src explicitly relative, so it is not read as a package name', () => {
    expect(relativeImageSrc('devtools.png')).toBe('./devtools.png');
    expect(relativeImageSrc('img/x.png')).toBe('./img/x.png');
    expect(relativeImageSrc('./x.png')).toBe('./x.png');
    expect(relativeImageSrc('../x.png')).toBe('../x.png');
  });
});

describe('stored embeds', () => {
  const file = { path: 'media-post/demo.mp4', hash: '7a8e6825', copy: true, size: 232, mtimeMs: 1 };

  it('are read back from rendered metadata, normalised', () => {
    const metadata = { [EMBEDS_KEY]: { allow: { frameSrc: ['https://b.org', 'https://a.org'] }, files: [file] } };
    expect(readPostEmbeds(metadata)).toEqual({ allow: normaliseAllowance({ frameSrc: ['https://a.org', 'https://b.org'] }), files: [file] });
  });

  it('are missing for entries rendered before them, or malformed', () => {
    expect(readPostEmbeds(undefined)).toBeUndefined();
    expect(readPostEmbeds({ headings: [] })).toBeUndefined();
    expect(readPostEmbeds({ [EMBEDS_KEY]: { allow: {}, files: [{ path: 'x' }] } })).toBeUndefined();
    expect(readPostEmbeds({ [EMBEDS_KEY]: { allow: { frameSrc: [1] }, files: [] } })).toBeUndefined();
  });

  it("give a page's cache key one entry per file and content", () => {
    expect(embedFileKeys({ allow: normaliseAllowance({}), files: [file] })).toEqual(['media-post/demo.mp4@7a8e6825']);
    expect(embedFileKeys(undefined)).toEqual([]);
  });
});
