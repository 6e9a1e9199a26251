import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  env?: Record<string, string>;
}

/** Runs `astro build` in a child process (under the same Node binary) and returns its output. */
export function astroBuild({ contentDir, outDir, cacheDir, env = {} }: BuildOptions) {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      FOLIO_CONTENT_DIR: contentDir,
      FOLIO_OUT_DIR: outDir,
      FOLIO_CACHE_DIR: cacheDir,
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
