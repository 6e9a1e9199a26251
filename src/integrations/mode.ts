/**
 * The Astro command this process runs (`dev`, `build`, `sync`, `preview`). Set by the folio
 * integration from Astro's own word (never from NODE_ENV or Vite's mode, which test runners
 * and shells change), and read at run time by the data layer and the content loader, which
 * run in the same process.
 */
const COMMAND = Symbol.for('folio.astroCommand');
type Holder = { [COMMAND]?: string };

export function setAstroCommand(command: string): void {
  (globalThis as Holder)[COMMAND] = command;
}

/** True only under `astro dev`: drafts and scheduled posts shown, nothing memoised, no cards. */
export function isDevServer(): boolean {
  return (globalThis as Holder)[COMMAND] === 'dev';
}

/** True only under `astro build`: what only a build needs (social cards) starts early. */
export function isAstroBuild(): boolean {
  return (globalThis as Holder)[COMMAND] === 'build';
}
