// GET /v1/surveys/{surveyId}/first-view against the real pepite-collector (issue 19): the
// definition with the first view of the locale a session resolves, ETag, 304, CORS, errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ROOT, startCollector } from './helpers.js';

const SHOP = 'https://shop.example';
const definition = JSON.parse(readFileSync(path.join(ROOT, 'demo/surveys/post-purchase.json'), 'utf8'));

describe('GET /v1/surveys/{surveyId}/first-view', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--allow-origin', SHOP, '--rate-limit', '0'] });
  });
  after(async () => { await c.stop(); });

  const get = (/** @type {string} */ query, /** @type {Record<string,string>} */ headers = {}) =>
    fetch(`${c.url}/v1/surveys/post-purchase/first-view${query}`, { headers });

  test('the definition with the view of the first locale the survey is written in', async () => {
    const res = await get('?locales=de,fr-CA,en');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /^application\/json/);
    const body = await res.json();
    const { firstView, ...rest } = body;
    assert.deepEqual(rest, definition);
    assert.deepEqual(Object.keys(body), [...Object.keys(definition), 'firstView']);
    assert.deepEqual(Object.keys(firstView), ['definitionHash', 'views']);
    assert.match(firstView.definitionHash, /^[0-9a-f]{16}$/);
    assert.deepEqual(Object.keys(firstView.views), ['fr']);
    const view = firstView.views.fr;
    assert.equal(view.locale, 'fr');
    assert.equal(view.responseId, null);
    assert.equal(view.definitionHash, firstView.definitionHash);
    assert.equal(view.state, 'active');
    assert.equal(view.questions[0].text, definition.questions[0].text.fr);
    assert.equal(res.headers.get('etag'), `"${firstView.definitionHash}-fr"`);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
  });

  test('no locales: the default one; another resolution, another ETag', async () => {
    const none = await get('');
    assert.equal(none.status, 200);
    const fr = await none.json();
    assert.deepEqual(Object.keys(fr.firstView.views), [definition.defaultLocale]);
    const en = await get('?locales=en-GB');
    const body = await en.json();
    assert.deepEqual(Object.keys(body.firstView.views), ['en']);
    assert.equal(body.firstView.views.en.questions[0].text, definition.questions[0].text.en);
    assert.equal(body.firstView.definitionHash, fr.firstView.definitionHash);
    assert.equal(en.headers.get('etag'), `"${fr.firstView.definitionHash}-en"`);
  });

  test('If-None-Match with the ETag: 304 without a body', async () => {
    const first = await get('?locales=fr');
    const etag = first.headers.get('etag') || '';
    await first.arrayBuffer();
    for (const tag of [etag, `W/${etag}`, `"0000000000000000-fr", ${etag}`, '*']) {
      const again = await get('?locales=fr-CA,fr', { 'If-None-Match': tag });
      assert.equal(again.status, 304, tag);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal((await again.arrayBuffer()).byteLength, 0);
    }
    const other = await get('?locales=en', { 'If-None-Match': etag });
    assert.equal(other.status, 200);
    await other.arrayBuffer();
  });

  test('readable from an allowed origin only, like the POST route', async () => {
    const allowed = await get('?locales=fr', { Origin: SHOP });
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
    assert.match(allowed.headers.get('vary') || '', /Origin/);
    await allowed.arrayBuffer();
    const other = await get('?locales=fr', { Origin: 'https://evil.example' });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    // Cacheable by shared caches: the answer varies with the Origin even without the header.
    assert.match(other.headers.get('vary') || '', /Origin/);
    await other.arrayBuffer();
  });

  test('locales the core refuses: 400 with the documented error body', async () => {
    for (const query of ['?locales=fr%20CA', '?locales=fr,,en', `?locales=${Array(11).fill('en').join(',')}`]) {
      const res = await get(query);
      assert.equal(res.status, 400, query);
      const body = await res.json();
      assert.equal(body.ok, false);
      assert.equal(body.errors[0].code, 'collector.bad_locales');
      assert.equal(body.errors[0].path, 'locales');
    }
  });

  test('an unknown survey: 404', async () => {
    const res = await fetch(`${c.url}/v1/surveys/no-such-survey/first-view?locales=fr`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).errors[0].code, 'collector.not_found');
  });
});
