import { describe, expect, it } from 'vitest';
import { assignPostIds, fileNameDate, isPostFile, postIdFromPath } from '../../src/lib/ids';

const ids = (entries: string[]) => Object.fromEntries(assignPostIds(entries));

describe('post ids from file names', () => {
  it("drops Jekyll's and Eleventy's date prefix from the URL", () => {
    expect(ids(['2018-06-27-illustrated-transformer.md', 'notes/2017-03-08-index.md', 'trip/index.markdown'])).toEqual({
      '2018-06-27-illustrated-transformer.md': 'illustrated-transformer',
      'notes/2017-03-08-index.md': 'notes',
      'trip/index.markdown': 'trip',
    });
  });

  it('keeps the year, then the whole date, for dated files whose names would clash', () => {
    expect(ids(['2019-12-31-year-in-lists.md', '2020-12-31-year-in-lists.md', '2021-01-01-new-year.md', '2021-06-01-new-year.md', '2020-06-01-solo.md'])).toEqual({
      '2019-12-31-year-in-lists.md': '2019-year-in-lists',
      '2020-12-31-year-in-lists.md': '2020-year-in-lists',
      '2021-01-01-new-year.md': '2021-01-01-new-year',
      '2021-06-01-new-year.md': '2021-06-01-new-year',
      '2020-06-01-solo.md': 'solo',
    });
  });

  it('leaves an undated file its plain name when a dated one would clash with it', () => {
    expect(ids(['about.md', '2019-01-01-about.md'])).toEqual({ 'about.md': 'about', '2019-01-01-about.md': '2019-about' });
  });

  it('widens further when the year-kept name is itself taken', () => {
    expect(ids(['2019-year.md', '2019-05-05-year.md', '2018-05-05-year.md'])).toEqual({
      '2019-year.md': '2019-year',
      '2019-05-05-year.md': '2019-05-05-year',
      '2018-05-05-year.md': '2018-year',
    });
  });

  it('does not take an impossible date for a date prefix', () => {
    expect(fileNameDate('2019-13-40-not-a-date.md')).toBeUndefined();
    expect(postIdFromPath('2019-13-40-not-a-date.md')).toBe('2019-13-40-not-a-date');
    expect(fileNameDate('x/2020-02-29-leap.md')).toEqual({ day: '2020-02-29', rest: 'leap' });
  });

  it('keeps a file named only by its date', () => {
    expect(postIdFromPath('2019-04-01.md')).toBe('2019-04-01');
    expect(fileNameDate('2019-04-01.md')).toEqual({ day: '2019-04-01', rest: '' });
  });

  it('gives a name that slugs to nothing its own letters instead of an empty id', () => {
    expect(postIdFromPath('🎉.md')).toBe('🎉');
    expect(postIdFromPath('notes/My Note.md')).toBe('notes/my-note');
  });
});

describe('isPostFile', () => {
  it('reads Markdown in its common extensions, lower or upper case, and skips _ and . names', () => {
    expect(['a.md', 'a.markdown', 'a.mdx', 'A.MD', 'x/a.mkd'].every(isPostFile)).toBe(true);
    expect(['a.txt', '_draft.md', '_posts/a.md', '.obsidian/a.md', '.trash/x.md', 'a.Md', 'Templates/{{title}}.md', 'notes/templates/daily.md'].some(isPostFile)).toBe(false);
    expect(isPostFile('templates.md')).toBe(true);
  });
});
