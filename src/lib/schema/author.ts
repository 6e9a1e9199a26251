import { z } from 'zod';

/** An author's avatar: an image file beside the author's file (optimised), or an https URL. */
export type Avatar<L> = { kind: 'url'; src: string } | { kind: 'local'; image: L };

const link = z.strictObject(
  {
    label: z.string({ error: 'expected the link text' }).trim().min(1, 'links: each link needs a label'),
    url: z.url({ protocol: /^https?$/, error: 'links: expected an absolute http(s) URL' }),
  },
  { error: 'links: expected a list of { label, url }' },
);

/**
 * An author in src/content/authors/<id>.yaml (or .md, whose body is the bio). `localImage` is
 * Astro's image() helper in the real collection; tests pass a schema that only checks the path.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Astro types image() as an object schema; at run time it takes the path string
export function createAuthorSchema<L>(localImage: () => z.ZodType<L, any>) {
  return z.strictObject({
    name: z.string({ error: 'expected the name shown for this author' }).trim().min(1, 'name must not be empty'),
    bio: z.string({ error: 'expected a short text' }).trim().optional(),
    avatar: z
      .union([
        z
          .string()
          .regex(/^https:\/\//i)
          .transform((src): Avatar<L> => ({ kind: 'url', src })),
        localImage().transform((image): Avatar<L> => ({ kind: 'local', image })),
      ])
      .optional(),
    links: z.array(link, { error: 'links: expected a list of { label, url }' }).default([]),
  });
}

export const pathOnlyAvatar = () => z.string().regex(/^(?!https?:)(?!\/)/i, 'expected a relative path');
export const authorSchema = createAuthorSchema(pathOnlyAvatar);
export type AuthorData = z.infer<typeof authorSchema>;
