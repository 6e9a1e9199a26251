/** What the converter needs to know about the site and the post being converted. */
export interface EngineSyntaxContext {
  /**
   * Site-relative URL (base included, trailing slash) of the post a reference names, as written in
   * `{% post_url 2010-07-21-name %}`, `{% post_url dir/2010-07-21-name %}`, `{% link _posts/2016-07-26-name.md %}`,
   * `{{< ref "name.md" >}}`, `{{< relref "/post/name" >}}` (an `#anchor` is split off and kept by the
   * converter, never passed); undefined if no post matches.
   */
  postUrl(ref: string): string | undefined;
  /**
   * For an Obsidian embed target (`diagram.png`, `attachments/diagram.png`), the path of that file relative
   * to the current post's folder (e.g. `../attachments/diagram.png`), found anywhere in the posts folder;
   * undefined if there is none.
   */
  embedFile(name: string): string | undefined;
  /** The site's base path: "/" or "/blog/". */
  base: string;
  /** Public origin, e.g. "https://example.org". */
  origin: string;
}

/** Template syntax that was left in the body as written (or could only be half converted). */
export interface SyntaxWarning {
  /** 1-based line in the body that was given. */
  line: number;
  /** The tag as written, whitespace collapsed, cut to about 60 characters. */
  tag: string;
  message: string;
}

export interface EngineSyntaxResult {
  body: string;
  warnings: SyntaxWarning[];
}
