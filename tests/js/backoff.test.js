// Unit tests for js/backoff.js: the retry schedule and Retry-After parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter, RETRY_CAP_MS } from '../../js/backoff.js';

test('schedule without jitter (random = 0.5) doubles from 1 s and caps at 60 s', () => {
  const mid = () => 0.5;
  const got = [0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((n) => backoffDelay(n, { random: mid }));
  assert.deepEqual(got, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
});

test('jitter spreads each step over [0.5, 1.5) of its nominal delay, never over the cap', () => {
  assert.equal(backoffDelay(0, { random: () => 0 }), 500);
  assert.equal(backoffDelay(0, { random: () => 0.999 }), 1499);
  assert.equal(backoffDelay(2, { random: () => 0 }), 2000);
  assert.equal(backoffDelay(5, { random: () => 0.99 }), 47680); // 32 s · 1.49
  assert.equal(backoffDelay(6, { random: () => 0.99 }), RETRY_CAP_MS); // 60 s · 1.49 > cap
  assert.equal(backoffDelay(10, { random: () => 0 }), 30000);
  // A fixed sequence gives a fixed schedule.
  const seq = [0.1, 0.9, 0.3];
  let i = 0;
  const r = () => seq[i++ % seq.length];
  assert.deepEqual([0, 1, 2].map((n) => backoffDelay(n, { random: r })), [600, 2800, 3200]);
});

test('base and cap are configurable (tests run with 50 ms)', () => {
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 3].map((n) => backoffDelay(n, { baseMs: 50, capMs: 200, random: mid })), [50, 100, 200, 200]);
});

test('bad inputs fall back to sane values', () => {
  assert.equal(backoffDelay(-3, { random: () => 0.5 }), 1000);
  assert.equal(backoffDelay(NaN, { random: () => 0.5 }), 1000);
  assert.equal(backoffDelay(1, { baseMs: -5, random: () => 0.5 }), 2000);
  assert.equal(backoffDelay(1, { random: () => NaN }), 2000);
  assert.equal(backoffDelay(1, { random: () => 7 }), 3000); // clamped below 1
  assert.equal(
    backoffDelay(1, {
      random: () => {
        throw new Error('no entropy');
      },
    }),
    2000,
  );
  for (let n = 0; n < 50; n++) {
    const d = backoffDelay(n);
    assert.ok(d >= 0 && d <= RETRY_CAP_MS, `attempt ${n}: ${d}`);
  }
});

test('Retry-After in seconds', () => {
  assert.equal(parseRetryAfter('2', 0), 2000);
  assert.equal(parseRetryAfter(' 0 ', 0), 0);
  assert.equal(parseRetryAfter('120', 0), 120000);
  assert.equal(parseRetryAfter('999999999', 0), 24 * 3600 * 1000);
});

test('Retry-After as an HTTP date', () => {
  const now = Date.parse('2026-11-25T20:00:00Z');
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 20:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 19:00:00 GMT', now), 0); // in the past
  // The obsolete RFC 850 form is still a date Date.parse understands.
  assert.equal(parseRetryAfter('Wednesday, 25-Nov-26 20:01:00 GMT', now), 60000);
});

test('Retry-After absent or invalid', () => {
  for (const v of [null, undefined, '', '  ', '-1', '1.5', '+3', 'soon', 'Wed, 99 Foo 2026']) {
    assert.equal(parseRetryAfter(/** @type {any} */ (v), 0), null, String(v));
  }
});
