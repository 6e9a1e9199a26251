import { postSchema, type PostFrontmatterInput } from '../../src/lib/schema/post';
import { toPost, type Post } from '../../src/lib/posts/post';

/** Builds a Post through the real schema and toPost, as the site does. */
export function makePost(id: string, frontmatter: Partial<Record<keyof PostFrontmatterInput, unknown>> & Record<string, unknown>, body = 'Some words of body text.', timeZone = 'UTC'): Post {
  const data = postSchema.parse({ title: `Title of ${id}`, date: '2024-01-01', ...frontmatter });
  return toPost({ id, data, body, filePath: `src/content/posts/${id}.md` }, { timeZone, excerptLength: 160 });
}
