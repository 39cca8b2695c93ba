// Unit tests for js/outbox.js: merge rules (latest version wins, no downgrade) and the 7 d / 50 / 100 KB bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutbox, OUTBOX_MAX_AGE_MS } from '../../js/outbox.js';
import { createStorage } from '../../js/storage.js';

let ns = 0;
/** A fresh storage area (js/storage.js, memory fallback under Node) and a settable clock. */
function setup(options = {}) {
  const storage = createStorage('outbox-test-' + ns++);
  const clock = { t: Date.parse('2026-11-25T20:00:00Z') };
  const outbox = createOutbox(storage, { now: () => clock.t, ...options });
  return { storage, clock, outbox };
}

/** A payload shaped like docs/contracts.md, `pad` characters of comment. */
function payload(id, status = 'partial', pad = 0) {
  return {
    schema: 'pepite.response/1',
    responseId: id,
    surveyId: 'post-purchase',
    status,
    answers: [{ questionId: 'nps', type: 'nps', value: 3 }, ...(pad ? [{ questionId: 'comment', type: 'text', value: 'x'.repeat(pad) }] : [])],
    properties: { orderId: 'A-' + id },
  };
}

test('keeps the latest version per responseId, in first-queued order', () => {
  const { outbox, clock } = setup();
  assert.equal(outbox.put(payload('a'), 'tab1').queued, true);
  clock.t += 10;
  outbox.put(payload('b'), 'tab1');
  clock.t += 10;
  const r = outbox.put(payload('a', 'complete'), 'tab1');
  assert.equal(r.queued, true);
  const { state } = outbox.load();
  assert.deepEqual(state.entries.map((e) => [e.id, e.status, e.rev]), [['a', 'complete', 2], ['b', 'partial', 1]]);
});

test('a partial never replaces a complete, queued or already acknowledged', () => {
  const { outbox } = setup();
  outbox.put(payload('a', 'complete'), 't');
  const r = outbox.put(payload('a', 'partial'), 't');
  assert.equal(r.queued, false);
  assert.equal(r.reason, 'downgrade');
  assert.equal(outbox.load().state.entries[0].status, 'complete');
  // Once the complete is acknowledged, a late partial is still refused.
  outbox.settle('a', 1, true, 'complete');
  assert.equal(outbox.load().state.entries.length, 0);
  assert.ok('a' in outbox.load().state.done);
  assert.equal(outbox.put(payload('a', 'partial'), 't').queued, false);
  // A complete can replace a complete (consent changed on the thank-you screen).
  assert.equal(outbox.put(payload('a', 'complete'), 't').queued, true);
});

test('acknowledging an older version keeps the newer one', () => {
  const { outbox, clock } = setup();
  outbox.put(payload('a'), 't');
  outbox.mark('a', 1, 't', clock.t + 1000);
  outbox.put(payload('a', 'complete'), 't'); // rev 2 while rev 1 is in flight
  outbox.settle('a', 1, true, 'partial');
  const e = outbox.load().state.entries;
  assert.equal(e.length, 1);
  assert.equal(e[0].rev, 2);
  assert.equal(e[0].status, 'complete');
  assert.equal(e[0].sending, null);
  outbox.settle('a', 2, true, 'complete');
  assert.equal(outbox.load().state.entries.length, 0);
});

test('a refused version (4xx) is removed without being remembered as done', () => {
  const { outbox } = setup();
  outbox.put(payload('a', 'complete'), 't');
  outbox.settle('a', 1, false, 'complete');
  assert.ok(!('a' in outbox.load().state.done));
  assert.equal(outbox.load().state.entries.length, 0);
});

