/**
 * The blog owner's overrides in src/custom/ (their folder, never Folio's): components Folio
 * renders when they exist, found at build time. Without them nothing changes in the output.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';

/** The components an owner can add, by file name (src/custom/<name>.astro). */
export const CUSTOM_SLOTS = ['Head', 'Header', 'Footer', 'PostStart', 'PostEnd'] as const;
export type CustomSlot = (typeof CUSTOM_SLOTS)[number];

/** What `Head.astro` receives: extra tags inside `<head>`, on every page. */
export interface HeadProps {
  /** The page's own title (undefined on the home page). */
  title: string | undefined;
  description: string;
  /** The page's path, base included (`/blog/posts/x/`). */
  path: string;
}

/** What `Header.astro` receives: it replaces Folio's header (src/components/Header.astro). */
export interface HeaderProps {
  siteTitle: string;
  homeUrl: string;
  /** Folio's navigation links, in order. */
  nav: { label: string; url: string }[];
  currentPath: string;
}

/** What `Footer.astro` receives: it replaces Folio's footer (src/components/Footer.astro). */
export interface FooterProps {
  author: string;
  siteTitle: string;
  feedUrl: string;
}

/** What `PostStart.astro` (after a post's header) and `PostEnd.astro` (after its text) receive. */
export interface PostSlotProps {
  title: string;
  /** The post's absolute URL. */
  url: string;
  /** The post's path, base included. */
  path: string;
  tags: { label: string; url: string }[];
  /** ISO date the post was published. */
  date: string;
}

const modules = import.meta.glob<{ default: AstroComponentFactory }>('../custom/*.astro', { eager: true });

/** The owner's component for a slot, if src/custom/ has one. */
export function customComponent(slot: CustomSlot): AstroComponentFactory | undefined {
  return modules[`../custom/${slot}.astro`]?.default;
}
