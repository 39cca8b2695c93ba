// Unit tests for js/queue.js: the stub's calls are replayed in order, early listeners are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installQueue } from '../../js/queue.js';

/** A widget that records calls (the real one needs a DOM; it is covered end-to-end). */
function recorder(log) {
  return (options) => {
    const w = { options, ready: Promise.resolve() };
    for (const m of ['show', 'hide', 'destroy', 'on', 'off', 'setProperties', 'setLocale']) {
      w[m] = (...args) => {
        log.push([m, ...args]);
        return m === 'on' || m === 'off' ? w : undefined;
      };
    }
    log.push(['created', options]);
    return w;
  };
}

/** The documented snippet. */
function snippet() {
  const g = {};
  g.pepite = g.pepite || function () {
    (g.pepite.q = g.pepite.q || []).push(arguments);
  };
  return g;
}

test('calls made before the script loaded are replayed in order', async (t) => {
  t.mock.method(console, 'warn', () => {});
  const g = snippet();
  const f = () => {};
  g.pepite('on', 'submit', f);
  g.pepite('init', { survey: '#s', locale: 'fr' });
  g.pepite('setProperties', { orderId: 'A' });
  g.pepite('show');
  g.pepite('bogus');
  const log = [];
  const pepite = installQueue(g, recorder(log), { survey: '/from-tag.json', position: 'center' });
  assert.equal(g.pepite, pepite);
  assert.deepEqual(log, [
    ['created', { survey: '#s', position: 'center', locale: 'fr' }],
    ['on', 'submit', f],
    ['setProperties', { orderId: 'A' }],
    ['show'],
  ]);
  assert.equal(console.warn.mock.callCount(), 1);
  assert.equal(typeof pepite.version, 'string');
});

test('init options are merged over data-* defaults, properties and theme key by key', () => {
  const g = snippet();
  g.pepite('init', { properties: { orderId: 'CMD-1' }, theme: { accent: 'red' } });
  const log = [];
  installQueue(g, recorder(log), { survey: '/s.json', properties: { channel: 'web' }, theme: { scheme: 'dark' } });
  assert.deepEqual(log[0], ['created', { survey: '/s.json', properties: { channel: 'web', orderId: 'CMD-1' }, theme: { scheme: 'dark', accent: 'red' } }]);
});

test('a script tag with data-survey and no queued init starts by itself', () => {
  const g = snippet();
  g.pepite('on', 'error', console.log);
  const log = [];
  installQueue(g, recorder(log), { survey: '/s.json' });
  assert.deepEqual(log[0], ['created', { survey: '/s.json' }]);
  assert.deepEqual(log[1], ['on', 'error', console.log]);
});

test('commands before init are ignored with a warning; a second init replaces the widget', async (t) => {
  t.mock.method(console, 'warn', () => {});
  const log = [];
  const pepite = installQueue({}, recorder(log), {});
  assert.equal(pepite('show'), undefined);
  assert.equal(log.length, 0);
  const w = await pepite('init', { survey: 'a' });
  assert.equal(w.options.survey, 'a');
  await pepite('init', { survey: 'b' });
  assert.deepEqual(log.map((l) => l[0]), ['created', 'destroy', 'created']);
  assert.equal(pepite.widget().options.survey, 'b');
});

test('a throwing widget method does not escape', (t) => {
  t.mock.method(console, 'warn', () => {});
  const pepite = installQueue({}, () => ({ ready: Promise.resolve(), show() { throw new Error('x'); } }), {});
  pepite('init', { survey: 'a' });
  assert.doesNotThrow(() => pepite('show'));
});

test("pepite('on') listeners belong to the page: every init gets them, off removes them", async (t) => {
  // QA: on() before the first init, then a second init: the new widget heard nothing.
  t.mock.method(console, 'warn', () => {});
  const g = snippet();
  const early = () => {};
  const later = () => {};
  g.pepite('on', 'shown', early);
  g.pepite('init', { survey: 'a' });
  const log = [];
  const pepite = installQueue(g, recorder(log), {});
  pepite('on', 'submit', later);
  await pepite('init', { survey: 'b' });
  const second = log.slice(log.findIndex((l) => l[0] === 'destroy') + 1);
  assert.deepEqual(second.filter((l) => l[0] === 'on'), [['on', 'shown', early], ['on', 'submit', later]]);
  pepite('off', 'shown', early);
  await pepite('init', { survey: 'c' });
  const third = log.slice(log.lastIndexOf(log.filter((l) => l[0] === 'created').pop()));
  assert.deepEqual(third.filter((l) => l[0] === 'on'), [['on', 'submit', later]]);
});

test('the documented snippet works on a page with an element whose id is "pepite"', async () => {
  // QA: window.pepite was that element, `window.pepite || …` kept it, pepite('init') threw.
  const g = { pepite: { tagName: 'DIV', id: 'pepite' } };
  g.pepite = typeof g.pepite === 'function' ? g.pepite : function () {
    (g.pepite.q = g.pepite.q || []).push(arguments);
  };
  g.pepite('init', { survey: '#s' });
  const log = [];
  installQueue(g, recorder(log), {});
  assert.deepEqual(log[0], ['created', { survey: '#s' }]);
});
