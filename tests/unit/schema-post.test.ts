import { describe, expect, it } from 'vitest';
import { formatIssues, postSchema } from '../../src/lib/schema/post';

const errorsOf = (input: unknown) => {
  const result = postSchema.safeParse(input);
  if (result.success) throw new Error('expected the frontmatter to be rejected');
  return formatIssues(result.error);
};

describe('postSchema', () => {
  it('accepts the README frontmatter exactly as written (YAML date, list of tags, draft)', () => {
    const data = postSchema.parse({
      title: 'Becoming a Tech Lead',
      tags: ['tech', 'career'],
      date: new Date('2024-03-03T00:00:00Z'),
      draft: true,
    });
    expect(data).toEqual({
      title: 'Becoming a Tech Lead',
      tags: ['tech', 'career'],
      date: { day: '2024-03-03' },
      draft: true,
    });
  });

  it('defaults tags to none and draft to false, and ignores unknown fields', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', layout: 'post', weight: 3 });
    expect(data.tags).toEqual([]);
    expect(data.draft).toBe(false);
    expect(data).not.toHaveProperty('layout');
    expect(data).not.toHaveProperty('weight');
  });

  it('accepts tags as a comma-separated string, trimmed, with case-insensitive duplicates removed', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', tags: ' writing, habits ,Writing,, ' });
    expect(data.tags).toEqual(['writing', 'habits']);
  });

  it('keeps tags as text even when YAML reads a number', () => {
    expect(postSchema.parse({ title: 'T', date: '2024-01-02', tags: [2024, 'go'] }).tags).toEqual(['2024', 'go']);
  });

  it('reads optional updated and description', () => {
    const data = postSchema.parse({ title: 'T', date: '2024-01-02', updated: '2024-02-01', description: '  Hi.  ' });
    expect(data.updated).toEqual({ day: '2024-02-01' });
    expect(data.description).toBe('Hi.');
  });

  it('rejects a missing title, naming the field', () => {
    expect(errorsOf({ date: '2024-01-02' })).toEqual([expect.stringMatching(/^title: is required/)]);
    expect(errorsOf({ title: '   ', date: '2024-01-02' })).toEqual([expect.stringMatching(/^title: expected non-empty text/)]);
  });

  it('rejects a missing or impossible date, saying what was found', () => {
    expect(errorsOf({ title: 'T' })).toEqual([expect.stringMatching(/^date: is required/)]);
    expect(errorsOf({ title: 'T', date: '2024-13-45' })).toEqual([
      expect.stringContaining('date: expected a real date such as 2024-03-03'),
    ]);
    expect(errorsOf({ title: 'T', date: '2024-13-45' })[0]).toContain('found "2024-13-45"');
  });

  it('rejects wrong types with the field and the value found', () => {
    expect(errorsOf({ title: 'T', date: '2024-01-02', tags: 42 })).toEqual([
      'tags: expected a list of tags or a comma-separated string, found 42',
    ]);
    expect(errorsOf({ title: 'T', date: '2024-01-02', draft: 'maybe' })).toEqual([
      'draft: expected true or false, found "maybe"',
    ]);
    expect(errorsOf({ title: 'T', date: '2024-01-02', tags: [{ a: 1 }] })[0]).toMatch(/^tags: each tag must be text/);
    expect(errorsOf({ title: 'T', date: '2024-01-02', updated: 'soon' })[0]).toMatch(/^updated: expected a real date/);
  });

  it('reports every problem at once', () => {
    expect(errorsOf({ date: 'x', tags: 42, draft: 'maybe' })).toHaveLength(4);
  });
});
