// Where the card's ready time goes: our page beside two builds that each take one part of the work
// away (bench/widget/core-canned.js), the blank page and the async-script floor, in one run of the
// shared harness. Usage: npm run bench -- widget-parts [--runs N]
//   pepite             the real card
//   pepite-no-core-work  the same download, compile and instantiation; no session work
//   pepite-no-wasm     no wasm download either (the same view, given at once)
//   async-script-floor an async script that only marks ready
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { preparePages, root, runs, work } from './widget/setup.mjs';

const ours = preparePages();

// The start report the real core gives for the bench page's survey (only the ids differ in the browser).
const page = readFileSync(path.join(root, 'bench/widget/nps.html'), 'utf8');
const survey = /<script type="application\/json" id="pepite-survey">([\s\S]*?)<\/script>/.exec(page);
if (!survey) throw new Error('bench/widget/nps.html has no inline survey');
const { default: createPepiteCore } = await import(path.join(root, 'dist/pepite-core.cjs'));
const Module = await createPepiteCore({ wasmBinary: readFileSync(path.join(root, 'dist/pepite-core.wasm')) });
const handle = Module._sessionCreate(survey[1], JSON.stringify({ locale: 'en', responseId: '5b0e2d8c-6f1a-4c3e-9b7d-2a4f6e8c0d1b', startedAt: Date.now(), pageUrl: 'http://127.0.0.1/ours/nps.html', properties: { orderId: 'BENCH-1' } }));
const start = Module._sessionStart(handle);
Module._sessionDelete(handle);
if (!JSON.parse(start).ok) throw new Error(`the core refused the bench survey: ${start}`);

const parts = path.join(work, 'parts');
rmSync(parts, { recursive: true, force: true });
const canned = path.join(root, 'bench/widget/core-canned.js');
for (const mode of ['no-core-work', 'no-wasm']) {
  const dir = path.join(parts, mode);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(root, 'bench/widget/nps.html'), path.join(dir, 'nps.html'));
  for (const f of ['pepite-core.wasm', 'pepite-text.wasm']) cpSync(path.join(root, 'dist', f), path.join(dir, 'dist', f));
  await build({
    ...bundleOptions(root),
    entryPoints: [path.join(root, 'js/script-tag.js')],
    outfile: path.join(dir, 'dist/pepite.js'),
    format: 'iife',
    define: { __PEPITE_BENCH_MODE__: JSON.stringify(mode), __PEPITE_BENCH_START__: JSON.stringify(start) },
    plugins: [{
      name: 'canned-core',
      setup(b) {
        // widget.js's import of ./core.js gets the stand-in; the stand-in's own import is the real one.
        b.onResolve({ filter: /\/core\.js$/ }, (args) => (args.importer.endsWith(path.join('js', 'widget.js')) ? { path: canned } : undefined));
      },
    }],
  });
}
const out = path.join(root, 'bench/results');
mkdirSync(out, { recursive: true });
execFileSync('node', [
  'measure.mjs', '--mount', `/ours=${ours}`, '--mount', `/parts=${parts}`,
  'blank-control=pages/blank.html|#host-ready', 'pepite=/ours/nps.html|',
  'pepite-no-core-work=/parts/no-core-work/nps.html|', 'pepite-no-wasm=/parts/no-wasm/nps.html|',
  'async-script-floor=/ours/floor.html|',
  '--runs', runs, '--json', path.join(out, 'widget-parts.json'), '--md', path.join(out, 'widget-parts.md'),
], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });

const summary = JSON.parse(readFileSync(path.join(out, 'widget-parts.json'), 'utf8')).summary;
/** @param {string} label */
const ready = (label) => summary[label].readyMs.median;
const lines = ['', 'Ready, median of this run (ms over the blank page):'];
for (const label of Object.keys(summary)) if (label !== 'blank-control') lines.push(`  ${label}: +${(ready(label) - ready('blank-control')).toFixed(1)}`);
lines.push(
  '', 'So, on the way to the first question:',
  `  the first session (parsing the survey, lazily compiling its wasm functions): ${(ready('pepite') - ready('pepite-no-core-work')).toFixed(1)} ms`,
  `  downloading, compiling and instantiating pepite-core.wasm: ${(ready('pepite-no-core-work') - ready('pepite-no-wasm')).toFixed(1)} ms`,
  `  the shell and the drawing, over the floor: ${(ready('pepite-no-wasm') - ready('async-script-floor')).toFixed(1)} ms`,
  `  the async-script floor over the blank page: ${(ready('async-script-floor') - ready('blank-control')).toFixed(1)} ms`,
);
console.log(lines.join('\n'));
