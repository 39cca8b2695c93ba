// The redaction and topic vectors against the real .wasm (issue 7): same fixtures as Catch2.
// Needs the pepite-tools build's bindings `_redact` (pepite::redact_json) and `_analyseComment`
// (pepite::analyse_comment_json). Run: node --test tests/text/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import createPepiteCore from '../../dist/pepite-tools.cjs';

const root = new URL('../../', import.meta.url);
const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`tests/fixtures/text/${name}`, root), 'utf8'));
const wasmBinary = readFileSync(new URL('dist/pepite-tools.wasm', root));
const Module = await createPepiteCore({ wasmBinary });

test('redaction vectors', () => {
  const doc = fixture('redact-vectors.json');
  for (const c of doc.cases) {
    const options = { ...doc.defaultOptions, ...(c.options || {}) };
    const got = JSON.parse(Module._redact(c.input, JSON.stringify(options)));
    assert.equal(got.text, c.output, c.name);
    assert.deepEqual(got.counts, c.counts, c.name);
  }
});

test('topic and urgency vectors', () => {
  for (const c of fixture('topic-vectors.json').cases) {
    const got = JSON.parse(Module._analyseComment(c.input, ''));
    if (c.topics) assert.deepEqual(got.topics, c.topics, c.input);
    if (c.urgency) assert.deepEqual(got.urgency, c.urgency, c.input);
  }
});

test('a 1,000-character comment takes well under 1 ms in wasm (benchmark print)', () => {
  const sentence = 'Bonjour, colis arrivé avec 10 jours de retard et l’emballage était déchiré ; ' +
    'il manque un article. Rappelez-moi au 06 12 34 56 78 ou écrivez à jean.dupont@gmail.com, ' +
    'sinon je contacte un avocat !!! Remboursez-moi sur FR76 3000 6000 0112 3456 7890 189. ';
  const comment = sentence.repeat(5).slice(0, 1000);
  for (let i = 0; i < 50; i++) Module._analyseComment(Module._redact(comment, ''), '');
  const rounds = 500;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    const r = JSON.parse(Module._redact(comment, '{"orderMasks":["CMD-########"]}'));
    Module._analyseComment(r.text, '');
  }
  const ms = (performance.now() - t0) / rounds;
  console.log(`wasm: redact + analyseComment on 1,000 chars = ${ms.toFixed(3)} ms per call`);
  assert.ok(ms < 50, 'sanity bound only; the budget is read from the printed figure');
});
