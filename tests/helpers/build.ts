import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  env?: Record<string, string>;
  /** Build this copy of the project (see projectCopy) instead of the project itself. */
  project?: string;
}

/**
 * A copy of the project to build from, so that two builds of different posts can run at
 * once: Astro keeps state per project root in `.astro/` (content-assets.mjs lists the images
 * the posts import, read back while bundling) and `node_modules/.vite/`, and two builds of one
 * root read each other's. The copy has Folio's code and settings, and every installed package
 * linked, not copied. The build still runs from the project's folder, so messages name files
 * the same way.
 */
export function projectCopy(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public']) cpSync(join(root, name), join(dir, name), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

const astroArgs = ({ project }: BuildOptions) => ['node_modules/astro/bin/astro.mjs', 'build', ...(project ? ['--root', project] : [])];

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
    const child = spawn(process.execPath, astroArgs(options), { cwd: root, env: buildEnv(options) });
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
  const result = spawnSync(process.execPath, astroArgs(options), {
    cwd: root,
    encoding: 'utf8',
    env: buildEnv(options),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
