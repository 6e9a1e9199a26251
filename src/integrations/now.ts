/** The build's "now": FOLIO_NOW (an ISO date) pins it for reproducible builds and tests. */
export function buildNow(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env['FOLIO_NOW'];
  const now = pinned ? new Date(pinned) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`FOLIO_NOW must be an ISO date such as 2025-01-01T00:00:00Z, found "${pinned}"`);
  return now;
}