test('bound: 50 entries, the oldest falls out and is reported', () => {
  const { outbox, clock } = setup();
  const evicted = [];
  for (let i = 0; i < 53; i++) {
    clock.t += 1;
    evicted.push(...outbox.put(payload('r' + i), 't').evicted);
  }
  const { state } = outbox.load();
  assert.equal(state.entries.length, 50);
  assert.equal(state.entries[0].id, 'r3');
  assert.deepEqual(evicted.map((e) => [e.entry.id, e.reason]), [['r0', 'max_entries'], ['r1', 'max_entries'], ['r2', 'max_entries']]);
});

test('bound: 100 KB, oldest out first; the entry being queued goes last', () => {
  const { outbox, clock } = setup();
  const evicted = [];
  for (let i = 0; i < 6; i++) {
    clock.t += 1;
    evicted.push(...outbox.put(payload('big' + i, 'partial', 20000), 't').evicted);
  }
  const { state } = outbox.load();
  const bytes = state.entries.reduce((n, e) => n + e.bytes + 200, 0);
  assert.ok(bytes <= 100 * 1024, String(bytes));
  assert.deepEqual(evicted.map((e) => [e.entry.id, e.reason]), [['big0', 'max_bytes']]);
  assert.deepEqual(state.entries.map((e) => e.id), ['big1', 'big2', 'big3', 'big4', 'big5']);
  // A new version of the oldest entry is not the one evicted for it.
  clock.t += 1;
  const r = outbox.put(payload('big1', 'complete', 25000), 't');
  assert.equal(r.queued, true);
  assert.deepEqual(r.evicted.map((e) => e.entry.id), ['big2']);
});

test('bound: 100 KB also with a smaller limit, and an entry larger than the limit is reported', () => {
  const { outbox } = setup({ maxBytes: 1000 });
  const r = outbox.put(payload('huge', 'complete', 5000), 't');
  assert.equal(r.queued, false);
  assert.deepEqual(r.evicted.map((e) => [e.entry.id, e.reason]), [['huge', 'max_bytes']]);
});

test('bound: 7 days, expired entries fall out on load and on put', () => {
  const { outbox, clock } = setup();
  outbox.put(payload('old'), 't');
  clock.t += 3 * 24 * 3600 * 1000;
  outbox.put(payload('mid'), 't');
  clock.t += OUTBOX_MAX_AGE_MS - 3 * 24 * 3600 * 1000 + 1; // old is 7 d + 1 ms
  const { state, evicted } = outbox.load();
  assert.deepEqual(evicted.map((e) => [e.entry.id, e.reason]), [['old', 'expired']]);
  assert.deepEqual(state.entries.map((e) => e.id), ['mid']);
  // Reported once: the eviction was written back.
  assert.equal(outbox.load().evicted.length, 0);
  // Age counts from the first version: a newer version does not extend it.
  clock.t += 4 * 24 * 3600 * 1000;
  const r = outbox.put(payload('x'), 't');
  assert.deepEqual(r.evicted.map((e) => e.entry.id), ['mid']);
});

test('state survives a new outbox on the same storage (reload) and corrupt data reads as empty', () => {
  const { outbox, storage, clock } = setup();
  outbox.put(payload('a', 'complete'), 't');
  outbox.setRetry({ attempt: 3, notBefore: 42, hard: true });
  // The reloaded page reads the same clock (#21: with the real clock, a week after the fixed
  // date above the entry was already expired and this test failed).
  const again = createOutbox(storage, { now: () => clock.t });
  const { state } = again.load();
  assert.equal(state.entries[0].id, 'a');
  assert.deepEqual(state.retry, { attempt: 3, notBefore: 42, hard: true });
  storage.set('outbox', { entries: [{ id: 5 }, null, 'x'], done: 'no', retry: { attempt: -1 } });
  const s2 = createOutbox(storage, { now: () => clock.t }).load().state;
  assert.deepEqual(s2.entries, []);
  assert.deepEqual(s2.retry, { attempt: 0, notBefore: 0, hard: false });
  storage.set('outbox', 'garbage');
  assert.deepEqual(createOutbox(storage, { now: () => clock.t }).load().state.entries, []);
});

