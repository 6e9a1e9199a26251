import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/build';
import { edge, engineEnv, engineSites, fixture } from './setup';

const plain = (text: string) => stripVTControlCharacters(text).replace(/\s+/g, ' ');

/** Folio's warnings about posts in a build log: the content loader's, and those printed while rendering. */
const buildWarnings = (log: string) =>
  log.split('\n').flatMap((line) => {
    const text = plain(line).trim();
    const match = /\[WARN\] \[folio-posts\] (.+)$/.exec(text) ?? /^\[folio\] (.+)$/.exec(text);
    return match ? [match[1]!] : [];
  });

// Each fixture the build tests build (tests/dist/setup.ts), with the settings it was built with.
// `same`: the build warns about nothing check:content does not (the engine sites: every
// warning Folio can give about them is one check:content gives too).
const sites = {
  site: { warns: true, same: false, posts: fixture.posts, log: fixture.log, env: { FOLIO_NOW: fixture.now, SITE_URL: fixture.site, BASE_PATH: fixture.base } },
  edge: { warns: false, same: false, posts: edge.posts, log: edge.log, env: { FOLIO_NOW: '2026-01-01T00:00:00Z', SITE_URL: edge.site, BASE_PATH: edge.base } },
  ...Object.fromEntries(
    Object.values(engineSites).map((site) => [
      `${site.name} engine`,
      // the Eleventy site has one template tag Folio cannot run
      { warns: site.name === 'eleventy', same: true, posts: site.posts, log: site.log, env: engineEnv(site) },
    ]),
  ),
};

describe.each(Object.entries(sites))('check:content and the build agree on the %s fixture', (_name, site) => {
  const check = runScript('scripts/check-content.ts', [], { FOLIO_CONTENT_DIR: site.posts, ...site.env });

  it('accepts what the build accepted', () => {
    expect(check.status, check.output).toBe(0);
  });

  it('warns about what the build warned about, in the same words', () => {
    const raw = readFileSync(site.log, 'utf8');
    const log = plain(raw);
    const warnings = [...check.output.matchAll(/^warning: (.+)$/gm)].map((m) => plain(m[1]!));
    // the site fixture has wikilinks that match nothing: the comparison is not vacuous
    if (site.warns) expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(log).toContain(warning);
    if (site.same) expect(new Set(buildWarnings(raw))).toEqual(new Set(warnings));
    // notes (a vault's front note, dates taken from git or file times) too
    for (const [, note] of check.output.matchAll(/^note: (.+)$/gm)) expect(log).toContain(plain(note!));
  });
});
