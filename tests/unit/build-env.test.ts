import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildEnv } from '../../scripts/lib/build-env.ts';
import { root } from '../../scripts/bench/run.ts';

describe('buildEnv (what npm run build sets before Astro loads its bundler)', () => {
  it("has rolldown's allocator give freed memory back at once", () => {
    expect(buildEnv({})).toEqual({ MIMALLOC_PURGE_DELAY: '0' });
  });

  it('leaves a value the environment already sets', () => {
    expect(buildEnv({ MIMALLOC_PURGE_DELAY: '25' })).toEqual({});
  });
});

describe('scripts/astro.ts', () => {
  it("runs Astro's command line with the arguments given", () => {
    const result = spawnSync(process.execPath, ['scripts/astro.ts', '--version'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(result.status, result.stderr).toBe(0);
    // colours or not, as the terminal (or CI) asks
    expect(stripVTControlCharacters(result.stdout)).toMatch(/astro\s+v?\d+\.\d+\.\d+/i);
  });
});