test('mark and settle ignore a version that no longer exists', () => {
  const { outbox } = setup();
  outbox.put(payload('a'), 't');
  assert.equal(outbox.mark('a', 7, 't', 1), false);
  assert.equal(outbox.mark('zzz', 1, 't', 1), false);
  outbox.settle('zzz', 1, true, 'partial');
  assert.equal(outbox.load().state.entries.length, 1);
});

test('adopting a closed page\'s outbox keeps the best version of each response and its age', () => {
  const { outbox, clock, storage } = setup();
  const other = createOutbox(storage, { key: 'outbox:other', now: () => clock.t });
  other.put(payload('only-there'), 'other');
  other.put(payload('both-complete-here', 'partial'), 'other');
  other.put(payload('both-complete-there', 'complete'), 'other');
  other.put(payload('late', 'partial'), 'other');
  const born = clock.t;
  clock.t += 1000;
  outbox.put(payload('both-complete-here', 'complete'), 'me');
  outbox.put(payload('both-complete-there', 'partial'), 'me');
  outbox.put(payload('both-complete-there', 'partial'), 'me'); // rev 2 here
  outbox.put(payload('late', 'complete'), 'me');
  outbox.settle('late', 1, true, 'complete'); // acknowledged here: the other's partial must not go out
  assert.deepEqual(outbox.adopt(other.load().state, 'me'), []);
  const byId = Object.fromEntries(outbox.load().state.entries.map((e) => [e.id, e]));
  assert.deepEqual(Object.keys(byId).sort(), ['both-complete-here', 'both-complete-there', 'only-there']);
  assert.equal(byId['both-complete-here'].status, 'complete');
  assert.equal(byId['both-complete-here'].createdAt, born + 1000, 'kept, not taken over');
  assert.equal(byId['both-complete-there'].status, 'complete');
  assert.equal(byId['both-complete-there'].owner, 'me');
  assert.equal(byId['both-complete-there'].createdAt, born, 'taken over from the other page, with its age');
  assert.ok(byId['both-complete-there'].rev > 2, 'a newer revision than the one replaced');
  assert.equal(byId['only-there'].createdAt, born);
  assert.equal(byId['only-there'].owner, 'me');
  other.clear();
  assert.equal(storage.get('outbox:other'), undefined);
});

test('a request under way is recorded on its version, with keepalive; an answer or a new version clears it', () => {
  const { outbox, clock } = setup();
  outbox.put(payload('a', 'complete'), 'tab1');
  assert.equal(outbox.mark('a', 1, 'tab1', clock.t + 10000, true), true);
  assert.deepEqual(outbox.load().state.entries[0].sending, { owner: 'tab1', rev: 1, until: clock.t + 10000, keepalive: true });
  // An HTTP answer (not a 2xx) says what happened: the record goes.
  outbox.mark('a', 1, 'tab1', 0);
  assert.equal(outbox.load().state.entries[0].sending, null);
  // A new version starts unrecorded: the request under way carries the old one.
  outbox.mark('a', 1, 'tab1', clock.t + 10000, true);
  outbox.put(payload('a', 'complete'), 'tab1');
  assert.equal(outbox.load().state.entries[0].sending, null);
  assert.equal(outbox.mark('a', 1, 'tab1', clock.t + 10000, true), false);
});

test('an adopted entry whose request was under way when its page went is taken over unrecorded, to be sent again', () => {
  const { storage, clock } = setup();
  const old = createOutbox(storage, { now: () => clock.t, key: 'outbox:old' });
  old.put(payload('a', 'complete'), 'old');
  old.mark('a', 1, 'old', clock.t + 10000, true);
  const mine = createOutbox(storage, { now: () => clock.t, key: 'outbox:new' });
  mine.adopt(old.load().state, 'new');
  assert.deepEqual(mine.load().state.entries.map((e) => [e.id, e.owner, e.sending]), [['a', 'new', null]]);
});
