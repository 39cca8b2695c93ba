// The longest main-thread task of each widget (issue 19: "no main-thread task over 50 ms"), from
// Chromium's trace (every RunTask of the page's main thread, not only those the longtask
// observer reports), in two phases: the load (navigation until the card shows, plus a settle) and
// the shopper's first interaction (a click on 9 until the follow-up is drawn, plus a settle). It
// waits and clicks through the DevTools protocol, not Playwright's locators (their injected script
// is parsed on the page's main thread: 40-80 ms in one task at 4× CPU, not the widget's).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/**
 * What each measured page shows when ready and what the first interaction clicks, then waits for
 * (CSS selectors, looked for in the document and in open shadow roots: see `find`).
 * `script`: the URL of the widget's async script, for its own tasks (see `longestTasks`).
 * @type {Array<{ label: string, url: string, ready: string, click: string, after: string, script?: RegExp }>}
 */
export const WIDGETS = [
  { label: 'pepite-first-view', url: '/ours/nps-first-view.html', ready: '.pp-card', click: '[data-pepite-score="9"]', after: '[data-question="reason"]', script: /\/pepite\.js$/ },
  { label: 'pepite', url: '/ours/nps.html', ready: '.pp-card', click: '[data-pepite-score="9"]', after: '[data-question="reason"]', script: /\/pepite\.js$/ },
  { label: 'formbricks', url: '/pages/formbricks-nps.html', ready: '#fb-survey label:has(input[value="0"])', click: '#fb-survey label:has(input[value="9"])', after: '' },
  // The same host page with an async script that only marks ready: its own tasks, no widget.
  { label: 'async-script-floor', url: '/ours/floor.html', ready: '#floor-seen', click: '', after: '', script: /\/floor\.js$/ },
];

/**
 * A page expression: the first visible element matching `selector` in the document or an open
 * shadow root, else null.
 * @param {string} selector
 */
const find = (selector) => `(() => {
  const deep = (root) => {
    const el = root.querySelector(${JSON.stringify(selector)});
    if (el) return el;
    for (const e of root.querySelectorAll('*')) if (e.shadowRoot) { const got = deep(e.shadowRoot); if (got) return got; }
    return null;
  };
  const el = deep(document);
  return el && el.getBoundingClientRect().width > 0 ? el : null;
})()`;

/**
 * Waits until `selector` shows, through the DevTools protocol alone (a poll every 20 ms in the
 * page). Playwright's locators would first inject Playwright's own script into the page: 40-80 ms
 * of parsing at 4× CPU in one main-thread task, which this reading would count as the widget's.
 * @param {import('playwright-core').CDPSession} cdp @param {string} selector
 */
async function until(cdp, selector) {
  const expression = `new Promise((ok, no) => {
    const t0 = performance.now();
    const poll = () => (${find(selector)} ? ok(true) : performance.now() - t0 > 30000 ? no(new Error('timeout')) : setTimeout(poll, 20));
    poll();
  })`;
  const r = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`${selector} did not show: ${r.exceptionDetails.text}`);
}

/**
 * Clicks the middle of `selector`'s element with the mouse, through the DevTools protocol alone.
 * @param {import('playwright-core').CDPSession} cdp @param {string} selector
 */
async function click(cdp, selector) {
  const expression = `(() => { const el = ${find(selector)}; el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`;
  const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`${selector} could not be clicked: ${r.exceptionDetails.text}`);
  const [x, y] = r.result.value;
  for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
    await cdp.send('Input.dispatchMouseEvent', { type: /** @type {any} */ (type), x, y, button: 'left', clickCount: 1 });
  }
}

/**
 * Serves `dir` on 127.0.0.1 (GET files, POST answered 204).
 * @param {string} dir
 */
export function serve(dir) {
  const server = createServer(async (req, res) => {
    if (req.method === 'POST') {
      req.resume();
      res.writeHead(204).end();
      return;
    }
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url || '/', 'http://x').pathname)));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': /** @type {any} */ (TYPES)[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch (_) {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The RunTask events of the renderer main threads in a trace's events.
 * @param {any[]} events Chromium's traceEvents
 */
