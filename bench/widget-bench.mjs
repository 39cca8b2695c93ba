// Measures our card beside the peer widgets in one run, with the shared harness
// (../shared/bench/peers): gzip bytes downloaded, ready time over the blank page, long tasks, heap.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { measureLongTasks } from './widget/long-tasks.mjs';
import { pairedExtra, ratioRange, readBy } from './widget/paired.mjs';
import { cpuThrottle, preparePages, root, runs, work } from './widget/setup.mjs';

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
// One file per CPU speed: widget-latest.* at 1×, widget-latest-cpu4x.* at 4×.
const name = cpuThrottle === '1' ? 'widget-latest' : `widget-latest-cpu${cpuThrottle}x`;
execFileSync('node', [
  'measure.mjs', '--pages', 'pages.json', '--mount', `/ours=${ours}`,
  'pepite-first-view=/ours/nps-first-view.html|', 'pepite=/ours/nps.html|', 'pepite-wasm-preload=/ours/nps-preload.html|',
  'async-script-floor=/ours/floor.html|',
  // The same first-view page and floor seen as the peers are: a visible element matched by the
  // harness's MutationObserver, not our `widget-ready` mark, which the harness hears later, through
  // a PerformanceObserver task that Chromium runs after the card's first frame. The element is the
  // shop's target, empty (no height) until the card is drawn into it: our host element itself is
  // `display: contents`, without a box, so the harness never saw it as visible (until the seventh
  // session this row was read by the mark; `readBy` below says how each row was read).
  'pepite-first-view-seen=/ours/nps-first-view.html|#pp-survey', 'async-script-floor-seen=/ours/floor.html|#floor-seen',
  '--runs', runs, '--cpu-throttle', cpuThrottle,
  '--json', path.join(out, `${name}.json`), '--md', path.join(out, `${name}.md`),
], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });

