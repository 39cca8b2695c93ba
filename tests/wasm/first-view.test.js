// The first view computed ahead of time (issue 19) agrees with the shopper's wasm core: for every
// fixture survey and each of its languages, `pepite-check --first-view` (native) and a session
// of pepite-core.wasm give the same view, hash included; an edited definition changes the hash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { fixture, loadCore } from './load-core.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const surveys = readdirSync(`${root}tests/fixtures/surveys`).filter((f) => f.endsWith('.json')).sort();

/** The native tool: $PEPITE_CHECK, else the native build's. */
function checkBinary() {
  const found = [process.env.PEPITE_CHECK, `${root}build/native/pepite-check`].find((p) => p && existsSync(p));
  if (!found) throw new Error('pepite-check not built (cmake --build build/native --target pepite-check)');
  return found;
}

/**
 * `pepite-check --first-view --locale <locale> <file>`: the definition with its first view.
 * @param {string} name fixture survey @param {string} locale
 */
function precompute(name, locale) {
  const r = spawnSync(checkBinary(), ['--first-view', '--locale', locale, `${root}tests/fixtures/surveys/${name}`],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/**
 * The first view of a session of the shopper's core, as the shell starts one.
 * @param {any} core @param {string} definition @param {string[]} locales
 */
function coreView(core, definition, locales) {
  const options = { locale: locales, responseId: '5f0c7a52-3c1e-4b8e-9a43-0d6f2b7e1c9a', startedAt: 1764100000000 };
  const s = core._sessionCreate(definition, JSON.stringify(options));
  try {
    const report = JSON.parse(core._sessionStart(s));
    assert.equal(report.ok, true, JSON.stringify(report.errors));
    return report.view;
  } finally {
    core._sessionDelete(s);
  }
}

/** The languages of a survey: its `locales` and its default one. @param {any} def */
function languages(def) {
  return [...new Set([def.defaultLocale, ...(def.locales || [])])];
}

test('pepite-check --first-view and pepite-core.wasm give the same first view, hash included', async () => {
  const core = await loadCore('pepite-core');
  let compared = 0;
  for (const name of surveys) {
    const original = fixture(`surveys/${name}`);
    for (const locale of languages(JSON.parse(original))) {
      const withView = precompute(name, locale);
      const { firstView } = JSON.parse(withView);
      assert.deepEqual(Object.keys(firstView.views), [locale], `${name} ${locale}`);
      const precomputed = firstView.views[locale];
      // The core's view, from the original text and from the one carrying the first view: only
      // the responseId is the session's own (the precomputed view belongs to no response).
      for (const definition of [original, withView]) {
        const view = coreView(core, definition, [locale]);
        assert.equal(view.definitionHash, firstView.definitionHash, `${name} ${locale}`);
        assert.equal(JSON.stringify({ ...view, responseId: null }), JSON.stringify(precomputed), `${name} ${locale}`);
      }
      compared++;
    }
  }
  assert.ok(compared >= surveys.length, `${compared} views compared`);
});

test('the wasm core hashes a reformatted definition the same, an edited one differently', async () => {
  const core = await loadCore('pepite-core');
  const withView = precompute('post-purchase.json', 'en');
  const def = JSON.parse(withView);
  const { definitionHash } = def.firstView;

  /** @param {any} value @returns {any} every object's members in reverse order */
  const reversed = (value) => Array.isArray(value) ? value.map(reversed)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
  assert.equal(coreView(core, JSON.stringify(reversed(def), null, 2), ['en']).definitionHash, definitionHash);

  const edited = structuredClone(def);
  edited.questions[0].text.en = 'Would you recommend us to a friend?';
  const view = coreView(core, JSON.stringify(edited), ['en']);
  assert.notEqual(view.definitionHash, definitionHash);
  assert.notEqual(JSON.stringify({ ...view, responseId: null }), JSON.stringify(def.firstView.views.en));
  assert.equal(view.questions[0].text, 'Would you recommend us to a friend?');

  const alerts = structuredClone(def);
  alerts.alerts = { ...alerts.alerts, npsMax: 5 };  // not in the view, in the definition
  assert.notEqual(coreView(core, JSON.stringify(alerts), ['en']).definitionHash, definitionHash);
});

test('the shopper\'s wasm holds the hash only: no firstView checks, no first_view()', () => {
  const wasm = readFileSync(`${root}dist/pepite-core.wasm`);
  // The checks of the member are native (0.4 KB gzip); first_view() is for pepite-check and the
  // collector (its placeholder responseId would show it linked in).
  for (const marker of ['definition.bad_first_view', 'definition.stale_first_view', '00000000-0000-4000-8000-000000000000']) {
    assert.equal(wasm.includes(marker), false, `pepite-core.wasm holds "${marker}"`);
  }
  assert.equal(wasm.includes('definitionHash'), true);
});
