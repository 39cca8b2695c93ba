// `pepite-collector migrate --from pepite.db --to postgresql://…` (PEPITE_TEST_DB, set by
// scripts/with-postgres.sh): rows, notes, follow-up states and the admin token identical after;
// webhook events not yet delivered are sent by the new store's collector.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { POSTGRES, auth, collectorBinary, createDatabase, makePayload, post, startCollector } from './helpers.js';
import { startReceiver, until } from './webhook-receiver.js';

assert.ok(POSTGRES, 'migrate.test.js needs PEPITE_TEST_DB (run it through scripts/with-postgres.sh)');

/** @param {string[]} args */
const migrate = (args) => spawnSync(collectorBinary(), ['migrate', ...args], { encoding: 'utf8', timeout: 60000 });

test('migrate copies a SQLite store into PostgreSQL: rows, notes, follow-ups identical', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pepite-migrate-'));
  const file = path.join(dir, 'pepite.db');
  const env = { PEPITE_ADMIN_TOKEN: '' };
  const sqlite = await startCollector({ dir, db: file, env, args: ['--rate-limit', '0'] });
  const token = /\): ([0-9a-f]{64})/.exec(sqlite.output())?.[1];
  assert.ok(token, sqlite.output());
  const headers = { ...auth(token), 'Content-Type': 'application/json' };
  /** @type {string[]} */
  const ids = [];
  // The first ten are bound to their sender (issue 17): the binding must come along.
  const keys = Array.from({ length: 10 }, (_, i) => `sender-key-of-response-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < 120; i++) {
    const p = makePayload({ nps: i % 11, comment: `commentaire ${i} — é`, status: i % 4 ? 'complete' : 'partial' });
    assert.equal((await post(sqlite.url, i < 10 ? { ...p, senderKey: keys[i] } : p)).status, 200);
    ids.push(p.responseId);
  }
  for (const [i, followUp] of [[0, 'contacted'], [1, 'resolved'], [2, 'contacted']]) {
    const res = await fetch(`${sqlite.url}/v1/responses/${ids[/** @type {number} */ (i)]}`, {
      method: 'PATCH', headers, body: JSON.stringify({ followUp, note: `note ${i} « rappelée »` }),
    });
    assert.equal(res.status, 200);
  }
  const pg = createDatabase();
  try {
    const get = async (/** @type {string} */ url, /** @type {string} */ q) => (await fetch(`${url}${q}`, { headers: auth(token) })).json();
    const rowsBefore = (await get(sqlite.url, '/v1/responses?limit=500&payload=1')).items;
    const statsBefore = await get(sqlite.url, '/v1/stats');
    // Issue 16: the cases, their events (the PATCHes above) and a note come along.
    const noted = await fetch(`${sqlite.url}/v1/cases/${ids[3]}/notes`, { method: 'POST', headers, body: '{"text":"rappel demain"}' });
    assert.equal(noted.status, 200);
    const caseBefore = await get(sqlite.url, `/v1/cases/${ids[0]}`);
    const notedBefore = await get(sqlite.url, `/v1/cases/${ids[3]}`);
    assert.equal(caseBefore.events.length, 1);
    await sqlite.stop(false);

    const r = migrate(['--from', file, '--to', pg]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /copied 120 responses and 1 settings .*webhook events not yet delivered: 0/);

    // The token generated for the SQLite store works on PostgreSQL: the settings came along.
    const moved = await startCollector({ db: pg, env });
    try {
      assert.ok(!moved.output().includes('generated'), moved.output());
      const rowsAfter = (await get(moved.url, '/v1/responses?limit=500&payload=1')).items;
      assert.equal(rowsAfter.length, 120);
      assert.deepEqual(rowsAfter, rowsBefore);
      assert.deepEqual(await get(moved.url, '/v1/stats'), statsBefore);
      assert.deepEqual(await get(moved.url, `/v1/cases/${ids[0]}`), caseBefore);
      assert.deepEqual(await get(moved.url, `/v1/cases/${ids[3]}`), notedBefore);
      // A bound response still takes versions from its sender alone.
      const later = makePayload({ id: ids[0], nps: 10, at: Date.UTC(2026, 10, 25, 10, 0, 0) });
      assert.equal((await post(moved.url, { ...later, senderKey: keys[1] })).status, 403);
      assert.equal((await post(moved.url, later)).status, 403);
      assert.equal((await post(moved.url, { ...later, senderKey: keys[0] })).status, 200);
      // New responses continue after the copied ones.
      const p = makePayload({ nps: 2 });
      assert.equal((await post(moved.url, p)).status, 200);
      const newest = (await get(moved.url, '/v1/responses?limit=1')).items[0];
      assert.equal(newest.responseId, p.responseId);
    } finally {
      await moved.stop(true);
    }

    // Into a database that already holds responses: refused, nothing written.
    const again = migrate(['--from', file, '--to', pg]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds responses/);
    // (A missing source and a missing --to: http.test.js, on SQLite too.)
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrate brings the webhooks\' queue: events the old store could not deliver are sent from the new one, once', { timeout: 90000 }, async () => {
  // The shop's receiver is down while the SQLite collector runs (503), up after the move.
  let up = false;
  const receiver = await startReceiver(() => (up ? 200 : 503));
  const hooks = ['--rate-limit', '0', '--webhook', receiver.url, '--webhook-secret', 'whsec-migrate-0123456789', '--webhook-retry', '50'];
  const dir = mkdtempSync(path.join(tmpdir(), 'pepite-migrate-'));
  const file = path.join(dir, 'pepite.db');
  const pg = createDatabase();
  try {
    const sqlite = await startCollector({ dir, db: file, args: hooks });
    /** @type {string[]} */
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const p = makePayload({ nps: 1, comment: `Colis jamais arrivé ${i}` });
      assert.equal((await post(sqlite.url, p)).status, 200);
      ids.push(p.responseId);
    }
    /** @type {any[]} */
    let logBefore = [];
    try {
      await until(() => new Set(receiver.requests.map((r) => r.body.id)).size >= 3, 20000, 'a first attempt of each alert');
      // The collector logs an attempt once its answer is in: after the receiver has seen it.
      const started = Date.now();
      while (logBefore.length < 3 && Date.now() - started < 20000) {
        logBefore = (await (await fetch(`${sqlite.url}/v1/webhooks/deliveries`, { headers: auth() })).json()).items;
        if (logBefore.length < 3) await new Promise((done) => setTimeout(done, 50));
      }
      assert.ok(logBefore.length >= 3 && logBefore.every((/** @type {any} */ d) => d.status === 503), JSON.stringify(logBefore));
    } finally {
      await sqlite.stop(false);
    }
    const tried = receiver.requests.length;

    const r = migrate(['--from', file, '--to', pg]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /webhook events not yet delivered: 3/);

    up = true;
    const moved = await startCollector({ db: pg, args: hooks });
    try {
      await until(() => receiver.delivered().size >= 3, 30000, 'the three alerts delivered from PostgreSQL');
      await new Promise((done) => setTimeout(done, 300));
      const delivered = receiver.delivered();
      assert.equal(delivered.size, 3);
      for (const n of delivered.values()) assert.equal(n, 1, 'each event delivered once');
      const alerts = receiver.requests.slice(tried).filter((x) => x.status === 200).map((x) => x.body);
      assert.deepEqual(alerts.map((a) => a.data.responseId).sort(), [...ids].sort());
      // The delivery log came along: the failed attempts, then the successes.
      const logAfter = (await (await fetch(`${moved.url}/v1/webhooks/deliveries`, { headers: auth() })).json()).items;
      // (Attempts may go on between the read of the old log and the stop: between the two.)
      const failed = logAfter.filter((/** @type {any} */ d) => d.status === 503).length;
      assert.ok(failed >= logBefore.length && failed <= tried, `${logBefore.length} <= ${failed} <= ${tried}`);
      assert.equal(logAfter.filter((/** @type {any} */ d) => d.status === 200).length, 3);
    } finally {
      await moved.stop(true);
    }
  } finally {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
