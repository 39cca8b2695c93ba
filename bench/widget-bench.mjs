// Measures our card beside the peer widgets in one run, with the shared harness
// (../shared/bench/peers): gzip bytes downloaded, ready time over the blank page, long tasks, heap.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { preparePages, root, runs, work } from './widget/setup.mjs';

const ours = preparePages();

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
