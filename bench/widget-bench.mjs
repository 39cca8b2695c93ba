// Measures our card beside the peer widgets in one run, with the shared harness
// (../shared/bench/peers): gzip bytes downloaded, ready time over the blank page, long tasks, heap.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const peersSrc = path.resolve(root, '../shared/bench/peers');
const work = path.join(root, 'build/bench-peers');
const runs = process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : '20';

// shared/ is read-only: work on a copy, with its own node_modules (exact versions from its lock).
if (!existsSync(path.join(work, 'node_modules/playwright-core'))) {
  mkdirSync(work, { recursive: true });
  for (const f of ['measure.mjs', 'package.json', 'package-lock.json', 'pages', 'pages.json']) {
    cpSync(path.join(peersSrc, f), path.join(work, f), { recursive: true });
  }
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, stdio: 'inherit' });
}

// Our page and the files a shopper downloads, served under /ours.
const ours = path.join(work, 'ours');
rmSync(ours, { recursive: true, force: true });
mkdirSync(path.join(ours, 'dist'), { recursive: true });
cpSync(path.join(root, 'bench/widget/nps.html'), path.join(ours, 'nps.html'));
// A variant with the README's optional hint: the wasm downloads while pepite.js does. Not the
// official figure (the page has one script tag); measured beside it to show the gain.
const preload = '<link rel="preload" href="./dist/pepite-core.wasm" as="fetch" type="application/wasm" crossorigin>\n';
writeFileSync(
  path.join(ours, 'nps-preload.html'),
  readFileSync(path.join(ours, 'nps.html'), 'utf8').replace('<script async src=', preload + '<script async src='),
);
// The floor: the same page whose async script only marks ready. The harness sees the blank page
// ready as soon as its marker is parsed; any async script runs later than that, so this row shows
// the part of "ready over blank" no widget loaded by an async script tag can avoid.
cpSync(path.join(root, 'bench/widget/floor.js'), path.join(ours, 'floor.js'));
writeFileSync(
  path.join(ours, 'floor.html'),
  readFileSync(path.join(ours, 'nps.html'), 'utf8').replace('src="./dist/pepite.js"', 'src="./floor.js"'),
);
for (const f of ['pepite.js', 'pepite-core.wasm', 'pepite-text.wasm']) cpSync(path.join(root, 'dist', f), path.join(ours, 'dist', f));

/** @param {string} f */
const size_of = (f) => {
  const bytes = readFileSync(path.join(root, 'dist', f));
  return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
// What a shopper downloads to see the card; the comment analysis comes on the first answer.
const sizes = ['pepite.js', 'pepite-core.wasm'].map(size_of);
const later = [size_of('pepite-text.wasm')];
const total = sizes.reduce((s, x) => s + x.gzip, 0);

const out = path.join(root, 'bench/results');
mkdirSync(out, { recursive: true });
execFileSync('node', [
  'measure.mjs', '--pages', 'pages.json', '--mount', `/ours=${ours}`,
  'pepite=/ours/nps.html|', 'pepite-wasm-preload=/ours/nps-preload.html|', 'async-script-floor=/ours/floor.html|',
  '--runs', runs,
  '--json', path.join(out, 'widget-latest.json'), '--md', path.join(out, 'widget-latest.md'),
], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });

const lines = ['', 'Pépite download (gzip -9):'];
for (const s of sizes) lines.push(`  ${s.file}: ${s.raw} bytes raw, ${s.gzip} gzip`);
lines.push(`  total to see the card: ${total} bytes gzip (budget 81920)`);
for (const s of later) lines.push(`  then, on the shopper's first answer: ${s.file}: ${s.raw} bytes raw, ${s.gzip} gzip`);
// Ready medians of this run against the blank page and against the async-script floor.
const summary = JSON.parse(readFileSync(path.join(out, 'widget-latest.json'), 'utf8')).summary;
/** @param {string} label */
const ready = (label) => (summary[label] ? summary[label].readyMs.median : NaN);
const blank = ready('blank-control');
const floor = ready('async-script-floor');
lines.push('', 'Ready, median of this run (ms over the blank page; over the async-script floor):');
for (const label of Object.keys(summary)) {
  if (label === 'blank-control') continue;
  const r = ready(label);
  lines.push(`  ${label}: +${(r - blank).toFixed(1)}; +${(r - floor).toFixed(1)}`);
}
console.log(lines.join('\n'));
writeFileSync(path.join(out, 'widget-sizes.json'), JSON.stringify({ sizes, totalGzip: total, afterFirstAnswer: later }, null, 2) + '\n');
