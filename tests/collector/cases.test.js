// Cases (issue 16) through the real collector: users and their tokens, the three queues with
// everything the shopper said, changes signed by their author, undo. On SQLite, and on PostgreSQL
// under scripts/with-postgres.sh (ctest runs both).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { auth, collectorBinary, makePayload, post, sql, startCollector } from './helpers.js';

/** `pepite-collector user add NAME --db DB`. @param {string} db @param {string[]} args */
function userCommand(db, args) {
  return spawnSync(collectorBinary(), ['user', ...args, '--db', db], { encoding: 'utf8' });
}

describe('cases: queues, changes, undo', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  let lina = '';
  let sam = '';
  const order = 'CMD-00004242';
  const consented = makePayload({ nps: 2, consent: true, other: 'Livreur impoli', comment: 'Colis abîmé, carton déchiré', orderId: order });
  const unconsented = makePayload({ nps: 4, consent: false, orderId: 'CMD-00000777' });
  const sameOrder = makePayload({ nps: 8, comment: 'Bon produit', orderId: order, at: Date.UTC(2026, 10, 26, 9) });
  const silent = makePayload({ nps: 10, orderId: 'CMD-00000999' });

  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0'] });
    for (const p of [consented, unconsented, sameOrder, silent]) assert.equal((await post(c.url, p)).status, 200);
  });
  after(async () => { await c.stop(); });

  /** @param {string} p @param {string} [token] */
  const get = async (p, token) => {
    const res = await fetch(c.url + p, { headers: token === undefined ? auth() : auth(token) });
    return { status: res.status, body: await res.json() };
  };
  /** @param {string} id @param {string} action @param {unknown} body @param {string} token */
  const change = async (id, action, body, token) => {
    const res = await fetch(`${c.url}/v1/cases/${id}/${action}`, {
      method: 'POST', headers: { ...auth(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  test('user add prints a token once, stores its hash, refuses a taken name', () => {
    const first = userCommand(c.db, ['add', 'Lina']);
    assert.equal(first.status, 0, first.stderr);
    lina = /token \(shown once, stored hashed\): ([0-9a-f]{64})/.exec(first.stdout)?.[1] || '';
    assert.ok(lina);
    const second = userCommand(c.db, ['add', 'Sam']);
    sam = /: ([0-9a-f]{64})/.exec(second.stdout)?.[1] || '';
    assert.ok(sam);
    const again = userCommand(c.db, ['add', 'Lina']);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(userCommand(c.db, ['add', 'admin']).status, 2);
    assert.equal(userCommand(c.db, ['add']).status, 2);
    const stored = sql(c.db, "SELECT token_hash FROM users WHERE name = 'Lina'");
    assert.match(stored, /^sha256:[0-9a-f]{64}$/);
    assert.ok(!stored.includes(lina));
  });

  test('a user token and the admin token open the API; anything else is a 401', async () => {
    assert.equal((await get('/v1/cases', lina)).status, 200);
    assert.equal((await get('/v1/cases')).status, 200);
    assert.equal((await get('/v1/responses?limit=1', lina)).status, 200);
    assert.equal((await get('/v1/cases', 'f'.repeat(64))).status, 401);
    assert.equal((await fetch(`${c.url}/v1/cases`)).status, 401);
    assert.deepEqual((await get('/v1/users', lina)).body, { items: ['admin', 'Lina', 'Sam'] });
  });

  test('"To call back" holds the consented detractor with everything it said', async () => {
    const { status, body } = await get('/v1/cases?queue=callback&lang=fr', lina);
    assert.equal(status, 200);
    assert.equal(body.items.length, 1);
    const item = body.items[0];
    assert.equal(item.responseId, consented.responseId);
    assert.equal(item.nps, 2);
    assert.equal(item.orderId, order);
    assert.equal(item.locale, 'fr');
    assert.equal(item.callbackConsent, true);
    // NPS 2 with a damaged parcel: `high`, explained by the problem topic (the core's tiers).
    assert.deepEqual(item.alert, { priority: 'high', reasons: ['nps_detractor', 'damaged_item'] });
    const wrong = item.answers.find((/** @type {any} */ a) => a.questionId === 'wrong');
    assert.equal(wrong.question, "Qu'est-ce qui n'a pas été ?");
    assert.deepEqual(wrong.labels, ['Livraison en retard', 'Autre']);
    assert.equal(wrong.otherText, 'Livreur impoli');
    assert.equal(item.answers.find((/** @type {any} */ a) => a.questionId === 'comment').value, 'Colis abîmé, carton déchiré');
    assert.ok(item.topics.includes('damaged_item'), JSON.stringify(item.topics));
    assert.equal(item.case.status, 'open');
    assert.equal(item.case.assignee, null);
    assert.equal(item.case.dueAt, new Date(Date.parse(item.receivedAt) + 24 * 3600e3).toISOString());
    assert.equal(item.case.lastEvent, null);
    assert.deepEqual(item.sameOrder.map((/** @type {any} */ r) => r.responseId), [sameOrder.responseId]);
    const en = await get('/v1/cases?queue=callback&lang=en', lina);
    assert.deepEqual(en.body.items[0].answers[1].labels, ['Late delivery', 'Other']);
    assert.equal(en.body.items[0].answers[1].question, 'What went wrong?');
  });

  test('"To read" holds the detractor without consent and every comment, newest first', async () => {
    const { body } = await get('/v1/cases?queue=read', sam);
    assert.deepEqual(body.items.map((/** @type {any} */ r) => r.responseId), [sameOrder.responseId, unconsented.responseId]);
    assert.equal(body.nextOffset, null);
  });

  test('assign, contacted, resolved, undo: each change signed by its author', async () => {
    const id = consented.responseId;
    const assigned = await change(id, 'assign', { assignee: 'Lina' }, sam);
    assert.equal(assigned.status, 200);
    assert.equal(assigned.body.case.assignee, 'Lina');
    const contacted = await change(id, 'status', { status: 'contacted' }, lina);
    assert.equal(contacted.status, 200);
    assert.equal(contacted.body.case.status, 'contacted');
    assert.ok(contacted.body.case.contactedAt);
    assert.equal(contacted.body.case.lastEvent, contacted.body.event);
    assert.equal((await get('/v1/cases?queue=callback', lina)).body.items.length, 0);
    const resolved = await change(id, 'status', { status: 'resolved' }, lina);
    assert.equal(resolved.body.case.status, 'resolved');
    const noted = await change(id, 'notes', { text: 'Avoir de 10 € envoyé', forShopper: true }, lina);
    assert.equal(noted.status, 200);
    assert.deepEqual(noted.body.case.notes.map((/** @type {any} */ n) => [n.author, n.text, n.forShopper]), [['Lina', 'Avoir de 10 € envoyé', true]]);
    // The history finds it by a word of a note, of the comment, or by its order id.
    for (const q of ['avoir de 10', 'CARTON', '4242']) {
      const found = await get(`/v1/cases?queue=history&q=${encodeURIComponent(q)}`, sam);
      assert.deepEqual(found.body.items.map((/** @type {any} */ r) => r.responseId), [id], q);
    }
    assert.equal((await get('/v1/cases?queue=history&q=rien', sam)).body.items.length, 0);
    // Undo from a stale screen (it shows the resolution as the last change) is a conflict.
    const stale = await change(id, 'undo', { eventId: resolved.body.event }, sam);
    assert.equal(stale.status, 409);
    assert.equal(stale.body.errors[0].code, 'collector.undo_conflict');
    assert.equal((await change(id, 'undo', { eventId: noted.body.event }, sam)).body.case.notes.length, 0);
    const undone = await change(id, 'undo', {}, sam);
    assert.equal(undone.status, 200);
    assert.equal(undone.body.case.status, 'contacted');
    assert.equal(undone.body.case.resolvedAt, null);
    const { body } = await get(`/v1/cases/${id}`, lina);
    assert.deepEqual(body.events.map((/** @type {any} */ e) => [e.actor, e.kind, e.from, e.to, e.undone]), [
      ['Sam', 'assign', '', 'Lina', false],
      ['Lina', 'status', 'open', 'contacted', false],
      ['Lina', 'status', 'contacted', 'resolved', true],
      ['Lina', 'note', '', body.events[3].to, true],
      ['Sam', 'undo', 'note', '', false],
      ['Sam', 'undo', 'status', 'contacted', false],
    ]);
    // Reopen puts it back in "To call back".
    assert.equal((await change(id, 'status', { status: 'open' }, lina)).status, 200);
    assert.deepEqual((await get('/v1/cases?queue=callback', lina)).body.items.map((/** @type {any} */ r) => r.responseId), [id]);
  });

  test('bad changes are refused and change nothing', async () => {
    const id = unconsented.responseId;
    const cases = /** @type {[string, unknown, number, string][]} */ ([
      ['status', { status: 'closed' }, 400, 'collector.invalid_body'],
      ['status', { status: 'open' }, 409, 'collector.bad_transition'],
      ['status', { stauts: 'contacted' }, 400, 'collector.invalid_body'],
      ['assign', { assignee: 'Nobody' }, 400, 'collector.unknown_user'],
      ['notes', { text: '   ' }, 400, 'collector.invalid_body'],
      ['notes', { text: 'x'.repeat(2001) }, 400, 'collector.invalid_body'],
      ['undo', {}, 409, 'collector.nothing_to_undo'],
      ['undo', { eventId: 'last' }, 400, 'collector.invalid_body'],
    ]);
    for (const [action, body, status, code] of cases) {
      const r = await change(id, action, body, lina);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.body.errors[0].code, code);
    }
    assert.equal((await change('00000000-0000-4000-8000-000000000000', 'status', { status: 'resolved' }, lina)).status, 404);
    assert.equal((await get('/v1/cases?queue=later', lina)).status, 400);
    assert.equal((await get('/v1/cases?limit=0', lina)).status, 400);
    const { body } = await get(`/v1/cases/${id}`, lina);
    assert.equal(body.case.status, 'open');
    assert.deepEqual(body.events, []);
  });

  test('PATCH /v1/responses/{id} moves the case too, signed by the token\'s owner', async () => {
    const id = sameOrder.responseId;
    const res = await fetch(`${c.url}/v1/responses/${id}`, {
      method: 'PATCH', headers: { ...auth(sam), 'Content-Type': 'application/json' }, body: '{"followUp":"contacted"}',
    });
    assert.equal(res.status, 200);
    const { body } = await get(`/v1/cases/${id}`, lina);
    assert.equal(body.case.status, 'contacted');
    assert.ok(body.case.contactedAt);
    assert.deepEqual(body.events.map((/** @type {any} */ e) => [e.actor, e.kind, e.from, e.to]), [['Sam', 'status', 'open', 'contacted']]);
    assert.equal(body.case.lastEvent, body.events[0].id);
  });

  test('a consented contact in the payload reaches the row', async () => {
    const id = consented.responseId;
    const stored = JSON.parse(sql(c.db, `SELECT payload FROM responses WHERE response_id = '${id}'`));
    stored.contact = { channel: 'phone', value: '+33 6 12 34 56 78' };
    sql(c.db, `UPDATE responses SET payload = '${JSON.stringify(stored).replaceAll("'", "''")}' WHERE response_id = '${id}'`);
    const { body } = await get(`/v1/cases/${id}`, lina);
    assert.deepEqual(body.contact, { channel: 'phone', value: '+33 6 12 34 56 78' });
    const other = await get(`/v1/cases/${unconsented.responseId}`, lina);
    assert.equal(other.body.contact, null);
  });
});

describe('complaint KPIs through /v1/stats, against a hand-computed fixture', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0'] });
  });
  after(async () => { await c.stop(); });

  /**
   * Posts a response, then gives it the times of the fixture.
   * @param {number} nps @param {string} received @param {{contacted?: string, resolved?: boolean, comment?: string}} [o]
   */
  async function stored(nps, received, o = {}) {
    const p = makePayload({ nps, comment: o.comment });
    assert.equal((await post(c.url, p)).status, 200);
    const id = p.responseId;
    const due = new Date(Date.parse(received) + 24 * 3600e3).toISOString();
    const state = o.resolved ? 'resolved' : o.contacted ? 'contacted' : 'open';
    sql(c.db, `UPDATE responses SET received_at = '${received}', follow_up = '${state}' WHERE response_id = '${id}'`);
    sql(c.db, `UPDATE cases SET created_at = '${received}', due_at = '${due}', contacted_at = '${o.contacted || ''}' WHERE response_id = '${id}'`);
  }

  test('every figure with its count, the previous period and a trend only with enough answers', async () => {
    const at = '2026-11-03T10:00:00.000Z';
    // Complaints received 3 Nov 10:00, due 4 Nov 10:00: A called after 2 h and resolved, B after
    // 30 h (late), C after 4 h, D never (past due).
    await stored(2, at, { contacted: '2026-11-03T12:00:00.000Z', resolved: true, comment: 'Colis abîmé' });
    await stored(3, at, { contacted: '2026-11-04T16:00:00.000Z' });
    await stored(5, at, { contacted: '2026-11-03T14:00:00.000Z' });
    await stored(6, at);
    for (const nps of [9, 9, 10, 8, 7, 10]) await stored(nps, '2026-11-05T09:00:00.000Z');
    // The previous period (26 Oct – 1 Nov): one promoter, one complaint never called.
    await stored(10, '2026-10-28T09:00:00.000Z');
    await stored(1, '2026-10-28T09:00:00.000Z');
    // Outside both periods.
    await stored(0, '2026-11-20T09:00:00.000Z');

    const res = await fetch(`${c.url}/v1/stats?from=2026-11-02&to=2026-11-08`, { headers: auth() });
    assert.equal(res.status, 200);
    const s = await res.json();
    assert.deepEqual(s.period, { from: '2026-11-02', to: '2026-11-08' });
    assert.deepEqual(s.previousPeriod, { from: '2026-10-26', to: '2026-11-01' });
    const k = s.complaints;
    assert.equal(k.responses, 10);
    assert.equal(k.complaints, 4);
    // 4 / 10; previous 1 / 2; trend: current 10 answers, previous 2 (< 10): not enough.
    assert.deepEqual(k.complaintShare, { value: 0.4, count: 10, previous: { value: 0.5, count: 2 }, trend: null, enough: true });
    // Hours to contact 2, 30, 4: nearest-rank median = 2nd smallest = 4; p90 = 3rd = 30.
    assert.equal(k.medianHoursToContact.value, 4);
    assert.equal(k.medianHoursToContact.count, 3);
    assert.equal(k.p90HoursToContact.value, 30);
    assert.deepEqual(k.medianHoursToContact.previous, { value: null, count: 0 });
    // Decided A B C D, kept A C.
    assert.deepEqual([k.withinPromiseShare.value, k.withinPromiseShare.count], [0.5, 4]);
    assert.deepEqual(k.withinPromiseShare.previous, { value: 0, count: 1 });
    // Resolved A of 4.
    assert.deepEqual([k.resolutionRate.value, k.resolutionRate.count], [0.25, 4]);
    assert.equal(k.resolutionRate.enough, false);
    // The after-resolution NPS slot waits for the shopper side.
    assert.deepEqual(k.npsAfterResolution, { value: null, count: 0, previous: { value: null, count: 0 }, trend: null, enough: false });
    // NPS of the period: P 4 (9, 9, 10, 10), passives 2, D 4 -> 0 of 10; previous 1 P, 1 D -> 0 of 2.
    assert.equal(s.periodNps.value, 0);
    assert.equal(s.periodNps.count, 10);
    assert.deepEqual([s.periodNps.promoters, s.periodNps.passives, s.periodNps.detractors], [4, 2, 4]);
    assert.deepEqual(s.periodNps.previous, { value: 0, count: 2 });
    assert.equal(s.periodNps.trend, null);
    assert.deepEqual(s.topics, [{ id: 'damaged_item', count: 1, previous: 0, trend: 1 }]);
    assert.equal(s.trendMinCount, 10);
    // The figures /v1/stats gave before are still there, over the same filter.
    assert.equal(s.responses, 10);
    assert.equal(s.nps.total, 10);
  });
});

