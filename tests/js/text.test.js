// The shopper's core (pepite-core.wasm) asking pepite-text.wasm through js/text.js, under Node with the real builds (issue 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSession, loadCore } from '../../js/core.js';
import { attachText, loadText } from '../../js/text.js';

const root = new URL('../../', import.meta.url);
const read = (/** @type {string} */ f) => readFileSync(new URL(f, root));
const survey = read('tests/fixtures/surveys/post-purchase.json').toString('utf8');
const options = { locale: 'fr', responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 1764100000000, pageUrl: 'https://shop.example/merci', properties: { orderId: 'A-1' } };
const COMMENT = 'Colis arrivé en retard, appelez-moi au 06 12 34 56 78 ou jean.dupont@exemple.fr';
const REDACTED = 'Colis arrivé en retard, appelez-moi au [phone] ou [email]';

/** A core instance of its own (one load per buffer), so attaching text here touches no other test. */
const fresh_core = () => loadCore({ wasmBinary: new Uint8Array(read('dist/pepite-core.wasm')) });
const text_binary = read('dist/pepite-text.wasm');

/** Answers a detractor score and the comment, then submits; returns the act results. */
function run(Module) {
  const s = createSession(Module, survey, options);
  assert.equal(s.start().ok, true);
  const typed = s.act({ type: 'answer', question: 'comment', value: COMMENT, at: options.startedAt + 500 });
  const scored = s.act({ type: 'answer', question: 'nps', value: 2, at: options.startedAt + 1000 });
  const done = s.act({ type: 'submit', at: options.startedAt + 5000 });
  s.destroy();
  return { typed, scored, done };
}

const comment_of = (payload) => payload.answers.find((a) => a.questionId === 'comment');

test('without pepite-text.wasm the core keeps unanalysed text out of partial payloads and sends it as typed when complete', async () => {
  const Module = await fresh_core();
  const { typed, scored, done } = run(Module);
  assert.equal(typed.view.questions.find((q) => q.id === 'comment').redacted, null, 'no preview without the analyser');
  assert.equal(scored.payload.status, 'partial');
  assert.deepEqual(scored.payload.answers.map((a) => a.questionId), ['nps']);
  assert.equal(done.payload.status, 'complete');
  assert.equal(comment_of(done.payload).value, COMMENT);
  assert.equal(done.payload.redactions, undefined);
  assert.equal(done.payload.topics, undefined);
  assert.deepEqual(done.payload.alert.reasons, ['nps_detractor']);
});

test('with pepite-text.wasm attached the payloads are those of the build that links the analysis in', async () => {
  const Module = await fresh_core();
  attachText(Module, await loadText({ binary: text_binary }));
  const shopper = run(Module);
  assert.equal(shopper.typed.view.questions.find((q) => q.id === 'comment').redacted, REDACTED);
  assert.equal(comment_of(shopper.scored.payload).value, REDACTED);
  assert.equal(comment_of(shopper.done.payload).value, REDACTED);
  assert.deepEqual(shopper.done.payload.redactions, { email: 1, phone: 1 });
  assert.ok(shopper.done.payload.topics.includes('delivery_delay'));
  assert.equal(shopper.done.payload.alert.priority, 'high');
  assert.ok(shopper.done.payload.alert.reasons.includes('callback_request'));
  // pepite-tools links the same analysis in-process: every act result must be identical.
  const tools = await loadCore({ wasmBinary: read('dist/pepite-tools.wasm'), factory: createRequire(import.meta.url)(new URL('dist/pepite-tools.cjs', root).pathname) });
  assert.deepEqual(shopper, run(tools));
});

test('the analysis arriving later is used from the next action on', async () => {
  const Module = await fresh_core();
  const s = createSession(Module, survey, options);
  s.start();
  s.act({ type: 'answer', question: 'nps', value: 3, at: options.startedAt + 100 });
  const before = s.act({ type: 'answer', question: 'comment', value: COMMENT, at: options.startedAt + 200 });
  assert.equal(before.view.questions.find((q) => q.id === 'comment').redacted, null);
  attachText(Module, await loadText({ binary: text_binary }));
  const done = s.act({ type: 'submit', at: options.startedAt + 300 });
  assert.equal(comment_of(done.payload).value, REDACTED);
  s.destroy();
});

test('an analyser that throws or answers nonsense counts as absent, never as a result', async () => {
  const Module = await fresh_core();
  for (const bad of [
    () => {
      throw new Error('boom');
    },
    () => 'not json',
    () => '{"texts":[],"counts":{},"topics":[],"urgency":[]}',
    () => '{"texts":[1],"counts":{}}',
    () => 42,
  ]) {
    attachText(Module, /** @type {any} */ (bad));
    const { scored, done } = run(Module);
    assert.deepEqual(scored.payload.answers.map((a) => a.questionId), ['nps'], String(bad));
    assert.equal(comment_of(done.payload).value, COMMENT);
    assert.equal(done.payload.redactions, undefined);
  }
});

test('pepite-text.wasm on its own: a malformed request is an error, a 1 MB comment grows its memory', async () => {
  const analyse = await loadText({ binary: new Uint8Array(text_binary) });
  assert.deepEqual(JSON.parse(analyse('{"texts":')), { error: 'malformed request' });
  assert.deepEqual(JSON.parse(analyse('{"texts":[]}')), { texts: [], counts: {}, topics: [], urgency: [] });
  const long = 'Appelez le 06 12 34 56 78. '.repeat(40000);
  const out = JSON.parse(analyse(JSON.stringify({ texts: [long] })));
  assert.equal(out.counts.phone, 40000);
  assert.ok(!out.texts[0].includes('06 12'));
  // Still answering after the growth.
  assert.equal(JSON.parse(analyse(JSON.stringify({ texts: ['mail: a@b.fr'] }))).texts[0], 'mail: [email]');
});
