// Benchmark (not a test): 200 responses submitted in Chromium while the endpoint fails 30% at random; counts what was stored exactly once.
// Usage: node bench/delivery-batch.mjs [--responses 200] [--rate 0.3] [--tabs 2] [--base 50] [--seed 5]
import { startFlakyServer, launchChromium } from '../tests/e2e/lib/flaky-server.js';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/)),
);
const N = Number(args.responses ?? 200);
const RATE = Number(args.rate ?? 0.3);
const TABS = Number(args.tabs ?? 2);
const BASE = Number(args.base ?? 50);
const SEED = Number(args.seed ?? 5);

const server = await startFlakyServer({ corsMaxAge: 600 });
const browser = await launchChromium();
const t0 = Date.now();
try {
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < TABS; i++) {
    const page = await context.newPage();
    const q = new URLSearchParams({ endpoint: server.cross + '/collect', base: String(BASE) });
    await page.goto(server.origin + '/tests/e2e/pages/delivery.html?' + q);
    await page.waitForFunction(() => /** @type {any} */ (window).__ready === true);
    pages.push(page);
  }
  server.script([{ mode: 'random', rate: RATE, seed: SEED }]);
  const ids = [];
  // Each response as the widget sends it: a partial when the score is given, then the complete.
  for (let i = 0; i < N; i++) {
    const id = '00000000-0000-4000-8000-' + String(i).padStart(12, '0');
    ids.push(id);
    const page = pages[i % TABS];
    await page.evaluate((x) => /** @type {any} */ (window).__send(x, 'partial'), id);
    await page.evaluate((x) => /** @type {any} */ (window).__send(x, 'complete'), id);
  }
  const submitted_ms = Date.now() - t0;
  // Failures go on for 2 s after the last submission, then the endpoint recovers.
  await new Promise((r) => setTimeout(r, 2000));
  const failed_requests = server.requests.filter((r) => r.outcome !== 200).length;
  server.script([]);
  await server.until(() => ids.every((id) => server.stored.get(id)?.status === 'complete'), 60000);
  await new Promise((r) => setTimeout(r, 1000));
  const events = (await Promise.all(pages.map((p) => p.evaluate(() => /** @type {any} */ (window).__events)))).flat();
  const sent = new Map();
  for (const e of events) if (e.type === 'sent') sent.set(e.detail.responseId, (sent.get(e.detail.responseId) || 0) + 1);
  const once = ids.filter((id) => server.stored.get(id)?.inserts === 1 && server.stored.get(id)?.status === 'complete').length;
  const acked_twice = ids.filter(
    (id) => server.requestsFor(id).filter((r) => r.outcome === 200 && r.status === 'complete').length > 1,
  ).length;
  const summary = {
    responses: N,
    tabs: TABS,
    failureRate: RATE,
    storedExactlyOnce: once + '/' + N,
    storedComplete: ids.filter((id) => server.stored.get(id)?.status === 'complete').length,
    sentEventsExactlyOnce: ids.filter((id) => sent.get(id) === 1).length,
    completeAcknowledgedTwice: acked_twice,
    requests: server.requests.length,
    failedRequests: failed_requests,
    evictions: events.filter((e) => e.type === 'error' && e.detail.code === 'delivery.evicted').length,
    rejected: events.filter((e) => e.type === 'error' && e.detail.code === 'delivery.rejected').length,
    submitMs: submitted_ms,
    totalMs: Date.now() - t0,
  };
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = once === N ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
