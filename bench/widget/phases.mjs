// Where the card's ready time goes, phase by phase, from Chromium's trace (issue 19): the bench
// page with its first view (bench/widget/setup.mjs), the blank page and the async-script floor,
// loaded in turn (390 × 844, cache off, the CPU slowed `--cpu-throttle` times). The page is
// "ready" as the shared harness sees it: when a PerformanceObserver hears the `widget-ready` mark
// (the blank page: when its marker element is parsed); this probe marks that moment
// `bench:ready`. Per phase, medians over the loads, wall time and the main thread's CPU time:
//   html          navigation → the script's request sent (the page parsed that far)
//   network       the script's request → its last byte
//   queued        its last byte → its evaluation starts
//   evaluate      the script's compile and run (compile: its v8 compile events)
//   before draw   evaluation end → the task that draws the card: the main thread's tasks in
//                 between (busy), by kind (script, style, layout, paint…)
//   draw          the task holding the `widget-ready` mark, by kind
//   to observer   the mark → the observer's task (the harness's "ready"), the tasks in between
// Usage: node bench/widget/phases.mjs [--runs N] [--cpu-throttle N] [--build name=path/to/pepite.js …]
// (several --build: each loaded in turn, in one run; default: dist/pepite.js as `pepite-first-view`;
// PHASES_SAVE=/tmp/t keeps each load's trace as /tmp/t-<page>-<run>.json).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { median, serve } from './long-tasks.mjs';
import { cpuThrottle, root } from './setup.mjs';

const runs = process.argv.includes('--runs') ? +process.argv[process.argv.indexOf('--runs') + 1] : 10;
const builds = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--build' ? [a.split('=')] : []));
if (!builds.length) builds.push(['pepite-first-view', path.join(root, 'dist/pepite.js')]);

const dir = path.join(root, 'build/phases');
const page = readFileSync(path.join(root, 'bench/widget/nps.html'), 'utf8');
const open = '<script type="application/json" id="pepite-survey">';
const start = page.indexOf(open) + open.length;
const end = page.indexOf('</script>', start);
mkdirSync(path.join(dir, 'pages'), { recursive: true });
writeFileSync(path.join(dir, 'survey.json'), page.slice(start, end));
const view = execFileSync(process.env.PEPITE_CHECK || path.join(root, 'build/native/pepite-check'), ['--first-view', '--locale', 'en', path.join(dir, 'survey.json')], { encoding: 'utf8' });
const with_view = page.slice(0, start) + '\n' + view.trim() + '\n' + page.slice(end);
for (const [name, js] of builds) {
  mkdirSync(path.join(dir, name, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, name, 'nps.html'), with_view);
  cpSync(js, path.join(dir, name, 'dist/pepite.js'));
  for (const f of ['pepite-core.wasm', 'pepite-text.wasm']) cpSync(path.join(root, 'dist', f), path.join(dir, name, 'dist', f));
}
mkdirSync(path.join(dir, 'floor'), { recursive: true });
writeFileSync(path.join(dir, 'floor/nps.html'), page.replace('src="./dist/pepite.js"', 'src="./floor.js"'));
cpSync(path.join(root, 'bench/widget/floor.js'), path.join(dir, 'floor/floor.js'));
// The shared harness's blank page and host stylesheet (bench/widget/setup.mjs finds it).
const shared = [process.env.PEPITE_SHARED && path.join(process.env.PEPITE_SHARED, 'bench/peers'), path.resolve(root, '../shared/bench/peers'), '/work/shared/bench/peers'].find((d) => d && existsSync(d));
if (!shared) throw new Error('the shared harness (../shared/bench/peers) is missing');
for (const f of ['host.css', 'blank.html']) cpSync(path.join(shared, 'pages', f), path.join(dir, 'pages', f));

const server = /** @type {import('node:http').Server} */ (await serve(dir));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

/** The harness's "ready", as its probe hears it: the mark's observer, or the blank page's marker parsed. */
function probe() {
  const done = () => performance.mark('bench:ready');
  new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.name === 'widget-ready')) done();
  }).observe({ type: 'mark', buffered: true });
  const mo = new MutationObserver(() => {
    if (document.getElementById('host-ready')) {
      mo.disconnect();
      done();
    }
  });
  mo.observe(document, { childList: true, subtree: true });
}

