import { describe, expect, it } from 'vitest';
import { pageCacheKey } from '../../src/data/cache-key';

describe('pageCacheKey', () => {
  const entry = { id: 'a', collection: 'posts', digest: 'd1', data: { title: 'T' }, body: 'long body' };

  it('is stable for the same props', () => {
    expect(pageCacheKey({ title: 'T', entry })).toBe(pageCacheKey({ title: 'T', entry: { ...entry } }));
  });

  it('changes when anything shown changes', () => {
    const base = pageCacheKey({ title: 'T', entry, related: [{ title: 'R' }] });
    expect(pageCacheKey({ title: 'U', entry, related: [{ title: 'R' }] })).not.toBe(base);
    expect(pageCacheKey({ title: 'T', entry, related: [{ title: 'S' }] })).not.toBe(base);
  });

  it('reduces a collection entry to its content digest', () => {
    expect(pageCacheKey({ entry })).toBe(pageCacheKey({ entry: { ...entry, body: 'other body, same digest' } }));
    expect(pageCacheKey({ entry })).not.toBe(pageCacheKey({ entry: { ...entry, digest: 'd2' } }));
  });
});
