// Tests for js/transport.js against the real flaky server: statuses, error messages, timeouts, the unload request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postJson, postOnUnload, MESSAGE_MAX } from '../../js/transport.js';
import { useFlakyServer } from '../e2e/lib/flaky-server.js';

const server = useFlakyServer();

const body = (id) => JSON.stringify({ responseId: id, status: 'complete' });

test('2xx: status, headers sent (JSON, Idempotency-Key, extra), no cookie', async () => {
  const r = await postJson(server.origin + '/collect', body('a'), { idempotencyKey: 'a', headers: { 'X-Shop-Key': 'k' } });
  assert.deepEqual(r, { status: 200, retryAfter: null, message: '' });
  const [q] = server.requests;
  assert.equal(q.contentType, 'application/json');
  assert.equal(q.idempotencyKey, 'a');
  assert.equal(q.extra, 'k');
});

test('error statuses carry the JSON message or the text, capped, and Retry-After', async () => {
  server.script([
    { mode: 'status', status: 400, body: JSON.stringify({ message: 'bad answers' }) },
    { mode: 'status', status: 422, body: JSON.stringify({ error: { message: 'nested message' } }) },
    { mode: 'status', status: 500, body: '  plain\n\n text  ' },
    { mode: 'status', status: 503, body: 'x'.repeat(5000) },
    { mode: 'status', status: 429, headers: { 'Retry-After': '7' } },
  ]);
  const url = server.origin + '/collect';
  const got = [];
  for (let i = 0; i < 5; i++) got.push(await postJson(url, body('b'), { idempotencyKey: 'b' }));
  assert.deepEqual(got.slice(0, 3).map((r) => [/** @type {any} */ (r).status, /** @type {any} */ (r).message]), [
    [400, 'bad answers'],
    [422, 'nested message'],
    [500, 'plain text'],
  ]);
  assert.equal(/** @type {any} */ (got[3]).message.length, MESSAGE_MAX);
  assert.equal(/** @type {any} */ (got[4]).retryAfter, '7');
});

test('network failure and timeout are reported, never thrown', async () => {
  server.script([{ mode: 'drop' }, { mode: 'slow', delayMs: 1000 }]);
  const url = server.origin + '/collect';
  const dropped = await postJson(url, body('c'), { idempotencyKey: 'c' });
  assert.equal(/** @type {any} */ (dropped).error, 'network');
  const t0 = Date.now();
  const slow = await postJson(url, body('c'), { idempotencyKey: 'c', timeoutMs: 200 });
  assert.equal(/** @type {any} */ (slow).error, 'timeout');
  assert.ok(Date.now() - t0 < 900);
  const refused = await postJson('http://127.0.0.1:1/collect', body('c'), { idempotencyKey: 'c' });
  assert.equal(/** @type {any} */ (refused).error, 'network');
  const bad = await postJson('not a url', body('c'), { idempotencyKey: 'c' });
  assert.equal(/** @type {any} */ (bad).error, 'network');
});

test('unload request: text/plain, no custom header, accepted until the keepalive budget is used', async () => {
  assert.equal(postOnUnload(server.origin + '/collect', body('d')), true);
  assert.ok(await server.until(() => server.requests.length === 1, 3000));
  const [q] = server.requests;
  assert.equal(q.contentType, 'text/plain;charset=UTF-8');
  assert.equal(q.idempotencyKey, null);
  // 48 KB budget: a 40 KB body fits, a second one while the first is in flight does not.
  const big = JSON.stringify({ responseId: 'e', status: 'complete', pad: 'x'.repeat(40000) });
  server.script([{ mode: 'slow', delayMs: 300 }]);
  assert.equal(postOnUnload(server.origin + '/collect', big), true);
  assert.equal(postOnUnload(server.origin + '/collect', big), false);
  // Once it is answered, the budget is free again; a fetch that throws (browser quota) gives false.
  assert.ok(await server.until(() => server.requests.length === 2 && server.requests[1].outcome === 200, 3000));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(postOnUnload('http://127.0.0.1:1/collect', 'x', () => {
    throw new TypeError('quota');
  }), false);
  assert.equal(postOnUnload(server.origin + '/collect', big), true);
});

test('onStart tells, before the request goes out, whether it is keepalive (within the 48 KB budget)', async () => {
  // The previous test's last unload request holds 40 KB of the budget until it is answered.
  await new Promise((r) => setTimeout(r, 300));
  server.script([{ mode: 'slow', delayMs: 300 }]);
  const url = server.origin + '/collect';
  const seen = [];
  const big = JSON.stringify({ responseId: 'f', status: 'complete', pad: 'x'.repeat(30000) });
  const first = postJson(url, big, { idempotencyKey: 'f', onStart: (k) => seen.push(['first', k]) });
  // Told synchronously, before postJson returns its promise.
  assert.deepEqual(seen, [['first', true]]);
  // A second 30 KB body while the first is under way exceeds the budget: a normal request.
  const second = postJson(url, big, { idempotencyKey: 'f', onStart: (k) => seen.push(['second', k]) });
  assert.deepEqual(seen[1], ['second', false]);
  await Promise.all([first, second]);
});
