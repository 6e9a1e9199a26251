import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverProblem, svgCoverToCopy } from '../../src/loaders/local-files';

const dir = mkdtempSync(join(tmpdir(), 'folio-local-'));
mkdirSync(join(dir, 'post'));
writeFileSync(join(dir, 'post', 'cover.jpg'), 'x');
writeFileSync(join(dir, 'post', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"></svg>');
writeFileSync(join(dir, 'post', 'BARE.SVG'), '<svg xmlns="http://www.w3.org/2000/svg" width="100%"></svg>');
writeFileSync(join(dir, 'post', 'commas.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,40,20"></svg>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const post = join(dir, 'post', 'index.md');

describe('coverProblem', () => {
  it('checks the cover under any engine field name, with the message the body images get', async () => {
    expect(await coverProblem(post, { cover: { image: 'cover.jpg' } })).toBeUndefined();
    expect(await coverProblem(post, { heroImage: './cover.jpg' })).toBeUndefined();
    expect(await coverProblem(post, { heroImage: './nope.jpg' })).toBe('the image ./nope.jpg does not exist next to the post. Fix the path or add the file.');
    expect(await coverProblem(post, { image: 'nope.png' })).toMatch(/^the image nope\.png does not exist/);
  });

  it('leaves URLs and paths from the site root (files in public/) to others', async () => {
    expect(await coverProblem(post, { heroImage: '/images/hero.png' })).toBeUndefined();
    expect(await coverProblem(post, { image: 'https://example.org/x.png' })).toBeUndefined();
    expect(await coverProblem(post, { image: '//cdn.example.org/x.png' })).toBeUndefined();
  });

  it('takes an SVG cover whose size Astro reads; one it cannot read is copied as it is in Markdown, named with what to write in MDX', async () => {
    expect(await coverProblem(post, { coverImage: './logo.svg' })).toBeUndefined();
    expect(await svgCoverToCopy(post, { coverImage: './logo.svg' })).toBeUndefined();
    expect(await coverProblem(post, { image: './BARE.SVG' })).toBeUndefined();
    expect(await svgCoverToCopy(post, { image: './BARE.SVG' })).toEqual({ ref: './BARE.SVG', file: join(dir, 'post', 'BARE.SVG') });
    expect(await svgCoverToCopy(post, { cover: { image: 'commas.svg' } })).toEqual({ ref: 'commas.svg', file: join(dir, 'post', 'commas.svg') });
    const mdx = join(dir, 'post', 'index.mdx');
    const message = (cover: string) =>
      `the cover image ${cover} is an SVG whose size cannot be read: give its <svg> element a width and height in px, or a viewBox of four numbers separated by spaces (such as viewBox="0 0 1200 630", its drawing's width and height).`;
    expect(await coverProblem(mdx, { image: './BARE.SVG' })).toBe(message('./BARE.SVG'));
    expect(await svgCoverToCopy(mdx, { image: './BARE.SVG' })).toBeUndefined();
  });
});
