// Durability: under concurrent load, kill -9 the collector, restart it on the same file: every
// response that got a 2xx is there (WAL + synchronous=FULL + group commit).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { auth, makePayload, post, startCollector } from './helpers.js';

test('every acknowledged response survives kill -9', { timeout: 60000 }, async () => {
  const c = await startCollector({ args: ['--rate-limit', '0', '--no-access-log'] });
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
  await new Promise((r) => setTimeout(r, 1500));
  await c.kill9();
  stop = true;
  await Promise.all(workers);
  assert.ok(acknowledged.length > 100, `only ${acknowledged.length} acknowledged`);

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
  } finally {
    await again.stop(true);
  }
});
