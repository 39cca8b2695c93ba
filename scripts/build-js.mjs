// Bundles the browser shell into dist/: pepite.js (IIFE for the script tag), pepite.mjs (ESM), pepite.d.ts.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleOptions, compileHint, terse } from './bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

if (!existsSync(join(dist, 'pepite-core.cjs'))) {
  console.error('build-js: dist/pepite-core.cjs is missing; run `bash scripts/build-wasm.sh` first');
  process.exit(1);
}

const common = bundleOptions(root);

await build({
  ...common,
  entryPoints: [join(root, 'js/script-tag.js')],
  outfile: join(dist, 'pepite.js'),
  format: 'iife',
});
// What the shopper downloads gets a second minifier pass (bundle-options.mjs, terse).
await terse(join(dist, 'pepite.js'));
// Then Chromium's explicit compile hint: its functions compile off the main thread (issue 19).
compileHint(join(dist, 'pepite.js'));

await build({
  ...common,
  stdin: {
    contents: "import './js/module-url.js';\nexport * from './js/index.js';\n",
    resolveDir: root,
    sourcefile: 'pepite-entry.js',
  },
  outfile: join(dist, 'pepite.mjs'),
  format: 'esm',
});

copyFileSync(join(root, 'js/pepite.d.ts'), join(dist, 'pepite.d.ts'));

let total = 0;
for (const f of ['pepite.js', 'pepite.mjs', 'pepite-core.wasm']) {
  const p = join(dist, f);
  if (!existsSync(p)) continue;
  const bytes = readFileSync(p);
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (f !== 'pepite.mjs') total += gz;
  console.log(`build-js: ${f.padEnd(18)} ${String(bytes.length).padStart(7)} bytes ${String(gz).padStart(6)} gzip`);
}
console.log(`build-js: script tag + wasm       ${String(total).padStart(6)} gzip (budget 81920)`);
// A shopper whose language is not built in also fetches its UI strings (issue 20): the largest.
let pack = 0;
for (const f of readdirSync(dist)) {
  if (/^pepite-ui-.*\.txt$/.test(f)) pack = Math.max(pack, gzipSync(readFileSync(join(dist, f)), { level: 9 }).length);
}
console.log(`build-js: + largest UI strings    ${String(total + pack).padStart(6)} gzip (budget 81920)`);
