import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  env?: Record<string, string>;
}

function buildEnv({ contentDir, outDir, cacheDir, env = {} }: BuildOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    FOLIO_CONTENT_DIR: contentDir,
    FOLIO_OUT_DIR: outDir,
    FOLIO_CACHE_DIR: cacheDir,
    ...env,
  };
}

/** Like astroBuild, without blocking, so several small builds can run side by side. */
export function astroBuildAsync(options: BuildOptions): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: root, env: buildEnv(options) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Runs a project script (scripts/*.ts) under this Node and returns its exit status and output. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Runs `astro build` in a child process (under the same Node binary) and returns its output. */
export function astroBuild(options: BuildOptions) {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: buildEnv(options),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
