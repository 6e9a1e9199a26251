import { createHash } from 'node:crypto';
import { siteConfig } from '../site.config.ts';

const SITE = JSON.stringify(siteConfig);

/**
 * A page's cacheKey for Astro's incremental build: a hash of everything the page renders
 * (its props, with collection entries reduced to their content digest) and of the site
 * settings every page shows. Equal keys mean the page would render the same.
 */
export function pageCacheKey(props: unknown): string {
  const json = JSON.stringify(props, (_key, value: unknown) => {
    if (value && typeof value === 'object' && 'collection' in value && 'digest' in value && 'id' in value) {
      const entry = value as { id: string; digest?: string };
      return { entry: entry.id, digest: entry.digest };
    }
    return value;
  });
  return createHash('sha256').update(SITE).update('\0').update(json).digest('hex').slice(0, 32);
}
