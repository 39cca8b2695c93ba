// The pure parts of the early card (issue 19) and the widget's state table (issue 15).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickFirstView, sameView } from '../../js/widget-early.js';
import { createLife } from '../../js/widget-life.js';

const H = '84d56c002ee003e5';
/** @param {string} locale @param {string} [hash] */
const view = (locale, hash = H) => ({ surveyId: 's', definitionHash: hash, responseId: null, locale, state: 'active', questions: [] });

test('pickFirstView: the first tag of the list that names a view (case and _ aside), else the only view', () => {
  const def = { firstView: { definitionHash: H, views: { fr: view('fr'), 'pt-BR': view('pt-BR'), en: view('en') } } };
  assert.equal(pickFirstView(def, ['de', 'FR', 'en']).locale, 'fr');
  assert.equal(pickFirstView(def, ['pt_br', 'fr']).locale, 'pt-BR');
  assert.equal(pickFirstView(def, 'en').locale, 'en');
  assert.equal(pickFirstView(def, ['de']), null, 'several views, none asked: the core decides');
  const one = { firstView: { definitionHash: H, views: { fr: view('fr') } } };
  assert.equal(pickFirstView(one, ['fr-CA', 'de']).locale, 'fr', 'a single view (the collector\'s answer for this list)');
});

test('pickFirstView: nothing to draw without a usable first view', () => {
  assert.equal(pickFirstView({}, ['fr']), null);
  assert.equal(pickFirstView(undefined, ['fr']), null, 'a definition that is not JSON');
  assert.equal(pickFirstView({ firstView: { definitionHash: H, views: [] } }, ['fr']), null);
  assert.equal(pickFirstView({ firstView: { definitionHash: 'ffffffffffffffff', views: { fr: view('fr') } } }, ['fr']), null, 'a view of another definition');
  assert.equal(pickFirstView({ firstView: { definitionHash: H, views: { fr: Object.assign(view('fr'), { state: 'finished' }) } } }, ['fr']), null);
  assert.equal(pickFirstView({ firstView: { definitionHash: H, views: { fr: 'x' } } }, ['fr']), null);
});

test('sameView sets responseId and definitionHash aside, and nothing else', () => {
  const drawn = view('fr');
  const core = Object.assign({}, drawn, { responseId: '5f0c7a52-3c1e-4b8e-9a43-0d6f2b7e1c9a' });
  delete core.definitionHash;
  assert.equal(sameView(drawn, core), true);
  assert.equal(sameView(drawn, Object.assign({}, core, { locale: 'en' })), false);
  assert.equal(sameView(drawn, Object.assign({}, core, { questions: [{ id: 'nps' }] })), false);
});

test('the widget\'s life: only the transitions of its table happen', () => {
  const life = createLife();
  assert.equal(life.is('loading'), true);
  assert.equal(life.go('early'), true);
  assert.equal(life.go('early'), false, 'early once');
  assert.equal(life.go('ready'), true);
  assert.equal(life.go('early'), false, 'no early card after ready');
  assert.equal(life.over(), false);
  assert.equal(life.go('fail'), true);
  assert.equal(life.over(), true);
  assert.equal(life.go('ready'), false);
  assert.equal(life.go('destroy'), true);
  assert.equal(life.go('destroy'), false, 'destroyed once');
  assert.equal(life.is('destroyed'), true);
});

test('the card\'s hold: hide() before it showed stops the automatic show; in the middle of the survey it can resume', () => {
  const life = createLife();
  assert.equal(life.hold(), 'auto');
  life.hide(null);
  assert.equal(life.hold(), 'held');
  life.show();
  assert.equal(life.hold(), 'auto');
  life.hide(true);
  assert.equal(life.hold(), 'resumable');
  life.hide(null);
  assert.equal(life.hold(), 'resumable', 'a second hide() with no card keeps it resumable');
  life.show();
  assert.equal(life.hold(), 'resumable', 'until the card is back');
  life.resumed();
  assert.equal(life.hold(), 'auto');
  life.hide(false);
  assert.equal(life.hold(), 'held', 'hidden after the end: nothing to resume');
});
