import { afterAll, describe, expect, it } from 'vitest';
import { buildNodeFlags, removeFinished, runBench } from '../../scripts/bench/run';

afterAll(removeFinished);

// A smoke run of the benchmark (npm run bench) on a tiny generated corpus: the report has
// every field; the warm rebuild after editing one post reuses every social card and every
// search shard but the edited post's; and a deploy (fresh posts, the cache folder restored, no
// output folder) renders no more than the warm rebuild. Timings are reported, never asserted.
describe('npm run bench', () => {
  it('reports every field for a cold, a warm and a deploy build, the later ones reusing every card, all but one search shard, every unchanged page', async () => {
    // Shards of 5 posts: the 50-post corpus's search index comes in 16 (a power of two).
    const report = await runBench({ posts: 50, label: 'smoke', warm: true, settings: { searchShardPosts: 5 } });
    expect(report.posts).toBe(50);
    expect(report.corpus.published + report.corpus.drafts).toBe(50);
    // built the way `npm run build` builds: with the heap that script sets
    expect(report.environment.nodeFlags).toEqual(buildNodeFlags());
    expect(report.environment.nodeFlags.some((flag) => flag.startsWith('--max-old-space-size'))).toBe(true);
    for (const build of [report.cold, report.warm!, report.deploy!]) {
      expect(build.exitCode).toBe(0);
      expect(build.wallMs).toBeGreaterThan(0);
      expect(build.cpuS).toBeGreaterThan(0);
      expect(build.peakRssBytes).toBeGreaterThan(0);
      // the build process's own high-water mark (Astro alone takes over 100 MB), not /usr/bin/time's
      expect(build.mainProcessHwmBytes).toBeGreaterThan(100 * 1024 * 1024);
      expect(build.msPerPostPage).toBeGreaterThan(0);
      expect(build.postPages).toBe(report.corpus.published);
      expect(build.pagesWritten).toBeGreaterThan(build.postPages);
      expect(build.outputBytes).toBeGreaterThan(0);
      expect(build.phases.contentSyncMs).toBeGreaterThan(0);
      expect(build.phases.renderMs).toBeGreaterThan(0);
      expect(build.phases.searchMs).toBeGreaterThanOrEqual(0);
      expect(build.phases.sitemapMs).toBeGreaterThan(0);
      expect(build.phases.og?.endMs).toBeGreaterThanOrEqual(0);
    }
    // every card of a cold build started beside content sync; none on a warm one (all cached)
    expect(report.cold.phases.og).toMatchObject({ rendered: report.corpus.published, reused: 0, early: report.corpus.published });
    expect(report.cold.phases.og?.drawMs).toBeGreaterThan(0);
    expect(report.warm?.phases.og).toEqual({ rendered: 0, reused: report.corpus.published, drawMs: 0, endMs: expect.any(Number) as number, early: 0 });
    expect(report.cold.phases.search).toEqual({ shards: 16, reused: 0 });
    expect(report.warm?.phases.search).toEqual({ shards: 16, reused: 15 });
    // A deploy restores the cache into a fresh copy: what did not change is not rendered again.
    const { deploy, warm } = report;
    expect(deploy?.changedPost).toBe(warm?.changedPost);
    // every route output (pages, feeds, robots.txt) rendered cold
    expect(report.cold.phases.pages.rendered).toBeGreaterThanOrEqual(report.cold.pagesWritten);
    expect(report.cold.phases.pages.cached + report.cold.phases.pages.restored).toBe(0);
    expect(warm!.phases.pages.rendered).toBeGreaterThan(0);
    expect(warm!.phases.pages.rendered).toBeLessThan(report.cold.phases.pages.rendered / 2);
    expect(deploy!.phases.pages.rendered).toBe(warm!.phases.pages.rendered);
    // the last output comes back from the cache folder (linked, not copied): every other page is in place
    expect(deploy!.phases.pages.restored).toBe(0);
    expect(deploy!.phases.pages.cached).toBe(report.cold.phases.pages.rendered - deploy!.phases.pages.rendered);
    expect(deploy!.phases.og).toMatchObject({ rendered: 0, reused: report.corpus.published });
    expect(deploy!.phases.search).toEqual({ shards: 16, reused: 15 });
    expect(deploy!.postPages).toBe(report.corpus.published);
  }, 240_000);
});