describe('cases: the queues\' counts (GET /v1/cases/counts)', () => {
  test('each tab\'s count matches its queue, overdue among the call-backs, filters apply, moves count', async () => {
    const c = await startCollector({ args: ['--rate-limit', '0'] });
    try {
      const payloads = [
        makePayload({ nps: 1, consent: true, comment: 'Jamais livré', orderId: 'CMD-1' }),
        makePayload({ nps: 3, consent: true, orderId: 'CMD-2' }),
        makePayload({ nps: 5, consent: false, orderId: 'CMD-3' }),
        makePayload({ nps: 9, comment: 'Très bien', orderId: 'CMD-4' }),
        makePayload({ nps: 10, orderId: 'CMD-5' }),
      ];
      for (const p of payloads) assert.equal((await post(c.url, p)).status, 200);
      /** @param {string} p */
      const get = async (p) => (await fetch(c.url + p, { headers: auth() })).json();
      const lengths = async () => Object.fromEntries(await Promise.all(['callback', 'read', 'history']
        .map(async (q) => [q, (await get(`/v1/cases?queue=${q}&limit=200`)).items.length])));
      assert.equal((await fetch(`${c.url}/v1/cases/counts`)).status, 401);
      let counts = await get('/v1/cases/counts');
      assert.deepEqual(counts, { callback: 2, overdue: 0, read: 2, history: 0, cap: 10000 });
      assert.deepEqual(await lengths(), { callback: 2, read: 2, history: 0 });
      // One call-back past its promised delay.
      sql(c.db, `UPDATE cases SET due_at = '2020-01-01T00:00:00.000Z' WHERE response_id = '${payloads[1].responseId}'`);
      assert.equal((await get('/v1/cases/counts')).overdue, 1);
      // Contacted: it leaves "To call back" for the history.
      const res = await fetch(`${c.url}/v1/cases/${payloads[1].responseId}/status`, {
        method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'contacted' }),
      });
      assert.equal(res.status, 200);
      counts = await get('/v1/cases/counts');
      assert.deepEqual(counts, { callback: 1, overdue: 0, read: 2, history: 1, cap: 10000 });
      assert.deepEqual(await lengths(), { callback: 1, read: 2, history: 1 });
      // The shared filters narrow them like the queues.
      assert.deepEqual(await get('/v1/cases/counts?survey=nothing-here'), { callback: 0, overdue: 0, read: 0, history: 0, cap: 10000 });
      assert.equal((await fetch(`${c.url}/v1/cases/counts?from=yesterday`, { headers: auth() })).status, 400);
    } finally {
      await c.stop();
    }
  });
});
