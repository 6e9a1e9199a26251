import { render } from 'astro:content';
import { restoreBody } from '../loaders/body-store.ts';
import type { AuthorEntry, PageEntry, PostEntry } from './posts.ts';

/**
 * Astro's render() for a post, with the body read back from Folio's body store (the loader
 * keeps rendered Markdown out of the content store; see src/loaders/body-store.ts). Post pages
 * and feeds render posts through this, never through render() directly.
 */
export function renderPost(entry: PostEntry): ReturnType<typeof render> {
  return render(entry.rendered ? { ...entry, rendered: restoreBody(entry.rendered) } : entry);
}

/** Astro's render() for a page of its own: pages keep their bodies in the content store (a site has a few). */
export function renderPage(entry: PageEntry): ReturnType<typeof render> {
  return render(entry);
}

/** Astro's render() for a Markdown author file (its text is the author's bio): the bio as written, links and emphasis kept. */
export function renderAuthorBio(entry: AuthorEntry): ReturnType<typeof render> {
  return render(entry);
}
