// A collector that opens (and migrates) its store says so (issue 18): it listens first, /healthz
// answers 503 `starting` (waiting for another collector's migration) or `migrating` with since
// when, every other route 503 `collector.starting` with Retry-After, which the shell's delivery
// retries; once the store is open the same process serves. Real binary, real SQLite file or
// PostgreSQL (PEPITE_TEST_DB, scripts/with-postgres.sh), the migration's lock held by another
// session.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { attempt } from '../../js/attempt.js';
import { parseRetryAfter } from '../../js/backoff.js';
import { POSTGRES, auth, backToVersion6, makePayload, post, sql, startCollector } from './helpers.js';

/**
 * Another session on `db` (psql or the sqlite3 shell) that runs `hold` and keeps its lock until
 * release() ends it.
 * @param {string} db
 * @param {string} hold SQL taking the lock
 * @param {string} check SQL printing '1' once the lock is held (PostgreSQL), '' to wait 300 ms
 */
async function holdLock(db, hold, check) {
  const pg = db.startsWith('postgres');
  const proc = pg
    ? spawn('psql', ['-qAtX', db], { stdio: ['pipe', 'ignore', 'inherit'] })
    : spawn('sqlite3', [db], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise((r) => proc.once('exit', r));
  let ended = false;
  proc.stdin.write(`${hold}\n`);
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, check ? 50 : 300));
    if (!check || sql(db, check) === '1') break;
  }
  return {
    async release() {
      if (!ended) proc.stdin.end(pg ? 'COMMIT;\n' : 'COMMIT;\n.quit\n');
      ended = true;
      await exited;
    },
  };
}

/**
 * Another collector migrating `db`, as a collector that opens it meets it: on PostgreSQL the
 * migrations' advisory lock (schema.cpp), on SQLite the file's write lock.
 * @param {string} db
 */
function holdMigrationLock(db) {
  return POSTGRES
    ? holdLock(db, 'BEGIN; SELECT pg_advisory_xact_lock(7461737400);',
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
    : holdLock(db, 'BEGIN IMMEDIATE;', '');
}

/** A collector's database at schema version 6 with one response, no collector running on it. */
async function version6Database() {
  // Ready when /healthz says 200 (not the "ready" line: this runs on an older binary too).
  const c = await startCollector({ listening: true });
  for (let i = 0; i < 200 && (await fetch(`${c.url}/healthz`)).status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await post(c.url, makePayload())).status, 200);
  await c.stop(false);
  backToVersion6(c.db);
  return c;
}

/**
 * Polls /healthz (every 50 ms, at most 5 s) until its `detail` matches: connecting comes first.
 * @param {string} url
 * @param {RegExp} detail
 */
