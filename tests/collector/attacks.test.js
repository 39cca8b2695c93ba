// The collector under attack (issue 18): each test drives one abuse of attack-lib.js against the
// real binary and asserts the reply and the process's memory (RSS from /proc/PID/status).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { bigPost, chunkedBody, collect, connect, manyHeaders, MB, raw, slowClients, tricklingHead } from './attack-lib.js';
import { post, startCollector } from './helpers.js';

describe('collector under attack', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  /** @type {string} */
  let widget;
  /** @type {{url: string, pid: number}} */
  let target;
  before(async () => {
    widget = mkdtempSync(path.join(tmpdir(), 'pepite-widget-'));
    writeFileSync(path.join(widget, 'pepite.js'), 'console.log("pepite");\n');
    c = await startCollector({
      args: ['--rate-limit', '0', '--no-access-log', '--widget', widget, '--header-timeout', '3',
        '--body-timeout', '3'],
    });
    target = { url: c.url, pid: /** @type {number} */ (c.proc.pid) };
  });
  after(async () => {
    await c.stop();
    rmSync(widget, { recursive: true, force: true });
  });

  test('a 1 GiB chunked body gets 413 and the memory stays flat', async () => {
    const r = await chunkedBody(target, 1024 * MB);
    assert.match(r.text, /^HTTP\/1\.1 413 /);
    assert.match(r.text, /collector\.payload_too_large/);
    assert.ok(r.grown < 64 * MB, `RSS grew by ${(r.grown / MB).toFixed(1)} MB (sent ${(r.sent / MB).toFixed(0)} MB)`);
    // The server stopped reading long before the gigabyte.
    assert.ok(r.sent < 512 * MB, `sent ${(r.sent / MB).toFixed(0)} MB`);
  });

  test('a client busy writing reads its 413 later: the connection is held, not reset, once 16 MB are drained', { timeout: 20000 }, async () => {
    // The client floods 64 MB without reading for 400 ms (a busy event loop): the collector
    // drains 16 MB after its 413, then stops reading until its linger ends. Closing at once with
    // bytes unread sent a reset that destroyed the 413 before the client read it.
    const socket = await connect(target.url);
    socket.pause();
    socket.on('error', () => {});
    socket.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
    const block = Buffer.alloc(MB, 'x');
    const chunk = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
    for (let i = 0; i < 64 && socket.writable; i++) socket.write(chunk);
    await new Promise((r) => setTimeout(r, 400));
    const reply = collect(socket, 10000);
    socket.resume();
    const { text } = await reply;
    assert.match(text, /^HTTP\/1\.1 413 /);
  });

  test('2,000,000 small headers get 431 and the memory stays flat', async () => {
    const r = await manyHeaders(target, 2_000_000);
    assert.match(r.text, /^HTTP\/1\.1 431 /);
    assert.match(r.text, /collector\.headers_too_large/);
    assert.match(r.text, /\r\nX-Content-Type-Options: nosniff\r\n/i);
    assert.ok(r.grown < 64 * MB, `RSS grew by ${(r.grown / MB).toFixed(1)} MB after ${r.sent / 8} headers`);
  });

  test('a 10 MB POST gets a 413 the client reads', async () => {
    const res = await bigPost(c.url, 10 * MB);
    assert.equal(res.error, undefined);
    assert.equal(res.status, 413);
    assert.equal(JSON.parse(res.text || '').errors[0].code, 'collector.payload_too_large');
    assert.equal(res.nosniff, 'nosniff');
  });

  test('1,000 slow connections do not slow /healthz or a POST (p99 under 100 ms)', async () => {
    // One header line every 2 s from 1,000 connections over 10 source addresses (the per-client
    // cap is 128), for 2.5 s, on a collector whose header deadline none of them reaches.
    const patient = await startCollector({ args: ['--rate-limit', '0', '--no-access-log', '--header-timeout', '60'] });
    try {
      const r = await slowClients(patient.url, { count: 1000, addresses: 10, ms: 2500 });
      assert.equal(r.failed, 0);
      assert.equal(r.open, 1000, 'the slow connections are held, not dropped');
      assert.ok(r.answered >= 20, `${r.answered} requests`);
      // The bound is the 100 ms; on a machine other jobs load (a load average of 12 on 2
      // cores gives p99s over 100 ms with no slow client at all), the same requests timed without
      // slow clients, just after, set it instead when they are slower: twice their p99.
      if (r.p99 >= 100) {
        const alone = await slowClients(patient.url, { count: 0, addresses: 1, ms: 2500 });
        assert.ok(r.p99 < 2 * alone.p99,
          `p99 ${r.p99.toFixed(1)} ms over ${r.answered} requests (${alone.p99.toFixed(1)} ms without slow clients)`);
      }
    } finally {
      await patient.stop();
    }
  });

  test('a head that never ends is cut at the header deadline, a body at the body deadline', async () => {
    const { ms } = await tricklingHead(c.url, 15000);
    assert.ok(ms >= 2500 && ms < 5000, `closed after ${ms} ms (deadline 3 s)`);

    const late = await raw(c.url, 'POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{"a":');
    assert.match(late.text, /^HTTP\/1\.1 408 /);
    assert.match(late.text, /collector\.timeout/);
    assert.ok(late.ms >= 2500 && late.ms < 5000, `answered after ${late.ms} ms`);
  });

  test('two conflicting Content-Length headers get 400', async () => {
    const { text } = await raw(c.url, 'POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
      'Content-Length: 5\r\nContent-Length: 50\r\n\r\n{"a":1}');
    assert.match(text, /^HTTP\/1\.1 400 /);
    assert.match(text, /collector\.bad_request/);
  });

  test('a malformed chunked body gets 400, not a silent close', async () => {
    const { text } = await raw(c.url, 'POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
      'Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400 /);
    assert.match(text, /collector\.bad_request/);
  });

  test('paths with NUL or control bytes name no file and no route (404)', async () => {
    assert.equal((await fetch(`${c.url}/pepite/pepite.js`)).status, 200);
    for (const p of ['/pepite/pepite.js%00.html', '/pepite/pepite.js%0a', '/healthz%00', '/pepite/%1b.js']) {
      const res = await fetch(c.url + p);
      assert.equal(res.status, 404, p);
      assert.match(res.headers.get('content-type') || '', /^application\/json/, p);
      assert.equal((await res.json()).errors[0].code, 'collector.not_found', p);
    }
  });

  test('every reply says X-Content-Type-Options: nosniff', async () => {
    const replies = [
      await fetch(`${c.url}/healthz`),
      await fetch(`${c.url}/pepite/pepite.js`),
      await fetch(`${c.url}/nothing`),
      await fetch(`${c.url}/v1/stats`),
      await fetch(`${c.url}/v1/stats`, { method: 'POST', body: '' }),
      await post(c.url, '{'),
    ];
    for (const res of replies) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${res.url} ${res.status}`);
      await res.arrayBuffer();
    }
  });
});

describe('collector connection cap', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0', '--no-access-log', '--max-client-connections', '4'] });
  });
  after(async () => { await c.stop(); });

  const health = 'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n';

  test('a client over its connection cap gets 429; another client is still served', async () => {
    /** @type {import('node:net').Socket[]} */
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await connect(c.url, '127.0.0.2'));
    try {
      const extra = await connect(c.url, '127.0.0.2');
      const refused = collect(extra);
      extra.write(health);
      const { text } = await refused;
      assert.match(text, /^HTTP\/1\.1 429 /);
      assert.match(text, /collector\.too_many_connections/);

      const other = await connect(c.url, '127.0.0.3');
      const served = collect(other);
      other.write(health);
      assert.match((await served).text, /^HTTP\/1\.1 200 /);
    } finally {
      for (const s of held) s.destroy();
    }
    // Once its connections are closed, the client is served again.
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(c.url, '127.0.0.2');
    const served = collect(again);
    again.write(health);
    assert.match((await served).text, /^HTTP\/1\.1 200 /);
  });
});
