import { describe, expect, it } from 'vitest';
import { isPublished, postStatus } from '../../src/lib/posts/published';
import { makePost } from '../helpers/posts';

const now = new Date('2024-06-01T12:00:00Z');

describe('isPublished', () => {
  it('publishes a non-draft post dated in the past', () => {
    expect(isPublished(makePost('a', { date: '2024-05-31' }), { now, includeDrafts: false })).toBe(true);
  });

  it('hides drafts in production and shows them in dev', () => {
    const post = makePost('a', { date: '2024-05-31', draft: true });
    expect(isPublished(post, { now, includeDrafts: false })).toBe(false);
    expect(isPublished(post, { now, includeDrafts: true })).toBe(true);
    expect(postStatus(post, now)).toBe('draft');
  });

  it('hides future posts until their moment, then shows them', () => {
    const post = makePost('a', { date: '2024-06-01T12:00:01Z' });
    expect(isPublished(post, { now, includeDrafts: false })).toBe(false);
    expect(postStatus(post, now)).toBe('scheduled');
    expect(isPublished(post, { now: new Date('2024-06-01T12:00:01Z'), includeDrafts: false })).toBe(true);
  });

  it('starts a bare-dated post at midnight in the site time zone', () => {
    const inTokyo = makePost('a', { date: '2024-06-02' }, '', 'Asia/Tokyo'); // 2024-06-01T15:00Z
    const inLA = makePost('b', { date: '2024-06-02' }, '', 'America/Los_Angeles'); // 2024-06-02T07:00Z
    const at = new Date('2024-06-01T16:00:00Z');
    expect(isPublished(inTokyo, { now: at, includeDrafts: false })).toBe(true);
    expect(isPublished(inLA, { now: at, includeDrafts: false })).toBe(false);
  });

  it('treats a future draft as a draft', () => {
    expect(postStatus(makePost('a', { date: '2999-01-01', draft: true }), now)).toBe('draft');
  });
});
