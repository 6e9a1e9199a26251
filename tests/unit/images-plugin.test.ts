import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSatteriMarkdownProcessor, satteri } from '@astrojs/markdown-satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedsPlugin, takeRenderedEmbeds } from '../../src/markdown/embeds';
import { imagesPlugin } from '../../src/markdown/images';

// The images plugin (and the embeds plugin's part in images) run through Astro's own Sätteri
// processors, Markdown and MDX, on files in a temporary posts folder.
const posts = mkdtempSync(join(tmpdir(), 'folio-images-'));
const sized = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100"/></svg>';
const bare = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="50" height="50"/></svg>';
// Astro's reader takes no commas in a viewBox (and would stop the build): published as it is, with the size it states.
const commas = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,40,20"><rect width="40" height="20"/></svg>';

beforeAll(() => {
  mkdirSync(join(posts, 'post'), { recursive: true });
  writeFileSync(join(posts, 'post/sized.svg'), sized);
  writeFileSync(join(posts, 'post/bare.svg'), bare);
  writeFileSync(join(posts, 'post/commas.svg'), commas);
  writeFileSync(join(posts, 'post/my diagram.png'), 'png bytes');
  writeFileSync(join(posts, 'post/spinner.gif'), 'gif bytes');
});
afterAll(() => rmSync(posts, { recursive: true, force: true }));

const file = () => join(posts, 'post/index.md');

async function markdown(body: string) {
  const processor = await createSatteriMarkdownProcessor({ syntaxHighlight: false, hastPlugins: [imagesPlugin(), embedsPlugin({ postsDir: posts })], features: { rawHtml: true } });
  const result = await processor.render(body, { fileURL: pathToFileURL(file()) });
  return { html: result.code, images: result.metadata.localImagePaths, found: takeRenderedEmbeds(file())! };
}

async function mdx(body: string) {
  const processor = await satteri({ hastPlugins: [imagesPlugin()] }).createMdxRenderer!({ syntaxHighlight: false } as never, { optimize: false, srcDir: pathToFileURL(`${posts}/`) });
  return (await processor.process(body, join(posts, 'post/index.mdx'), {})).code;
}

describe('remote images', () => {
  it('are published as written, lazy and decoded off the main thread, in Markdown and raw HTML', async () => {
    const { html, images, found } = await markdown('![a](https://example.net/a.png) <img src="https://example.net/b.png" alt="b">\n');
    expect(html).toContain('<img src="https://example.net/a.png" alt="a" loading="lazy" decoding="async">');
    expect(html).toContain('<img src="https://example.net/b.png" alt="b" loading="lazy" decoding="async">');
    expect(images).toEqual([]);
    expect(found.embeds.files).toEqual([]);
  });

  it("keep the post's own loading choice", async () => {
    const { html } = await markdown('<img src="https://example.net/hero.png" alt="" loading="eager">\n');
    expect(html).toContain('<img src="https://example.net/hero.png" alt="" loading="eager" decoding="async">');
  });

  it('are lazy in MDX too, written as Markdown or as <img>', async () => {
    const code = await mdx('![a](https://example.net/a.png)\n\n<img src="https://example.net/b.png" alt="b" />\n');
    expect(code).toMatch(/src: "https:\/\/example\.net\/a\.png",\s*alt: "a",\s*loading: "lazy",\s*decoding: "async"/);
    expect(code).toMatch(/src: "https:\/\/example\.net\/b\.png",\s*alt: "b",\s*loading: "lazy",\s*decoding: "async"/);
    expect(code).not.toContain('import __');
  });
});