async function untilDetail(url, detail) {
  for (let i = 0; i < 100; i++) {
    const body = await (await fetch(`${url}/healthz`)).json();
    if (detail.test(body.detail)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * /healthz and a shopper's POST while the store opens: 503 with what it does; the POST through
 * the shell's own attempt() is a retry after Retry-After.
 * @param {string} url
 * @param {RegExp} status
 * @param {RegExp} detail
 */
async function assertOpening(url, status, detail) {
  const t = performance.now();
  const health = await fetch(`${url}/healthz`);
  const ms = performance.now() - t;
  assert.equal(health.status, 503);
  assert.equal(health.headers.get('retry-after'), '5');
  const body = await health.json();
  assert.match(body.status, status);
  assert.match(body.detail, detail);
  assert.match(body.since, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(body.seconds >= 0, JSON.stringify(body));
  assert.ok(ms < 1000, `/healthz answered in ${ms} ms`);

  const res = await post(url, makePayload());
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  const error = await res.json();
  assert.equal(error.ok, false);
  assert.equal(error.errors[0].code, 'collector.starting');
  assert.match(error.errors[0].message, /retry after 5 s/);
  // Any other route too (the dashboard's API reads the store).
  const list = await fetch(`${url}/v1/responses`, { headers: auth() });
  assert.equal(list.status, 503);
  assert.equal((await list.json()).errors[0].code, 'collector.starting');

  // The shell (js/attempt.js, then js/delivery-outcome.js) keeps the response and retries when
  // Retry-After says.
  const outcome = await attempt({ id: 'r1', payload: makePayload() },
    { endpoint: `${url}/v1/responses`, timeoutMs: 5000, onStart() {} });
  assert.deepEqual({ ok: outcome.ok, retry: outcome.ok || outcome.retry, status: outcome.ok || outcome.status },
    { ok: false, retry: true, status: 503 });
  assert.equal(parseRetryAfter(outcome.ok ? null : outcome.retryAfter ?? null, 0), 5000);
}

/**
 * Once the store is open: /healthz 200 at the current schema, `payload` stored.
 * @param {{url: string, db: string, ready: (ms?: number) => Promise<unknown>}} c
 */
async function assertServes(c) {
  await c.ready(30000);
  const health = await fetch(`${c.url}/healthz`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).schemaVersion, 10);
  const p = makePayload();
  assert.equal((await post(c.url, p)).status, 200);
  assert.equal(sql(c.db, `SELECT count(*) FROM responses WHERE response_id = '${p.responseId}'`), '1');
}

test('waiting for another collector\'s migration: 503 starting, then the same process serves', { timeout: 60000 }, async () => {
  const old = await version6Database();
  const holder = await holdMigrationLock(old.db);
  const c = await startCollector({ db: old.db, dir: old.dir, listening: true });
  try {
    await untilDetail(c.url, /waiting/);
    await assertOpening(c.url, /^starting$/, /waiting for another collector's migration/);
    // Past SQLite's busy timeout (5 s): it still waits, and says why.
    await new Promise((r) => setTimeout(r, 6000));
    assert.equal(c.proc.exitCode, null, c.errors());
    await assertOpening(c.url, /^starting$/, /waiting for another collector's migration/);
    assert.match(c.errors(), /store: waiting for another collector's migration of/);
    await holder.release();
    await assertServes(c);
    assert.match(c.errors(), /migrated from schema version 6 to 10/);
  } finally {
    await holder.release();
    await c.stop(true);
  }
});

test('a collector migrating says "migrating" and since when, then serves', { timeout: 60000, skip: !POSTGRES && 'PostgreSQL only: a table lock holds the migration midway' }, async () => {
  const old = await version6Database();
  // The migration takes the advisory lock, then waits on the responses table (its triggers):
  // a long migration, held still.
  const holder = await holdLock(old.db, 'BEGIN; LOCK TABLE responses IN ACCESS EXCLUSIVE MODE;',
    "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND granted AND relation = 'responses'::regclass");
  const c = await startCollector({ db: old.db, listening: true });
  try {
    await untilDetail(c.url, /^schema version/);
    await assertOpening(c.url, /^migrating$/, /^schema version 6 to 10$/);
    await holder.release();
    await assertServes(c);
  } finally {
    await holder.release();
    await c.stop(true);
  }
});

test('SQLite: a second collector started during the first one\'s open waits, then both serve', { timeout: 60000, skip: !!POSTGRES && 'SQLite only' }, async () => {
  const old = await version6Database();
  const holder = await holdLock(old.db, 'BEGIN IMMEDIATE;', '');
  const a = await startCollector({ db: old.db, dir: old.dir, listening: true });
  const b = await startCollector({ db: old.db, dir: old.dir, listening: true });
  try {
    await new Promise((r) => setTimeout(r, 6000));
    for (const c of [a, b]) {
      assert.equal(c.proc.exitCode, null, c.errors());
      await assertOpening(c.url, /^starting$/, /waiting/);
    }
    await holder.release();
    await assertServes(a);
    await assertServes(b);
    // Each step ran once: by one of them, or some by each (a step is a transaction of its own,
    // and the other may take the lock between two steps): 6 → 10 with no step twice.
    const ran = [a, b].flatMap((c) => [...c.errors().matchAll(/migrated from schema version (\d+) to (\d+)/g)])
      .map((m) => [Number(m[1]), Number(m[2])]).sort((x, y) => x[0] - y[0]);
    assert.equal(ran[0][0], 6);
    assert.equal(ran[ran.length - 1][1], 10);
    for (let i = 1; i < ran.length; i++) assert.equal(ran[i][0], ran[i - 1][1], `${a.errors()}\n${b.errors()}`);
    assert.equal(sql(old.db, 'PRAGMA user_version'), '10');
  } finally {
    await holder.release();
    await b.stop(false);
    await a.stop(true);
  }
});

test('a store that cannot open: the process exits non-zero with the message', { timeout: 30000 }, async () => {
  const db = POSTGRES ? POSTGRES.replace(/\/[^/]*$/, '/pepite_no_such_database') : '/nonexistent-folder/x.db';
  await assert.rejects(startCollector({ db }), /collector exited \(1\)[\s\S]*store: (cannot open|.*database)/);
});

test('SIGTERM while waiting to open: the process ends at once, the database as it was', { timeout: 30000 }, async () => {
  const old = await version6Database();
  const holder = await holdMigrationLock(old.db);
  const c = await startCollector({ db: old.db, dir: old.dir, listening: true });
  try {
    await untilDetail(c.url, /waiting/);
    const t = performance.now();
    await c.stop(false);
    assert.ok(performance.now() - t < 2000, `stopped in ${performance.now() - t} ms`);
    // 'exit' may come before the last of stdout is read.
    for (let i = 0; i < 20 && !/stopped before/.test(c.output()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(c.output(), /stopped before the store was open/);
    await holder.release();
    const version = POSTGRES ? "SELECT value FROM meta WHERE key = 'schema_version'" : 'PRAGMA user_version';
    assert.equal(sql(old.db, version), '6');
  } finally {
    await holder.release();
    await c.stop(true);
  }
});