const lines = ['', 'Pépite download (gzip -9):'];
for (const s of sizes) lines.push(`  ${s.file}: ${s.raw} bytes raw, ${s.gzip} gzip`);
lines.push(`  total to see the card: ${total} bytes gzip (budget 81920)`);
for (const s of later) lines.push(`  then, on the shopper's first answer: ${s.file}: ${s.raw} bytes raw, ${s.gzip} gzip`);
// Ready medians of this run against the blank page and against the async-script floor.
const result = JSON.parse(readFileSync(path.join(out, `${name}.json`), 'utf8'));
const summary = result.summary;
/** @param {string} label */
const ready = (label) => (summary[label] ? summary[label].readyMs.median : NaN);
const blank = ready('blank-control');
const floor = ready('async-script-floor');
lines.push('', 'Ready, median of this run (ms over the blank page; over the async-script floor):');
for (const label of Object.keys(summary)) {
  if (label === 'blank-control') continue;
  const r = ready(label);
  const by = Object.entries(readBy(result.samples, label)).map(([how, n]) => `${how} ${n}`).join(', ');
  lines.push(`  ${label}: +${(r - blank).toFixed(1)}; +${(r - floor).toFixed(1)} (read by ${by})`);
}
// Issue 19 budgets: card ready extra over blank at most 0.8 × Formbricks' extra in the same run;
// no main-thread task over 50 ms; JS heap after GC at most Formbricks'.
// The longest main-thread task (the harness only counts those over 50 ms, and only during the
// load): from Chromium's trace, during the load and during the first click on a score, at most
// 10 loads per widget.
const longest = await measureLongTasks(work, { runs: Math.min(Number(runs), 10), throttle: Number(cpuThrottle) });
writeFileSync(path.join(out, `${name}-long-tasks.json`), JSON.stringify(longest, null, 2) + '\n');
/** @param {string} l */
const tasks = (l) => {
  const t = longest[l.startsWith('formbricks') ? 'formbricks' : l];
  if (!t) return '';
  const worst = Math.max(t.load.max, t.interaction.max);
  const own = t.loadOwn;
  const verdict = worst <= 50 ? 'met' : own && Math.max(own.max, t.interaction.max) <= 50 ? "met by the widget's own tasks" : 'NOT met';
  return ` longest task: load ${t.load.median.toFixed(1)} ms (max ${t.load.max.toFixed(1)})${own ? `, of those its own ${own.median.toFixed(1)} ms (max ${own.max.toFixed(1)})` : ''},` +
    ` first interaction ${t.interaction.median.toFixed(1)} ms (max ${t.interaction.max.toFixed(1)}) (budget 50 ms: ${verdict});`;
};
const fb = Object.keys(summary).find((l) => l.startsWith('formbricks'));
if (fb) {
  const extra = (/** @type {string} */ l) => ready(l) - blank;
  const heap = (/** @type {string} */ l) => summary[l].heapAfterGcMB.median;
  // A "seen" row read by the mark is not read as the peers are: no verdict from it.
  const as_peers = (/** @type {string} */ l) => !l.endsWith('-seen') || !readBy(result.samples, l).mark;
  const verdict = (/** @type {string} */ l, /** @type {boolean} */ met) => (!as_peers(l) ? 'no verdict: read by the mark, not as the peers are' : met ? 'met' : 'NOT met');
  lines.push('', `Issue 19 budgets at ${cpuThrottle}× CPU (load average before ${result.env.loadavgBefore.join(' ')}, after ${result.env.loadavgAfter.join(' ')}):`);
  for (const l of ['pepite-first-view', 'pepite-first-view-seen', 'pepite']) {
    if (!summary[l]) continue;
    const ratio = extra(l) / extra(fb);
    lines.push(`  ${l}: extra +${extra(l).toFixed(1)} ms vs ${fb} +${extra(fb).toFixed(1)} ms = ${ratio.toFixed(3)}× (budget 0.800×: ${verdict(l, ratio <= 0.8)});` +
      ` long tasks (> 50 ms) max ${summary[l].longTasks.max} (budget 0: ${summary[l].longTasks.max === 0 ? 'met' : 'NOT met'});` + tasks(l) +
      ` heap after GC ${heap(l).toFixed(2)} MB vs ${heap(fb).toFixed(2)} MB (${heap(l) <= heap(fb) ? 'met' : 'NOT met'})`);
  }
  lines.push(`  ${fb} (for comparison):${tasks(fb)} heap after GC ${heap(fb).toFixed(2)} MB`);
  // The same ratio from the rounds' paired differences (bench/widget/paired.mjs): how sure it is.
  const peer = pairedExtra(result.samples, fb, 'blank-control');
  for (const l of ['pepite-first-view', 'pepite-first-view-seen']) {
    if (!summary[l]) continue;
    const ours = pairedExtra(result.samples, l, 'blank-control');
    const r = ratioRange(ours, peer);
    lines.push(`  ${l}, round by round (${ours.n} rounds): +${ours.mean.toFixed(1)} ± ${ours.se.toFixed(1)} ms vs +${peer.mean.toFixed(1)} ± ${peer.se.toFixed(1)} ms` +
      ` = ${r.ratio.toFixed(3)}× (95 % roughly ${r.low.toFixed(2)}–${r.high.toFixed(2)}: ${!as_peers(l) ? verdict(l, false) : r.high <= 0.8 ? 'met' : r.low > 0.8 ? 'NOT met' : 'undecided by this run'})`);
  }
  const floor_tasks = longest['async-script-floor'];
  if (floor_tasks && floor_tasks.loadOwn) {
    lines.push(`  the host page alone (async-script floor): longest load task ${floor_tasks.load.median.toFixed(1)} ms (max ${floor_tasks.load.max.toFixed(1)}), of those its script's ${floor_tasks.loadOwn.median.toFixed(1)} ms`);
  }
}
console.log(lines.join('\n'));
if (cpuThrottle === '1') writeFileSync(path.join(out, 'widget-sizes.json'), JSON.stringify({ sizes, totalGzip: total, afterFirstAnswer: later }, null, 2) + '\n');