describe('SVGs in Markdown posts', () => {
  it("hands an SVG that states its size to Astro's pipeline, which passes it through", async () => {
    const { images, found } = await markdown('![s](./sized.svg)\n');
    expect(images).toEqual(['./sized.svg']);
    expect(found.embeds.files.map((f) => [f.path, f.copy])).toEqual([['post/sized.svg', false]]);
  });

  it('copies one that states none as it is, lazy, without width and height', async () => {
    const { html, images, found } = await markdown('![b](./bare.svg) <img src="bare.svg" alt="raw">\n');
    expect(images).toEqual([]);
    expect(found.embeds.files.map((f) => [f.path, f.copy])).toEqual([['post/bare.svg', true]]);
    const copied = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(copied).toHaveLength(2);
    for (const img of copied) {
      expect(img).toMatch(/src="[^"]*_media\/[0-9a-f]{8}\/bare\.svg"/);
      expect(img).toContain('loading="lazy" decoding="async"');
      expect(img).not.toMatch(/width|height/);
    }
  });

  it('copies one whose size Astro cannot read but Folio can with that size, unless the post gives one', async () => {
    const { html, found } = await markdown('![c](./commas.svg) <img src="commas.svg" alt="raw" width="10">\n');
    expect(found.embeds.files.map((f) => [f.path, f.copy])).toEqual([['post/commas.svg', true]]);
    const [markdownImage, raw] = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(markdownImage).toMatch(/^<img src="[^"]*_media\/[0-9a-f]{8}\/commas\.svg" alt="c" width="40" height="20" loading="lazy" decoding="async">$/);
    expect(raw).toMatch(/ width="10" loading="lazy" decoding="async">$/);
    expect(raw).not.toContain('height');
  });
});

describe('images in MDX posts', () => {
  it("imports an SVG that states no size by URL (published as it is), and leaves Astro's formats to Astro", async () => {
    const code = await mdx('![b](./bare.svg) ![s](./sized.svg) ![g](./spinner.gif) ![d](<./my diagram.png>)\n');
    expect(code).toContain('from "./bare.svg?url"');
    expect(code).toContain('from "./sized.svg"');
    expect(code).toContain('from "./spinner.gif"');
    expect(code).toContain('from "./my diagram.png"');
    expect(code).not.toContain('from "./sized.svg?url"');
  });

  it('makes a bare relative path explicitly relative, so it is not imported as a package', async () => {
    const code = await mdx('![g](spinner.gif) ![b](bare.svg)\n');
    expect(code).toContain('from "./spinner.gif"');
    expect(code).toContain('from "./bare.svg?url"');
    expect(code).not.toMatch(/from "spinner\.gif"|from "bare\.svg/);
  });

  it('gives an SVG published as it is the size it states', async () => {
    const code = await mdx('![c](./commas.svg)\n\n<img src="./commas.svg" alt="jsx" height="5" />\n');
    expect(code).toContain('from "./commas.svg?url"');
    expect(code).toMatch(/alt: "c",\s*width: "40",\s*height: "20"/);
    expect(code).toMatch(/alt: "jsx",\s*height: "5",\s*src: __\d+___commas_svg_url__\s*\}/);
  });

  it('publishes an <img> with a relative src as a Markdown image, its attributes kept', async () => {
    const code = await mdx('<img src="./spinner.gif" alt="spin" width="16" class="wide" />\n\n<img src="my%20diagram.png" alt="d" />\n\n<img src="./bare.svg" alt="b" />\n');
    expect(code).toContain('from "./spinner.gif"');
    expect(code).toContain('from "./my diagram.png"');
    expect(code).toContain('from "./bare.svg?url"');
    expect(code).toMatch(/alt: "spin",\s*width: "16",\s*class: "wide"/);
    expect(code).not.toMatch(/src: "\.\//);
  });

  it("leaves an <img> whose attributes are expressions, or whose src is the site's own, as the author wrote it", async () => {
    const code = await mdx('export const w = 3;\n\n<img src="./spinner.gif" alt="x" width={w} />\n\n<img src="/images/logo.png" alt="site" />\n');
    expect(code).not.toContain('import __');
    expect(code).toContain('src: "./spinner.gif"');
    expect(code).toContain('src: "/images/logo.png"');
  });
});
