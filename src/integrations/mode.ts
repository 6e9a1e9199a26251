/**
 * Whether this process is `astro dev`. Set by the folio integration from the Astro command
 * (never from NODE_ENV or Vite's mode, which test runners and shells change), and read at
 * run time by the data layer and the content loader, which run in the same process.
 */
const DEV_SERVER = Symbol.for('folio.devServer');
type Holder = { [DEV_SERVER]?: boolean };

export function setDevServer(value: boolean): void {
  (globalThis as Holder)[DEV_SERVER] = value;
}

/** True only under `astro dev`: drafts and scheduled posts shown, nothing memoised, no cards. */
export function isDevServer(): boolean {
  return (globalThis as Holder)[DEV_SERVER] === true;
}
