// `npm run build` runs Astro's command line through this file, which first sets what must be
// in the environment before Astro loads its bundler (scripts/lib/build-env.ts). Arguments are
// Astro's own: `node scripts/astro.ts build`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildEnv } from './lib/build-env.ts';

Object.assign(process.env, buildEnv(process.env));
const astro = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
await import(pathToFileURL(join(astro, 'bin', 'astro.mjs')).href);
