interface ImportMetaEnv {
  /** True only under `astro dev` (set by the folio integration). */
  readonly FOLIO_SHOW_DRAFTS: boolean;
}
