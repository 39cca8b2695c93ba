// The shopper's core and the UI strings it leaves out (issue 20): French and English built in, the
// other ten asked for in `uiPack` and taken back from pepite-ui-<language>.txt in `uiStrings`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadCore } from './load-core.js';

const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'ar', 'he'];
const pack = (/** @type {string} */ l) => readFileSync(new URL(`../../dist/pepite-ui-${l}.txt`, import.meta.url), 'utf8');

/** @param {string} locale @param {object} [extra] session options */
async function start(locale, extra = {}) {
  const core = await loadCore('pepite-core');
  const def = { schema: 'pepite.survey/1', id: 's', defaultLocale: locale, questions: [{ id: 'nps', type: 'nps', text: 'Q?' }] };
  const s = core._sessionCreate(JSON.stringify(def), JSON.stringify({ responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 0, ...extra }));
  const report = JSON.parse(core._sessionStart(s));
  core._sessionDelete(s);
  assert.equal(report.ok, true, JSON.stringify(report.errors));
  return report;
}

test('French and English are built in; the ten others are asked for and drawn once given', async () => {
  const english = (await start('en')).view;
  const keys = Object.keys(english.ui);
  assert.equal(keys.length, pack('en').trimEnd().split('\n').length);
  for (const l of LANGUAGES) {
    const lines = pack(l).trimEnd().split('\n');
    const texts = Object.fromEntries(keys.map((k, i) => [k, lines[i]]));
    const asked = (await start(l)).view;
    if (l === 'fr' || l === 'en') {
      assert.equal(asked.uiPack, null, l);
      assert.deepEqual(asked.ui, texts, l);
      continue;
    }
    // Before the file: English, and the language to fetch.
    assert.equal(asked.uiPack, l);
    assert.deepEqual(asked.ui, english.ui);
    const given = await start(l, { uiStrings: { [l]: pack(l) } });
    assert.deepEqual(given.warnings, []);
    assert.equal(given.view.uiPack, null, l);
    assert.deepEqual(given.view.ui, texts, l);
    assert.equal(given.view.questions[0].lowLabel, texts.npsLow);
    assert.equal(given.view.dir, l === 'ar' || l === 'he' ? 'rtl' : 'ltr');
  }
});

test('a pack that does not fit is a warning; the card stays in English', async () => {
  const report = await start('de', { uiStrings: { de: pack('de').split('\n').slice(1).join('\n') } });
  assert.deepEqual(report.warnings.map((/** @type {any} */ w) => w.code), ['session.bad_ui_strings']);
  assert.equal(report.view.uiPack, 'de');
  assert.equal(report.view.ui.submit, 'Send');
});
