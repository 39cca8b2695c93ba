// Tests for js/delivery.js under Node against the real flaky HTTP server: retries, refusals, merge, hooks.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createDelivery } from '../../js/delivery.js';
import { createStorage } from '../../js/storage.js';
import { startFlakyServer } from '../e2e/lib/flaky-server.js';

/** @type {Awaited<ReturnType<typeof startFlakyServer>>} */
let server;
let ns = 0;
before(async () => {
  server = await startFlakyServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function uuid(n) {
  return '00000000-0000-4000-8000-' + String(n).padStart(12, '0');
}

function payload(id, status = 'partial', extra = {}) {
  return {
    schema: 'pepite.response/1',
    responseId: id,
    surveyId: 'post-purchase',
    status,
    answers: [{ questionId: 'nps', type: 'nps', value: 3 }],
    properties: { orderId: 'A-10023' },
    context: { locale: 'fr', pageUrl: 'https://shop.example/merci', durationMs: 10 },
    ...extra,
  };
}

/** A delivery wired to the server with 20 ms backoff, recording events. */
function make(options = {}) {
  const events = [];
  const storage = options.storage || createStorage('delivery-test-' + ns++);
  const d = createDelivery({
    endpoint: server.origin + '/collect',
    emit: (type, detail) => events.push({ type, ...detail }),
    storage,
    retryBaseMs: 20,
    random: () => 0.5,
    ...options,
  });
  return { d, events, storage };
}

/** Entries of every outbox listed in the registry of `storage`. */
function queued(storage) {
  const ids = Object.keys(storage.get('outboxes') || {});
  return ids.flatMap((id) => (storage.get('outbox:' + id) || { entries: [] }).entries);
}

const sent = (events) => events.filter((e) => e.type === 'sent');
const errors = (events) => events.filter((e) => e.type === 'error');

test('503 for the first 3 attempts, then 200: stored once, sent once, 4 requests', async () => {
  server.script([{ mode: 'status', status: 503, times: 3, body: 'busy' }]);
  const { d, events } = make();
  const id = uuid(1);
  assert.equal(await d.send(payload(id, 'complete')), true);
  assert.ok(await server.until(() => sent(events).length === 1, 10000));
  const reqs = server.requestsFor(id);
  assert.deepEqual(reqs.map((r) => r.outcome), [503, 503, 503, 200]);
  assert.equal(server.stored.get(id).inserts, 1);
  assert.equal(server.stored.get(id).writes, 1);
  for (const r of reqs) {
    assert.equal(r.idempotencyKey, id);
    assert.equal(r.contentType, 'application/json');
    assert.equal(r.cookie, null);
  }
  // Backoff 20, 40, 80 ms (random 0.5 → no jitter): the gaps grow.
  const gaps = reqs.slice(1).map((r, i) => r.at - reqs[i].at);
  assert.ok(gaps[0] >= 15 && gaps[1] >= 35 && gaps[2] >= 70, JSON.stringify(gaps));
  assert.deepEqual(sent(events).map((e) => e.responseId), [id]);
  // One error event for the failure streak, not one per attempt.
  assert.deepEqual(errors(events).map((e) => [e.code, e.status]), [['delivery.retrying', 503]]);
  d.destroy();
});

test('a payload queued while a failing request is in flight is sent; the failed one waits for its backoff', async () => {
  // The first request is answered 503 after 150 ms; a second payload is queued meanwhile, which
  // asks for a forced flush. Before, that flush sent the first payload again at once, ignoring
  // the backoff it had just set (under load the unit test above saw a 9 ms gap).
  server.script([{ mode: 'status', status: 503, delayMs: 150, body: 'busy' }]);
  const { d, events } = make({ retryBaseMs: 400 });
  const first = uuid(41);
  const second = uuid(42);
  assert.equal(await d.send(payload(first, 'complete')), true);
  await server.until(() => server.requestsFor(first).length === 1, 5000);
  assert.equal(await d.send(payload(second, 'complete')), true);
  assert.ok(await server.until(() => sent(events).length === 2, 10000));
  const a = server.requestsFor(first);
  const b = server.requestsFor(second);
  assert.deepEqual(a.map((r) => r.outcome), [503, 200]);
  assert.deepEqual(b.map((r) => r.outcome), [200]);
  // The new payload goes first; the failed one is not sent again by that forced flush (before,
  // it was, at once and ahead of the new one), but once the endpoint answered the new one (a
  // success ends the backoff).
  assert.ok(b[0].at < a[1].at, `the failed payload was sent again ${a[1].at - b[0].at} ms after the new one`);
  assert.ok(a[1].at - a[0].at >= 150, `retried after ${a[1].at - a[0].at} ms`);
});

test('400 with an error body: not retried, error event with the server message, outbox emptied', async () => {
  server.script([{ mode: 'status', status: 400, times: 1, body: JSON.stringify({ message: 'unknown question id "foo"' }) }]);
  const { d, events, storage } = make();
  const id = uuid(2);
  await d.send(payload(id, 'complete'));
  await server.until(() => errors(events).length === 1, 10000);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(server.requestsFor(id).length, 1);
  const [e] = errors(events);
  assert.equal(e.code, 'delivery.rejected');
  assert.equal(e.status, 400);
  assert.equal(e.responseId, id);
  assert.match(e.message, /unknown question id "foo"/);
  // Which version was refused: a refused partial and a refused complete read differently.
  assert.match(e.message, /refused the complete version of response/);
  assert.equal(sent(events).length, 0);
  assert.deepEqual(queued(storage), []);
  d.destroy();
});

test('a long plain-text error body is capped', async () => {
  server.script([{ mode: 'status', status: 422, body: 'bad '.repeat(1000) }]);
  const { d, events } = make();
  await d.send(payload(uuid(3), 'complete'));
  await server.until(() => errors(events).length === 1, 10000);
  assert.ok(errors(events)[0].serverMessage.length <= 300);
  d.destroy();
});

test('dropped connection, then timeout (server slower than timeoutMs): retried, stored once', async () => {
  server.script([{ mode: 'drop' }, { mode: 'slow', delayMs: 800 }]);
  const { d, events } = make({ timeoutMs: 300 });
  const id = uuid(4);
  await d.send(payload(id, 'complete'));
  assert.ok(await server.until(() => sent(events).length === 1, 10000));
  assert.deepEqual(server.requestsFor(id).map((r) => r.outcome), ['dropped', 'slow', 200]);
  // The slow request was stored although the client gave up: the retry is an idempotent upsert.
  assert.equal(server.stored.get(id).inserts, 1);
  assert.equal(server.stored.get(id).writes, 2);
  d.destroy();
});

test('429 with Retry-After: 1 waits about a second, not the 20 ms backoff', async () => {
  server.script([{ mode: 'status', status: 429, headers: { 'Retry-After': '1' } }]);
  const { d, events } = make();
  const id = uuid(5);
  await d.send(payload(id, 'complete'));
  assert.ok(await server.until(() => sent(events).length === 1, 4000));
  const [a, b] = server.requestsFor(id);
  assert.ok(b.at - a.at >= 950, String(b.at - a.at));
  d.destroy();
});

test('partial then complete: the endpoint ends with complete, sent fires once after the complete', async () => {
  const { d, events } = make();
  const id = uuid(6);
  await d.send(payload(id, 'partial'));
  await d.send(payload(id, 'complete'));
  await d.send(payload(id, 'partial')); // late partial: refused
  assert.ok(await server.until(() => sent(events).length === 1, 6000));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(server.stored.get(id).status, 'complete');
  assert.equal(server.stored.get(id).inserts, 1);
  assert.ok(server.requestsFor(id).every((r, i, a) => i < a.length - 1 || r.status === 'complete'));
  assert.equal(sent(events).length, 1);
  d.destroy();
});

test('beforeSend adds fields or cancels; the page URL loses query and fragment', async () => {
  const { d, events } = make({
    beforeSend: (p) => (p.properties.orderId === 'cancel' ? false : { ...p, shop: 'demo' }),
  });
  const id = uuid(7);
  await d.send(payload(id, 'complete', { context: { pageUrl: 'https://shop.example/merci?email=a@b.c#tok' } }));
  assert.equal(await d.send(payload(uuid(8), 'complete', { properties: { orderId: 'cancel' } })), false);
  assert.ok(await server.until(() => sent(events).length === 1, 6000));
  const p = server.stored.get(id).payload;
  assert.equal(p.shop, 'demo');
  assert.equal(p.context.pageUrl, 'https://shop.example/merci');
  assert.equal(server.stored.has(uuid(8)), false);
  d.destroy();
});

test('beforeSend that throws cancels with an error event (privacy first)', async () => {
  const { d, events } = make({
    beforeSend: () => {
      throw new Error('hook bug');
    },
  });
  assert.equal(await d.send(payload(uuid(9), 'complete')), false);
  assert.equal(errors(events)[0].code, 'delivery.before_send_failed');
  d.destroy();
});

test('an async beforeSend is awaited: its payload is sent, its false cancels, its rejection is a failure', async () => {
  // QA: an async hook returned a promise, read as "may not change responseId": nothing was sent.
  const { d, events } = make({
    beforeSend: async (p) => {
      await new Promise((r) => setTimeout(r, 20));
      if (p.properties.orderId === 'cancel') return false;
      if (p.properties.orderId === 'boom') throw new Error('lookup failed');
      return { ...p, shop: 'async' };
    },
  });
  const id = uuid(31);
  assert.equal(await d.send(payload(id, 'complete')), true);
  assert.equal(await d.send(payload(uuid(32), 'complete', { properties: { orderId: 'cancel' } })), false);
  assert.equal(await d.send(payload(uuid(33), 'complete', { properties: { orderId: 'boom' } })), false);
  assert.ok(await server.until(() => sent(events).length === 1, 6000));
  assert.equal(server.stored.get(id).payload.shop, 'async');
  assert.equal(server.stored.has(uuid(32)), false);
  assert.deepEqual(errors(events).map((e) => e.code), ['delivery.before_send_failed']);
  assert.match(errors(events)[0].message, /lookup failed/);
  d.destroy();
});

test('endpoint as a function: resolves acknowledges, false and rejections are retried', async () => {
  const seen = [];
  let n = 0;
  const { d, events } = make({
    endpoint: async (p) => {
      seen.push(p.status);
      n++;
      if (n === 1) return false;
      if (n === 2) throw new Error('shop transport down');
      return { ok: true };
    },
  });
  await d.send(payload(uuid(10), 'complete'));
  assert.ok(await server.until(() => sent(events).length === 1, 6000));
  assert.equal(n, 3);
  assert.equal(server.requests.length, 0);
  d.destroy();
});

test('extra headers are sent on the normal path', async () => {
  const { d, events } = make({ headers: { 'X-Shop-Key': 'k1' } });
  await d.send(payload(uuid(11), 'complete'));
  assert.ok(await server.until(() => sent(events).length === 1, 6000));
  assert.equal(server.requests[0].extra, 'k1');
  d.destroy();
});

test('the outbox survives a "reload": a new instance on the same storage flushes at creation', async () => {
  server.script([{ mode: 'status', status: 503, times: Infinity }]);
  const first = make({ retryBaseMs: 60000 }); // one attempt, then a long wait
  const id = uuid(12);
  await first.d.send(payload(id, 'complete'));
  await server.until(() => server.requests.length >= 1 && server.requests[0].outcome === 503, 10000);
  await new Promise((r) => setTimeout(r, 50));
  first.d.destroy();
  assert.equal(queued(first.storage).length, 1);
  server.script([]);
  const second = make({ storage: first.storage });
  assert.ok(await server.until(() => server.stored.has(id), 6000));
  assert.ok(await server.until(() => sent(second.events).length === 1, 6000));
  assert.equal(server.stored.get(id).inserts, 1);
  second.d.destroy();
});

test('outbox evictions are reported as error events', async () => {
  server.script([{ mode: 'status', status: 503, times: Infinity }]);
  const { d, events } = make({ retryBaseMs: 60000 });
  for (let i = 0; i < 52; i++) await d.send(payload(uuid(100 + i), 'partial'));
  const ev = errors(events).filter((e) => e.code === 'delivery.evicted');
  assert.deepEqual(ev.map((e) => e.responseId), [uuid(100), uuid(101)]);
  assert.equal(ev[0].reason, 'max_entries');
  d.destroy();
});

test('never throws: bad payloads, no endpoint, throwing listeners and storage', async () => {
  const bad = {
    get() {
      throw new Error('storage gone');
    },
    set() {
      throw new Error('storage gone');
    },
    remove() {
      throw new Error('storage gone');
    },
  };
  const d = createDelivery({
    endpoint: server.origin + '/collect',
    storage: bad,
    emit: () => {
      throw new Error('listener bug');
    },
  });
  assert.equal(await d.send(null), false);
  assert.equal(await d.send({ responseId: 'x', status: 'weird' }), false);
  await d.flush();
  d.destroy();
  const none = createDelivery(/** @type {any} */ (undefined));
  assert.equal(await none.send(payload(uuid(13))), true); // kept, reported (no endpoint)
  none.destroy();
});

test('two instances sharing one outbox (two tabs, lease fallback) store each response once', async () => {
  server.script([{ mode: 'random', rate: 0.3, seed: 7 }]);
  const storage = createStorage('delivery-shared-' + ns++);
  const a = make({ storage });
  const b = make({ storage });
  const ids = [];
  for (let i = 0; i < 20; i++) {
    const id = uuid(200 + i);
    ids.push(id);
    await (i % 2 ? a : b).d.send(payload(id, 'complete'));
  }
  assert.ok(await server.until(() => ids.every((id) => server.stored.has(id)), 10000));
  await new Promise((r) => setTimeout(r, 300));
  for (const id of ids) assert.equal(server.stored.get(id).inserts, 1, id);
  // A response went out at most once per accepted request: no id was acknowledged twice.
  for (const id of ids) assert.equal(server.requestsFor(id).filter((r) => r.outcome === 200).length, 1, id);
  a.d.destroy();
  b.d.destroy();
});

test('a version whose request got no HTTP answer stays recorded as under way (outcome unknown); a 503 clears it', async () => {
  // Queuing tries at once; the load-time flush joins it (one attempt, not two: a forced flush
  // asked while one runs no longer sends again what just failed), then a 60 s backoff.
  server.script([{ mode: 'drop', times: 1 }]);
  const a = make({ retryBaseMs: 60000 });
  const id = uuid(40);
  await a.d.send(payload(id, 'complete'));
  assert.ok(await server.until(() => server.requestsFor(id).length === 1 && errors(a.events).length === 1, 5000));
  await new Promise((r) => setTimeout(r, 50));
  const [dropped] = queued(a.storage);
  assert.equal(dropped.sending.rev, dropped.rev);
  assert.equal(dropped.sending.keepalive, true);
  a.d.destroy();
  server.script([{ mode: 'status', status: 503, times: 1 }]);
  const b = make({ retryBaseMs: 60000 });
  const id2 = uuid(43);
  await b.d.send(payload(id2, 'complete'));
  assert.ok(await server.until(() => server.requestsFor(id2).length === 1 && errors(b.events).length === 1, 5000));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(queued(b.storage).find((e) => e.id === id2).sending, null);
  b.d.destroy();
});
