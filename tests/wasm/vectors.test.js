// Runs the shared JSON vectors (tests/fixtures/vectors) against the real .wasm build, as the
// native Catch2 suites do, so both builds are held to the same behaviour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { toJson } from '../../js/json.js';
import { analysisAction, loadText } from '../../js/text.js';
import { fixture, loadCore } from './load-core.js';

/**
 * True when `actual` contains `expected`: objects key by key (extra keys allowed), arrays element
 * by element with the same length, anything else equal.
 * @param {unknown} actual @param {unknown} expected @param {string} path
 * @returns {string | null} the first mismatch, or null
 */
function mismatch(actual, expected, path = '$') {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array`;
    if (actual.length !== expected.length) {
      return `${path}: length ${actual.length}, expected ${expected.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path}: expected an object`;
    for (const [k, v] of Object.entries(expected)) {
      const m = mismatch(/** @type {any} */ (actual)[k], v, `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

/** Every expected {code, path} item must be in `list`. */
function assertIssues(list, expected = [], label) {
  for (const want of expected) {
    const found = list.some((i) => i.code === want.code && (want.path === undefined || i.path === want.path));
    assert.ok(found, `${label}: missing ${want.code} at ${want.path}; got ${JSON.stringify(list)}`);
  }
}

const surveyText = (name) => fixture(`surveys/${name}`);
const definitionOf = (v) => (v.survey ? surveyText(v.survey) : v.definitionText ?? JSON.stringify(v.definition));

test('definition vectors', async (t) => {
  const core = await loadCore();
  for (const v of JSON.parse(fixture('vectors/definitions.json'))) {
    await t.test(v.name, () => {
      const report = JSON.parse(core._validateDefinition(definitionOf(v)));
      assert.equal(report.ok, v.expect.ok, JSON.stringify(report.errors));
      if (v.expect.ok) assert.deepEqual(report.errors, []);
      assertIssues(report.errors, v.expect.errors, 'errors');
      assertIssues(report.warnings, v.expect.warnings, 'warnings');
    });
  }
});

test('engine vectors', async (t) => {
  const core = await loadCore();
  const analyse = await loadText({ binary: readFileSync(new URL('../../dist/pepite-text.wasm', import.meta.url)) });
  for (const v of JSON.parse(fixture('vectors/engine.json'))) {
    await t.test(v.name, () => {
      const session = core._sessionCreate(definitionOf(v), JSON.stringify(v.options));
      try {
        const start = JSON.parse(core._sessionStart(session));
        if (v.expectStart) assert.equal(mismatch(start, v.expectStart), null);
        for (const [i, step] of (v.steps ?? []).entries()) {
          // `analyse`: what the widget does once pepite-text.wasm is loaded (js/text.js).
          const action = step.analyse ? toJson(analysisAction(analyse, JSON.parse(core._sessionView(session)).analysis)) : step.actionText ?? JSON.stringify(step.action);
          const r = JSON.parse(core._sessionAct(session, action));
          const e = step.expect ?? {};
          const where = `step ${i} ${action.slice(0, 200)}`;
          if ('ok' in e) assert.equal(r.ok, e.ok, `${where}: ${JSON.stringify(r.errors)}`);
          if (e.errorCodes) assert.deepEqual(r.errors.map((x) => x.code), e.errorCodes, where);
          if (e.view) assert.equal(mismatch(r.view, e.view), null, where);
          if ('payloadStatus' in e) assert.equal(r.payload ? r.payload.status : null, e.payloadStatus, where);
          if (e.score) assert.equal(mismatch(r.score, e.score), null, where);
          if (e.warnings) assert.equal(mismatch(r.warnings, e.warnings), null, where);
          if (r.payload) {
            const check = JSON.parse(core._validatePayload(JSON.stringify(r.payload), definitionOf(v)));
            assert.ok(check.ok, `${where}: engine payload rejected ${JSON.stringify(check.errors)}`);
          }
        }
      } finally {
        core._sessionDelete(session);
      }
    });
  }
});

test('payload vectors', async (t) => {
  const core = await loadCore();
  for (const v of JSON.parse(fixture('vectors/payloads.json'))) {
    await t.test(v.name, () => {
      const text = v.payloadText ?? JSON.stringify(v.payload);
      const report = JSON.parse(core._validatePayload(text, v.survey ? surveyText(v.survey) : ''));
      assert.equal(report.ok, v.expect.ok, JSON.stringify(report.errors));
      assertIssues(report.errors, v.expect.errors, 'errors');
    });
  }
});
