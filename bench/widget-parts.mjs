// Where the card's ready time goes: our page beside two builds that each take one part of the work
// away (bench/widget/core-canned.js), the blank page and the async-script floor, in one run of the
// shared harness. Usage: npm run bench -- widget-parts [--runs N] [--cpu-throttle N]
//   pepite             the real card
//   pepite-first-view  the real card, the definition carrying its first view (issue 19)
//   first-script-only  the same page with only what draws that first view (no core glue, no
//                      delivery; bench/widget/first-script-only.js): the best a split pepite.js
//                      could do (issue 19: "measure whether a smaller first script helps")
//   pepite-no-core-work  the same download, compile and instantiation; no session work
//   pepite-no-wasm     no wasm download either (the same view, given at once)
//   async-script-floor an async script that only marks ready
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, compileHint, terse } from '../scripts/bundle-options.mjs';
import { cpuThrottle, preparePages, root, runs, work } from './widget/setup.mjs';

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
/**
 * The variants' pages are one folder deeper than /ours (/parts/<variant>/): the host page's
 * stylesheet is `../pages/host.css` from /ours, so they name it from the root (without it they
 * were measured on an unstyled page, one request failing).
 * @param {string} html
 */
const one_level_down = (html) => html.replace('href="../pages/host.css"', 'href="/pages/host.css"');
rmSync(parts, { recursive: true, force: true });
const canned = path.join(root, 'bench/widget/core-canned.js');
for (const mode of ['no-core-work', 'no-wasm']) {
  let stood_in = 0;
  const dir = path.join(parts, mode);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'nps.html'), one_level_down(page));
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
        // The shell's imports of ./core.js (js/widget-load.js: loadCore, js/survey-run.js:
        // createSession, since issue 15 split js/widget.js) get the stand-in; the stand-in's own
        // import, from bench/widget/, is the real one. (Matching js/widget.js alone, as before the
        // split, left both variants running the real core.)
        b.onResolve({ filter: /\/core\.js$/ }, (args) => {
          if (!args.importer.includes(`${path.sep}js${path.sep}`)) return undefined;
          stood_in += 1;
          return { path: canned };
        });
      },
    }],
  });
  if (!stood_in) throw new Error(`${mode}: no import of js/core.js was replaced; the variant would measure the real core`);
}
// The first script alone: the core and delivery modules stand in (nothing else changes).
const lean = path.join(parts, 'first-script');
mkdirSync(path.join(lean, 'dist'), { recursive: true });
writeFileSync(path.join(lean, 'nps-first-view.html'), one_level_down(readFileSync(path.join(ours, 'nps-first-view.html'), 'utf8')));
const only = path.join(root, 'bench/widget/first-script-only.js');
await build({
  ...bundleOptions(root),
  entryPoints: [path.join(root, 'js/script-tag.js')],
  outfile: path.join(lean, 'dist/pepite.js'),
  format: 'iife',
  plugins: [{
    name: 'first-script-only',
    setup(b) {
      b.onResolve({ filter: /^\.\/(core|delivery)\.js$/ }, (args) => (args.importer.includes(`${path.sep}js${path.sep}`) ? { path: only } : undefined));
    },
  }],
});
// Like dist/pepite.js: the variants get the same second minifier pass.
// and the same compile hint.
for (const dir of [...['no-core-work', 'no-wasm'].map((m) => path.join(parts, m)), lean]) {
  await terse(path.join(dir, 'dist/pepite.js'));
  compileHint(path.join(dir, 'dist/pepite.js'));
}
/** @param {string} f */
const gzip_of = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const first_bytes = { 'pepite.js': gzip_of(path.join(ours, 'dist/pepite.js')), 'first-script-only': gzip_of(path.join(lean, 'dist/pepite.js')) };
const out = path.join(root, 'bench/results');
mkdirSync(out, { recursive: true });
// One file per CPU speed: widget-parts.* at 1×, widget-parts-cpu4x.* at 4×.
const name = cpuThrottle === '1' ? 'widget-parts' : `widget-parts-cpu${cpuThrottle}x`;
execFileSync('node', [
  'measure.mjs', '--mount', `/ours=${ours}`, '--mount', `/parts=${parts}`,
  'blank-control=pages/blank.html|#host-ready', 'pepite=/ours/nps.html|',
  'pepite-no-core-work=/parts/no-core-work/nps.html|', 'pepite-no-wasm=/parts/no-wasm/nps.html|',
  'pepite-first-view=/ours/nps-first-view.html|', 'first-script-only=/parts/first-script/nps-first-view.html|',
  'async-script-floor=/ours/floor.html|',
  '--runs', runs, '--cpu-throttle', cpuThrottle,
  '--json', path.join(out, `${name}.json`), '--md', path.join(out, `${name}.md`),
], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });

const result = JSON.parse(readFileSync(path.join(out, `${name}.json`), 'utf8'));
const summary = result.summary;
/** @param {string} label */
const ready = (label) => summary[label].readyMs.median;
const lines = ['', `Ready, median of this run at ${cpuThrottle}× CPU (ms over the blank page; load average before ${result.env.loadavgBefore.join(' ')}, after ${result.env.loadavgAfter.join(' ')}):`];
for (const label of Object.keys(summary)) if (label !== 'blank-control') lines.push(`  ${label}: +${(ready(label) - ready('blank-control')).toFixed(1)}`);
lines.push(
  '', 'So, on the way to the first question:',
  `  the first session (parsing the survey, lazily compiling its wasm functions): ${(ready('pepite') - ready('pepite-no-core-work')).toFixed(1)} ms`,
  `  downloading, compiling and instantiating pepite-core.wasm: ${(ready('pepite-no-core-work') - ready('pepite-no-wasm')).toFixed(1)} ms`,
  `  the shell and the drawing, over the floor: ${(ready('pepite-no-wasm') - ready('async-script-floor')).toFixed(1)} ms`,
  `  the async-script floor over the blank page: ${(ready('async-script-floor') - ready('blank-control')).toFixed(1)} ms`,
  '', 'A smaller first script (issue 19), the card drawn from its precomputed first view:',
  `  pepite.js ${first_bytes['pepite.js']} B gzip: +${(ready('pepite-first-view') - ready('blank-control')).toFixed(1)} ms over blank`,
  `  first script only ${first_bytes['first-script-only']} B gzip: +${(ready('first-script-only') - ready('blank-control')).toFixed(1)} ms over blank` +
    ` (${(ready('pepite-first-view') - ready('first-script-only')).toFixed(1)} ms sooner at most)`,
);
console.log(lines.join('\n'));
