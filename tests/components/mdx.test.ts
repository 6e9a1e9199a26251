import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse } from 'node-html-parser';
import { markdownToHtml } from 'satteri';
import { beforeAll, describe, expect, it } from 'vitest';
import Callout from '../../src/components/mdx/Callout.astro';
import Figure from '../../src/components/mdx/Figure.astro';
import PostImage from '../../src/components/mdx/PostImage.astro';
import { mdxComponents } from '../../src/components/mdx/index';
import { calloutsPlugin } from '../../src/markdown/markdown';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = async (component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>, slots: Record<string, string> = {}) =>
  parse(await container.renderToString(component, { props, slots }));

describe('mdxComponents', () => {
  it('exposes Callout and Figure for <Content components={...} />, and PostImage for its images', () => {
    expect(mdxComponents).toEqual({ Callout, Figure, img: PostImage });
  });
});

describe('PostImage', () => {
  it('shows a URL (an SVG published as it is, a remote image) as it is, lazy, once each attribute', async () => {
    const html = await render(PostImage, { src: '/_astro/sketch.Tf458cju.svg', alt: 'A sketch', width: '40', height: '20' });
    const img = html.querySelector('img');
    expect([img?.getAttribute('src'), img?.getAttribute('alt'), img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['/_astro/sketch.Tf458cju.svg', 'A sketch', '40', '20']);
    expect([img?.getAttribute('loading'), img?.getAttribute('decoding')]).toEqual(['lazy', 'async']);
    expect(html.toString().match(/loading=/g)).toHaveLength(1);
  });

  it("keeps the post's own loading choice", async () => {
    const html = await render(PostImage, { src: 'https://example.org/hero.jpg', alt: '', loading: 'eager', decoding: 'sync' });
    expect([html.querySelector('img')?.getAttribute('loading'), html.querySelector('img')?.getAttribute('decoding')]).toEqual(['eager', 'sync']);
    expect(html.toString().match(/loading=/g)).toHaveLength(1);
  });
});

describe('Callout', () => {
  it.each([
    ['note', 'note', 'Note'],
    ['tip', 'tip', 'Tip'],
    ['warning', 'warning', 'Warning'],
    ['important', 'important', 'Important'],
    ['CAUTION', 'caution', 'Caution'],
    ['danger', 'danger', 'Danger'],
    ['faq', 'question', 'FAQ'],
  ])('renders type %s with its class and default title', async (type, kind, title) => {
    const html = await render(Callout, { type }, { default: '<p>Body</p>' });
    const aside = html.querySelector('aside');
    expect(aside?.classList.contains('callout')).toBe(true);
    expect(aside?.classList.contains(`callout-${kind}`)).toBe(true);
    expect(aside?.getAttribute('role')).toBe('note');
    expect(aside?.getAttribute('aria-label')).toBe(title);
    expect(aside?.getAttribute('data-callout')).toBe(type.toLowerCase());
    expect(html.querySelector('p.callout-title')?.text.trim()).toBe(title);
    expect(html.querySelector('.callout-title svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('defaults to a note', async () => {
    const html = await render(Callout, {});
    expect(html.querySelector('aside')?.classList.contains('callout-note')).toBe(true);
    expect(html.querySelector('.callout-title')?.text.trim()).toBe('Note');
  });

  it('uses a custom title, keeping the kind in the accessible name', async () => {
    const html = await render(Callout, { type: 'warning', title: 'Mind the <time> zone' });
    expect(html.querySelector('.callout-title')?.text.trim()).toBe('Mind the <time> zone');
    expect(html.querySelector('.callout-title time')).toBeNull();
    expect(html.querySelector('aside')?.getAttribute('aria-label')).toBe('Warning: Mind the <time> zone');
  });

  it('draws an unknown type as a note that keeps its name, and anything else as a plain note', async () => {
    for (const [type, title] of [
      ['recipe', 'Recipe'],
      ['constructor', 'Constructor'],
      [42, 'Note'],
      ['not a name', 'Note'],
    ] as const) {
      const html = await render(Callout, { type });
      const aside = html.querySelector('aside');
      expect(aside?.getAttribute('class')).toBe('callout callout-note');
      expect(html.querySelector('.callout-title')?.text.trim()).toBe(title);
    }
  });

  it('folds when asked: closed, or open', async () => {
    const closed = await render(Callout, { type: 'faq', title: 'Why?', fold: 'closed' }, { default: '<p>Because.</p>' });
    expect(closed.querySelector('aside > details.callout-fold')?.hasAttribute('open')).toBe(false);
    expect(closed.querySelector('details > summary.callout-title')?.text.trim()).toBe('Why?');
    expect(closed.querySelector('details > .callout-body p')?.text).toBe('Because.');
    const open = await render(Callout, { type: 'faq', fold: 'open' });
    expect(open.querySelector('details.callout-fold')?.hasAttribute('open')).toBe(true);
    const unknown = await render(Callout, { type: 'faq', fold: 'sideways' });
    expect(unknown.querySelector('details')).toBeNull();
  });

  it('renders slot content in the body and uses no heading element', async () => {
    const html = await render(Callout, { type: 'tip' }, { default: '<p>Use <strong>FOLIO_NOW</strong>.</p>' });
    expect(html.querySelector('.callout-body p strong')?.text).toBe('FOLIO_NOW');
    expect(html.querySelectorAll('h1, h2, h3, h4, h5, h6')).toHaveLength(0);
  });

  it('is drawn exactly as a Markdown callout of the same kind and title', async () => {
    // Whitespace between tags (the title is a flex row) and the dev-mode source attributes of
    // the container aside, the markup is the same.
    const tight = (html: string) =>
      html
        .replace(/ data-astro-source-[a-z]+="[^"]*"/g, '')
        .replace(/ open(?=[ >])/, ' open=""')
        .replace(/>\s+</g, '><')
        .trim();
    const cases = [
      ['> [!TIP] Pin the clock\n> Body.\n', { type: 'tip', title: 'Pin the clock' }],
      ['> [!faq]- Why?\n> Body.\n', { type: 'faq', title: 'Why?', fold: 'closed' }],
      ['> [!summary]+\n> Body.\n', { type: 'summary', fold: 'open' }],
      ['> [!recipe]\n> Body.\n', { type: 'recipe' }],
    ] as const;
    for (const [markdown, props] of cases) {
      const fromMarkdown = (await markdownToHtml(markdown, { mdastPlugins: [calloutsPlugin()] })).html;
      const fromMdx = await container.renderToString(Callout, { props, slots: { default: '<p>Body.</p>' } });
      expect(tight(fromMdx)).toBe(tight(fromMarkdown));
    }
  });
});

describe('Figure', () => {
  const url = 'https://example.org/photo.jpg';

  it('renders a URL as a lazy <img> with alt, size and the caption prop', async () => {
    const html = await render(Figure, { src: url, alt: 'A photo', width: 640, height: 480, caption: 'The caption' });
    const img = html.querySelector('figure img');
    expect(img?.getAttribute('src')).toBe(url);
    expect(img?.getAttribute('alt')).toBe('A photo');
    expect(img?.getAttribute('width')).toBe('640');
    expect(img?.getAttribute('height')).toBe('480');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('decoding')).toBe('async');
    expect(html.querySelector('figure figcaption')?.text).toBe('The caption');
  });

  it('leaves out dimensions that are not given and keeps an empty alt', async () => {
    const html = await render(Figure, { src: url, alt: '' });
    const img = html.querySelector('img');
    expect(img?.hasAttribute('width')).toBe(false);
    expect(img?.hasAttribute('height')).toBe(false);
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('takes the caption from the default slot', async () => {
    const html = await render(Figure, { src: url, alt: 'A photo' }, { default: 'Photo by <a href="/me/">me</a>' });
    expect(html.querySelector('figcaption')?.text).toBe('Photo by me');
    expect(html.querySelector('figcaption a')?.getAttribute('href')).toBe('/me/');
  });

  it('prefers the caption prop over the slot', async () => {
    const html = await render(Figure, { src: url, alt: 'A photo', caption: 'Prop' }, { default: 'Slot' });
    expect(html.querySelectorAll('figcaption').map((f) => f.text)).toEqual(['Prop']);
  });

  it('renders no figcaption without a caption (or with a blank one)', async () => {
    expect((await render(Figure, { src: url, alt: 'A photo' })).querySelector('figcaption')).toBeNull();
    expect((await render(Figure, { src: url, alt: 'A photo', caption: '  ' }, { default: '  ' })).querySelector('figcaption')).toBeNull();
  });

  it('renders imported image metadata through astro:assets', async () => {
    const meta = { src: '/x.png', width: 10, height: 10, format: 'png' };
    const html = await render(Figure, { src: meta, alt: 'Tiny', caption: 'Tiny image' });
    const img = html.querySelector('figure img');
    expect(img?.getAttribute('alt')).toBe('Tiny');
    expect(img?.getAttribute('src')).toContain('x.png');
    expect(img?.getAttribute('width')).toBe('10');
    expect(img?.getAttribute('height')).toBe('10');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('srcset')).toBeTruthy();
    expect(img?.getAttribute('sizes')).toBeTruthy();
    expect(html.querySelector('figcaption')?.text).toBe('Tiny image');
  });
});
