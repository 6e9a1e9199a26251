import { slug as githubSlug } from 'github-slugger';

export interface ScaffoldOptions {
  /** Today in the site's time zone, YYYY-MM-DD. */
  today: string;
}

/** The file name and text of a new draft post. */
export function scaffoldPost(title: string, { today }: ScaffoldOptions): { fileName: string; content: string } {
  const clean = title.trim().replace(/\s+/g, ' ');
  if (clean === '') throw new Error('A post needs a title: npm run new -- "My Post Title"');
  const slug = githubSlug(clean).replace(/-+/g, '-').replace(/^-|-$/g, '') || `post-${today}`;
  const content = ['---', `title: ${JSON.stringify(clean)}`, `date: ${today}`, 'tags: []', 'draft: true', '---', '', 'Write here.', ''].join('\n');
  return { fileName: `${slug}.md`, content };
}
