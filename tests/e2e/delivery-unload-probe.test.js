// Measures what Chromium delivers when a tab closes: sendBeacon vs fetch keepalive, with and without a CORS preflight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFlakyServer, launchChromium } from './lib/flaky-server.js';

// PEPITE_PROBE_FULL=1 measures every variant, closing and navigating (about 50 s, the table in
// docs/delivery.md); by default only the facts the implementation relies on, on tab close.
const FULL = process.env.PEPITE_PROBE_FULL === '1';
const VARIANTS = FULL ? ['beacon-text', 'beacon-json', 'keepalive-text', 'keepalive-json', 'fetch-json'] : ['beacon-text', 'keepalive-text', 'keepalive-json'];
let server;
let slow; // same endpoint, preflight answered after 500 ms
let browser;
/** @type {Record<string, any>} */
const table = {};

before(async () => {
  server = await startFlakyServer();
  slow = await startFlakyServer({ preflightDelayMs: 500 });
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
  await server.close();
  await slow.close();
  console.log('unload probe (cross-origin endpoint, tab closed; navigated away):');
  console.table(table);
});

/**
 * Opens the probe page on `srv.origin`, sets a cookie for 127.0.0.1, then ends the page by
 * closing the tab or navigating away, and reports what reached `target.cross`.
 */
async function probe(srv, variant, how) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const id = variant + '-' + how + '-' + Math.random().toString(36).slice(2);
  const endpoint = srv.cross + '/collect';
  await page.goto(srv.origin + '/tests/e2e/pages/delivery-probe.html?variant=' + variant + '&id=' + id + '&endpoint=' + encodeURIComponent(endpoint));
  await page.waitForFunction(() => /** @type {any} */ (window).__ready === true);
  await page.evaluate(() => fetch('/set-cookie'));
  const pre = srv.preflights.length;
  const t0 = Date.now();
  if (how === 'close') await page.close({ runBeforeUnload: true });
  else await page.goto('about:blank');
  await srv.until(() => srv.requestsFor(id).length > 0, FULL ? 2500 : 6000);
  const reqs = srv.requestsFor(id);
  await context.close();
  return {
    arrived: reqs.length > 0,
    ms: reqs.length ? reqs[0].at - t0 : null,
    cookie: reqs.length ? reqs[0].cookie !== null : null,
    contentType: reqs.length ? reqs[0].contentType : null,
    preflight: srv.preflights.length > pre,
  };
}

for (const how of FULL ? ['close', 'navigate'] : ['close']) {
  test('unload probe: ' + how, async () => {
    for (const v of VARIANTS) {
      table[v + ' / ' + how] = await probe(server, v, how);
      if (FULL || v !== 'beacon-text') table[v + ' / ' + how + ' / slow preflight'] = await probe(slow, v, how);
    }
    // What js/transport.js relies on: a text/plain keepalive fetch needs no preflight, arrives
    // after the tab closes, and carries no cookie; a beacon carries cookies (credentials include).
    const k = table['keepalive-text / ' + how];
    assert.equal(k.arrived, true);
    assert.equal(k.preflight, false);
    assert.equal(k.cookie, false);
    assert.equal(table['keepalive-text / ' + how + ' / slow preflight'].arrived, true);
    const b = table['beacon-text / ' + how];
    assert.equal(b.arrived, true);
    assert.equal(b.cookie, true);
    // What the normal path relies on: a preflighted keepalive fetch (JSON + Idempotency-Key)
    // also survives the unload in Chromium, even with a preflight answered after 500 ms.
    assert.equal(table['keepalive-json / ' + how].arrived, true);
    assert.equal(table['keepalive-json / ' + how + ' / slow preflight'].arrived, true);
  });
}
