// Properties of the wasm build itself: memory budget, CSP-safe glue, the bound API's shape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadCore } from './load-core.js';

const glue = readFileSync(new URL('../../dist/pepite-core.cjs', import.meta.url), 'utf8');

test('linear memory starts at most at 2 MB (issue 4 budget) and can grow', async () => {
  const core = await loadCore();
  assert.ok((await loadCore('pepite-core')).HEAPU8.length <= 2 * 1024 * 1024);
  assert.ok(core.HEAPU8.length <= 2 * 1024 * 1024, `initial memory ${core.HEAPU8.length}`);
  // A 4 MB definition text must not fail for lack of memory: growth is allowed (the core
  // refuses it as too large, which is the point).
  const report = JSON.parse(core._validateDefinition('"' + 'x'.repeat(4 * 1024 * 1024) + '"'));
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].code, 'definition.too_large');
});

test('the glue never builds code at run time (strict CSP without unsafe-eval)', () => {
  assert.doesNotMatch(glue, /new Function\(/);
  assert.doesNotMatch(glue, /\beval\(/);
});

test('the raw bindings are the documented ones', async () => {
  const tools = await loadCore('pepite-tools');
  for (const name of ['_Session', '_validateDefinition', '_validatePayload', '_redact', '_analyseComment']) {
    assert.equal(typeof tools[name], 'function', name);
  }
  // What shoppers download binds the session alone (the validators cost 7.5 KB gzip).
  const shopper = await loadCore('pepite-core');
  assert.equal(typeof shopper._Session, 'function');
  for (const name of ['_validateDefinition', '_validatePayload', '_redact', '_analyseComment']) {
    assert.equal(shopper[name], undefined, name);
  }
});

test('the shopper build checks a definition as its session starts', async () => {
  const shopper = await loadCore('pepite-core');
  const s = new shopper._Session('{"schema":"pepite.survey/1","id":"x","questions":[]}', '{}');
  const report = JSON.parse(s.startReport());
  assert.equal(report.ok, false);
  assert.ok(report.errors.some((e) => e.code.startsWith('definition.')), JSON.stringify(report.errors));
  s.delete();
});

test('a session answers JSON even for garbage input, and can be deleted', async () => {
  const core = await loadCore();
  const s = new core._Session('not json', '{}');
  const report = JSON.parse(s.startReport());
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].code, 'definition.not_json');
  const r = JSON.parse(s.act('{"type":"answer","question":"nps","value":3}'));
  assert.equal(r.ok, false);
  s.delete();
});
