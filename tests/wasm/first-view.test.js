// The first view computed ahead of time (issue 19) agrees with the shopper's wasm core: for every
// fixture survey and each of its languages, `pepite-check --first-view` (native) and a session
// of pepite-core.wasm give the same view (the shopper's wasm computes no definition hash: size
// budget), and the precomputed view carries the hash of the definition it came from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
function coreView(core, definition, locales, uiStrings = {}) {
  const options = { locale: locales, responseId: '5f0c7a52-3c1e-4b8e-9a43-0d6f2b7e1c9a', startedAt: 1764100000000, uiStrings };
  const s = core._sessionCreate(definition, JSON.stringify(options));
  let view;
  try {
    const report = JSON.parse(core._sessionStart(s));
    assert.equal(report.ok, true, JSON.stringify(report.errors));
    view = report.view;
  } finally {
    core._sessionDelete(s);
  }
  // The shopper's core holds French and English only: for the other languages it asks for its
  // strings file, and the shell starts it again with them (issue 20), as here. The native core
  // that precomputes views has all twelve built in.
  if (view.uiPack && !uiStrings[view.uiPack]) {
    const pack = readFileSync(`${root}dist/pepite-ui-${view.uiPack}.txt`, 'utf8');
    return coreView(core, definition, locales, { ...uiStrings, [view.uiPack]: pack });
  }
  return view;
}

/** The languages of a survey: its `locales` and its default one. @param {any} def */
function languages(def) {
  return [...new Set([def.defaultLocale, ...(def.locales || [])])];
}

test('pepite-check --first-view and pepite-core.wasm give the same first view', async () => {
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
        assert.equal(view.definitionHash, undefined, 'the shopper\'s wasm computes no hash');
        assert.equal(precomputed.definitionHash, firstView.definitionHash, `${name} ${locale}`);
        // The comparison the shell makes: responseId and definitionHash set aside.
        const { definitionHash, ...rest } = precomputed;
        assert.match(definitionHash, /^[0-9a-f]{16}$/);
        assert.equal(JSON.stringify({ ...view, responseId: null }), JSON.stringify(rest), `${name} ${locale}`);
      }
      compared++;
    }
  }
  assert.ok(compared >= surveys.length, `${compared} views compared`);
});

test('a reformatted definition keeps its hash, an edited one gets another (pepite-check)', () => {
  const withView = precompute('post-purchase.json', 'en');
  const def = JSON.parse(withView);
  const { definitionHash } = def.firstView;
  /** @param {any} d @returns {string} the hash pepite-check gives the definition `d` */
  const dir = mkdtempSync(`${tmpdir()}/pepite-hash-`);
  const hashOf = (d) => {
    writeFileSync(`${dir}/survey.json`, JSON.stringify(d, null, 2));
    const r = spawnSync(checkBinary(), ['--first-view', '--locale', 'en', `${dir}/survey.json`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).firstView.definitionHash;
  };
  /** @param {any} value @returns {any} every object's members in reverse order */
  const reversed = (value) => Array.isArray(value) ? value.map(reversed)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
  const { firstView, ...plain } = def;
  assert.equal(hashOf(reversed(plain)), definitionHash);
  const edited = structuredClone(plain);
  edited.questions[0].text.en = 'Would you recommend us to a friend?';
  assert.notEqual(hashOf(edited), definitionHash);
  const alerts = structuredClone(plain);
  alerts.alerts = { ...alerts.alerts, npsMax: 5 };  // not in the view, in the definition
  assert.notEqual(hashOf(alerts), definitionHash);
});

test('the shopper\'s wasm holds none of the first view\'s native code', () => {
  const wasm = readFileSync(`${root}dist/pepite-core.wasm`);
  // The hash, the checks of the member and first_view() are for pepite-check and the collector
  // (the placeholder responseId of first_view() would show it linked in).
  for (const marker of ['definition.bad_first_view', 'definition.stale_first_view', '00000000-0000-4000-8000-000000000000', 'definitionHash']) {
    assert.equal(wasm.includes(marker), false, `pepite-core.wasm holds "${marker}"`);
  }
});
