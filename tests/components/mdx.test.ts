import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import Callout from '../../src/components/mdx/Callout.astro';
import Figure from '../../src/components/mdx/Figure.astro';
import { mdxComponents } from '../../src/components/mdx/index';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = async (component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>, slots: Record<string, string> = {}) =>
  parse(await container.renderToString(component, { props, slots }));

describe('mdxComponents', () => {
  it('exposes Callout and Figure for <Content components={...} />', () => {
    expect(mdxComponents).toEqual({ Callout, Figure });
  });
});

describe('Callout', () => {
  it.each([
    ['note', 'Note'],
    ['tip', 'Tip'],
    ['warning', 'Warning'],
  ])('renders type %s with its class and default title', async (type, title) => {
    const html = await render(Callout, { type }, { default: '<p>Body</p>' });
    const aside = html.querySelector('aside');
    expect(aside?.classList.contains('callout')).toBe(true);
    expect(aside?.classList.contains(`callout-${type}`)).toBe(true);
    expect(aside?.getAttribute('role')).toBe('note');
    expect(aside?.getAttribute('aria-label')).toBe(title);
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

  it('falls back to a note for an unknown or inherited type', async () => {
    for (const type of ['danger', 'constructor', 42]) {
      const html = await render(Callout, { type });
      const aside = html.querySelector('aside');
      expect(aside?.classList.contains('callout-note')).toBe(true);
      expect(aside?.getAttribute('class')).not.toContain(String(type));
      expect(html.querySelector('.callout-title')?.text.trim()).toBe('Note');
    }
  });

  it('renders slot content in the body and uses no heading element', async () => {
    const html = await render(Callout, { type: 'tip' }, { default: '<p>Use <strong>FOLIO_NOW</strong>.</p>' });
    expect(html.querySelector('.callout-body p strong')?.text).toBe('FOLIO_NOW');
    expect(html.querySelectorAll('h1, h2, h3, h4, h5, h6')).toHaveLength(0);
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
