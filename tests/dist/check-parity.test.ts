import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/build';
import { edge, engines, fixture } from './setup';

const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ');

// Each fixture the build tests build (tests/dist/setup.ts), with the settings it was built with.
const sites = {
  site: { warns: true, posts: fixture.posts, log: fixture.log, env: { FOLIO_NOW: fixture.now, SITE_URL: fixture.site, BASE_PATH: fixture.base } },
  engines: { warns: false, posts: engines.posts, log: engines.log, env: { FOLIO_NOW: '2026-01-01T00:00:00Z', SITE_URL: engines.site, BASE_PATH: '/' } },
  edge: { warns: false, posts: edge.posts, log: edge.log, env: { FOLIO_NOW: '2026-01-01T00:00:00Z', SITE_URL: edge.site, BASE_PATH: edge.base } },
};

describe.each(Object.entries(sites))('check:content and the build agree on the %s fixture', (_name, site) => {
  const check = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: site.posts, ...site.env });

  it('accepts what the build accepted', () => {
    expect(check.status, check.output).toBe(0);
  });

  it('warns about what the build warned about, in the same words', () => {
    const log = plain(readFileSync(site.log, 'utf8'));
    const warnings = [...check.output.matchAll(/^warning: (.+)$/gm)].map((m) => plain(m[1]!));
    // the site fixture has wikilinks that match nothing: the comparison is not vacuous
    if (site.warns) expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(log).toContain(warning);
  });
});