export function mainTasks(events) {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
}

/** Trace events that mean a task ran script. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'FireAnimationFrame', 'v8.run']);

/**
 * The longest RunTask (ms) of the renderer main threads in a trace.
 * @param {Buffer} trace Chromium's JSON trace
 */
export function longestTask(trace) {
  return longestTasks(trace).any;
}

/**
 * The longest RunTask (ms) of the renderer main threads in a trace (`any`), and with `script` (the
 * URL of an async widget script) the longest of the widget's own (`own`): from its evaluation on,
 * those running script, not the parser's (a reading by time: on the bench's pages the host runs no
 * script of its own after the widget's has started). The rest is the host page's: at 4× CPU its
 * navigation, parsing and first layout make 50-135 ms tasks with or without a widget (issue 19,
 * the async-script floor's row), which no widget script can split.
 * @param {Buffer} trace Chromium's JSON trace
 * @param {RegExp} [script]
 * @returns {{ any: number, own: number }}
 */
export function longestTasks(trace, script) {
  const events = JSON.parse(String(trace)).traceEvents;
  const tasks = mainTasks(events);
  const main = new Set(tasks.map((e) => `${e.pid}:${e.tid}`));
  const on_main = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && (SCRIPT_EVENTS.has(e.name) || e.name === 'ParseHTML'));
  const url = (/** @type {any} */ e) => String((e.args && e.args.data && e.args.data.url) || '');
  const begin = script ? on_main.find((e) => e.name === 'EvaluateScript' && script.test(url(e))) : null;
  const inside = (/** @type {any} */ t, /** @type {(e: any) => boolean} */ f) => on_main.some((e) => e.ts >= t.ts && e.ts < t.ts + t.dur && f(e));
  const own = begin
    ? tasks.filter((t) => t.ts + t.dur > begin.ts && inside(t, (e) => SCRIPT_EVENTS.has(e.name)) && !inside(t, (e) => e.name === 'ParseHTML'))
    : [];
  return { any: Math.max(0, ...tasks.map((e) => e.dur / 1000)), own: Math.max(0, ...own.map((e) => e.dur / 1000)) };
}

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Loads every widget `runs` times with the CPU slowed `throttle` times; returns, per label, the
 * longest task of the load and of the first interaction, medians and maxima over the runs.
 * @param {string} dir what to serve: the harness copy (pages/, ours/)
 * @param {{ runs: number, throttle: number, chromium?: string }} o
 */
export async function measureLongTasks(dir, o) {
  const server = /** @type {import('node:http').Server} */ (await serve(dir));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const browser = await chromium.launch({
    executablePath: o.chromium || process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
  /** @type {Record<string, { load: number[], loadOwn: number[], interaction: number[] }>} */
  const out = {};
  try {
    for (let r = 0; r < o.runs; r++) {
      for (const w of WIDGETS) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
        try {
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          if (o.throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.throttle });
          await browser.startTracing(page, { categories });
          await page.goto(`http://127.0.0.1:${port}${w.url}`);
          await until(cdp, w.ready);
          await page.waitForTimeout(1000);
          const load = longestTasks(await browser.stopTracing(), w.script);
          await browser.startTracing(page, { categories });
          if (w.click) await click(cdp, w.click);
          if (w.after) await until(cdp, w.after);
          await page.waitForTimeout(1000);
          const interaction = longestTask(await browser.stopTracing());
          const row = (out[w.label] ||= { load: [], loadOwn: [], interaction: [] });
          row.load.push(load.any);
          row.loadOwn.push(load.own);
          row.interaction.push(interaction);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const has_script = new Set(WIDGETS.filter((w) => w.script).map((w) => w.label));
  return Object.fromEntries(Object.entries(out).map(([label, { load, loadOwn, interaction }]) => [label, {
    load: { median: median(load), max: Math.max(...load) },
    // Only for the widgets whose script is named (Formbricks' runs in the parser's task).
    loadOwn: has_script.has(label) ? { median: median(loadOwn), max: Math.max(...loadOwn) } : null,
    interaction: { median: median(interaction), max: Math.max(...interaction) },
  }]));
}
