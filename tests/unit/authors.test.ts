import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAuthorIndex, UnknownAuthorError, unknownAuthors } from '../../src/lib/authors';
import { authorId, readAuthorSources } from '../../src/loaders/author-sources';
import { authorSchema } from '../../src/lib/schema/author';
import { postSchema } from '../../src/lib/schema/post';

const ada = { id: 'ada', name: 'Ada Lovelace', links: [] };
const alan = { id: 'alan', name: 'Alan Turing', links: [{ label: 'Web', url: 'https://alan.example' }] };
const post = (id: string, authors: string[]) => ({ id, authors, filePath: `src/content/posts/${id}.md` });

describe('buildAuthorIndex', () => {
  it("resolves a post's authors by id or by name (any case), in the order written, each once", () => {
    const posts = [post('b', ['alan', 'ada lovelace', 'Ada Lovelace']), post('a', ['ada'])];
    const index = buildAuthorIndex([alan, ada], posts);
    expect(index.of(posts[0]!).map((a) => a.id)).toEqual(['alan', 'ada']);
    expect(index.postsBy('ada').map((p) => p.id)).toEqual(['b', 'a']);
    expect(index.postsBy('alan').map((p) => p.id)).toEqual(['b']);
    expect(index.authors.map((a) => a.id)).toEqual(['ada', 'alan']);
    expect(index.hasPages).toBe(true);
  });

  it('stops on an unknown author in any post, drafts included, naming the file and the id', () => {
    const published = [post('a', ['ada'])];
    const draft = post('draft', ['grace']);
    expect(() => buildAuthorIndex([ada, alan], published, [...published, draft])).toThrow(UnknownAuthorError);
    expect(() => buildAuthorIndex([ada, alan], published, [...published, draft])).toThrow(
      'src/content/posts/draft.md: author "grace" is not one of the site\'s authors (src/content/authors/: ada, alan)',
    );
  });

  it('without authors, ignores what posts name (the site author applies); with one, every post is theirs', () => {
    const posts = [post('a', ['Someone Else']), post('b', [])];
    const none = buildAuthorIndex([], posts);
    expect(none.of(posts[0]!)).toEqual([]);
    expect(none.hasPages).toBe(false);
    const one = buildAuthorIndex([ada], [post('b', [])]);
    expect(one.of(post('b', [])).map((a) => a.id)).toEqual(['ada']);
    expect(one.hasPages).toBe(false);
  });
});

describe('author and post schemas', () => {
  it('reads author, authors and Hugo-style author maps into one list of ids', () => {
    const base = { title: 'T', date: '2024-01-01' };
    expect(postSchema.parse({ ...base, author: 'ada' }).authors).toEqual(['ada']);
    expect(postSchema.parse({ ...base, authors: ['ada', 'alan'], author: 'ada' }).authors).toEqual(['ada', 'alan']);
    expect(postSchema.parse({ ...base, author: { name: 'Ada Lovelace' } }).authors).toEqual(['Ada Lovelace']);
    expect(postSchema.parse(base).authors).toEqual([]);
    expect(postSchema.safeParse({ ...base, authors: [42] }).error?.issues[0]?.message).toMatch(/expected an author's id .* found 42/);
  });

  it("validates an author's file, naming the field", () => {
    expect(authorSchema.parse({ name: ' Ada ', avatar: 'https://example.org/a.png', links: [{ label: 'Site', url: 'https://ada.example' }] })).toEqual({
      name: 'Ada',
      avatar: { kind: 'url', src: 'https://example.org/a.png' },
      links: [{ label: 'Site', url: 'https://ada.example' }],
    });
    const bad = authorSchema.safeParse({ name: '', links: [{ label: 'x', url: 'not a url' }], twitter: 'ada' });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      expect.arrayContaining(['name: name must not be empty', 'links.0.url: links: expected an absolute http(s) URL', expect.stringMatching(/twitter/)]),
    );
  });
});

describe('unknownAuthors', () => {
  it('lists every unknown name in every post, as the build words the first', () => {
    const posts = [post('a', ['ada', 'grace']), post('b', ['Alan Turing']), post('c', ['linus', 'grace'])];
    const found = unknownAuthors([ada, alan], posts);
    expect(found).toEqual([
      { file: 'src/content/posts/a.md', problem: 'author "grace" is not one of the site\'s authors (src/content/authors/: ada, alan)' },
      { file: 'src/content/posts/c.md', problem: 'author "linus" is not one of the site\'s authors (src/content/authors/: ada, alan)' },
      { file: 'src/content/posts/c.md', problem: 'author "grace" is not one of the site\'s authors (src/content/authors/: ada, alan)' },
    ]);
    expect(() => buildAuthorIndex([ada, alan], posts)).toThrow(`${found[0]!.file}: ${found[0]!.problem}`);
    expect(unknownAuthors([], posts)).toEqual([]);
  });
});

describe('readAuthorSources (npm run check:content)', () => {
  const site = mkdtempSync(join(tmpdir(), 'folio-authors-'));
  const authors = join(site, 'authors');
  mkdirSync(join(site, 'posts'));
  mkdirSync(join(authors, 'Team'), { recursive: true });
  const files: Record<string, string> = {
    'ada.yaml': 'name: Ada Lovelace\navatar: ./ada.png\nlinks:\n  - label: Web\n    url: https://ada.example\n',
    'ada.png': '',
    'Team/Alan Turing.md': '---\nname: Alan Turing\n---\nThinks about machines.\n',
    'grace.yml': 'name: Grace\nlinks:\n  - label: Web\n    url: ftp://grace.example\n',
    'linus.yaml': 'name: Linus\navatar: ./linus.png\n',
    'broken.yaml': 'name: [unclosed\n',
    'notes.txt': 'not an author',
    // what the collection's glob leaves out: other extensions' case, hidden files
    'OLD.YAML': 'name: Old\n',
    '.draft.yaml': 'name: Draft\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(authors, name), text);
  const read = readAuthorSources(join(site, 'posts'));
  const byId = new Map(read.map((a) => [a.id, a]));

  it('reads every YAML and Markdown file beside the posts, with the ids Astro gives them', () => {
    expect(read.map((a) => a.id).sort()).toEqual(['ada', 'broken', 'grace', 'linus', 'team/alan-turing']);
    expect(byId.get('ada')).toMatchObject({ author: { id: 'ada', name: 'Ada Lovelace', avatar: { kind: 'local', image: './ada.png' } }, problems: [] });
    expect(byId.get('team/alan-turing')?.author?.name).toBe('Alan Turing');
    expect(authorId('Team/index.md')).toBe('team');
  });

  it('names the field that is wrong, a missing avatar, and YAML that does not parse (with its line)', () => {
    expect(byId.get('grace')?.problems).toEqual([expect.stringMatching(/^links\.0\.url: /)]);
    expect(byId.get('grace')?.author).toBeUndefined();
    expect(byId.get('linus')?.problems).toEqual(['avatar: ./linus.png is not there (beside linus.yaml)']);
    expect(byId.get('broken')?.problems).toEqual([expect.stringMatching(/^the YAML does not parse at line 2, column \d+: /)]);
  });

  it('finds none where there is no authors folder', () => {
    expect(readAuthorSources(join(tmpdir(), 'folio-no-such-site', 'posts'))).toEqual([]);
  });
});
