import { describe, expect, it } from 'vitest';
import { buildWikiIndex, parseWikilinks, resolveWikilink, wikilinkText, type Wikilink } from '../../src/lib/wikilinks';

const index = buildWikiIndex([
  { path: 'notes/my-post', title: 'My First Post', aliases: ['first', '/old/first/'], url: '/posts/my-post/' },
  { path: 'other', title: 'Other Things', aliases: [], url: '/posts/other-slug/' },
]);
const link = (text: string) => parseWikilinks(text).find((s): s is Wikilink => typeof s !== 'string')!;

describe('parseWikilinks', () => {
  it('splits text around links with targets, headings and labels', () => {
    expect(parseWikilinks('See [[my-post]] and [[other#Some Heading|the other]].')).toEqual([
      'See ',
      { raw: '[[my-post]]', target: 'my-post', label: 'my-post' },
      ' and ',
      { raw: '[[other#Some Heading|the other]]', target: 'other', heading: 'Some Heading', label: 'the other' },
      '.',
    ]);
  });

  it('leaves embeds and plain brackets alone', () => {
    expect(parseWikilinks('![[image.png]] and [not a link]')).toEqual(['![[image.png]] and [not a link]']);
  });

  it('handles same-page heading links', () => {
    expect(link('[[#Setup]]')).toEqual({ raw: '[[#Setup]]', target: '', heading: 'Setup', label: 'Setup' });
  });
});

describe('resolveWikilink', () => {
  it('matches by file name, path, title and alias, ignoring case', () => {
    expect(resolveWikilink(link('[[my-post]]'), index)).toBe('/posts/my-post/');
    expect(resolveWikilink(link('[[notes/my-post]]'), index)).toBe('/posts/my-post/');
    expect(resolveWikilink(link('[[MY FIRST POST]]'), index)).toBe('/posts/my-post/');
    expect(resolveWikilink(link('[[First]]'), index)).toBe('/posts/my-post/');
    expect(resolveWikilink(link('[[other thIngs|x]]'), index)).toBe('/posts/other-slug/');
    expect(resolveWikilink(link('[[my-post.md]]'), index)).toBe('/posts/my-post/');
  });

  it('adds the heading anchor as Astro slugs headings', () => {
    expect(resolveWikilink(link('[[other#Some Heading!]]'), index)).toBe('/posts/other-slug/#some-heading');
    expect(resolveWikilink(link('[[#Getting Started]]'), index)).toBe('#getting-started');
  });

  it('returns undefined for a miss', () => {
    expect(resolveWikilink(link('[[nowhere]]'), index)).toBeUndefined();
  });

  it("prefers a file name over another post's title", () => {
    const i = buildWikiIndex([
      { path: 'a', title: 'b', aliases: [], url: '/posts/a/' },
      { path: 'b', title: 'Bee', aliases: [], url: '/posts/b/' },
    ]);
    expect(resolveWikilink(link('[[b]]'), i)).toBe('/posts/b/');
  });
});

describe('wikilinkText', () => {
  it('reads each wikilink as its label, as the page shows it, and leaves embeds and other text alone', () => {
    expect(wikilinkText('See [[hello-world]], [[c-sharp|Notes on C#]] and [[#A heading]].')).toBe('See hello-world, Notes on C# and A heading.');
    expect(wikilinkText('![[diagram.png]] and [single] brackets')).toBe('![[diagram.png]] and [single] brackets');
  });
});
