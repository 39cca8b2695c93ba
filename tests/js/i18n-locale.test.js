// Unit tests for js/i18n-locale.js: which locale the shell asks the core for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSession, loadCore } from '../../js/core.js';
import { chooseLocale, normalizeLocale } from '../../js/i18n-locale.js';

test('an explicit locale wins', () => {
  assert.equal(chooseLocale('fr-CA', { documentLang: 'en', languages: ['de'] }), 'fr-CA');
  assert.equal(chooseLocale('pt_BR', {}), 'pt-BR');
});

test('auto: <html lang>, then every navigator.languages entry, in order; en when none', () => {
  assert.deepEqual(chooseLocale('auto', { documentLang: 'fr', languages: ['de'] }), ['fr', 'de']);
  // QA: only the first browser language reached the core, so a German browser that also lists
  // English got the survey's default locale instead of English.
  assert.deepEqual(chooseLocale('auto', { documentLang: '', languages: ['', 'de-CH', 'en'] }), ['de-CH', 'en']);
  assert.deepEqual(chooseLocale('auto', { documentLang: 'en', languages: ['EN', 'en-GB', 'fr_FR'] }), ['en', 'en-GB', 'fr-FR']);
  assert.equal(chooseLocale(undefined, { documentLang: 'not a tag!', languages: [] }), 'en');
  assert.equal(chooseLocale('AUTO', {}), 'en');
  const many = Array.from({ length: 15 }, (_, i) => `x${String.fromCharCode(97 + i)}`);
  assert.equal(/** @type {string[]} */ (chooseLocale('auto', { languages: many })).length, 10);
});

test('normalizeLocale refuses what is not a language tag', () => {
  assert.equal(normalizeLocale('en-US'), 'en-US');
  assert.equal(normalizeLocale(' fr '), 'fr');
  assert.equal(normalizeLocale('e'), '');
  assert.equal(normalizeLocale('<script>'), '');
  assert.equal(normalizeLocale(12), '');
});

// The core refuses a session whose locale list holds one tag it does not take, so the shell keeps
// exactly the tags the core takes: one rule, the core's (is_locale_tag). Each tag is asked of the
// real shopper's build. Before, `<html lang="english">` passed the shell and the card never came.
const root = new URL('../../', import.meta.url);
const survey = readFileSync(new URL('tests/fixtures/surveys/post-purchase.json', root), 'utf8');
/** @param {any} Module @param {string | string[]} locale @returns {any} the start report */
function start(Module, locale) {
  const session = createSession(Module, survey, { locale, responseId: '0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d', startedAt: 1764100000000, pageUrl: 'https://shop.example/thanks', properties: {} });
  try {
    return session.start();
  } finally {
    session.destroy();
  }
}

test('the shell keeps exactly the language tags the core takes', async () => {
  const Module = await loadCore({ wasmBinary: readFileSync(new URL('dist/pepite-core.wasm', root)) });
  const tags = ['en', 'fr-CA', 'pt_BR', 'zh-Hant-TW', 'de-1996', 'en-a-bbb-x-abcdefgh', 'sgn-BE-FR', 'en1', 'ab12-x',
    'english', 'french', 'engl', 'e', 'x-klingon', 'i-default', 'en-', 'en--us', '-en', 'en_', 'fr-CA!', 'fr CA', 'en-\u00e9',
    'en-' + 'a'.repeat(32), 'en-' + 'a'.repeat(33), 'auto', 'AUTO'];
  for (const tag of tags) {
    const core = start(Module, tag).ok === true;
    assert.equal(normalizeLocale(tag) !== '', core, `${tag}: the core ${core ? 'takes' : 'refuses'} it`);
  }
  // And as many of them as the core takes (MAX_LOCALES, the core's max_requested_locales).
  const many = Array.from({ length: 15 }, (_, i) => `x${String.fromCharCode(97 + i)}`);
  assert.equal(start(Module, chooseLocale('auto', { languages: many })).ok, true);
  assert.equal(start(Module, many.slice(0, 11)).ok, false, 'the core takes 10 at most');
});

test('a page whose <html lang> is no tag still gets its card, in the browser\'s language', async () => {
  const Module = await loadCore({ wasmBinary: readFileSync(new URL('dist/pepite-core.wasm', root)) });
  const locale = chooseLocale('auto', { documentLang: 'english', languages: ['fr-FR'] });
  assert.deepEqual(locale, ['fr-FR']);
  const r = start(Module, locale);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.equal(r.view.locale, 'fr');
});
