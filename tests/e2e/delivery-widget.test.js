// End-to-end delivery through the real widget (dist/pepite.js + wasm core) in Chromium: tab close, offline then reload, retries.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDist } from './lib/dist.js';
import { startFlakyServer, launchChromium, traceAcrossPages, tracedPage, assertDeliveredOnceAcrossReload } from './lib/flaky-server.js';

// PEPITE_DIST: another build directory of the widget, relative to the repository (default dist).
const DIST = process.env.PEPITE_DIST || 'dist';
ensureDist(DIST);

let server;
let browser;
let order = 0;
before(async () => {
  server = await startFlakyServer({ corsMaxAge: 600 });
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
  await server.close();
});
beforeEach(() => server && server.reset());

/** The shop's order-confirmation page, endpoint cross-origin; the query string must not reach the endpoint. */
function pageUrl(orderId) {
  const q = new URLSearchParams({ endpoint: server.cross + '/collect', order: orderId, base: '50', dist: '/' + DIST, email: 'shopper@example.com' });
  return server.origin + '/tests/e2e/pages/delivery-widget.html?' + q + '#token=secret';
}

async function events(page) {
  return page.evaluate(() => /** @type {any} */ (window).__events);
}

/** Answers NPS 3 (a partial goes out), types a comment, submits (the complete goes out). */
async function answer(page) {
  await page.locator('[data-pepite-score="3"]').click();
  await page.locator('textarea').fill('Colis arrivé abîmé.');
}

test('widget: tab closed 50 ms after submit: delivered, complete, once, no query string', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const orderId = 'T-' + Date.now() + '-' + ++order;
  await page.goto(pageUrl(orderId));
  await answer(page);
  await page.locator('button[type="submit"]').click();
  await new Promise((r) => setTimeout(r, 50));
  await page.close({ runBeforeUnload: true });
  assert.ok(await server.until(() => [...server.stored.values()].some((s) => s.payload.properties?.orderId === orderId && s.status === 'complete'), 15000));
  const [rec] = [...server.stored.values()].filter((s) => s.payload.properties?.orderId === orderId);
  assert.equal(rec.inserts, 1);
  const p = rec.payload;
  assert.equal(p.schema, 'pepite.response/1');
  assert.equal(p.status, 'complete');
  assert.ok(p.answers.some((a) => a.questionId === 'comment' && a.value === 'Colis arrivé abîmé.'));
  assert.ok(!/[?#]/.test(p.context.pageUrl), p.context.pageUrl);
  for (const r of server.requests) {
    assert.equal(r.cookie, null);
    assert.equal(r.referer, null);
  }
  await context.close();
});

test('widget: offline while submitting, page loaded again online: flushed at script load without a card, once', async () => {
  const context = await browser.newContext();
  await traceAcrossPages(context);
  const page = await context.newPage();
  const orderId = 'O-' + Date.now() + '-' + ++order;
  await page.goto(pageUrl(orderId));
  const before = await tracedPage(page);
  // The card (survey and wasm loaded) is up before the network goes.
  await page.waitForFunction(() => /** @type {any} */ (window).__events.some((e) => e.type === 'shown'), null, { timeout: 15000 });
  await context.setOffline(true);
  await answer(page);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => /** @type {any} */ (window).__events.some((e) => e.type === 'submit'));
  const submitted = (await events(page)).find((e) => e.type === 'submit').detail;
  const id = submitted.responseId;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(server.requests.length, 0);
  await page.goto('about:blank');
  await context.setOffline(false);
  // Same order: the widget does not ask again, but its script load flushes the outbox.
  await page.goto(pageUrl(orderId));
  const after = await tracedPage(page);
  // The new page sends it once. The old page sends nothing while offline; but Chromium lets it live
  // a moment after the next document commits, no longer under the test's offline emulation, so its
  // `online` listener or retry timer may start one request that its unload then cuts off (the
  // browser delivers it; nobody reads the answer). That one has an unknown outcome: the new page
  // sends again, the endpoint stores once. Never more, never the unload path.
  await assertDeliveredOnceAcrossReload(server, page, id, before, after, 15000);
  assert.equal((await events(page)).filter((e) => e.type === 'shown').length, 0, 'no card shown the second time');
  await context.close();
});

test('widget: 503 twice then 200: stored once, `sent` once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  server.script([{ mode: 'status', status: 503, times: 2 }]);
  await page.goto(pageUrl('R-' + Date.now() + '-' + ++order));
  await answer(page);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => /** @type {any} */ (window).__events.some((e) => e.type === 'sent'), null, { timeout: 15000 });
  await new Promise((r) => setTimeout(r, 300));
  const ev = await events(page);
  const sent = ev.filter((e) => e.type === 'sent');
  assert.equal(sent.length, 1);
  const id = sent[0].detail.responseId;
  assert.equal(server.stored.get(id).inserts, 1);
  assert.equal(server.stored.get(id).status, 'complete');
  assert.equal(server.requestsFor(id).filter((r) => r.outcome === 503).length, 2);
  await context.close();
});
