// `pepite-collector migrate --from pepite.db --to postgresql://…` (PEPITE_TEST_DB, set by
// scripts/with-postgres.sh): rows, notes, follow-up states and the admin token identical after.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { POSTGRES, auth, collectorBinary, createDatabase, makePayload, post, startCollector } from './helpers.js';

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
    assert.match(r.stdout, /copied 120 responses and 1 settings/);

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
