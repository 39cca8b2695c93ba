// One delivery attempt (js/attempt.js) against the real flaky server and real endpoint functions:
// which outcomes are final, which are retried, what the request carried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attempt } from '../../js/attempt.js';
import { useFlakyServer } from '../e2e/lib/flaky-server.js';

const server = useFlakyServer();

const entry = (id) => ({ id, payload: { responseId: id, status: 'complete', context: { pageUrl: 'https://shop.example/merci' } } });
/** @param {string | Function} endpoint */
const how = (endpoint, starts = []) => ({ endpoint, timeoutMs: 2000, headers: { 'X-Shop-Key': 'k' }, onStart: (/** @type {boolean} */ k) => starts.push(k) });

test('a 2xx is delivered; the request carries the payload, its id as Idempotency-Key and the headers', async () => {
  const starts = [];
  assert.deepEqual(await attempt(entry('a'), how(server.origin + '/collect', starts)), { ok: true });
  assert.deepEqual(starts, [true], 'told before it left, as a keepalive request');
  const [q] = server.requestsFor('a');
  assert.equal(q.idempotencyKey, 'a');
  assert.equal(q.extra, 'k');
  assert.equal(server.stored.get('a').status, 'complete');
});

test('408, 429 and 5xx are retried with the server message and Retry-After; another 4xx is final', async () => {
  server.script([
    { mode: 'status', status: 503, headers: { 'Retry-After': '7' }, body: '{"message":"try later"}' },
    { mode: 'status', status: 429 },
    { mode: 'status', status: 408 },
    { mode: 'status', status: 422, body: '{"message":"bad answers"}' },
  ]);
  const url = server.origin + '/collect';
  assert.deepEqual(await attempt(entry('b'), how(url)), { ok: false, retry: true, status: 503, message: 'try later', retryAfter: '7' });
  assert.equal((await attempt(entry('b'), how(url))).retry, true);
  assert.equal((await attempt(entry('b'), how(url))).retry, true);
  assert.deepEqual(await attempt(entry('b'), how(url)), { ok: false, retry: false, status: 422, message: 'bad answers', retryAfter: null });
});

test('a dropped connection is retried, without a status', async () => {
  server.script([{ mode: 'drop' }]);
  const outcome = await attempt(entry('c'), how(server.origin + '/collect'));
  assert.equal(outcome.ok, false);
  assert.equal(/** @type {any} */ (outcome).retry, true);
  assert.equal(/** @type {any} */ (outcome).status, undefined);
  assert.match(/** @type {any} */ (outcome).message, /^network: /);
});

test("a shop's endpoint function: nothing, true or {ok:true} acknowledge; false, {ok:false} or a throw are retried", async () => {
  for (const answer of [undefined, null, true, { ok: true }, {}]) {
    const starts = [];
    assert.deepEqual(await attempt(entry('d'), how(async () => answer, starts)), { ok: true }, String(answer));
    assert.deepEqual(starts, [false]);
  }
  for (const answer of [false, { ok: false }]) {
    assert.deepEqual(await attempt(entry('d'), how(async () => answer)), { ok: false, retry: true, message: 'the endpoint function reported a failure' });
  }
  const thrown = await attempt(entry('d'), how(() => Promise.reject(new Error('offline'))));
  assert.deepEqual(thrown, { ok: false, retry: true, message: 'the endpoint function failed: offline' });
  const given = [];
  await attempt(entry('e'), how((/** @type {object} */ p) => given.push(p)));
  assert.deepEqual(given, [entry('e').payload]);
});
