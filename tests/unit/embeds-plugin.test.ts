import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedFilesChanged, embedProblemMessage, embedsPlugin, extractPostEmbeds, mayEmbed, mdxImageProblems, takeRenderedEmbeds } from '../../src/markdown/embeds';
import { inlineScriptHash } from '../../src/lib/csp';
import { siteConfig } from '../../src/site.config';

// The Markdown plugin run through the same Sätteri processor Astro uses, on files in a
// temporary posts folder: what it rewrites, what it records, what it refuses.
const posts = mkdtempSync(join(tmpdir(), 'folio-embeds-'));
const base = siteConfig.base.endsWith('/') ? siteConfig.base : `${siteConfig.base}/`;
const short = (bytes: string) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

beforeAll(() => {
  mkdirSync(join(posts, 'post/img'), { recursive: true });
  mkdirSync(join(posts, 'shared'), { recursive: true });
  writeFileSync(join(posts, 'post/devtools.png'), 'png bytes');
  writeFileSync(join(posts, 'post/img/photo one.jpg'), 'jpg bytes');
  writeFileSync(join(posts, 'post/demo.mp4'), 'mp4 bytes');
  writeFileSync(join(posts, 'post/demo.jpg'), 'poster bytes');
  writeFileSync(join(posts, 'post/slides.pdf'), 'pdf bytes');
  writeFileSync(join(posts, 'post/old.bmp'), 'bmp bytes');
  writeFileSync(join(posts, 'shared/clip.webm'), 'webm bytes');
});

async function render(body: string) {
  const processor = await createSatteriMarkdownProcessor({ syntaxHighlight: false, hastPlugins: [embedsPlugin({ postsDir: posts })], features: { rawHtml: true } });
  const file = join(posts, 'post/index.md');
  const result = await processor.render(body, { fileURL: pathToFileURL(file) });
  return { html: result.code, images: result.metadata.localImagePaths, found: takeRenderedEmbeds(file)! };
}

