// js/core.js against the real wasm build under Node: load once, sessions, JSON in/out, delete on destroy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSession, loadCore, validateDefinition, validatePayload } from '../../js/core.js';

const root = new URL('../../', import.meta.url);
const wasmBinary = readFileSync(new URL('dist/pepite-core.wasm', root));
// The validators live in the pepite-tools build (the shopper's build checks definitions as a session starts).
const tools = { wasmBinary: readFileSync(new URL('dist/pepite-tools.wasm', root)), factory: createRequire(import.meta.url)(new URL('dist/pepite-tools.cjs', root).pathname) };
const survey = readFileSync(new URL('tests/fixtures/surveys/post-purchase.json', root), 'utf8');
const options = { locale: 'en-GB', responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 1764100000000, pageUrl: 'https://shop.example/thanks?order=1#x', properties: { orderId: 'A-1' } };

test('the core loads once and validates definitions', async () => {
  const a = loadCore({ wasmBinary });
  assert.equal(loadCore({ wasmBinary }), a, 'one load per source');
  assert.equal(typeof (await a)._sessionCreate, 'function');
  const Module = await loadCore(tools);
  assert.notEqual(Module, await a, 'each build loads on its own');
  assert.equal(validateDefinition(Module, survey).ok, true);
  const bad = validateDefinition(Module, '{"schema":"nope"}');
  assert.equal(bad.ok, false);
  assert.ok(bad.errors.length > 0 && typeof bad.errors[0].code === 'string');
  assert.equal(validateDefinition(Module, 'not json').errors[0].code, 'definition.not_json');
});

test('a session answers views and payloads; the payload validates; destroy frees it', async () => {
  const Module = await loadCore({ wasmBinary });
  const s = createSession(Module, survey, options);
  const start = s.start();
  assert.equal(start.ok, true);
  assert.equal(start.view.locale, 'en');
  assert.equal(start.view.questions[0].type, 'nps');
  const r = s.act({ type: 'answer', question: 'nps', value: 2, at: options.startedAt + 1000 });
  assert.equal(r.ok, true);
  assert.equal(r.payload.status, 'partial');
  assert.equal(r.score.category, 'detractor');
  const bad = s.act({ type: 'answer', question: 'nps', value: 11 });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].code, 'answer.out_of_range');
  const done = s.act({ type: 'submit', at: options.startedAt + 5000 });
  assert.equal(done.payload.status, 'complete');
  assert.equal(done.payload.context.pageUrl, 'https://shop.example/thanks');
  assert.deepEqual(validatePayload(await loadCore(tools), JSON.stringify(done.payload), survey).errors, []);
  assert.equal(s.payload().status, 'complete');
  s.destroy();
  s.destroy();
  assert.equal(s.act({ type: 'submit' }).errors[0].code, 'session.destroyed');
  assert.equal(s.view(), null);
});

test('a missing wasm URL rejects instead of throwing', async () => {
  await assert.rejects(loadCore({ wasmUrl: 'http://127.0.0.1:9/none.wasm' }));
});

test("the glue's set-up waits for `after` while the core compiles (issue 19: the card drawn early goes first)", async () => {
  const glue = createRequire(import.meta.url)(new URL('dist/pepite-core.cjs', root).pathname);
  /** @type {string[]} */
  const calls = [];
  /** @type {(v?: unknown) => void} */
  let go = () => {};
  const after = new Promise((resolve) => (go = resolve));
  const factory = (/** @type {any} */ o) => {
    calls.push('glue');
    return glue(o);
  };
  // Its own bytes: a key of its own in the one-load-per-source map.
  const loading = loadCore({ wasmBinary: new Uint8Array(wasmBinary), factory, after });
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  assert.deepEqual(calls, [], 'no glue before `after` settles');
  go();
  const Module = await loading;
  assert.deepEqual(calls, ['glue']);
  assert.equal(typeof Module._sessionCreate, 'function');
});

test('two callers of one core: the first `after` to settle opens it (a widget that never draws its card does not hold the other)', async () => {
  const glue = createRequire(import.meta.url)(new URL('dist/pepite-core.cjs', root).pathname);
  let calls = 0;
  const factory = (/** @type {any} */ o) => ((calls += 1), glue(o));
  const bytes = new Uint8Array(wasmBinary);
  // The first caller's gate never opens (its widget was destroyed before drawing its card).
  const first = loadCore({ wasmBinary: bytes, factory, after: new Promise(() => {}) });
  /** @type {(v?: unknown) => void} */
  let go = () => {};
  const second = loadCore({ wasmBinary: bytes, factory, after: new Promise((resolve) => (go = resolve)) });
  assert.equal(second, first, 'one load per source');
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  assert.equal(calls, 0, 'neither gate open yet');
  go();
  assert.equal(typeof (await second)._sessionCreate, 'function');
  assert.equal(calls, 1);
});
