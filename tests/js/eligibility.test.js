// Unit tests for js/eligibility.js: not asked twice, recontactDays, sampling remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, remember } from '../../js/eligibility.js';
import { createStorage } from '../../js/storage.js';

const DAY = 86400000;
let n = 0;
/** Fresh stores per test (memory-backed under Node). */
const stores = () => ({ seen: createStorage('seen-' + ++n), sample: createStorage('sample-' + n) });
const ask = (s, extra) => decide(Object.assign({ seen: s.seen, sample: s.sample, surveyId: 'post', orderId: 'A-1', recontactDays: 0, sampling: 1, now: 1000 * DAY, random: () => 0.5 }, extra));

test('an answered or dismissed order is never asked again; other orders are', () => {
  const s = stores();
  assert.deepEqual(ask(s), { eligible: true, reason: 'ok' });
  remember(s.seen, 'post', 'A-1', 'answered', 1000 * DAY);
  assert.deepEqual(ask(s, { now: 5000 * DAY }), { eligible: false, reason: 'answered' });
  assert.equal(ask(s, { orderId: 'A-2' }).eligible, true);
  assert.equal(ask(s, { surveyId: 'other' }).eligible, true);
  remember(s.seen, 'post', 'A-2', 'dismissed', 1000 * DAY);
  assert.deepEqual(ask(s, { orderId: 'A-2' }), { eligible: false, reason: 'dismissed' });
});

test('an answer is not downgraded to a dismissal', () => {
  const s = stores();
  remember(s.seen, 'post', 'A-1', 'answered', 10);
  remember(s.seen, 'post', 'A-1', 'dismissed', 20);
  assert.equal(ask(s).reason, 'answered');
});

test('recontactDays holds back every order of the survey for that many days', () => {
  const s = stores();
  remember(s.seen, 'post', 'A-1', 'dismissed', 1000 * DAY);
  assert.deepEqual(ask(s, { orderId: 'B-9', recontactDays: 30, now: 1029 * DAY }), { eligible: false, reason: 'recontact' });
  assert.equal(ask(s, { orderId: 'B-9', recontactDays: 30, now: 1031 * DAY }).eligible, true);
  assert.equal(ask(s, { orderId: 'B-9', recontactDays: 0, now: 1001 * DAY }).eligible, true);
});

test('sampling is drawn once and remembered, redrawn when the rate changes', () => {
  const s = stores();
  let draws = 0;
  const out = () => {
    draws++;
    return 0.9;
  };
  const inside = () => {
    draws++;
    return 0.1;
  };
  assert.deepEqual(ask(s, { sampling: 0.5, random: out }), { eligible: false, reason: 'sampled_out' });
  assert.deepEqual(ask(s, { sampling: 0.5, random: inside }), { eligible: false, reason: 'sampled_out' });
  assert.equal(draws, 1);
  assert.equal(ask(s, { sampling: 0.2, random: inside }).eligible, true);
  assert.equal(draws, 2);
  assert.equal(ask(s, { sampling: 1, random: out }).eligible, true);
  assert.equal(draws, 2);
});

test('the per-order memory is bounded', () => {
  const s = stores();
  for (let i = 0; i < 80; i++) remember(s.seen, 'post', 'O-' + i, 'answered', i);
  assert.equal(Object.keys(s.seen.get('orders')).length, 50);
  assert.equal(ask(s, { orderId: 'O-79' }).reason, 'answered');
  assert.equal(ask(s, { orderId: 'O-0' }).eligible, true);
});
