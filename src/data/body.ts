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

/**
 * Astro's render() for an entry that keeps its body in the content store (a site has a few):
 * a page of its own, or a Markdown author file, whose text is the author's bio.
 */
export function renderStored(entry: PageEntry | AuthorEntry): ReturnType<typeof render> {
  return render(entry);
}