/** What a trace event's time counts as. @param {string} name */
function kind(name) {
  if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|StyleInvalidator|ScheduleStyleRecalculation)/.test(name)) return 'style';
  if (/^(Layout|UpdateLayout|LayoutShift|IntersectionObserverController)/.test(name)) return 'layout';
  if (/^(Paint|PrePaint|Layerize|Commit|UpdateLayer|CompositeLayers|PaintImage|RasterTask|ScrollLayer|BeginMainFrame|UpdateLayerTree|Animation)/.test(name)) return 'paint';
  if (/^(ParseHTML|HTMLDocumentParser)/.test(name)) return 'parse';
  if (/compile|Compile/.test(name)) return 'compile';
  if (/wasm|Wasm|newInstance/.test(name)) return 'wasm';
  if (/^(EvaluateScript|FunctionCall|TimerFire|EventDispatch|RunMicrotasks|v8\.|V8\.|FireAnimationFrame|PerformanceObserver|XHR|ResourceReceive|ResourceFinish|ResourceSendRequest)/.test(name)) return 'script';
  return '';
}

/** An event's CPU time (µs): its thread time where the trace has it, else its wall time. @param {any} e */
const cpu_of = (e) => e.tdur ?? e.dur;

/**
 * CPU time of a set of tasks by kind: each event's own time (minus its children) goes to its kind,
 * or to its nearest ancestor's, else `other`.
 * @param {any[]} events the thread's complete events, sorted by ts then longest first
 * @param {any[]} tasks RunTask events
 */
function by_kind(events, tasks) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const t of tasks) {
    const inside = events.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur);
    /** @type {Array<{ e: any, k: string, child: number }>} */
    const stack = [{ e: t, k: 'other', child: 0 }];
    const pop = () => {
      const s = /** @type {any} */ (stack.pop());
      out[s.k] = (out[s.k] || 0) + Math.max(0, cpu_of(s.e) - s.child) / 1000;
      if (stack.length) stack[stack.length - 1].child += cpu_of(s.e);
    };
    for (const e of inside) {
      while (stack.length > 1 && e.ts >= stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur) pop();
      stack.push({ e, k: kind(e.name) || stack[stack.length - 1].k, child: 0 });
    }
    while (stack.length) pop();
  }
  return out;
}

/**
 * The phases of one load.
 * @param {any[]} all Chromium's traceEvents
 * @param {string} script the script's file name ('' for the blank page)
 */
function phases(all, script) {
  const ready = all.find((e) => e.name === 'bench:ready');
  if (!ready) return null;
  const thread = (/** @type {any} */ e) => e.pid === ready.pid && e.tid === ready.tid;
  const events = all.filter((e) => thread(e) && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = events.filter((e) => e.name === 'RunTask');
  const nav = all.find((e) => e.name === 'navigationStart' && thread(e)) || all.find((e) => e.name === 'ResourceSendRequest');
  const t0 = nav.ts;
  const ms = (/** @type {number} */ ts) => (ts - t0) / 1000;
  const row = { ready: ms(ready.ts) };
  if (!script) return row;
  const send = all.find((e) => e.name === 'ResourceSendRequest' && String(e.args.data.url).endsWith(script));
  const id = send && send.args.data.requestId;
  const finish = all.find((e) => e.name === 'ResourceFinish' && e.args.data.requestId === id);
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && String((e.args.data || {}).url).endsWith(script));
  const mark = all.find((e) => e.name === 'widget-ready' && thread(e));
  if (!send || !finish || !evaluate || !mark) return null;
  const holder = tasks.find((t) => t.ts <= evaluate.ts && evaluate.ts <= t.ts + t.dur) || evaluate;
  const draw = tasks.find((t) => t.ts <= mark.ts && mark.ts <= t.ts + t.dur);
  const observer = tasks.find((t) => t.ts <= ready.ts && ready.ts <= t.ts + t.dur);
  const cpu = (/** @type {any[]} */ ts) => ts.reduce((s, t) => s + (t.tdur ?? t.dur), 0) / 1000;
  const wall = (/** @type {any[]} */ ts) => ts.reduce((s, t) => s + t.dur, 0) / 1000;
  const compile = events.filter((e) => /compile/i.test(e.name) && e.ts >= holder.ts && e.ts <= holder.ts + holder.dur);
  const between = tasks.filter((t) => t.ts >= holder.ts + holder.dur && (!draw || t.ts + t.dur <= draw.ts));
  const after = tasks.filter((t) => draw && t.ts >= draw.ts + draw.dur && (!observer || t.ts + t.dur <= observer.ts));
  Object.assign(row, {
    html: ms(send.ts),
    network: (finish.ts - send.ts) / 1000,
    queued: (holder.ts - finish.ts) / 1000,
    evaluate: holder.dur / 1000,
    evaluateCpu: cpu([holder]),
    compile: compile.reduce((s, e) => s + e.dur, 0) / 1000,
    beforeDraw: draw && draw !== holder ? (draw.ts - holder.ts - holder.dur) / 1000 : 0,
    beforeDrawBusy: wall(between),
    beforeDrawCpu: cpu(between),
    beforeDrawTasks: between.length,
    beforeDrawKinds: by_kind(events, between),
    draw: draw && draw !== holder ? draw.dur / 1000 : 0,
    drawCpu: draw && draw !== holder ? cpu([draw]) : 0,
    drawKinds: draw && draw !== holder ? by_kind(events, [draw]) : {},
    markInDraw: draw ? (mark.ts - draw.ts) / 1000 : 0,
    toObserver: (ready.ts - mark.ts) / 1000,
    toObserverBusy: wall(after),
    toObserverKinds: by_kind(events, after),
    // Everything the main thread did from the script's evaluation to "ready", by kind (CPU).
    allKinds: by_kind(events, tasks.filter((t) => t.ts >= holder.ts && t.ts <= ready.ts)),
    allCpu: cpu(tasks.filter((t) => t.ts >= holder.ts && t.ts <= ready.ts)),
    longest: Math.max(0, ...tasks.filter((t) => t.ts <= ready.ts).map((t) => t.dur / 1000)),
  });
  return row;
}