describe('the embeds plugin', () => {
  it("hands raw <img> of Astro's formats to its image pipeline, relative and with their attributes", async () => {
    const { html, images, found } = await render('<img src="devtools.png" alt="a"> ![b](devtools.png)\n\n<img src="img/photo%20one.jpg" alt="c" width="400">\n');
    expect(images.sort()).toEqual(['./devtools.png', './img/photo one.jpg']);
    // Astro's image-marker took them over: their attributes (width included) are in its marker
    const markers = [...html.matchAll(/__ASTRO_IMAGE_="([^"]+)"/g)].map((m) => JSON.parse(m[1]!.replace(/&#x22;|&quot;/g, '"')) as Record<string, unknown>);
    expect(markers.map((m) => m['src'])).toEqual(['./devtools.png', './devtools.png', './img/photo one.jpg']);
    expect(markers[2]).toMatchObject({ alt: 'c', width: 400 });
    expect(found.embeds.files.map((f) => [f.path, f.copy, f.hash])).toEqual([
      ['post/devtools.png', false, short('png bytes')],
      ['post/img/photo one.jpg', false, short('jpg bytes')],
    ]);
  });

  it('points video, posters, sources, tracks and linked files at content-addressed copies', async () => {
    const { html, found } = await render(
      '<video src="demo.mp4" poster="./demo.jpg" controls></video>\n\n<video><source src="../shared/clip.webm"><track src="demo.mp4#t=3"></video>\n\n[slides](slides.pdf) <img src="old.bmp" alt="">\n',
    );
    expect(html).toContain(`<video src="${base}_media/${short('mp4 bytes')}/demo.mp4" poster="${base}_media/${short('poster bytes')}/demo.jpg" controls>`);
    expect(html).toContain(`<source src="${base}_media/${short('webm bytes')}/clip.webm">`);
    expect(html).toContain(`<track src="${base}_media/${short('mp4 bytes')}/demo.mp4#t=3">`);
    expect(html).toContain(`<a href="${base}_media/${short('pdf bytes')}/slides.pdf">slides</a>`);
    expect(html).toContain(`<img src="${base}_media/${short('bmp bytes')}/old.bmp" alt="" loading="lazy" decoding="async">`);
    expect(found.embeds.files.filter((f) => f.copy).map((f) => f.path)).toEqual(['post/demo.jpg', 'post/demo.mp4', 'post/old.bmp', 'post/slides.pdf', 'shared/clip.webm']);
  });

  it('leaves remote URLs, root-relative paths and links to pages alone', async () => {
    const body = '<img src="https://example.com/x.png" alt=""> <img src="/logo.png" alt=""> [post](../other/) [md](other.md) [home](/) [top](#top)\n';
    const { html, found } = await render(body);
    for (const kept of ['src="https://example.com/x.png"', 'src="/logo.png"', 'href="../other/"', 'href="other.md"', 'href="/"', 'href="#top"']) expect(html).toContain(kept);
    expect(found.embeds.files).toEqual([]);
    expect(found.problems).toEqual([]);
  });

  it('collects iframe and script origins and inline script hashes, upgrading http and refusing other schemes', async () => {
    const script = "\n  document.title = 'x';\n";
    const { html, found } = await render(
      [
        '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        '<iframe src="http://player.vimeo.com/video/1"></iframe>',
        '<iframe src="data:text/html,hi"></iframe>',
        '<script src="https://gist.github.com/u/1.js"></script>',
        `<script>${script}</script>`,
        '<script type="application/ld+json">{"a": 1}</script>',
        '<video src="https://media.example.org/v.mp4"></video>',
        '',
      ].join('\n\n'),
    );
    expect(found.embeds.allow).toEqual({
      frameSrc: ['https://player.vimeo.com', 'https://www.youtube-nocookie.com'],
      scriptSrc: ['https://gist.github.com'],
      scriptHashes: [inlineScriptHash(script)],
      mediaSrc: ['https://media.example.org'],
    });
    expect(html).toContain('<iframe src="https://player.vimeo.com/video/1">');
    expect(html).toContain(`<script>${script}</script>`);
    expect(found.warnings).toEqual([expect.stringContaining('published as https'), expect.stringContaining('data: URLs are not allowed')]);
  });

  it('reports missing files and copies that would leave the posts folder, as written', async () => {
    const { found } = await render('![x](./nope.png) <video src="gone.mp4"></video> <audio src="../../../etc/passwd.txt"></audio> <img src="../../outside.png" alt="">\n');
    expect(found.problems).toEqual([
      { ref: './nope.png', kind: 'image', problem: 'missing' },
      { ref: 'gone.mp4', kind: 'file', problem: 'missing' },
      { ref: '../../../etc/passwd.txt', kind: 'file', problem: 'outside' },
      { ref: '../../outside.png', kind: 'image', problem: 'missing' },
    ]);
  });

  it('leaves a link to no file as written, with a warning, as its engine published it (a site name without https://)', async () => {
    const { html, found } = await render('See [my site](rhythmandbinary.com), [gone](./gone.pdf) and [secret](../../../etc/passwd.txt).\n');
    expect(found.problems).toEqual([]);
    expect(found.embeds.files).toEqual([]);
    expect(html).toContain('<a href="rhythmandbinary.com">');
    expect(html).toContain('<a href="../../../etc/passwd.txt">');
    expect(found.warnings).toEqual([
      expect.stringMatching(/the link rhythmandbinary\.com points to no file beside the post; it is left as written$/),
      expect.stringMatching(/the link \.\/gone\.pdf points to no file/),
      expect.stringMatching(/the link \.\.\/\.\.\/\.\.\/etc\/passwd\.txt points to no file/),
    ]);
  });

  it('is what check:content runs too', async () => {
    const found = await extractPostEmbeds(join(posts, 'post/index.md'), '<video src="demo.mp4"></video>\n\n<iframe src="https://codepen.io/a/embed/b"></iframe>\n', posts);
    expect(found.embeds.allow.frameSrc).toEqual(['https://codepen.io']);
    expect(found.embeds.files.map((f) => f.path)).toEqual(['post/demo.mp4']);
  });

  it('checks relative images of MDX posts from their text', () => {
    expect(mdxImageProblems(join(posts, 'post/x.mdx'), '![a](./devtools.png) ![b](./missing.png)')).toEqual([{ ref: './missing.png', kind: 'image', problem: 'missing' }]);
  });
});

