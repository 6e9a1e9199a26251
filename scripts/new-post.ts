// npm run new -- "My Post Title": writes src/content/posts/my-post-title.md as a draft
// dated today in the site's time zone. Never overwrites a file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildNow } from '../src/integrations/now.ts';
import { contentDir } from '../src/loaders/sources.ts';
import { dayIn } from '../src/lib/dates.ts';
import { scaffoldPost } from '../src/lib/scaffold.ts';
import { siteConfig } from '../src/site.config.ts';

const title = process.argv.slice(2).join(' ');
try {
  const { fileName, content } = scaffoldPost(title, { today: dayIn(buildNow(), siteConfig.timeZone) });
  const file = join(contentDir(), fileName);
  writeFileSync(file, content, { flag: 'wx' });
  console.log(`Created ${file} (a draft: set draft: false, or delete the line, to publish it).`);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  console.error(e.code === 'EEXIST' ? `Not overwriting ${e.path}: a post with that name exists. Choose another title.` : e.message);
  process.exit(1);
}
