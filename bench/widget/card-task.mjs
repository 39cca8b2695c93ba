// The card's own task, before and after a change to the shell, in one run (issue 19: `fit()` off
// the early card's path). Serves the bench page with its first view (`pepite-check --first-view`)
// twice, with `--before <pepite.js>` and with dist/pepite.js, loads them alternately under
// Chromium's trace (390 × 844, cache off, the CPU slowed `--cpu-throttle` times) and prints, per
// build, the duration of the main-thread task holding the `widget-ready` mark and the longest
// task of the load (navigation → card shown + 500 ms), medians and maxima, with the load average.
// Usage: node bench/widget/card-task.mjs --before old-pepite.js [--runs N] [--cpu-throttle N]
// (build the old one with `git stash; node scripts/build-js.mjs; cp dist/pepite.js …`).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { mainTasks, median, serve } from './long-tasks.mjs';
import { cpuThrottle, root, runs } from './setup.mjs';

const arg = (/** @type {string} */ name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : '');
const before = arg('--before');
if (!before) throw new Error('usage: node bench/widget/card-task.mjs --before old-pepite.js [--runs N] [--cpu-throttle N]');
const dir = path.join(root, 'build/card-task');
const page = readFileSync(path.join(root, 'bench/widget/nps.html'), 'utf8');
const open = '<script type="application/json" id="pepite-survey">';
const start = page.indexOf(open) + open.length;
const end = page.indexOf('</script>', start);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'survey.json'), page.slice(start, end));
const view = execFileSync(process.env.PEPITE_CHECK || path.join(root, 'build/native/pepite-check'), ['--first-view', '--locale', 'en', path.join(dir, 'survey.json')], { encoding: 'utf8' });
for (const [v, js] of [['before', before], ['after', path.join(root, 'dist/pepite.js')]]) {
  mkdirSync(path.join(dir, v, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, v, 'nps.html'), page.slice(0, start) + '\n' + view.trim() + '\n' + page.slice(end));
  cpSync(js, path.join(dir, v, 'dist/pepite.js'));
  for (const f of ['pepite-core.wasm', 'pepite-text.wasm']) cpSync(path.join(root, 'dist', f), path.join(dir, v, 'dist', f));
}

// The host page's stylesheet, from the shared harness (bench/widget/setup.mjs), when there is one.
const host_css = path.join(process.env.PEPITE_SHARED || path.resolve(root, '../shared'), 'bench/peers/pages/host.css');
const css = [host_css, '/work/shared/bench/peers/pages/host.css'].find((f) => existsSync(f));
if (css) {
  mkdirSync(path.join(dir, 'pages'), { recursive: true });
  cpSync(css, path.join(dir, 'pages/host.css'));
}

const server = /** @type {import('node:http').Server} */ (await serve(dir));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
/** @type {Record<string, { card: number[], longest: number[] }>} */
const out = { before: { card: [], longest: [] }, after: { card: [], longest: [] } };
const load = os.loadavg()[0];
try {
  for (let r = 0; r < +runs; r++) {
    for (const v of r % 2 ? ['after', 'before'] : ['before', 'after']) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        if (+cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: +cpuThrottle });
        await browser.startTracing(tab, { categories: ['__metadata', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
        await tab.goto(`http://127.0.0.1:${port}/${v}/nps.html`);
        await tab.locator('pepite-survey .pp-card').waitFor({ timeout: 30000 });
        await tab.waitForTimeout(500);
        const events = JSON.parse(String(await browser.stopTracing())).traceEvents;
        const tasks = mainTasks(events);
        const mark = events.find((e) => e.name === 'widget-ready');
        const holder = mark && tasks.find((t) => t.ts <= mark.ts && mark.ts <= t.ts + t.dur);
        if (holder) out[v].card.push(holder.dur / 1000);
        out[v].longest.push(Math.max(0, ...tasks.map((t) => t.dur / 1000)));
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
const ms = (/** @type {number[]} */ xs) => `${median(xs).toFixed(1)} ms (max ${Math.max(...xs).toFixed(1)})`;
for (const v of ['before', 'after']) console.log(`${v}: the card's task ${ms(out[v].card)} in ${out[v].card.length} loads; longest task ${ms(out[v].longest)}`);
console.log(`${runs} loads each, ${cpuThrottle}× CPU, load average ${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
