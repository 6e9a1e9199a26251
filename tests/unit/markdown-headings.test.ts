import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { headingsPlugin } from '../../src/markdown/markdown';

const render = async (markdown: string, title = 'The Title') =>
  (
    await markdownToHtml(markdown, {
      hastPlugins: [headingsPlugin()],
      features: { rawHtml: true },
      data: { astro: { frontmatter: { title }, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() } },
    })
  ).html;

describe('one <h1> per page', () => {
  it('drops a first heading that repeats the title, and keeps the levels of the rest', async () => {
    const html = await render('# The  title\n\nIntro.\n\n## Part\n');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<h2>Part</h2>');
    expect(html).toContain('<p>Intro.</p>');
  });

  it('moves every heading down a level when the body has level-1 headings of its own', async () => {
    const html = await render('# Another heading\n\n## Sub\n\n###### Deep\n\nSetext\n======\n');
    expect(html.match(/<h(\d)>/g)).toEqual(['<h2>', '<h3>', '<h6>', '<h2>']);
  });

  it('leaves a first heading that differs from the title, moved down like the others', async () => {
    expect(await render('# Not the title\n\nText.\n')).toContain('<h2>Not the title</h2>');
  });

  it('changes nothing in a body without level-1 headings', async () => {
    expect(await render('## One\n\n### Two\n')).toBe(markdownToHtml('## One\n\n### Two\n').html);
  });
});

describe('heading attributes and placeholders', () => {
  it('applies a kramdown or Hugo {#id} to the heading and removes it from the text', async () => {
    const html = await render('## Install it {#install}\n\n### Then {: #then .note}\n');
    expect(html).toContain('<h2 id="install">Install it</h2>');
    expect(html).toContain('<h3 id="then">Then</h3>');
  });

  it("removes AstroPaper's empty 'Table of contents' heading", async () => {
    const html = await render('Intro.\n\n## Table of contents\n\n## First part\n');
    expect(html).not.toMatch(/table of contents/i);
    expect(html).toContain('<h2>First part</h2>');
  });
});
