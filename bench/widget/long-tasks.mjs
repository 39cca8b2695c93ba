// The longest main-thread task of each widget (issue 19: "no main-thread task over 50 ms"), from
// Chromium's trace (every RunTask of the page's main thread, not only those the longtask
// observer reports), in two phases: the load (navigation until the card shows, plus a settle) and
// the shopper's first interaction (a click on 9 until the follow-up is drawn, plus a settle).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/**
 * What each measured page shows when ready and what the first interaction clicks, then waits for.
 * @type {Array<{ label: string, url: string, ready: string, click: string, after: string }>}
 */
export const WIDGETS = [
  { label: 'pepite-first-view', url: '/ours/nps-first-view.html', ready: 'pepite-survey .pp-card', click: 'pepite-survey [data-pepite-score="9"]', after: 'pepite-survey [data-question="reason"]' },
  { label: 'pepite', url: '/ours/nps.html', ready: 'pepite-survey .pp-card', click: 'pepite-survey [data-pepite-score="9"]', after: 'pepite-survey [data-question="reason"]' },
  { label: 'formbricks', url: '/pages/formbricks-nps.html', ready: '#fb-survey label:has(input[value="0"])', click: '#fb-survey label:has(input[value="9"])', after: '' },
];

/**
 * Serves `dir` on 127.0.0.1 (GET files, POST answered 204).
 * @param {string} dir
 */
function serve(dir) {
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

/**
 * The longest RunTask (ms) of the renderer main threads in a trace.
 * @param {Buffer} trace Chromium's JSON trace
 */
export function longestTask(trace) {
  return Math.max(0, ...mainTasks(JSON.parse(String(trace)).traceEvents).map((e) => e.dur / 1000));
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
  /** @type {Record<string, { load: number[], interaction: number[] }>} */
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
          await page.locator(w.ready).first().waitFor({ timeout: 30000 });
          await page.waitForTimeout(1000);
          const load = longestTask(await browser.stopTracing());
          await browser.startTracing(page, { categories });
          await page.locator(w.click).first().click();
          if (w.after) await page.locator(w.after).first().waitFor({ timeout: 30000 });
          await page.waitForTimeout(1000);
          const interaction = longestTask(await browser.stopTracing());
          const row = (out[w.label] ||= { load: [], interaction: [] });
          row.load.push(load);
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
  return Object.fromEntries(Object.entries(out).map(([label, { load, interaction }]) => [label, {
    load: { median: median(load), max: Math.max(...load) },
    interaction: { median: median(interaction), max: Math.max(...interaction) },
  }]));
}
