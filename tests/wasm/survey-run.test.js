// The shopper's run (js/survey-run.js) on the real core: a session created in one task and begun
// in the next (issue 19: no main-thread task over 50 ms while the core starts its first session).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createRun } from '../../js/survey-run.js';
import { loadCore } from './load-core.js';

const definition = readFileSync(new URL('../fixtures/surveys/post-purchase.json', import.meta.url), 'utf8');

/** The core with its session calls counted. */
async function counted() {
  const core = await loadCore('pepite-core');
  const calls = { create: 0, start: 0, remove: 0 };
  const Module = Object.create(core);
  Module._sessionCreate = (/** @type {string} */ d, /** @type {string} */ o) => ((calls.create += 1), core._sessionCreate(d, o));
  Module._sessionStart = (/** @type {number} */ h) => ((calls.start += 1), core._sessionStart(h));
  Module._sessionDelete = (/** @type {number} */ h) => ((calls.remove += 1), core._sessionDelete(h));
  return { Module, calls };
}

/** @param {string} responseId */
const options = (responseId) => ({ locale: 'en', responseId, startedAt: 1765000000000, pageUrl: 'https://shop.example/thanks', properties: {} });

test('create, then begin: one session, not active before it starts', async () => {
  const { Module, calls } = await counted();
  const failures = /** @type {any[]} */ ([]);
  const run = createRun({ fail: (d) => failures.push(d), analyser: () => null });
  const o = options('0b6e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  run.create(Module, definition, o);
  assert.deepEqual(calls, { create: 1, start: 0, remove: 0 });
  assert.equal(run.active(), false, 'created, not started: show() must not draw it');
  assert.equal(run.view(), null);
  const report = run.begin();
  assert.equal(report.ok, true);
  assert.deepEqual(calls, { create: 1, start: 1, remove: 0 }, 'the created session goes on');
  assert.equal(run.active(), true);
  assert.equal(run.responseId(), o.responseId);
  assert.equal(run.view().questions[0].id, report.view.questions[0].id);
  assert.deepEqual(failures, []);
  run.drop();
  assert.equal(calls.remove, 1);
});

test('start after create: the created session is freed, a new one starts', async () => {
  const { Module, calls } = await counted();
  const run = createRun({ fail: () => {}, analyser: () => null });
  run.create(Module, definition, options('1b6e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b'));
  const other = options('2b6e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  assert.equal(run.start(Module, definition, other).ok, true);
  assert.deepEqual(calls, { create: 2, start: 1, remove: 1 });
  assert.equal(run.responseId(), other.responseId);
  run.drop();
});

test('dropped between create and start (widget destroyed): the session is freed', async () => {
  const { Module, calls } = await counted();
  const run = createRun({ fail: () => {}, analyser: () => null });
  run.create(Module, definition, options('3b6e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b'));
  run.drop();
  assert.deepEqual(calls, { create: 1, start: 0, remove: 1 });
  assert.equal(run.active(), false);
});

test('a definition the core rejects: create says nothing, begin reports it once', async () => {
  const { Module } = await counted();
  const failures = /** @type {any[]} */ ([]);
  const run = createRun({ fail: (d, fatal) => failures.push({ code: d.code, fatal }), analyser: () => null });
  const o = options('4b6e8f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  run.create(Module, '{"version":1', o);
  assert.deepEqual(failures, []);
  assert.equal(run.begin(), null);
  assert.equal(failures.length, 1);
  assert.equal(failures[0].fatal, true);
  assert.match(failures[0].code, /^definition\./);
  assert.equal(run.active(), false);
});
