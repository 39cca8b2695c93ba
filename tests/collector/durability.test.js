// Durability: under concurrent load, kill -9 the collector, restart it on the same database: every
// response that got a 2xx is there (SQLite: WAL + synchronous=FULL + group commit, also with the
// WAL being checkpointed and started over many times during the load; PostgreSQL with
// PEPITE_TEST_DB: synchronous_commit=on).

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';

import { POSTGRES, auth, makePayload, post, startCollector } from './helpers.js';

/**
 * Loads the collector from 16 clients, kill -9 it once `ms` have passed and `atLeast` responses
 * were acknowledged (at most 40 s), restarts it on the same database and checks every
 * acknowledged response is there.
 * @param {string[]} args extra collector flags
 * @param {number} ms
 * @param {number} atLeast
 */
async function killUnderLoad(args, ms, atLeast) {
  const c = await startCollector({ args: ['--rate-limit', '0', '--no-access-log', ...args] });
  /** @type {string[]} */
  const acknowledged = [];
  let stop = false;
  let failures = 0;
  const worker = async () => {
    while (!stop) {
      const p = makePayload({ nps: acknowledged.length % 11, comment: 'durable' });
      try {
        const res = await post(c.url, p);
        await res.arrayBuffer();
        if (res.status === 200) acknowledged.push(p.responseId);
      } catch {
        failures += 1;  // the connection died with the server: not acknowledged
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  const started = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  while (acknowledged.length < atLeast && Date.now() - started < 40000) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await c.kill9();
  stop = true;
  await Promise.all(workers);
  assert.ok(acknowledged.length >= atLeast, `only ${acknowledged.length} acknowledged`);
  if (!POSTGRES) {
    // Each response puts over 4 KB of pages in the WAL: with over 3 MB through a WAL limited
    // to 1 MB, a file under 2.5 MB means it was started over during the load.
    const walBytes = statSync(`${c.db}-wal`).size;
    console.log(`WAL file at the kill: ${walBytes} bytes`);
    if (args.includes('--wal-limit')) assert.ok(walBytes < 2.5 * (1 << 20), `WAL ${walBytes} bytes`);
  }

  const again = await startCollector({ dir: c.dir, db: c.db, args: ['--no-access-log'] });
  try {
    /** @type {Set<string>} */
    const stored = new Set();
    let cursor = '';
    for (let page = 0; page < 1000; page++) {
      const res = await fetch(`${again.url}/v1/responses?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth() });
      const body = await res.json();
      for (const r of body.items) stored.add(r.responseId);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const missing = acknowledged.filter((id) => !stored.has(id));
    console.log(`acknowledged ${acknowledged.length}, stored ${stored.size}, missing ${missing.length}, connection errors at kill ${failures}`);
    assert.equal(missing.length, 0);
    return again.output();
  } finally {
    await again.stop(true);
  }
}

test('every acknowledged response survives kill -9', { timeout: 60000 }, async () => {
  await killUnderLoad([], 1500, 100);
});

test('… also while the WAL is being started over (1 MB limit: restarts every few hundred rows)',
  { timeout: 60000 }, async () => {
    // 1,000 responses: over 4 MB through the WAL, however slow the machine.
    await killUnderLoad(['--wal-limit', '1'], 1000, 1000);
  });
