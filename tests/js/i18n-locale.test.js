// Unit tests for js/i18n-locale.js: which locale the shell asks the core for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseLocale, normalizeLocale } from '../../js/i18n-locale.js';

test('an explicit locale wins', () => {
  assert.equal(chooseLocale('fr-CA', { documentLang: 'en', languages: ['de'] }), 'fr-CA');
  assert.equal(chooseLocale('pt_BR', {}), 'pt-BR');
});

test('auto: <html lang>, then navigator.languages, then en', () => {
  assert.equal(chooseLocale('auto', { documentLang: 'fr', languages: ['de'] }), 'fr');
  assert.equal(chooseLocale('auto', { documentLang: '', languages: ['', 'de-CH', 'en'] }), 'de-CH');
  assert.equal(chooseLocale(undefined, { documentLang: 'not a tag!', languages: [] }), 'en');
  assert.equal(chooseLocale('AUTO', {}), 'en');
});

test('normalizeLocale refuses what is not a language tag', () => {
  assert.equal(normalizeLocale('en-US'), 'en-US');
  assert.equal(normalizeLocale(' fr '), 'fr');
  assert.equal(normalizeLocale('e'), '');
  assert.equal(normalizeLocale('<script>'), '');
  assert.equal(normalizeLocale(12), '');
});
