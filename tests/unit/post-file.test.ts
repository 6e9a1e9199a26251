import { describe, expect, it } from 'vitest';
import { readPostFile, titleFromFileName } from '../../src/lib/post-file';
import { postSchema } from '../../src/lib/schema/post';

describe('readPostFile', () => {
  it('reads Hugo TOML frontmatter with its dates as written', () => {
    const read = readPostFile('hugo.md', '+++\ntitle = "Hugo"\ndate = 2020-09-29T23:15:09-07:00\ntags = ["go"]\n+++\nBody here.\n');
    expect(read.problems).toEqual([]);
    expect(read.data).toMatchObject({ title: 'Hugo', date: '2020-09-29T23:15:09-07:00', tags: ['go'] });
    expect(read.body).toBe('Body here.\n');
    expect(read.bodyOffset).toBe(5);
    expect(postSchema.parse(read.data).date).toEqual({ day: '2020-09-29', time: '23:15:09', offset: '-07:00' });
  });

  it('names the line of a broken TOML or YAML block', () => {
    expect(readPostFile('x.md', '+++\ntitle = "x"\ndate = \n+++\n').problems[0]).toMatch(/^frontmatter: the TOML does not parse at line 3/);
    expect(readPostFile('x.md', '---\ntitle: x\ntags: [a\n---\n').problems[0]).toMatch(/^frontmatter: the YAML does not parse at line \d+/);
  });

  it('dates a Jekyll post by its file name when the frontmatter has no date, and lets the frontmatter win', () => {
    expect(readPostFile('2018-06-27-illustrated-transformer.md', '---\ntitle: T\n---\n').data['date']).toBe('2018-06-27');
    const both = readPostFile('2018-06-27-x.md', '---\ntitle: T\ndate: 2018-07-01 10:00:00 +0200\n---\n');
    expect(both.data['date']).toBe('2018-07-01 10:00:00 +0200');
    expect(both.filled.date).toBeUndefined();
  });

  it('takes a note without frontmatter: title from its first heading or its file name, date from the caller', () => {
    const asked: string[] = [];
    const fallback = (entry: string) => (asked.push(entry), { value: '2023-05-06T07:08:09', from: 'git history' as const });
    const heading = readPostFile('notes/Some note.md', '# A *Real* Title\n\nText [[Other]].\n', fallback);
    expect(heading.data).toEqual({ title: 'A Real Title', date: '2023-05-06T07:08:09' });
    expect(heading.filled).toEqual({ title: 'first heading', date: 'git history' });
    expect(asked).toEqual(['notes/Some note.md']);
    const named = readPostFile('notes/Some note.md', 'Text first.\n\n# Later heading\n', fallback);
    expect(named.data['title']).toBe('Some note');
    expect(named.filled.title).toBe('file name');
    expect(postSchema.safeParse(named.data).success).toBe(true);
  });

  it('does not ask for a fallback date when the file has one', () => {
    let asked = false;
    readPostFile('2020-01-01-x.md', 'Body', () => ((asked = true), undefined));
    readPostFile('y.md', '---\npubDate: 2020-01-01\n---\n', () => ((asked = true), undefined));
    expect(asked).toBe(false);
  });

  it("keeps a post without any date invalid, with the schema's message", () => {
    const read = readPostFile('undated.md', 'Just text.\n');
    expect(read.data['date']).toBeUndefined();
    expect(postSchema.safeParse(read.data).success).toBe(false);
  });

  it("turns Folio's table of contents on for AstroPaper's placeholder heading, unless the post says", () => {
    expect(readPostFile('a.md', '---\ntitle: A\ndate: 2022-01-01\n---\n## Table of contents\n\n## One\n').data['toc']).toBe(true);
    expect(readPostFile('a.md', '---\ntitle: A\ndate: 2022-01-01\ntoc: false\n---\n## Table of contents\n').data['toc']).toBe(false);
    expect(readPostFile('a.md', '---\ntitle: A\ndate: 2022-01-01\n---\nNo placeholder here: table of contents.\n').data['toc']).toBeUndefined();
  });
});

describe('readPostFile with updated dates from history', () => {
  const lastChange = (value: string) => (_entry: string, date: unknown) => (String(date) < value ? { value, from: 'git history' as const } : undefined);

  it("fills updated from the caller when the frontmatter has none, passing the post's date", () => {
    const seen: unknown[] = [];
    const read = readPostFile('a.md', '---\ntitle: A\ndate: 2024-01-01\n---\nText', undefined, (entry, date) => {
      seen.push(entry, date);
      return { value: '2024-05-06T07:08:09', from: 'git history' };
    });
    expect(read.data['updated']).toBe('2024-05-06T07:08:09');
    expect(read.filled.updated).toBe('git history');
    expect(seen).toEqual(['a.md', '2024-01-01']);
  });

  it('lets any written update date win (updated, lastmod, modified...), and asks nothing without a caller', () => {
    for (const key of ['updated', 'lastmod', 'modified', 'updatedDate']) {
      const read = readPostFile('a.md', `---\ntitle: A\ndate: 2024-01-01\n${key}: 2024-02-02\n---\n`, undefined, lastChange('2024-09-09'));
      expect(read.filled.updated, key).toBeUndefined();
      expect(read.data[key], key).toBe('2024-02-02');
      if (key !== 'updated') expect(read.data['updated'], key).toBeUndefined();
    }
    expect(readPostFile('a.md', '---\ntitle: A\ndate: 2024-01-01\n---\n').filled.updated).toBeUndefined();
    expect(readPostFile('a.md', '---\ntitle: A\ndate: 2024-12-01\n---\n', undefined, lastChange('2024-09-09')).data['updated']).toBeUndefined();
  });
});

describe('titleFromFileName', () => {
  it('titles as Jekyll does, and keeps names written with spaces', () => {
    expect(titleFromFileName('2018-06-27-illustrated-transformer.md')).toBe('Illustrated Transformer');
    expect(titleFromFileName('notes/My Note.md')).toBe('My Note');
    expect(titleFromFileName('bundle/2017-03-08-index.md')).toBe('bundle');
    expect(titleFromFileName('Zettelkasten.md')).toBe('Zettelkasten');
  });
});
