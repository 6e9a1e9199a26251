import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverProblem } from '../../src/build/local-files';

const dir = mkdtempSync(join(tmpdir(), 'folio-local-'));
mkdirSync(join(dir, 'post'));
writeFileSync(join(dir, 'post', 'cover.jpg'), 'x');
writeFileSync(join(dir, 'post', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"></svg>');
writeFileSync(join(dir, 'post', 'BARE.SVG'), '<svg xmlns="http://www.w3.org/2000/svg" width="100%"></svg>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const post = join(dir, 'post', 'index.md');

describe('coverProblem', () => {
  it('checks the cover under any engine field name, with the message the body images get', () => {
    expect(coverProblem(post, { cover: { image: 'cover.jpg' } })).toBeUndefined();
    expect(coverProblem(post, { heroImage: './cover.jpg' })).toBeUndefined();
    expect(coverProblem(post, { heroImage: './nope.jpg' })).toBe('the image ./nope.jpg does not exist next to the post. Fix the path or add the file.');
    expect(coverProblem(post, { image: 'nope.png' })).toMatch(/^the image nope\.png does not exist/);
  });

  it('leaves URLs and paths from the site root (files in public/) to others', () => {
    expect(coverProblem(post, { heroImage: '/images/hero.png' })).toBeUndefined();
    expect(coverProblem(post, { image: 'https://example.org/x.png' })).toBeUndefined();
    expect(coverProblem(post, { image: '//cdn.example.org/x.png' })).toBeUndefined();
  });

  it('takes an SVG cover that states its size, and names one that states none with what to add', () => {
    expect(coverProblem(post, { coverImage: './logo.svg' })).toBeUndefined();
    expect(coverProblem(post, { image: './BARE.SVG' })).toBe(
      'the cover image ./BARE.SVG is an SVG that states no size: its <svg> element has no width and height in px, nor a viewBox. Add a viewBox (such as viewBox="0 0 1200 630", its drawing\'s width and height) to it.',
    );
  });
});
