// Properties of the wasm build itself: memory budget, CSP-safe glue, the bound API's shape.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadCore } from './load-core.js';

const glue = readFileSync(new URL('../../dist/pepite-core.cjs', import.meta.url), 'utf8');

test('linear memory starts at most at 2 MB (issue 4 budget) and can grow', async () => {
  const core = await loadCore();
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
  const core = await loadCore();
  for (const name of ['_Session', '_validateDefinition', '_validatePayload']) {
    assert.equal(typeof core[name], 'function', name);
  }
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
