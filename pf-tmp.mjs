import * as pagefind from 'pagefind';
import { readdirSync } from 'node:fs';
const dir = process.argv[2]; const N = Number(process.argv[3]);
const names = readdirSync(dir + '/posts');
const shards = Array.from({ length: N }, () => []);
names.forEach((n, k) => shards[k % N].push(n));
const t0 = performance.now();
await Promise.all(shards.map(async (s, k) => {
  let t = performance.now();
  const { index } = await pagefind.createIndex();
  const added = await index.addDirectory({ path: dir, glob: `posts/{${s.join(',')}}/index.html` });
  const a = Math.round(performance.now() - t);
  const w = await index.writeFiles({ outputPath: `/tmp/pf-sh/${k}` });
  console.log(k, added.page_count, added.errors, a, Math.round(performance.now() - t));
}));
console.log('total', Math.round(performance.now() - t0));
await pagefind.close();
