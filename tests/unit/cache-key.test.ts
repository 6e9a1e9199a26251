import { describe, expect, it } from 'vitest';
import { entryContentKey, pageCacheKey, setLayoutKey } from '../../src/data/cache-key';
import { EMBEDS_KEY } from '../../src/lib/embeds';

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

  it("changes when a file the entry's HTML points to changes, though the post did not", () => {
    const withFile = (hash: string) => ({ ...entry, rendered: { metadata: { [EMBEDS_KEY]: { allow: {}, files: [{ path: 'p/demo.mp4', hash, copy: true, size: 1, mtimeMs: 1 }] } } } });
    expect(pageCacheKey({ entry: withFile('aaaaaaaa') })).toBe(pageCacheKey({ entry: withFile('aaaaaaaa') }));
    expect(pageCacheKey({ entry: withFile('aaaaaaaa') })).not.toBe(pageCacheKey({ entry: withFile('bbbbbbbb') }));
    expect(entryContentKey(withFile('aaaaaaaa'))).toEqual({ entry: 'a', digest: 'd1', files: ['p/demo.mp4@aaaaaaaa'] });
  });

  it('reduces a collection entry to its content digest', () => {
    expect(pageCacheKey({ entry })).toBe(pageCacheKey({ entry: { ...entry, body: 'other body, same digest' } }));
    expect(pageCacheKey({ entry })).not.toBe(pageCacheKey({ entry: { ...entry, digest: 'd2' } }));
  });

  it("changes with the header's links, which every page shows (a page added to the header)", () => {
    const header = [{ label: 'Home', url: '/' }];
    setLayoutKey(header);
    const before = pageCacheKey({ title: 'T', entry });
    setLayoutKey([...header, { label: 'About', url: '/about/' }]);
    expect(pageCacheKey({ title: 'T', entry })).not.toBe(before);
    setLayoutKey(header);
    expect(pageCacheKey({ title: 'T', entry })).toBe(before);
  });
});
