import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingImages } from '../../src/build/local-files';

const dir = mkdtempSync(join(tmpdir(), 'folio-local-'));
mkdirSync(join(dir, 'post'));
writeFileSync(join(dir, 'post', 'cover.jpg'), 'x');
writeFileSync(join(dir, 'post', 'inline.png'), 'x');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const post = join(dir, 'post', 'index.md');

describe('missingImages', () => {
  it('checks the cover under any field name and the relative images of the body', () => {
    expect(missingImages(post, '![a](./inline.png)', { cover: { image: 'cover.jpg' } })).toEqual([]);
    expect(missingImages(post, '![a](./inline.png) ![b](./gone.png)', { heroImage: './nope.jpg' })).toEqual([
      'the image ./nope.jpg does not exist next to the post. Fix the path or add the file.',
      'the image ./gone.png does not exist next to the post. Fix the path or add the file.',
    ]);
  });

  it('leaves URLs and paths from the site root (files in public/) to others', () => {
    expect(missingImages(post, '', { heroImage: '/images/hero.png' })).toEqual([]);
    expect(missingImages(post, '', { image: 'https://example.org/x.png' })).toEqual([]);
    expect(missingImages(post, '', { image: '//cdn.example.org/x.png' })).toEqual([]);
  });
});
