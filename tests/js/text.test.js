// The shopper's core (pepite-core.wasm) and pepite-text.wasm through js/text.js, under Node with the real builds:
// the view asks for the analysis, the shell answers with an `analysis` action (issues 4 and 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSession, loadCore } from '../../js/core.js';
import { analysisAction, createTextGate, createTextLoader, loadText } from '../../js/text.js';

const root = new URL('../../', import.meta.url);
const read = (/** @type {string} */ f) => readFileSync(new URL(f, root));
const survey = read('tests/fixtures/surveys/post-purchase.json').toString('utf8');
const options = { locale: 'fr', responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 1764100000000, pageUrl: 'https://shop.example/merci', properties: { orderId: 'A-1' } };
const COMMENT = 'Colis arrivé en retard, appelez-moi au 06 12 34 56 78 ou jean.dupont@exemple.fr';
const REDACTED = 'Colis arrivé en retard, appelez-moi au [phone] ou [email]';

const core = () => loadCore({ wasmBinary: new Uint8Array(read('dist/pepite-core.wasm')) });
const text_binary = read('dist/pepite-text.wasm');

/**
 * Answers the comment and a detractor score, then submits, as the widget does: after each action,
 * the analysis the view asks for goes back to the core when an analyser is given.
 * @param {any} Module @param {((request: string) => string) | null} analyse
 */
function run(Module, analyse) {
  const s = createSession(Module, survey, options);
  assert.equal(s.start().ok, true);
  /** @param {object} action */
  const act = (action) => {
    const r = s.act(action);
    const asked = r.view && r.view.analysis;
    const reply = analyse && asked ? analysisAction(analyse, asked) : null;
    if (reply) r.analysed = s.act(reply);
    return r;
  };
  const typed = act({ type: 'answer', question: 'comment', value: COMMENT, at: options.startedAt + 500 });
  const scored = act({ type: 'answer', question: 'nps', value: 2, at: options.startedAt + 1000 });
  const done = act({ type: 'submit', at: options.startedAt + 5000 });
  s.destroy();
  return { typed, scored, done };
}

const comment_of = (payload) => payload.answers.find((a) => a.questionId === 'comment');

test('without pepite-text.wasm the view keeps asking, partial payloads leave the text out and the complete one has it as typed', async () => {
  const { typed, scored, done } = run(await core(), null);
  assert.deepEqual(typed.view.analysis.texts, [COMMENT]);
  assert.equal(typeof typed.view.analysis.id, 'string');
  assert.deepEqual(scored.view.analysis, typed.view.analysis);
  assert.equal(scored.payload.status, 'partial');
  assert.deepEqual(scored.payload.answers.map((a) => a.questionId), ['nps']);
  assert.equal(done.payload.status, 'complete');
  assert.equal(done.view.analysis, null, 'a finished survey asks nothing');
  assert.equal(comment_of(done.payload).value, COMMENT);
  assert.equal(done.payload.redactions, undefined);
  assert.equal(done.payload.topics, undefined);
  assert.deepEqual(done.payload.alert.reasons, ['nps_detractor']);
});

test('with pepite-text.wasm the analysis goes back as an action and the payloads carry the redacted text', async () => {
  const shopper = run(await core(), await loadText({ binary: text_binary }));
  assert.equal(shopper.typed.analysed.ok, true);
  assert.equal(shopper.typed.analysed.view.analysis, null);
  assert.equal(shopper.typed.analysed.payload, null, 'an analysis sends nothing by itself');
  assert.equal(comment_of(shopper.scored.payload).value, REDACTED);
  assert.equal(comment_of(shopper.done.payload).value, REDACTED);
  assert.deepEqual(shopper.done.payload.redactions, { email: 1, phone: 1 });
  assert.ok(shopper.done.payload.topics.includes('delivery_delay'));
  assert.equal(shopper.done.payload.alert.priority, 'high');
  assert.ok(shopper.done.payload.alert.reasons.includes('callback_request'));
  // pepite-tools has the same session code: every act result must be identical.
  const tools = await loadCore({ wasmBinary: read('dist/pepite-tools.wasm'), factory: createRequire(import.meta.url)(new URL('dist/pepite-tools.cjs', root).pathname) });
  assert.deepEqual(shopper, run(tools, await loadText({ binary: text_binary })));
});

test('an analysis arriving later is used from then on', async () => {
  const s = createSession(await core(), survey, options);
  s.start();
  s.act({ type: 'answer', question: 'nps', value: 3, at: options.startedAt + 100 });
  const before = s.act({ type: 'answer', question: 'comment', value: COMMENT, at: options.startedAt + 200 });
  const analyse = await loadText({ binary: text_binary });
  const later = s.act(/** @type {object} */ (analysisAction(analyse, before.view.analysis)));
  assert.equal(later.ok, true);
  assert.ok(later.score.alert.reasons.includes('callback_request'));
  const done = s.act({ type: 'submit', at: options.startedAt + 300 });
  assert.equal(comment_of(done.payload).value, REDACTED);
  s.destroy();
});

test('an analyser that throws or answers nonsense is never taken as a result', async () => {
  const Module = await core();
  for (const bad of [
    () => {
      throw new Error('boom');
    },
    () => 'not json',
    () => '{"texts":[],"counts":{},"topics":[],"urgency":[]}',
    () => '{"texts":[1],"counts":{}}',
    () => '42',
  ]) {
    const { typed, scored, done } = run(Module, /** @type {any} */ (bad));
    if (typed.analysed) assert.deepEqual(typed.analysed.errors.map((e) => e.code), ['action.bad_value'], String(bad));
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

test('the gate starts a load nobody started before letting awaited text through, and waits for it', async () => {
  const texts = createTextLoader({ url: () => '', binary: text_binary, loaded() {}, failed() {} });
  /** @type {boolean[]} */
  const busy = [];
  const gate = createTextGate(texts, { later: setTimeout, clearTimer: clearTimeout, busy: (on) => busy.push(on) });
  // Typed text awaits the analysis and nothing has loaded it yet (a Next in the same task as the typing).
  const went = new Promise((resolve) => gate(true, () => resolve(texts.analyser())));
  assert.notEqual(texts.pending(), null, 'the load is under way');
  assert.equal(typeof (await went), 'function', 'the action goes once the analyser is there, not before');
  assert.deepEqual(busy, [true, false]);
  // Loaded: the next one goes at once; text that awaits nothing never starts a load.
  let now = false;
  gate(true, () => (now = true));
  assert.equal(now, true);
  const idle = createTextLoader({ url: () => '', binary: text_binary, loaded() {}, failed() {} });
  let plain = false;
  createTextGate(idle, { later: setTimeout, clearTimer: clearTimeout, busy() {} })(false, () => (plain = true));
  assert.equal(plain, true);
  assert.equal(idle.pending(), null, 'nothing loaded for an action without awaited text');
});
