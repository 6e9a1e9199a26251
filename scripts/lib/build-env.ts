// What `npm run build` puts in the environment before Astro loads its bundler (scripts/astro.ts).
//
// Rolldown, Vite's bundler, allocates through mimalloc, which keeps memory it has freed for a
// while before giving it back (MIMALLOC_PURGE_DELAY). In a build it kept the ~240 MB it took
// to bundle a 1,000-post site's pages to the end of the build, where the search indexer's
// memory came on top of it; given back at once, the build's peak is 70-90 MB lower and its
// time the same (three builds each way, in turn). mimalloc reads its options when it loads,
// so they cannot be set from astro.config.mjs.

/** The variables to set: each only when the environment does not set it already. */
export function buildEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return env['MIMALLOC_PURGE_DELAY'] === undefined ? { MIMALLOC_PURGE_DELAY: '0' } : {};
}
