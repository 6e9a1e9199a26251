import { describe, expect, it } from 'vitest';
import { buildTagIndex, tagKey, tagSlug, TagCollisionError } from '../../src/lib/tags';

const post = (id: string, tags: string[]) => ({ id, tags, filePath: `src/content/posts/${id}.md` });

describe('tagSlug', () => {
  it('gives C#, C++ and C distinct slugs', () => {
    expect(tagSlug('C#')).toBe('c-sharp');
    expect(tagSlug('C++')).toBe('c-plus-plus');
    expect(tagSlug('C')).toBe('c');
    expect(tagSlug('F#')).toBe('f-sharp');
  });

  it('lower-cases and hyphenates words', () => {
    expect(tagSlug('Machine Learning')).toBe('machine-learning');
    expect(tagSlug('  Web   Performance ')).toBe('web-performance');
    expect(tagSlug('node.js')).toBe('node-js');
    expect(tagSlug('CI/CD')).toBe('ci-cd');
    expect(tagSlug('R&D')).toBe('r-and-d');
  });

  it('keeps non-Latin letters readable', () => {
    expect(tagSlug('日本語')).toBe('日本語');
    expect(tagSlug('Ünïcödé')).toBe('ünïcödé');
    expect(tagSlug('Русский язык')).toBe('русский-язык');
  });

  it('treats composed and decomposed Unicode alike', () => {
    expect(tagSlug('Cafe\u0301')).toBe(tagSlug('Café'));
  });

  it('gives symbol-only tags a stable, non-empty slug', () => {
    expect(tagSlug('🎉')).toBe('u-1f389');
    expect(tagSlug('!!!')).not.toBe('');
  });
});

describe('buildTagIndex', () => {
  it('merges tags that differ only in case, shown with the spelling most posts use', () => {
    const index = buildTagIndex([post('a', ['JavaScript']), post('b', ['javascript']), post('c', ['JavaScript'])]);
    expect(index.tags).toHaveLength(1);
    expect(index.tags[0]).toMatchObject({ slug: 'javascript', label: 'JavaScript' });
    expect(index.tags[0]?.posts.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(index.forLabel('JAVASCRIPT')?.slug).toBe('javascript');
  });

  it('merges spellings that differ in how words are joined, as Hugo does', () => {
    const index = buildTagIndex([post('a', ['machine_learning']), post('b', ['Machine Learning']), post('c', ['machine-learning', 'ML']), post('d', ['Machine Learning'])]);
    expect(index.tags.map((t) => [t.slug, t.label, t.posts.map((p) => p.id)])).toEqual([
      ['machine-learning', 'Machine Learning', ['a', 'b', 'c', 'd']],
      ['ml', 'ML', ['c']],
    ]);
    // still distinct: a symbol is not a separator
    expect(() => buildTagIndex([post('a', ['Node.js']), post('b', ['node js'])])).toThrow(TagCollisionError);
  });

  it('keeps C#, C++ and C apart', () => {
    const index = buildTagIndex([post('a', ['C#', 'C++']), post('b', ['C', 'c#'])]);
    expect(Object.fromEntries(index.tags.map((t) => [t.slug, t.posts.map((p) => p.id)]))).toEqual({
      'c-sharp': ['a', 'b'],
      'c-plus-plus': ['a'],
      c: ['b'],
    });
  });

  it('orders tags by post count, then label', () => {
    const index = buildTagIndex([post('a', ['beta', 'alpha']), post('b', ['gamma', 'beta']), post('c', ['alpha', 'beta'])]);
    expect(index.tags.map((t) => [t.label, t.posts.length])).toEqual([
      ['beta', 3],
      ['alpha', 2],
      ['gamma', 1],
    ]);
  });

  it('keeps the posts of a tag in the order given (sorted newest first by the caller)', () => {
    const index = buildTagIndex([post('z', ['x']), post('a', ['x']), post('m', ['x'])]);
    expect(index.bySlug.get('x')?.posts.map((p) => p.id)).toEqual(['z', 'a', 'm']);
  });

  it('stops on distinct tags that would share a slug, naming both tags and files', () => {
    expect(() => buildTagIndex([post('one', ['Node.js']), post('two', ['node js'])])).toThrow(TagCollisionError);
    expect(() => buildTagIndex([post('one', ['Node.js']), post('two', ['node js'])])).toThrow(
      /"Node\.js" \(in src\/content\/posts\/one\.md\) and "node js" \(in src\/content\/posts\/two\.md\).*\/tags\/node-js\//,
    );
  });

  it('visits each post and each tag once (linear)', () => {
    let reads = 0;
    const posts = Array.from({ length: 500 }, (_, i) => {
      const tags = [`t${i % 7}`, `u${i % 13}`];
      return {
        id: `p${i}`,
        get tags() {
          reads += 1;
          return tags;
        },
      };
    });
    const index = buildTagIndex(posts);
    expect(reads).toBe(500);
    expect(index.tags).toHaveLength(20);
  });

  it('defines one key per tag regardless of case and spacing', () => {
    expect(tagKey(' Deep  Learning ')).toBe(tagKey('deep learning'));
    expect(tagKey('deep_learning')).toBe(tagKey('Deep-Learning'));
    expect(tagKey('C#')).not.toBe(tagKey('C'));
  });
});
