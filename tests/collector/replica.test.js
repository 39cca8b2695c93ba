// Reads on a PostgreSQL streaming replica (issue 18, `--read-db`), through the real collector on a
// real primary and hot standby that `PEPITE_PG_REPLICA=1 scripts/with-postgres.sh` starts. The
// proof that the dashboard's reads go to the replica: replay paused, a response just posted is
// not listed while a case change (primary) still answers with its new state; resumed, it is.
// Then the fallbacks: a replica lagging, stopped, unreachable at start, not a standby.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { POSTGRES, auth, collectorBinary, createDatabase, makePayload, post, sql, startCollector } from './helpers.js';

const REPLICA = process.env.PEPITE_TEST_READ_DB || '';
const CTL = process.env.PEPITE_TEST_REPLICA_CTL || '';
const skip = POSTGRES && REPLICA && CTL ? false : 'needs PEPITE_PG_REPLICA=1 scripts/with-postgres.sh';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value (returned), or fails after `ms`. @template T */
async function until(/** @type {() => Promise<T>} */ check, /** @type {string} */ what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** `db`'s name on the standby, with a password the logs and /healthz must never show. @param {string} db */
function onReplica(db) {
  const url = new URL(REPLICA);
  url.pathname = new URL(db).pathname;
  url.password = 'not-shown-7731';
  return url.href;
}

/** @param {string} action stop | start | freeze | thaw */
function standby(action) {
  const r = spawnSync('bash', [CTL, action], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

describe('reads on a streaming replica (--read-db)', { skip }, () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  let replica = '';

  /** @param {string} p */
  const get = async (p) => {
    const res = await fetch(c.url + p, { headers: auth() });
    assert.equal(res.status, 200, p);
    return res.json();
  };
  const listed = async () => new Set((await get('/v1/responses?limit=500')).items.map((/** @type {any} */ r) => r.responseId));
  const readDb = async () => (await (await fetch(`${c.url}/healthz`)).json()).readDb;

  before(async () => {
    const db = createDatabase();
    replica = onReplica(db);
    // The new database reaches the standby by replay, like any write.
    await until(async () => spawnSync('psql', ['-qAt', replica, '-c', 'SELECT 1'], { encoding: 'utf8' }).status === 0, 'the database on the standby');
    c = await startCollector({ db, args: ['--rate-limit', '0', '--read-db', replica] });
  });
  after(async () => {
    spawnSync('psql', ['-qAt', REPLICA, '-c', 'SELECT pg_wal_replay_resume()']);
    await c.stop();
  });

  test('starts on the replica, says so without its password; responses are listed once replayed', async () => {
    assert.match(c.output(), /read-db: reads on the replica postgresql:\/\/pepite:\*\*\*@127\.0\.0\.1:\d+\//);
    assert.equal(await readDb(), 'replica');
    const sent = [makePayload({ nps: 2, consent: true }), makePayload({ nps: 9 }), makePayload({ nps: 4 })];
    for (const p of sent) assert.equal((await post(c.url, p)).status, 200);
    await until(async () => { const ids = await listed(); return sent.every((p) => ids.has(p.responseId)); }, 'the replayed rows');
    assert.equal((await get('/v1/stats')).responses, 3);
  });

  test('replay paused: a new response is not listed (replica), a case change answers its new state (primary)', async () => {
    const before = await listed();
    const older = [...before][0];
    const stats = (await get('/v1/stats')).responses;
    sql(replica, 'SELECT pg_wal_replay_pause()');
    await until(async () => sql(replica, 'SELECT pg_get_wal_replay_pause_state()') === 'paused', 'the pause');
    const fresh = makePayload({ nps: 1, consent: true });
    const stored = await post(c.url, fresh);
    assert.equal(stored.status, 200);
    // On the primary at once (the collector answered after its commit), not on the standby.
    assert.equal(sql(c.db, `SELECT count(*) FROM responses WHERE response_id = '${fresh.responseId}'`), '1');
    for (let i = 0; i < 3; i++) {
      assert.ok(!(await listed()).has(fresh.responseId), 'listed while replay is paused: not read on the replica');
      assert.equal((await get('/v1/stats')).responses, stats);
      await sleep(200);
    }
    assert.ok(!(await get('/v1/cases?queue=callback')).items.some((/** @type {any} */ k) => k.responseId === fresh.responseId));
    // A change to an older case is checked and answered on the primary.
    const res = await fetch(`${c.url}/v1/cases/${older}/status`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'contacted' }),
    });
    const changed = /** @type {any} */ (await res.json());
    assert.equal(res.status, 200, JSON.stringify(changed));
    assert.equal(changed.case.status, 'contacted');
    // A user added now signs in at once and can be assigned: tokens and names read the primary.
    const added = spawnSync(collectorBinary(), ['user', 'add', 'Nadia', '--db', c.db], { encoding: 'utf8' });
    assert.equal(added.status, 0, added.stderr);
    const nadia = /: ([0-9a-f]{64})/.exec(added.stdout)?.[1] || '';
    assert.equal(sql(replica, "SELECT count(*) FROM users WHERE name = 'Nadia'"), '0');
    assert.equal((await fetch(`${c.url}/v1/responses`, { headers: auth(nadia) })).status, 200);
    const assigned = await fetch(`${c.url}/v1/cases/${older}/assign`, {
      method: 'POST', headers: { ...auth(nadia), 'Content-Type': 'application/json' }, body: JSON.stringify({ assignee: 'Nadia' }),
    });
    assert.equal(assigned.status, 200);
    assert.equal((/** @type {any} */ (await assigned.json())).case.assignee, 'Nadia');
    // And a case just posted is found by its id (the case page reads on the primary).
    const own = await fetch(`${c.url}/v1/cases/${fresh.responseId}`, { headers: auth() });
    assert.equal(own.status, 200);
    assert.equal(await readDb(), 'replica');
    sql(replica, 'SELECT pg_wal_replay_resume()');
    await until(async () => (await listed()).has(fresh.responseId), 'the row once replay resumed');
    assert.equal((await get('/v1/stats')).responses, stats + 1);
  });

  test('standby stopped: listings and figures answer from the primary, /healthz says so; started again: back on it', async () => {
    standby('stop');
    try {
      const p = makePayload({ nps: 7 });
      assert.equal((await post(c.url, p)).status, 200);
      assert.ok((await listed()).has(p.responseId));
      assert.ok((await get('/v1/stats')).responses >= 5);
      assert.equal((await fetch(`${c.url}/v1/export.csv`, { headers: auth() })).status, 200);
      const side = await until(async () => { const s = await readDb(); return s !== 'replica' && s; }, 'the fallback');
      assert.match(side, /^primary \(fallback: replica unreachable: /);
      assert.doesNotMatch(side, /not-shown-7731/);
    } finally {
      standby('start');
    }
    await until(async () => (await readDb()) === 'replica', 'the replica back', 20000);
    const log = c.output();
    assert.equal(log.match(/reads on the primary until it is back/g)?.length, 1, log);
    assert.equal(log.match(/read-db: back: reads on the replica/g)?.length, 1, log);
    assert.doesNotMatch(log, /not-shown-7731/);
  });
  test('standby frozen (accepts connections, answers nothing): marked down within seconds, reads answer from the primary; thawed: back on it', async () => {
    standby('freeze');
    try {
      // The probe gives up after 2 s; a read already sent there after 30 s (it then falls back).
      const side = await until(async () => { const s = await readDb(); return s !== 'replica' && s; }, 'the fallback', 10000);
      assert.match(side, /^primary \(fallback: replica unreachable: no answer within 2 s\)$/);
      const p = makePayload({ nps: 4 });
      assert.equal((await post(c.url, p)).status, 200);
      const t = Date.now();
      assert.ok((await listed()).has(p.responseId), 'read on the primary');
      assert.ok(Date.now() - t < 2000, `the listing took ${Date.now() - t} ms with the replica frozen`);
    } finally {
      standby('thaw');
    }
    await until(async () => (await readDb()) === 'replica', 'the replica back', 20000);
  });
});

describe('a replica lagging more than --read-max-lag', { skip }, () => {
  test('its reads go to the primary until it catches up, logged once each way', async () => {
    const db = createDatabase();
    const replica = onReplica(db);
    await until(async () => spawnSync('psql', ['-qAt', replica, '-c', 'SELECT 1'], { encoding: 'utf8' }).status === 0, 'the database on the standby');
    const c = await startCollector({ db, args: ['--rate-limit', '0', '--read-db', replica, '--read-max-lag', '1'] });
    const readDb = async () => (await (await fetch(`${c.url}/healthz`)).json()).readDb;
    try {
      await until(async () => (await readDb()) === 'replica', 'the replica');
      sql(replica, 'SELECT pg_wal_replay_pause()');
      const p = makePayload({ nps: 3 });
      assert.equal((await post(c.url, p)).status, 200);
      const side = await until(async () => { const s = await readDb(); return s !== 'replica' && s; }, 'the fallback');
      assert.match(side, /^primary \(fallback: replica lags \d+ s \(more than --read-max-lag 1 s\)\)$/);
      const items = (await (await fetch(`${c.url}/v1/responses`, { headers: auth() })).json()).items;
      assert.ok(items.some((/** @type {any} */ r) => r.responseId === p.responseId), 'read on the primary');
      sql(replica, 'SELECT pg_wal_replay_resume()');
      await until(async () => (await readDb()) === 'replica', 'the replica caught up');
      assert.equal(c.output().match(/lags \d+ s .*: reads on the primary until it is back/g)?.length, 1, c.output());
    } finally {
      spawnSync('psql', ['-qAt', replica, '-c', 'SELECT pg_wal_replay_resume()']);
      await c.stop();
    }
  });
});

describe('--read-db that cannot serve from the start', { skip }, () => {
  test('unreachable: the collector starts, its reads on the primary, and says so', async () => {
    const closed = new URL(REPLICA);
    closed.port = '1';  // nothing listens on port 1
    const c = await startCollector({ args: ['--read-db', closed.href] });
    try {
      assert.match(c.output(), /read-db: the replica postgresql:\/\/pepite@127\.0\.0\.1:1\/.* unreachable: .*the collector starts with its reads on the primary/);
      assert.equal((await post(c.url, makePayload())).status, 200);
      assert.equal((await (await fetch(`${c.url}/v1/responses`, { headers: auth() })).json()).items.length, 1);
      assert.match((await (await fetch(`${c.url}/healthz`)).json()).readDb, /^primary \(fallback: replica unreachable: /);
    } finally {
      await c.stop();
    }
  });

  test('the primary itself: not a standby, not used', async () => {
    const db = createDatabase();
    const c = await startCollector({ db, args: ['--read-db', db] });
    try {
      assert.equal((await (await fetch(`${c.url}/healthz`)).json()).readDb,
        'primary (fallback: replica is not a standby (pg_is_in_recovery() is false))');
      assert.match(c.output(), /is not a standby .*the collector starts with its reads on the primary/);
    } finally {
      await c.stop();
    }
  });
});

test('--read-db with SQLite is refused with a clear message', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pepite-replica-'));
  try {
    const r = spawnSync(collectorBinary(), ['--port', '0', '--db', path.join(dir, 'x.db'), '--read-db', 'postgresql://u@127.0.0.1:5432/db'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--read-db takes the postgresql:\/\/ URL of a streaming replica of --db postgresql:\/\/…; a SQLite database has no replicas/);
    const notUrl = spawnSync(collectorBinary(), ['--port', '0', '--db', 'postgresql://u@127.0.0.1:1/db', '--read-db', path.join(dir, 'y.db')], { encoding: 'utf8', timeout: 10000 });
    assert.equal(notUrl.status, 2);
    assert.match(notUrl.stderr, /--read-db takes the postgresql:\/\//);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
