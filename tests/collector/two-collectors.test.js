// Two collectors on one PostgreSQL database (PEPITE_TEST_DB, set by scripts/with-postgres.sh), as
// behind a balancer: kill -9 one under load, every acknowledged response is there once; case
// changes through both at once are never lost or moved back.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { POSTGRES, auth, balancedLoad, createDatabase, makePayload, post, sql, startCollector } from './helpers.js';

assert.ok(POSTGRES, 'two-collectors.test.js needs PEPITE_TEST_DB (run it through scripts/with-postgres.sh)');

/** Every stored response id, walked page by page. @param {string} url */
async function storedIds(url) {
  /** @type {string[]} */
  const ids = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(`${url}/v1/responses?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth() });
    const body = await res.json();
    for (const r of body.items) ids.push(r.responseId);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return ids;
}

test('kill -9 one of two collectors under load: every acknowledged response stored once', { timeout: 90000 }, async () => {
  const db = createDatabase();
  const args = ['--rate-limit', '0', '--no-access-log'];
  const a = await startCollector({ db, args });
  const b = await startCollector({ db, args });
  try {
    const load = { acknowledged: new Set(), sent: 0, aDead: false, stop: false };
    const { acknowledged } = load;
    const running = balancedLoad(a, b, (w, i) => makePayload({ nps: i % 11, comment: 'two collectors', status: i % 3 ? 'complete' : 'partial' }), load);
    const started = Date.now();
    while ((acknowledged.size < 500 || Date.now() - started < 1500) && Date.now() - started < 40000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    load.aDead = true;
    await a.kill9();
    const atKill = acknowledged.size;
    while (acknowledged.size < atKill + 300 && Date.now() - started < 60000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    load.stop = true;
    await running;
    assert.ok(atKill >= 500 && acknowledged.size >= atKill + 300, `acknowledged ${atKill} then ${acknowledged.size}`);

    const ids = await storedIds(b.url);
    const unique = new Set(ids);
    const missing = [...acknowledged].filter((id) => !unique.has(id));
    console.log(`sent ${load.sent}, acknowledged ${acknowledged.size} (${atKill} before the kill), stored ${ids.length}, missing ${missing.length}`);
    assert.equal(missing.length, 0);
    assert.equal(ids.length, unique.size, 'a response stored twice');
  } finally {
    await b.stop(true);
    await a.stop(true);
  }
});

test('case changes through two collectors at once: none lost, none moved back', { timeout: 60000 }, async () => {
  const db = createDatabase();
  const a = await startCollector({ db, args: ['--rate-limit', '0'] });
  const b = await startCollector({ db, args: ['--rate-limit', '0'] });
  try {
    const ids = [];
    for (let i = 0; i < 60; i++) {
      const p = makePayload({ nps: 1 });
      assert.equal((await post(a.url, p)).status, 200);
      ids.push(p.responseId);
    }
    const patch = (/** @type {string} */ url, /** @type {string} */ id, /** @type {string} */ followUp) =>
      fetch(`${url}/v1/responses/${id}`, {
        method: 'PATCH',
        headers: { ...auth(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ followUp, note: `${followUp} by ${url}` }),
      }).then((r) => r.status);
    // For each case, one manager marks it contacted on A while another resolves it on B.
    const statuses = await Promise.all(ids.flatMap((id, i) => i % 2
      ? [patch(a.url, id, 'contacted'), patch(b.url, id, 'resolved')]
      : [patch(b.url, id, 'resolved'), patch(a.url, id, 'contacted')]));
    for (const s of statuses) assert.ok(s === 200 || s === 409, `status ${s}`);
    const resolved = await fetch(`${a.url}/v1/responses?followUp=resolved&count=1&limit=1`, { headers: auth() });
    const body = await resolved.json();
    assert.equal(body.total, ids.length);
  } finally {
    await a.stop(true);
    await b.stop(true);
  }
});

test('the rate limit counts a client\'s requests to both collectors together', { timeout: 60000 }, async () => {
  // 5/s with bursts of 15, as one bucket: alone, each collector would let 15 through.
  const db = createDatabase();
  const a = await startCollector({ db, args: ['--rate-limit', '5/s'] });
  const b = await startCollector({ db, args: ['--rate-limit', '5/s'] });
  try {
    const started = Date.now();
    /** @type {Record<string, number[]>} */
    const statuses = { a: [], b: [] };
    for (let i = 0; i < 40; i++) {
      const [name, c] = i % 2 ? ['b', b] : ['a', a];
      const res = await post(c.url, makePayload());
      await res.arrayBuffer();
      statuses[name].push(res.status);
      if (res.status === 429) assert.ok(Number(res.headers.get('retry-after')) >= 1);
    }
    const seconds = (Date.now() - started) / 1000;
    const accepted = [...statuses.a, ...statuses.b].filter((s) => s === 200).length;
    console.log(`accepted ${accepted} of 40 in ${seconds.toFixed(2)} s`);
    assert.ok(accepted >= 15, `accepted ${accepted}`);
    assert.ok(accepted <= 15 + Math.ceil(5 * seconds) + 1, `accepted ${accepted} in ${seconds} s`);
    assert.ok(statuses.a.includes(429) && statuses.b.includes(429), JSON.stringify(statuses));
  } finally {
    await a.stop(true);
    await b.stop(true);
  }
});

test('a collector waiting for another one\'s migration says so in its log, then starts', { timeout: 60000 }, async () => {
  const db = createDatabase();
  // Another collector migrating: the migrations' advisory lock (schema.cpp) held for 2 s.
  const holder = spawn('psql', ['-qAtX', db, '-c', 'SELECT pg_advisory_lock(7461737400)', '-c', 'SELECT pg_sleep(2)'], { stdio: 'ignore' });
  const released = new Promise((r) => holder.once('exit', r));
  try {
    for (let i = 0; i < 100 && sql(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") !== '1'; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const t = performance.now();
    const c = await startCollector({ db });
    try {
      assert.match(c.errors(), /store: waiting for another collector's migration of the PostgreSQL database/);
      assert.ok(performance.now() - t > 1000, 'it waited for the lock');
      assert.equal((await post(c.url, makePayload())).status, 200);
    } finally {
      await c.stop();
    }
  } finally {
    holder.kill();
    await released;
  }
});
