import { describe, expect, it } from 'vitest';
import { imageFormat, isSocialCover, isVectorImage, svgSize } from '../../src/lib/images';

const svg = (attributes: string, body = '<rect width="1" height="1"/>') => `<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>`;

describe('imageFormat and isVectorImage', () => {
  it('reads the format from the name in any case, without query or fragment', () => {
    expect(['logo.svg', 'LOGO.SVG', 'my diagram.PNG', 'a/b.tar.gif', './x.avif?v=2', 'y.webp#top', 'noext'].map(imageFormat)).toEqual(['svg', 'svg', 'png', 'gif', 'avif', 'webp', '']);
  });

  it('takes SVG files, in any case, and nothing else, for vector images', () => {
    for (const p of ['logo.svg', '../../images/LOGO.SVG', 'https://example.org/a.svg?x=1']) expect(isVectorImage(p), p).toBe(true);
    for (const p of ['logo.svgz.png', 'spinner.gif', 'svg', 'a.svg.jpg']) expect(isVectorImage(p), p).toBe(false);
  });
});

describe('svgSize', () => {
  it('takes the width and height the root element states, in px or absolute units', () => {
    expect(svgSize(svg('width="120" height="60" viewBox="0 0 12 6"'))).toEqual({ width: 120, height: 60 });
    expect(svgSize(svg('width="120px" height="60.4px"'))).toEqual({ width: 120, height: 60 });
    expect(svgSize(svg("width='1in' height='72pt'"))).toEqual({ width: 96, height: 96 });
    expect(svgSize(svg('height="2.54cm" width="25.4mm"'))).toEqual({ width: 96, height: 96 });
  });

  it('falls back on the viewBox, with commas or spaces, and scales a lone width or height by it', () => {
    expect(svgSize(svg('viewBox="0 0 200 100"'))).toEqual({ width: 200, height: 100 });
    expect(svgSize(svg('viewBox="-10,-10, 40.5 ,20"'))).toEqual({ width: 41, height: 20 });
    expect(svgSize(svg('viewbox="0 0 24 24"'))).toEqual({ width: 24, height: 24 });
    expect(svgSize(svg('width="300" viewBox="0 0 200 100"'))).toEqual({ width: 300, height: 150 });
    expect(svgSize(svg('height="50" viewBox="0 0 200 100"'))).toEqual({ width: 100, height: 50 });
    expect(svgSize(svg('width="100%" height="100%" viewBox="0 0 64 32"'))).toEqual({ width: 64, height: 32 });
  });

  it('states no size without a viewBox and with relative or nonsense lengths', () => {
    expect(svgSize(svg(''))).toBeUndefined();
    expect(svgSize(svg('width="100%" height="100%"'))).toBeUndefined();
    expect(svgSize(svg('width="10em" height="5em"'))).toBeUndefined();
    expect(svgSize(svg('width="120"'))).toBeUndefined();
    expect(svgSize(svg('width="0" height="0"'))).toBeUndefined();
    expect(svgSize(svg('viewBox="0 0 0 10"'))).toBeUndefined();
    expect(svgSize(svg('viewBox="0 0 ten 10"'))).toBeUndefined();
    expect(svgSize('<html><body>not an svg</body></html>')).toBeUndefined();
  });

  it('reads the root element only: not a comment, a nested svg or another attribute ending in width', () => {
    const text = `<?xml version="1.0"?>\n<!-- <svg width="1" height="1"> -->\n<!DOCTYPE svg>\n${svg('stroke-width="3" viewBox="0 0 30 10"', '<svg width="5" height="5"></svg>')}`;
    expect(svgSize(text)).toEqual({ width: 30, height: 10 });
    expect(svgSize(svg('data-title="a > b" width="8" height="4"'))).toEqual({ width: 8, height: 4 });
  });
});

describe('isSocialCover', () => {
  it('keeps raster covers, local or remote, as the social image', () => {
    expect(isSocialCover({ kind: 'url', src: 'https://cdn.example.org/cover.png' })).toBe(true);
    expect(isSocialCover({ kind: 'url', src: '/images/hero.JPG' })).toBe(true);
    expect(isSocialCover({ kind: 'local', image: { format: 'gif' } })).toBe(true);
    expect(isSocialCover({ kind: 'local', image: './cover.avif' })).toBe(true);
  });

  it('turns down SVG covers, which social platforms do not show', () => {
    expect(isSocialCover({ kind: 'url', src: 'https://cdn.example.org/logo.svg' })).toBe(false);
    expect(isSocialCover({ kind: 'url', src: '/images/LOGO.SVG' })).toBe(false);
    expect(isSocialCover({ kind: 'local', image: { format: 'svg' } })).toBe(false);
    expect(isSocialCover({ kind: 'local', image: '../../images/logo.svg' })).toBe(false);
  });
});