const pages = [['blank', '/pages/blank.html', ''], ['floor', '/floor/nps.html', 'floor.js'], ...builds.map(([name]) => [name, `/${name}/nps.html`, 'pepite.js'])];
const categories = ['__metadata', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-v8.compile'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
/** @type {Record<string, any[]>} */
const out = {};
const load_before = os.loadavg();
try {
  for (let r = 0; r < runs; r++) {
    for (const [name, url, script] of r % 2 ? [...pages].reverse() : pages) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        await context.addInitScript(probe);
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        if (+cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: +cpuThrottle });
        await browser.startTracing(tab, { categories });
        await tab.goto(`http://127.0.0.1:${port}${url}`);
        await tab.waitForFunction(() => performance.getEntriesByName('bench:ready').length > 0, null, { timeout: 30000 });
        await tab.waitForTimeout(300);
        const trace = await browser.stopTracing();
        if (process.env.PHASES_SAVE) writeFileSync(`${process.env.PHASES_SAVE}-${name}-${r}.json`, trace);
        const row = phases(JSON.parse(String(trace)).traceEvents, script);
        if (row) (out[name] ||= []).push(row);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}

const f = (/** @type {number} */ x) => x.toFixed(1);
/** @param {any[]} rows @param {string} key */
const med = (rows, key) => median(rows.map((r) => r[key] || 0));
/** @param {any[]} rows @param {string} key */
const kinds = (rows, key) => {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r[key])))];
  return names.map((n) => [n, median(rows.map((r) => r[key][n] || 0))]).filter(([, v]) => +v >= 0.1).sort((a, b) => +b[1] - +a[1]).map(([n, v]) => `${n} ${f(+v)}`).join(', ');
};
const blank = out.blank ? med(out.blank, 'ready') : NaN;
const lines = [`Phases of the card's ready time (ms, medians of ${runs} loads, ${cpuThrottle}× CPU, 390 × 844; load average ${load_before.map(f).join(' ')} → ${os.loadavg().map(f).join(' ')}):`];
for (const [name] of pages) {
  const rows = out[name] || [];
  if (!rows.length) {
    lines.push(`  ${name}: no load measured`);
    continue;
  }
  lines.push(`  ${name} (${rows.length} loads): ready ${f(med(rows, 'ready'))}, over blank +${f(med(rows, 'ready') - blank)}`);
  if (name === 'blank') continue;
  lines.push(`    html ${f(med(rows, 'html'))} · network ${f(med(rows, 'network'))} · queued ${f(med(rows, 'queued'))} · evaluate ${f(med(rows, 'evaluate'))} (cpu ${f(med(rows, 'evaluateCpu'))}; compile events, wall ${f(med(rows, 'compile'))})`);
  lines.push(`    before draw ${f(med(rows, 'beforeDraw'))} (busy ${f(med(rows, 'beforeDrawBusy'))}, ${med(rows, 'beforeDrawTasks')} tasks; cpu ${f(med(rows, 'beforeDrawCpu'))}: ${kinds(rows, 'beforeDrawKinds')})`);
  lines.push(`    draw ${f(med(rows, 'draw'))} (cpu ${f(med(rows, 'drawCpu'))}: ${kinds(rows, 'drawKinds')}; mark at +${f(med(rows, 'markInDraw'))})`);
  lines.push(`    main thread from the evaluation to ready: cpu ${f(med(rows, 'allCpu'))} (${kinds(rows, 'allKinds')})`);
  lines.push(`    mark → observer ${f(med(rows, 'toObserver'))} (busy ${f(med(rows, 'toObserverBusy'))}; cpu ${kinds(rows, 'toObserverKinds')}) · longest task before ready ${f(med(rows, 'longest'))} (max ${f(Math.max(...rows.map((r) => r.longest)))})`);
}
console.log(lines.join('\n'));
writeFileSync(path.join(dir, `phases-cpu${cpuThrottle}x.json`), JSON.stringify(out, null, 1) + '\n');
