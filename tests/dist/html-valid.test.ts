import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatVnuMessage, javaProblem, runVnu, type VnuMessage } from '../../scripts/lib/vnu.ts';
import { listFiles } from '../helpers/dist';
import { fixture } from './setup';

// Every page of the built fixture through the Nu HTML Checker (the W3C validator), in one
// java run. Java is a requirement of the test suite, like Chromium for the browser tests:
// without it this fails and says so, rather than passing silently.
describe('HTML validity (Nu HTML Checker)', () => {
  it('finds no errors in any page of the built site', () => {
    const problem = javaProblem();
    if (problem) expect.fail(problem);

    const files = listFiles(fixture.out)
      .filter((f) => f.endsWith('.html'))
      .map((f) => join(fixture.out, f));
    expect(files.length).toBeGreaterThan(10);

    const messages: VnuMessage[] = runVnu(files);
    const errors = messages.filter((m) => m.type !== 'info');
    expect(
      errors.map((m) => formatVnuMessage(m, fixture.out)),
      `${errors.length} HTML error(s)`,
    ).toEqual([]);
  }, 120_000);
});