describe('mayEmbed (which posts skip the plugin)', () => {
  it('lets through every post with something the plugin acts on', () => {
    for (const source of [
      'x <img src="a.png">',
      '<VIDEO\n  src="a.mp4"></VIDEO>',
      '<a href="slides.pdf">s</a>',
      '<iframe src="https://x.org/"></iframe>',
      '<script>a()</script>',
      '![alt](https://x.org/a.png)',
      '[slides](slides.pdf)',
      '[slides]( <my slides.pdf> "title")',
      '[other](../other/)',
      'see [slides][1]\n\n[1]: ./slides.pdf',
    ]) {
      expect(mayEmbed(source), source).toBe(true);
    }
  });

  it('skips posts whose links are all remote, root-relative or fragments', () => {
    expect(mayEmbed('# T\n\nText with [a link](https://example.org/x/), [home](/), [note](#n), <https://auto.link>, a <span>span</span> and `code`.\n\n[ref]: https://example.org/\n')).toBe(
      false,
    );
  });

  it('records a skipped post as embedding nothing, so its entry is stored with an empty record', async () => {
    const { found } = await render('Only [remote](https://example.org/) links.\n');
    expect(found).toEqual({ embeds: { allow: { frameSrc: [], scriptSrc: [], scriptHashes: [], mediaSrc: [] }, files: [] }, problems: [], warnings: [] });
  });
});

describe('embedFilesChanged', () => {
  it('notices a file whose content changed or that went missing, not one only touched', async () => {
    const { found } = await render('<video src="demo.mp4"></video>\n');
    const files = found.embeds.files;
    expect(await embedFilesChanged(files, posts)).toBe(false);
    utimesSync(join(posts, 'post/demo.mp4'), new Date(), new Date(Date.now() + 5000));
    expect(await embedFilesChanged(files, posts)).toBe(false);
    writeFileSync(join(posts, 'post/demo.mp4'), 'other bytes');
    expect(await embedFilesChanged(files, posts)).toBe(true);
    expect(await embedFilesChanged([{ ...files[0]!, path: 'post/none.mp4' }], posts)).toBe(true);
  });
});

describe('the embeds plugin on pages of their own', () => {
  // A pages folder beside the posts folder, as src/content/pages is beside src/content/posts.
  const pages = join(posts, '..', `${posts.split(/[\\/]/).pop()}-pages`);
  beforeAll(() => {
    mkdirSync(join(pages, 'about'), { recursive: true });
    writeFileSync(join(pages, 'about/cv.pdf'), 'cv bytes');
  });

  async function renderPage(body: string) {
    const processor = await createSatteriMarkdownProcessor({ syntaxHighlight: false, hastPlugins: [embedsPlugin({ postsDir: posts, pagesDir: pages })], features: { rawHtml: true } });
    const file = join(pages, 'about/index.md');
    const result = await processor.render(body, { fileURL: pathToFileURL(file) });
    return { html: result.code, found: takeRenderedEmbeds(file)! };
  }

  it("finds a page's files beside it in the pages folder, and copies them as a post's", async () => {
    const { html, found } = await renderPage('[my CV](cv.pdf) <iframe src="https://www.youtube-nocookie.com/embed/x" title="t"></iframe>\n');
    expect(html).toContain(`<a href="${base}_media/${short('cv bytes')}/cv.pdf">my CV</a>`);
    expect(found.embeds.files.map((f) => [f.path, f.copy])).toEqual([['about/cv.pdf', true]]);
    expect(found.embeds.allow.frameSrc).toEqual(['https://www.youtube-nocookie.com']);
    expect(found.problems).toEqual([]);
  });

  it('says "page" in what it reports, and keeps a page from publishing files outside the pages folder', async () => {
    const { found } = await renderPage('<video src="nope.mp4"></video> <video src="../../post/demo.mp4"></video> [gone](gone.pdf)\n');
    expect(found.problems).toEqual([
      { ref: 'nope.mp4', kind: 'file', problem: 'missing' },
      { ref: '../../post/demo.mp4', kind: 'file', problem: 'outside' },
    ]);
    expect(found.warnings).toEqual([expect.stringMatching(/index\.md: the link gone\.pdf points to no file beside the page; it is left as written$/)]);
    expect(embedProblemMessage(found.problems[0]!, pages, 'page')).toBe('the file nope.mp4 does not exist next to the page. Fix the path or add the file.');
    expect(embedProblemMessage(found.problems[1]!, pages, 'page')).toMatch(
      /^the file \.\.\/\.\.\/post\/demo\.mp4 is outside the pages folder \(.+\): only files beside the pages are published\.$/,
    );
  });
});
