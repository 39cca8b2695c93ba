// Unit tests for js/i18n-locale.js: which locale the shell asks the core for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
