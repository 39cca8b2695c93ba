// HTTP tests against the real pepite-collector binary: every status, CORS, auth, upserts, CSV.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { auth, collectorBinary, makePayload, post, POSTGRES, ROOT, sql, startCollector, TOKEN } from './helpers.js';

const SHOP = 'https://shop.example';

describe('collector HTTP API', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--allow-origin', SHOP, '--rate-limit', '0'] });
  });
  after(async () => { await c.stop(); });

  const get = (/** @type {string} */ p, /** @type {Record<string,string>} */ h = auth()) =>
    fetch(c.url + p, { headers: h });

  test('200 on a valid payload, and a replay gets the same 200 body', async () => {
    const p = makePayload({ nps: 2, comment: 'Colis abîmé' });
    const first = await post(c.url, p);
    assert.equal(first.status, 200);
    const body = await first.text();
    assert.deepEqual(JSON.parse(body), { ok: true, responseId: p.responseId, status: 'complete', result: 'stored' });
    const again = await post(c.url, p, { 'Content-Type': 'application/json' });
    assert.equal(again.status, 200);
    assert.equal(await again.text(), body);
  });

  test('a partial becomes complete; a complete is never downgraded', async () => {
    const id = crypto.randomUUID();
    const partial = makePayload({ id, nps: 4, status: 'partial' });
    assert.equal((await (await post(c.url, partial)).json()).status, 'partial');
    const complete = makePayload({ id, nps: 4, status: 'complete', comment: 'Trop lent', at: Date.UTC(2026, 10, 25, 9, 0, 1) });
    assert.equal((await (await post(c.url, complete)).json()).status, 'complete');
    const late = makePayload({ id, nps: 1, status: 'partial', at: Date.UTC(2026, 10, 25, 9, 0, 5) });
    const res = await post(c.url, late);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).status, 'complete');
    const { items } = await (await get('/v1/responses?limit=500')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === id);
    assert.equal(row.status, 'complete');
    assert.equal(row.nps, 4);
    assert.equal(row.comment, 'Trop lent');
  });

  test('personal data a client did not redact is redacted before storage (issue 7)', async () => {
    // A client that skipped the browser's redaction (curl, an old widget) is still covered:
    // the collector runs the same core redaction; the stored row and payload hold placeholders.
    const p = makePayload({ nps: 1, comment: 'Rappelez-moi au 06 12 34 56 78 ou jean.dupont@mail.fr' });
    const res = await post(c.url, p);
    assert.equal(res.status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    assert.equal(row.comment, 'Rappelez-moi au [phone] ou [email]');
    const stored = JSON.stringify(row.payload);
    assert.ok(!stored.includes('06 12 34') && !stored.includes('jean.dupont'), stored);
    assert.deepEqual(row.payload.redactions, { email: 1, phone: 1 });
  });

  test('personal data in properties and the page path is redacted too; orderId is kept (issue 18)', async () => {
    const p = makePayload({ nps: 9, orderId: 'A-0612345678' });
    p.properties = { ...p.properties, customer: 'jean\u200b@example.com', phone: '０６ １２ ３４ ５６ ７８', items: 2 };
    p.context.pageUrl = 'https://shop.example/merci/jean.dupont@mail.fr';
    const res = await post(c.url, p);
    assert.equal(res.status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    assert.equal(row.orderId, 'A-0612345678');
    assert.deepEqual(row.payload.properties, { orderId: 'A-0612345678', channel: 'web', customer: '[email]', phone: '[phone]', items: 2 });
    assert.equal(row.payload.context.pageUrl, 'https://shop.example/merci/[email]');
    assert.deepEqual(row.payload.redactions, { email: 2, phone: 1 });
  });

  test('texts the browser could not analyse get their topics and urgency on arrival (issue 4)', async () => {
    // pepite-text.wasm failed to load in the shopper's browser: the payload has the texts as
    // typed, no topics, and an alert from the score alone (a passive here: no alert at all).
    // The collector runs the same analysis: the urgent comment lands in the call-back list.
    const p = makePayload({ nps: 7, comment: 'Colis arrivé en retard, je veux être remboursé. Rappelez-moi au 06 12 34 56 78' });
    assert.equal(p.alert, null);
    assert.equal((await post(c.url, p)).status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    assert.equal(row.comment, 'Colis arrivé en retard, je veux être remboursé. Rappelez-moi au [phone]');
    // A passive asking for a call and a refund: an alert, at normal priority (issue 16 tiers).
    assert.deepEqual(row.alert, { priority: 'normal', reasons: ['callback_request', 'refund_demand'] });
    assert.deepEqual(row.payload.alert, row.alert);
    assert.deepEqual(row.payload.topics, ['delivery_delay', 'returns_refund']);
    assert.deepEqual(row.payload.redactions, { phone: 1 });
    // The call-back list holds it, though a passive; a passive without an alert stays out.
    const plain = makePayload({ nps: 8, comment: 'Bien reçu' });
    assert.equal((await post(c.url, plain)).status, 200);
    const callback = (await (await get('/v1/responses?limit=500&callback=1&followUp=open')).json()).items;
    assert.ok(callback.some((/** @type {any} */ r) => r.responseId === p.responseId));
    assert.ok(!callback.some((/** @type {any} */ r) => r.responseId === plain.responseId));
    assert.ok(callback.every((/** @type {any} */ r) => r.category === 'detractor' || r.alert), 'detractors and alerts only');

    // A detractor's score alert keeps its reason; a refund demand with a very low score (NPS 2)
    // makes it high, the same demand with NPS 5 leaves it normal.
    const q = makePayload({ nps: 2, comment: 'I want a full refund' });
    assert.deepEqual(q.alert, { priority: 'normal', reasons: ['nps_detractor'] });
    assert.equal((await post(c.url, q)).status, 200);
    const r = makePayload({ nps: 5, comment: 'I want a full refund' });
    assert.equal((await post(c.url, r)).status, 200);
    const rows = (await (await get('/v1/responses?limit=500')).json()).items;
    const after = rows.find((/** @type {any} */ row) => row.responseId === q.responseId);
    assert.deepEqual(after.alert, { priority: 'high', reasons: ['nps_detractor', 'refund_demand'] });
    const mid = rows.find((/** @type {any} */ row) => row.responseId === r.responseId);
    assert.deepEqual(mid.alert, { priority: 'normal', reasons: ['nps_detractor', 'refund_demand'] });
  });

  test('an older widget\'s high for a very low score alone is stored at normal priority (issue 16)', async () => {
    const p = { ...makePayload({ nps: 3, comment: 'Bof' }), alert: { priority: 'high', reasons: ['nps_detractor'] } };
    assert.equal((await post(c.url, p)).status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ x) => x.responseId === p.responseId);
    assert.deepEqual(row.alert, { priority: 'normal', reasons: ['nps_detractor'] });
    assert.deepEqual(row.payload.alert, row.alert);
  });

  test('a consented contact is stored as given, apart from the redacted comment (issue 16)', async () => {
    const p = { ...makePayload({ nps: 2, consent: true, comment: 'Rappelez-moi au 06 12 34 56 78' }), contact: { channel: 'phone', value: '06 12 34 56 78' } };
    assert.equal((await post(c.url, p)).status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ x) => x.responseId === p.responseId);
    assert.equal(row.comment, 'Rappelez-moi au [phone]');
    assert.deepEqual(row.payload.contact, { channel: 'phone', value: '06 12 34 56 78' });
    assert.equal(row.callbackConsent, true);
    // Without consent, a contact is refused and nothing is stored.
    const q = { ...makePayload({ nps: 2, comment: 'Bof' }), contact: { channel: 'email', value: 'jean@example.com' } };
    const res = await post(c.url, q);
    assert.equal(res.status, 400);
    assert.deepEqual((await res.json()).errors.map((/** @type {any} */ e) => e.code), ['payload.contact_without_consent']);
    const after = (await (await get('/v1/responses?limit=500')).json()).items;
    assert.ok(!after.some((/** @type {any} */ x) => x.responseId === q.responseId));
  });

  test('the "other" text of a choice answer is listed with the row (otherTexts), redacted', async () => {
    const p = makePayload({ nps: 2, other: 'Carton ouvert, appelez le 06 12 34 56 78', comment: 'Déçu' });
    assert.equal((await post(c.url, p)).status, 200);
    const { items } = await (await get('/v1/responses?callback=1&followUp=open&limit=500')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    assert.equal(row.comment, 'Déçu');
    assert.deepEqual(row.otherTexts, [{ questionId: 'wrong', text: 'Carton ouvert, appelez le [phone]' }]);
    assert.equal(row.payload, undefined, 'the payload is embedded only with payload=1');
    // Also without a comment, and in the row a PATCH answers.
    const q = makePayload({ nps: 4, other: 'Livré chez le voisin' });
    assert.equal((await post(c.url, q)).status, 200);
    const patched = await (await fetch(`${c.url}/v1/responses/${q.responseId}`, {
      method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ followUp: 'contacted' }),
    })).json();
    assert.equal(patched.comment, '');
    assert.deepEqual(patched.otherTexts, [{ questionId: 'wrong', text: 'Livré chez le voisin' }]);
    const plain = makePayload({ nps: 2, comment: 'Rien' });
    assert.equal((await post(c.url, plain)).status, 200);
    const newest = (await (await get('/v1/responses?limit=1')).json()).items[0];
    assert.equal(newest.responseId, plain.responseId);
    assert.deepEqual(newest.otherTexts, []);
  });

  test('a payload the browser analysed is stored as sent', async () => {
    const p = {
      ...makePayload({ nps: 5, comment: 'Livraison en retard, rappelez-moi au [phone]' }),
      alert: { priority: 'normal', reasons: ['nps_detractor', 'callback_request'] },
      redactions: { phone: 1 },
      topics: ['delivery_delay'],
    };
    assert.equal((await post(c.url, p)).status, 200);
    const { items } = await (await get('/v1/responses?limit=500&payload=1')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    assert.deepEqual(row.payload, p);
  });

  test('400 with the list of {code, path, message}', async () => {
    const bad = makePayload({ nps: 12 });
    const res = await post(c.url, bad);
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.ok, false);
    assert.ok(body.errors.length >= 1);
    for (const e of body.errors) {
      assert.equal(typeof e.code, 'string');
      assert.equal(typeof e.path, 'string');
      assert.equal(typeof e.message, 'string');
    }
    assert.ok(body.errors.some((/** @type {any} */ e) => e.path.startsWith('answers') || e.path.startsWith('scores')));
    const malformed = await post(c.url, '{"schema":');
    assert.equal(malformed.status, 400);
    assert.ok((await malformed.json()).errors.length >= 1);
  });

  test('400 for a survey this collector does not know', async () => {
    const p = { ...makePayload(), surveyId: 'no-such-survey' };
    const res = await post(c.url, p);
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.ok(body.errors.some((/** @type {any} */ e) => e.code === 'collector.unknown_survey' && e.path === 'surveyId'));
  });

  test('413 for a body over 32 KB, before validation', async () => {
    const huge = JSON.stringify({ ...makePayload(), pad: 'x'.repeat(40 * 1024) });
    const res = await post(c.url, huge);
    assert.equal(res.status, 413);
    assert.equal((await res.json()).errors[0].code, 'collector.payload_too_large');
  });

  test('a body the HTTP library cannot read still gets the documented error JSON', async () => {
    // QA: a Content-Encoding it cannot decode answered 400 with an empty body.
    for (const enc of ['br', 'gzip', 'deflate']) {
      const res = await fetch(`${c.url}/v1/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': enc }, body: JSON.stringify(makePayload()) });
      assert.ok(res.status >= 400 && res.status < 500, enc);
      const body = await res.json();
      assert.equal(body.ok, false);
      assert.equal(typeof body.errors[0].code, 'string');
      assert.equal(typeof body.errors[0].message, 'string');
    }
  });

  test('415 for another media type', async () => {
    const res = await post(c.url, makePayload(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 415);
    assert.equal((await res.json()).errors[0].code, 'collector.unsupported_media_type');
  });

  test('401 on every admin route without the right token', async () => {
    for (const p of ['/v1/responses', '/v1/stats', '/v1/export.csv']) {
      assert.equal((await get(p, {})).status, 401, p);
      const wrong = await get(p, auth(TOKEN.slice(0, -1) + 'x'));
      assert.equal(wrong.status, 401, p);
      assert.match(wrong.headers.get('www-authenticate') || '', /Bearer/);
    }
    const patch = await fetch(`${c.url}/v1/responses/abc`, { method: 'PATCH', body: '{}' });
    assert.equal(patch.status, 401);
  });

  test('admin routes send no CORS headers, even to an allowed origin', async () => {
    const res = await get('/v1/stats', { ...auth(), Origin: SHOP });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  test('404 for an unknown route and an unknown response id', async () => {
    const res = await fetch(`${c.url}/v1/nothing`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).errors[0].code, 'collector.not_found');
    const patch = await fetch(`${c.url}/v1/responses/unknown-id`, {
      method: 'PATCH', headers: auth(), body: JSON.stringify({ followUp: 'contacted' }),
    });
    assert.equal(patch.status, 404);
  });

  test('405 with Allow for a known path and another method', async () => {
    const res = await fetch(`${c.url}/v1/responses`, { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, POST, OPTIONS');
    assert.equal((await fetch(`${c.url}/v1/stats`, { method: 'POST', body: '' })).status, 405);
  });

  /**
   * Sends raw bytes on a fresh connection; resolves with everything received and how long the
   * server took to close it (the client never closes first, but gives up after 3 s).
   * @param {string} bytes
   */
  const raw = (bytes) => new Promise((resolve) => {
    const { port } = new URL(c.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let text = '';
    const started = Date.now();
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('data', (d) => { text += d; });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, ms: Date.now() - started });
    });
    socket.write(bytes);
  });

  test('an early 413 or 405 closes the connection instead of reading the body as a request', async () => {
    const body = 'x'.repeat(40 * 1024);
    /** @type {any} */
    const big = await raw(`POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    assert.match(big.text, /^HTTP\/1\.1 413 /);
    assert.match(big.text, /\r\nConnection: close\r\n/i);
    assert.match(big.text, /collector\.payload_too_large/);
    // Closed by the server at once, not after the 5 s keep-alive timeout.
    assert.ok(big.ms < 2000, `closed after ${big.ms} ms`);

    // A body that holds a whole request is never answered as one (no request smuggling).
    const hidden = 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n';
    /** @type {any} */
    const refused = await raw(`PUT /v1/stats HTTP/1.1\r\nHost: t\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}`);
    assert.match(refused.text, /^HTTP\/1\.1 405 /);
    assert.equal(refused.text.match(/HTTP\/1\.1 /g)?.length, 1, refused.text);
    assert.ok(refused.ms < 2000, `closed after ${refused.ms} ms`);
  });

  test('GET /v1/surveys lists the configured surveys with their response counts', async () => {
    assert.equal((await get('/v1/surveys', {})).status, 401);
    const res = await get('/v1/surveys');
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const demo = items.find((/** @type {any} */ i) => i.id === 'post-purchase');
    assert.equal(demo.configured, true);
    const stats = await (await get('/v1/stats?survey=post-purchase')).json();
    assert.equal(demo.responses, stats.responses);
    assert.ok(demo.responses > 0);
    assert.equal((await fetch(`${c.url}/v1/surveys`, { method: 'POST', body: '' })).status, 405);
  });

  test('CORS: allowed origin gets the header, preflight with Idempotency-Key passes', async () => {
    const res = await post(c.url, makePayload(), { Origin: SHOP });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
    assert.match(res.headers.get('vary') || '', /Origin/);
    // A widget on the shop's origin may read Retry-After (429, 503) to wait as long as asked.
    assert.match(res.headers.get('access-control-expose-headers') || '', /Retry-After/);
    const other = await post(c.url, makePayload(), { Origin: 'https://evil.example' });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    const pre = await fetch(`${c.url}/v1/responses`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), SHOP);
    assert.match(pre.headers.get('access-control-allow-methods') || '', /POST/);
    assert.match(pre.headers.get('access-control-allow-headers') || '', /Idempotency-Key/);
    assert.ok(Number(pre.headers.get('access-control-max-age')) > 0);
  });

  test('CORS: a simple POST from an origin not allowed is refused and stores nothing', async () => {
    // A text/plain POST needs no preflight: without this check any page could store responses.
    const listed = async (/** @type {string} */ id) => (await (await get('/v1/responses?limit=500')).json())
      .items.some((/** @type {any} */ r) => r.responseId === id);
    const allowed = makePayload({ nps: 2, comment: 'depuis la boutique' });
    const ok = await post(c.url, allowed, { Origin: SHOP });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), SHOP);
    assert.ok(await listed(allowed.responseId));

    for (const origin of ['https://evil.example', 'null', `${SHOP}:8443`, 'http://shop.example']) {
      const refused = makePayload({ nps: 1, comment: 'posté par un autre site' });
      const res = await post(c.url, refused, { Origin: origin });
      assert.equal(res.status, 403, origin);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(await res.json(), { ok: false, errors: [{ code: 'collector.cors_refused', path: '',
        message: 'this origin is not allowed by --allow-origin' }] });
      assert.ok(!await listed(refused.responseId), `${origin}: not stored`);
    }
    // application/json too (a browser preflights it, but a script need not be a browser's).
    const json = makePayload();
    const res = await post(c.url, json, { Origin: 'https://evil.example', 'Content-Type': 'application/json' });
    assert.equal(res.status, 403);
    assert.ok(!await listed(json.responseId));

    // No Origin header (curl, the shop's own server): stored.
    const server = makePayload({ nps: 3 });
    assert.equal((await post(c.url, server)).status, 200);
    assert.ok(await listed(server.responseId));

    // Same origin (a shop page served by the collector itself, --static): the Origin names the
    // Host the request went to. Review: the demo shop's own POSTs were refused once an
    // --allow-origin was added for another shop.
    const own = makePayload({ nps: 4 });
    assert.equal((await post(c.url, own, { Origin: c.url })).status, 200);
    assert.ok(await listed(own.responseId));
  });

  test('CORS: preflight refused for another origin or header', async () => {
    const evil = await fetch(`${c.url}/v1/responses`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const header = await fetch(`${c.url}/v1/responses`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-secret' },
    });
    assert.equal(header.status, 403);
  });

  test('PATCH follow-up: open -> contacted with a note, never back', async () => {
    const p = makePayload({ nps: 1, comment: 'Jamais reçu' });
    await post(c.url, p);
    const url = `${c.url}/v1/responses/${p.responseId}`;
    const headers = { ...auth(), 'Content-Type': 'application/json' };
    const ok = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ followUp: 'contacted', note: 'Rappelée, renvoi du colis' }) });
    assert.equal(ok.status, 200);
    const row = await ok.json();
    assert.equal(row.followUp, 'contacted');
    assert.equal(row.note, 'Rappelée, renvoi du colis');
    assert.ok(row.followUpAt);
    const back = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ followUp: 'open' }) });
    assert.equal(back.status, 409);
    const bad = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ followUp: 'done' }) });
    assert.equal(bad.status, 400);
    const notJson = await fetch(url, { method: 'PATCH', headers, body: 'nope' });
    assert.equal(notJson.status, 400);
    const resolved = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ followUp: 'resolved' }) });
    assert.equal((await resolved.json()).followUp, 'resolved');
  });

  test('PATCH refuses a body with an unknown key, names it, and changes nothing', async () => {
    const p = makePayload({ nps: 2, comment: 'Toujours rien' });
    assert.equal((await post(c.url, p)).status, 200);
    const url = `${c.url}/v1/responses/${p.responseId}`;
    const headers = { ...auth(), 'Content-Type': 'application/json' };
    const row = async () => (await (await get('/v1/responses?limit=500')).json())
      .items.find((/** @type {any} */ r) => r.responseId === p.responseId);
    const before = await row();
    assert.equal(before.followUp, 'open');

    // A typo: was answered 200 with nothing changed.
    const typo = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ folowUp: 'contacted' }) });
    assert.equal(typo.status, 400);
    assert.deepEqual(await typo.json(), { ok: false, errors: [{ code: 'collector.invalid_body', path: 'folowUp',
      message: 'unknown key "folowUp": the body holds followUp and note only' }] });
    // A valid change next to an unknown key is not applied either; every unknown key is named.
    const mixed = await fetch(url, { method: 'PATCH', headers,
      body: JSON.stringify({ followUp: 'contacted', note: 'Appelée', Note: 'x', status: 'resolved' }) });
    assert.equal(mixed.status, 400);
    const { errors } = await mixed.json();
    assert.deepEqual(errors.map((/** @type {any} */ e) => [e.code, e.path]),
      [['collector.invalid_body', 'Note'], ['collector.invalid_body', 'status']]);
    for (const e of errors) assert.ok(e.message.includes(`"${e.path}"`), e.message);
    assert.deepEqual(await row(), before);

    // The documented keys alone still work.
    const ok = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify({ followUp: 'contacted', note: 'Appelée' }) });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).note, 'Appelée');
  });

  test('GET /v1/responses filters and paginates with a cursor', async () => {
    const survey = await (await get('/v1/responses?category=detractor&followUp=open&limit=2')).json();
    assert.equal(survey.items.length, 2);
    assert.ok(survey.nextCursor);
    for (const r of survey.items) {
      assert.equal(r.category, 'detractor');
      assert.equal(r.followUp, 'open');
    }
    const next = await (await get(`/v1/responses?category=detractor&followUp=open&limit=2&cursor=${survey.nextCursor}`)).json();
    const ids = new Set(survey.items.map((/** @type {any} */ r) => r.responseId));
    for (const r of next.items) assert.ok(!ids.has(r.responseId));
    assert.equal((await get('/v1/responses?category=angry')).status, 400);
    assert.equal((await get('/v1/responses?limit=0')).status, 400);
    assert.equal((await get('/v1/responses?from=yesterday')).status, 400);
    const today = new Date().toISOString().slice(0, 10);
    const byDay = await (await get(`/v1/responses?from=${today}&to=${today}&limit=500`)).json();
    assert.ok(byDay.items.length >= 5);
    const none = await (await get('/v1/responses?to=2000-01-01')).json();
    assert.equal(none.items.length, 0);
  });

  test('GET /v1/responses?count=1 answers the number of matching responses without rows', async () => {
    // Counted by walking every page, as a client without count=1 still can.
    const walk = async (/** @type {string} */ q) => {
      let n = 0;
      for (let cursor = ''; ;) {
        const page = await (await get(`/v1/responses?${q}&limit=3${cursor}`)).json();
        assert.equal(page.total, undefined, 'no count unless asked');
        n += page.items.length;
        if (!page.nextCursor) return n;
        cursor = `&cursor=${page.nextCursor}`;
      }
    };
    for (const q of ['callback=1&followUp=open', 'callback=1', 'category=detractor&followUp=contacted',
      'survey=post-purchase', 'survey=nope', `from=${new Date().toISOString().slice(0, 10)}`, 'to=2000-01-01']) {
      const res = await get(`/v1/responses?${q}&count=1`);
      assert.equal(res.status, 200, q);
      const body = await res.json();
      assert.deepEqual(Object.keys(body), ['total'], q);
      assert.equal(body.total, await walk(q), q);
    }
    const open = (await (await get('/v1/responses?callback=1&followUp=open&count=1')).json()).total;
    assert.ok(open >= 5, `${open} open call-backs`);
    // Paging parameters do not change the count; a new open detractor adds one.
    assert.equal((await (await get('/v1/responses?callback=1&followUp=open&count=1&limit=1&offset=2')).json()).total, open);
    assert.equal((await post(c.url, makePayload({ nps: 0 }))).status, 200);
    assert.equal((await (await get('/v1/responses?callback=1&followUp=open&count=true')).json()).total, open + 1);
    // Filters are checked and the route needs the token, as without count.
    assert.equal((await get('/v1/responses?count=1&category=angry')).status, 400);
    assert.equal((await get('/v1/responses?count=1', {})).status, 401);
  });

  test('CSV export: RFC 4180, CRLF, formulas neutralised', async () => {
    const p = makePayload({ nps: 0, comment: '=HYPERLINK("http://evil","x"), "quoted"\nsecond line', orderId: '@CMD-1' });
    assert.equal((await post(c.url, p)).status, 200);
    const res = await get('/v1/export.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') || '', /attachment/);
    const text = await res.text();
    assert.ok(text.startsWith('response_id,survey_id,status,'));
    assert.ok(text.endsWith('\r\n'));
    const line = text.split('\r\n').find((l) => l.startsWith(p.responseId));
    assert.ok(line, 'row present');
    assert.ok(line.includes(',\'@CMD-1,'), line);
    // Issue 16: a quote after a separator inside the cell is neutralised too (a spreadsheet that
    // splits on `;` would start a field there).
    assert.ok(text.includes('"\'=HYPERLINK(""http://evil"",\'""x""), ""quoted""\nsecond line"'));
    // The "other" texts come last, one per line (review: a manager's export lacked them).
    // Issue 16 added topics, assignee, contact and one column per question before them.
    const header = text.slice(0, text.indexOf('\r\n'));
    assert.ok(header.startsWith('response_id,survey_id,status,received_at,submitted_at,nps,category,csat,ces,alert_priority,alert_reasons,callback_consent,order_id,locale,follow_up,note,comment,topics,assignee,contact_channel,contact,'), header);
    assert.ok(header.endsWith(',other_texts'), header);
    const other = makePayload({ nps: 2, other: '=le colis était ouvert' });
    assert.equal((await post(c.url, other)).status, 200);
    const again = await (await get('/v1/export.csv')).text();
    const row = again.split('\r\n').find((l) => l.startsWith(other.responseId));
    assert.ok(row && row.endsWith(',wrong: =le colis était ouvert'), row);
  });

  test('stats match the responses stored (hand-computed on a fresh survey filter)', async () => {
    const s = await (await get('/v1/stats')).json();
    const { items } = await (await get('/v1/responses?limit=500')).json();
    const scores = items.map((/** @type {any} */ r) => r.nps).filter((/** @type {any} */ v) => v !== null);
    const P = scores.filter((/** @type {number} */ v) => v >= 9).length;
    const D = scores.filter((/** @type {number} */ v) => v <= 6).length;
    assert.equal(s.responses, items.length);
    assert.equal(s.nps.total, scores.length);
    assert.equal(s.nps.promoters, P);
    assert.equal(s.nps.detractors, D);
    assert.equal(s.nps.score, Math.round((10000 * (P - D)) / scores.length) / 100);
    assert.equal(s.distribution.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0), scores.length);
    assert.equal(s.series.length, 1);
    // tzOffset: minutes east of UTC for the series' days (the dashboard's clock).
    const here = new Date().toISOString().slice(0, 10);
    assert.deepEqual((await (await get('/v1/stats?tzOffset=0')).json()).series.map((/** @type {any} */ d) => d.day), [here]);
    const shifted = new Date(Date.now() + (new Date().getUTCHours() < 12 ? -12 : 14) * 3600e3).toISOString().slice(0, 10);
    const offset = new Date().getUTCHours() < 12 ? -720 : 840;
    assert.deepEqual((await (await get(`/v1/stats?tzOffset=${offset}`)).json()).series.map((/** @type {any} */ d) => d.day), [shifted]);
    for (const bad of ['abc', '900', '-721', '1.5', '']) assert.equal((await get(`/v1/stats?tzOffset=${bad}`)).status, 400, bad);
    assert.equal((await get('/v1/stats?survey=other')).status, 200);
    assert.equal((await (await get('/v1/stats?survey=other')).json()).responses, 0);
  });

  test('GET /healthz reports WAL and FULL', async () => {
    const res = await fetch(`${c.url}/healthz`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(body, { ok: true, schemaVersion: 10, journalMode: POSTGRES ? 'postgresql' : 'wal', synchronous: 'FULL' });
  });

  test('the dashboard has its own strict CSP and follows Accept-Language', async () => {
    const fr = await fetch(`${c.url}/dashboard`, { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' } });
    assert.equal(fr.status, 200);
    const csp = fr.headers.get('content-security-policy') || '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!csp.includes('unsafe'));
    const html = await fr.text();
    assert.match(html, /<html lang="fr"/);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script');
    assert.ok(!/\sstyle=/.test(html), 'no inline style');
    const en = await (await fetch(`${c.url}/dashboard`, { headers: { 'Accept-Language': 'en-US' } })).text();
    assert.match(en, /<html lang="en"/);
    // q-values rank the languages, not their order (QA: "en;q=0.1, fr;q=0.9" gave English).
    const lang = async (/** @type {string} */ header) =>
      /<html lang="(\w+)"/.exec(await (await fetch(`${c.url}/dashboard`, { headers: { 'Accept-Language': header } })).text())[1];
    assert.equal(await lang('en;q=0.1, fr;q=0.9'), 'fr');
    assert.equal(await lang('de, en-GB;q=0.8, fr;q=0.5'), 'en');
    assert.equal(await lang('fr;q=0, en;q=0.2'), 'en');
    assert.equal(await lang('fr-CA'), 'fr');
    // A lower-case scheme is the same scheme (RFC 7235).
    assert.equal((await fetch(`${c.url}/v1/stats`, { headers: { Authorization: `bearer ${TOKEN}` } })).status, 200);
    const js = await fetch(`${c.url}/dashboard/dashboard.js`);
    assert.match(js.headers.get('content-type') || '', /javascript/);
    assert.equal((await fetch(`${c.url}/dashboard/nope.js`)).status, 404);
  });

  test('every module of the dashboard is served as JavaScript under its policy, nothing outside its folder', async () => {
    // The page loads dashboard.js, which imports the others (ES modules): follow every import.
    const seen = new Set();
    const todo = ['dashboard.js'];
    while (todo.length) {
      const name = /** @type {string} */ (todo.pop());
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await fetch(`${c.url}/dashboard/${name}`);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8', name);
      assert.equal(res.headers.get('cache-control'), 'no-cache', name);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', name);
      assert.match(res.headers.get('content-security-policy') || '', /script-src 'self';/, name);
      for (const [, dep] of (await res.text()).matchAll(/^import [^;]+ from '\.\/([\w.-]+\.js)';$/gm)) todo.push(dep);
    }
    // Every script of the folder is reached from the page, and every import is served.
    const files = readdirSync(path.join(ROOT, 'collector/dashboard')).filter((f) => f.endsWith('.js'));
    assert.ok(files.length > 1, 'the dashboard is split into modules');
    assert.deepEqual([...seen].sort(), files.sort());
    // The page asks for every imported module at once (modulepreload), not in rounds of imports.
    const page = await (await fetch(`${c.url}/dashboard`)).text();
    const preloaded = [...page.matchAll(/<link rel="modulepreload" href="\/dashboard\/([\w.-]+\.js)">/g)].map((m) => m[1]);
    assert.deepEqual(preloaded.sort(), files.filter((f) => f !== 'dashboard.js').sort());
    // A path out of the folder is refused, however it is written (no source file is served).
    for (const p of ['/dashboard/../CMakeLists.txt', '/dashboard/..%2fstore.cpp', '/dashboard/%2e%2e/main.cpp',
      '/dashboard/..', '/dashboard/.%2e%2fmain.cpp', '/dashboard/..%5cmain.cpp']) {
      /** @type {any} */
      const res = await raw(`GET ${p} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.match(res.text, /^HTTP\/1\.1 404 /, p);
      assert.ok(!/#include|cmake_minimum_required/.test(res.text), p);
    }
  });

  test('survey definitions at /pepite/surveys/<id>.json, the demo shop at /', async () => {
    const def = await fetch(`${c.url}/pepite/surveys/post-purchase.json`);
    assert.equal(def.status, 200);
    assert.equal((await def.json()).id, 'post-purchase');
    // A shop's page on another origin reads it when that origin may POST (docs/platforms.md).
    const shop_def = await fetch(`${c.url}/pepite/surveys/post-purchase.json`, { headers: { Origin: SHOP } });
    assert.equal(shop_def.headers.get('access-control-allow-origin'), SHOP);
    assert.match(shop_def.headers.get('vary') || '', /Origin/);
    const other = await fetch(`${c.url}/pepite/surveys/post-purchase.json`, { headers: { Origin: 'https://elsewhere.example' } });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.equal((await fetch(`${c.url}/pepite/surveys/nope.json`)).status, 404);
    const shop = await fetch(`${c.url}/`);
    assert.equal(shop.status, 200);
    assert.match(await shop.text(), /Merci pour votre commande/);
    assert.match(shop.headers.get('content-security-policy') || '', /script-src 'self' 'wasm-unsafe-eval'/);
  });

  test('the widget files at /pepite/ are readable from any origin (a shop elsewhere fetches the wasm beside pepite.js)', async () => {
    // A widget folder of its own: ctest runs before the wasm and JS builds fill dist/.
    const widget = mkdtempSync(path.join(tmpdir(), 'pepite-widget-'));
    const files = ['pepite.js', 'pepite-core.wasm', 'pepite-text.wasm', 'pepite-ui-ja.txt'];
    for (const f of files) writeFileSync(path.join(widget, f), `stand-in for ${f}`);
    const w = await startCollector({ args: ['--widget', widget] });
    try {
      for (const f of files) {
        const res = await fetch(`${w.url}/pepite/${f}`, { headers: { Origin: 'https://any-shop.example' } });
        assert.equal(res.status, 200, f);
        assert.equal(await res.text(), `stand-in for ${f}`);
        assert.equal(res.headers.get('access-control-allow-origin'), '*', f);
        assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin', f);
      }
      // Not the demo shop's pages.
      assert.equal((await fetch(`${w.url}/`, { headers: { Origin: 'https://any-shop.example' } })).headers.get('access-control-allow-origin'), null);
    } finally {
      await w.stop();
      rmSync(widget, { recursive: true, force: true });
    }
  });

  test('400 payload.duplicate_key for a name twice in one object; nothing stored', async () => {
    // QA: the validator read the last "value" ("bien"), the store kept the bytes with the first
    // one (a phone number, unredacted, and no call-back alert).
    const p = makePayload({ nps: 2, comment: 'bien' });
    const text = JSON.stringify(p).replace('"value":"bien"', '"value":"Rappelez-moi au 06 12 34 56 78","value":"bien"');
    assert.ok(text.includes('06 12 34 56 78'));
    const res = await fetch(`${c.url}/v1/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.deepEqual(body.errors.map((/** @type {any} */ e) => e.code), ['payload.duplicate_key']);
    const { items } = await (await get('/v1/responses?limit=500')).json();
    assert.ok(!items.some((/** @type {any} */ r) => r.responseId === p.responseId));
  });

  test('a complete replaces its partial even when the shopper clock went back', async () => {
    // QA: partial stamped :30, complete :20 -> answered {"status":"partial"}, comment lost.
    const id = crypto.randomUUID();
    await post(c.url, makePayload({ id, nps: 3, status: 'partial', at: Date.UTC(2026, 10, 25, 9, 0, 30) }));
    const res = await post(c.url, makePayload({ id, nps: 3, status: 'complete', comment: 'Rien reçu', at: Date.UTC(2026, 10, 25, 9, 0, 20) }));
    assert.equal((await res.json()).status, 'complete');
    const { items } = await (await get('/v1/responses?limit=500')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === id);
    assert.equal(row.status, 'complete');
    assert.equal(row.comment, 'Rien reçu');
  });

  test('PATCH without a note keeps the note; a new urgency reason reopens a called-back response', async () => {
    const id = crypto.randomUUID();
    await post(c.url, makePayload({ id, nps: 2, status: 'partial', at: Date.UTC(2026, 10, 25, 9, 0, 1) }));
    const patch = (/** @type {any} */ body) =>
      fetch(`${c.url}/v1/responses/${id}`, { method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await patch({ followUp: 'contacted', note: 'Colleague: refund of 25 EUR promised' })).status, 200);
    const again = await (await patch({ followUp: 'contacted' })).json();
    assert.equal(again.note, 'Colleague: refund of 25 EUR promised');
    // The complete arrives after the call, with a legal threat: back in the call-back list.
    await post(c.url, makePayload({ id, nps: 2, status: 'complete', comment: 'je porte plainte et je veux être remboursé', at: Date.UTC(2026, 10, 25, 9, 0, 9) }));
    const { items } = await (await get('/v1/responses?callback=1&followUp=open&limit=500')).json();
    const row = items.find((/** @type {any} */ r) => r.responseId === id);
    assert.ok(row, 'reopened');
    assert.ok(row.alert.reasons.includes('legal_threat'));
    assert.equal(row.note, 'Colleague: refund of 25 EUR promised');
  });

  test('400 for an impossible date in a filter', async () => {
    for (const q of ['from=2026-13-45', 'to=9999-99-99', 'from=2026-02-30', 'to=2025-02-29']) {
      const res = await get(`/v1/responses?${q}`);
      assert.equal(res.status, 400, q);
      assert.equal((await res.json()).errors[0].code, 'collector.invalid_query');
    }
    assert.equal((await get('/v1/responses?from=2028-02-29&to=2028-03-01')).status, 200);
  });

  test('the access log writes control bytes of a path as \\xHH (no forged lines)', async () => {
    // %0a decoded by the server would start a fake log line; ESC would colour the terminal.
    await fetch(`${c.url}/x%0aPOST%20/v1/responses%20200%200.1ms%0a%1b[31mRED`);
    await new Promise((r) => setTimeout(r, 100));
    const log = c.output();
    assert.ok(!/^POST \/v1\/responses 200 0\.1ms$/m.test(log), log);
    assert.ok(!log.includes('\x1b'));
    assert.match(log, /GET \/x\\x0aPOST \/v1\/responses 200 0\.1ms\\x0a\\x1b\[31mRED 404/);
  });

  test('the access log never holds comment text', async () => {
    const secret = 'SECRET-COMMENT-9f3a';
    await post(c.url, makePayload({ nps: 2, comment: secret }));
    await new Promise((r) => setTimeout(r, 100));
    const log = c.output();
    assert.match(log, /POST \/v1\/responses 200 [\d.]+ms/);
    assert.ok(!log.includes(secret));
  });
});

describe('collector limits and start-up', () => {
  test('429 with Retry-After past the per-address burst', async () => {
    const c = await startCollector({ args: ['--rate-limit', '2/s'] });
    try {
      const statuses = [];
      let retryAfter = null;
      for (let i = 0; i < 10; i++) {
        const res = await post(c.url, makePayload());
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
        await res.arrayBuffer();
      }
      assert.ok(statuses.filter((s) => s === 200).length >= 6, statuses.join());
      assert.ok(statuses.includes(429), statuses.join());
      assert.ok(Number(retryAfter) >= 1);
    } finally {
      await c.stop();
    }
  });

  test('behind a proxy (--trust-proxy) each forwarded client has its own bucket', async () => {
    const c = await startCollector({ args: ['--rate-limit', '1/s', '--trust-proxy'] });
    try {
      const from = (/** @type {string} */ ip) => ({ 'X-Forwarded-For': `203.0.113.9, ${ip}` });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await post(c.url, makePayload(), from('198.51.100.1'));
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal((await post(c.url, makePayload(), from('198.51.100.2'))).status, 200);
    } finally {
      await c.stop();
    }
  });

  test('without --allow-origin a POST from any origin is stored, as before', async () => {
    const c = await startCollector({ args: ['--rate-limit', '0'] });
    try {
      const p = makePayload({ nps: 2 });
      const res = await post(c.url, p, { Origin: 'https://elsewhere.example' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      const { items } = await (await fetch(`${c.url}/v1/responses`, { headers: auth() })).json();
      assert.deepEqual(items.map((/** @type {any} */ r) => r.responseId), [p.responseId]);
    } finally {
      await c.stop();
    }
  });

  test('refuses to start on an invalid survey definition and prints its errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pepite-bad-'));
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ schema: 'pepite.survey/1', id: 'Bad Id!', questions: [] }));
    const r = spawnSync(collectorBinary(), ['--port', '0', '--db', path.join(dir, 'x.db'), '--surveys', dir], {
      env: { ...process.env, PEPITE_ADMIN_TOKEN: TOKEN }, timeout: 10000, encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /invalid survey definition/);
    assert.match(r.stderr, /"code"/);
  });

  test('without PEPITE_ADMIN_TOKEN a token is generated once, stored, and reused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pepite-token-'));
    const env = { PEPITE_ADMIN_TOKEN: '' };
    const first = await startCollector({ dir, env });
    const m = /admin token \(generated[^)]*\): ([0-9a-f]{64})/.exec(first.output());
    await first.stop(false);
    assert.ok(m, first.output());
    // Stored as its SHA-256 only: the database holds no working token.
    const stored = sql(first.db, "SELECT value FROM meta WHERE key = 'admin_token'");
    assert.equal(stored, `sha256:${createHash('sha256').update(m[1]).digest('hex')}`);
    const second = await startCollector({ dir, env, db: first.db });
    assert.ok(!second.output().includes(m[1]), 'printed only once');
    const res = await fetch(`${second.url}/v1/stats`, { headers: auth(m[1]) });
    assert.equal(res.status, 200);
    await second.stop(true);
  });

  test('a token an older collector stored in clear is replaced by its hash at start, and still works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pepite-token-'));
    const env = { PEPITE_ADMIN_TOKEN: '' };
    const first = await startCollector({ dir, env });
    await first.stop(false);
    const clear = 'c'.repeat(64);
    sql(first.db, `UPDATE meta SET value = '${clear}' WHERE key = 'admin_token'`);
    const second = await startCollector({ dir, env, db: first.db });
    try {
      assert.equal(sql(first.db, "SELECT value FROM meta WHERE key = 'admin_token'"),
        `sha256:${createHash('sha256').update(clear).digest('hex')}`);
      assert.equal((await fetch(`${second.url}/v1/stats`, { headers: auth(clear) })).status, 200);
      assert.equal((await fetch(`${second.url}/v1/stats`, { headers: auth('d'.repeat(64)) })).status, 401);
    } finally {
      await second.stop(false);
    }
    // With PEPITE_ADMIN_TOKEN set, a clear token left by an older collector is hashed too.
    sql(first.db, `UPDATE meta SET value = '${clear}' WHERE key = 'admin_token'`);
    const third = await startCollector({ dir, db: first.db });
    await third.stop(false);
    assert.match(sql(first.db, "SELECT value FROM meta WHERE key = 'admin_token'"), /^sha256:[0-9a-f]{64}$/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a second collector on a port in use exits instead of sharing it', async () => {
    // QA: with SO_REUSEPORT both listened and each took part of the traffic into its own file.
    const first = await startCollector();
    try {
      const port = new URL(first.url).port;
      const dir = mkdtempSync(path.join(tmpdir(), 'pepite-second-'));
      const r = spawnSync(collectorBinary(), ['--port', port, '--db', path.join(dir, 'second.db'), '--surveys', path.join(ROOT, 'demo/surveys')],
        { encoding: 'utf8', timeout: 10000, env: { ...process.env, PEPITE_ADMIN_TOKEN: TOKEN } });
      rmSync(dir, { recursive: true, force: true });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+/);
    } finally {
      await first.stop();
    }
  });

  test('usage error on an unknown flag', () => {
    const r = spawnSync(collectorBinary(), ['--bogus'], { encoding: 'utf8', timeout: 5000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage/);
  });

  test('a number flag written in part, empty or out of range is a usage error, not a guess', () => {
    // atoi read "12abc" as 12 and "" as 0: the collector started with a value nobody wrote.
    for (const args of [['--threads', '12abc'], ['--port', ''], ['--port', '80x'], ['--header-timeout', '0'],
      ['--max-client-connections', '-1'], ['--wal-limit', '1e3'], ['--io-threads', ' 2']]) {
      const r = spawnSync(collectorBinary(), ['--port', '0', '--db', ':memory:', ...args], { encoding: 'utf8', timeout: 5000 });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /usage/);
    }
  });

  test('a PostgreSQL it cannot reach: a clear error, exit 1, the password never printed', () => {
    const r = spawnSync(collectorBinary(), ['--port', '0', '--db', 'postgresql://pepite:hunter2@127.0.0.1:1/nope',
      '--surveys', path.join(ROOT, 'demo/surveys')], { encoding: 'utf8', timeout: 10000, env: { ...process.env, PEPITE_ADMIN_TOKEN: TOKEN } });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /store: cannot connect to PostgreSQL: .*127\.0\.0\.1/s);
    assert.ok(!(r.stdout + r.stderr).includes('hunter2'));
  });

  test('migrate: usage without --to, and a missing source is an error, not an empty copy', () => {
    const usage = spawnSync(collectorBinary(), ['migrate', '--from', 'x.db'], { encoding: 'utf8', timeout: 5000 });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: pepite-collector migrate/);
    const dir = mkdtempSync(path.join(tmpdir(), 'pepite-migrate-'));
    const missing = spawnSync(collectorBinary(), ['migrate', '--from', path.join(dir, 'nope.db'), '--to', path.join(dir, 'to.db')],
      { encoding: 'utf8', timeout: 5000 });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no database at/);
  });
});
