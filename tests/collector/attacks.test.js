// The collector under attack (issue 18): each test drives one abuse against the real binary and
// asserts the reply and the process's memory (RSS from /proc/PID/status).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makePayload, post, startCollector } from './helpers.js';

/**
 * Resident and peak resident memory of a process, in bytes.
 * @param {number} pid
 */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (/** @type {string} */ name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const MB = 1 << 20;

/**
 * Opens a connection (from `localAddress` when given) and resolves once connected.
 * @param {string} url
 * @param {string} [localAddress]
 * @returns {Promise<net.Socket>}
 */
function connect(url, localAddress) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Everything a socket receives until it closes (or `ms` pass), and when it closed.
 * @param {net.Socket} socket
 * @param {number} [ms]
 * @returns {Promise<{text: string, ms: number}>}
 */
function collect(socket, ms = 15000) {
  const started = Date.now();
  let text = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (d) => { text += d.toString('latin1'); });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, ms: Date.now() - started });
    });
  });
}

/**
 * Writes `total` bytes made by `piece()` as fast as the socket takes them; stops at the first
 * error (the server closed). Resolves with the bytes written.
 * @param {net.Socket} socket
 * @param {number} total
 * @param {() => Buffer} piece
 */
async function flood(socket, total, piece) {
  let sent = 0;
  while (sent < total && !socket.destroyed && socket.writable) {
    const chunk = piece();
    sent += chunk.length;
    if (!socket.write(chunk)) {
      const go = await new Promise((resolve) => {
        const done = (/** @type {boolean} */ v) => { socket.off('drain', ok); socket.off('close', ko); resolve(v); };
        const ok = () => done(true);
        const ko = () => done(false);
        socket.once('drain', ok);
        socket.once('close', ko);
      });
      if (!go) break;
    }
  }
  return sent;
}

describe('collector under attack', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  /** @type {string} */
  let widget;
  before(async () => {
    widget = mkdtempSync(path.join(tmpdir(), 'pepite-widget-'));
    writeFileSync(path.join(widget, 'pepite.js'), 'console.log("pepite");\n');
    c = await startCollector({
      args: ['--rate-limit', '0', '--no-access-log', '--widget', widget, '--header-timeout', '3',
        '--body-timeout', '3'],
    });
  });
  after(async () => {
    await c.stop();
    rmSync(widget, { recursive: true, force: true });
  });

  test('a 1 GiB chunked body gets 413 and the memory stays flat', async () => {
    const before = memory(c.proc.pid);
    const socket = await connect(c.url);
    const reply = collect(socket);
    socket.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n');
    const block = Buffer.alloc(MB, 'x');
    const chunk = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
    const sent = await flood(socket, 1024 * MB, () => chunk);
    const { text } = await reply;
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /collector\.payload_too_large/);
    const grown = memory(c.proc.pid).peak - before.rss;
    assert.ok(grown < 64 * MB, `RSS grew by ${(grown / MB).toFixed(1)} MB (sent ${(sent / MB).toFixed(0)} MB)`);
    // The server stopped reading long before the gigabyte.
    assert.ok(sent < 512 * MB, `sent ${(sent / MB).toFixed(0)} MB`);
  });

  test('2,000,000 small headers get 431 and the memory stays flat', async () => {
    const before = memory(c.proc.pid);
    const socket = await connect(c.url);
    const reply = collect(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n');
    const lines = Buffer.from('X-A: b\r\n'.repeat(10000));
    let count = 0;
    await flood(socket, 2_000_000 * 8, () => { count += 10000; return lines; });
    if (socket.writable) socket.end('\r\n');
    const { text } = await reply;
    assert.match(text, /^HTTP\/1\.1 431 /);
    assert.match(text, /collector\.headers_too_large/);
    assert.match(text, /\r\nX-Content-Type-Options: nosniff\r\n/i);
    const grown = memory(c.proc.pid).peak - before.rss;
    assert.ok(grown < 64 * MB, `RSS grew by ${(grown / MB).toFixed(1)} MB after ${count} headers`);
  });

  test('a 10 MB POST gets a 413 the client reads', async () => {
    const { port } = new URL(c.url);
    const body = Buffer.alloc(10 * MB, 'x');
    const res = await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/v1/responses',
        headers: { 'Content-Type': 'text/plain', 'Content-Length': body.length } }, (r) => {
        let text = '';
        r.on('data', (d) => { text += d; });
        r.on('end', () => resolve({ status: r.statusCode, text, nosniff: r.headers['x-content-type-options'] }));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(res.status, 413);
    assert.equal(JSON.parse(res.text).errors[0].code, 'collector.payload_too_large');
    assert.equal(res.nosniff, 'nosniff');
  });

  test('1,000 slow connections do not slow /healthz or a POST (p99 under 100 ms)', async () => {
    // One header line every 2 s from 1,000 connections, spread over 10 source addresses (the
    // per-client cap is 128).
    /** @type {net.Socket[]} */
    const slow = [];
    for (let i = 0; i < 1000; i++) {
      const socket = await connect(c.url, `127.0.0.${2 + (i % 10)}`);
      socket.on('error', () => {});
      socket.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\n');
      slow.push(socket);
    }
    const ticker = setInterval(() => { for (const s of slow) if (s.writable) s.write(`X-Slow: ${Date.now()}\r\n`); }, 2000);
    /** @type {number[]} */
    const ms = [];
    try {
      const until = Date.now() + 2500;  // within the 3 s header deadline of this collector
      while (Date.now() < until) {
        let t = performance.now();
        const health = await fetch(`${c.url}/healthz`);
        assert.equal(health.status, 200);
        await health.arrayBuffer();
        ms.push(performance.now() - t);
        t = performance.now();
        const stored = await post(c.url, makePayload());
        assert.equal(stored.status, 200);
        await stored.arrayBuffer();
        ms.push(performance.now() - t);
      }
      const open = slow.filter((s) => !s.destroyed).length;
      assert.equal(open, 1000, 'the slow connections are held, not dropped');
    } finally {
      clearInterval(ticker);
      for (const s of slow) s.destroy();
    }
    ms.sort((a, b) => a - b);
    const p99 = ms[Math.floor(ms.length * 0.99)];
    assert.ok(ms.length >= 20, `${ms.length} requests`);
    assert.ok(p99 < 100, `p99 ${p99.toFixed(1)} ms over ${ms.length} requests`);
  });

  test('a head that never ends is cut at the header deadline, a body at the body deadline', async () => {
    const head = await connect(c.url);
    const cut = collect(head);
    head.write('GET /healthz HTTP/1.1\r\n');
    const ticker = setInterval(() => { if (head.writable) head.write('X-Slow: 1\r\n'); }, 500);
    const { ms } = await cut;
    clearInterval(ticker);
    assert.ok(ms >= 2500 && ms < 5000, `closed after ${ms} ms (deadline 3 s)`);

    const body = await connect(c.url);
    const late = collect(body);
    body.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{"a":');
    const answer = await late;
    assert.match(answer.text, /^HTTP\/1\.1 408 /);
    assert.match(answer.text, /collector\.timeout/);
    assert.ok(answer.ms >= 2500 && answer.ms < 5000, `answered after ${answer.ms} ms`);
  });

  test('two conflicting Content-Length headers get 400', async () => {
    const socket = await connect(c.url);
    const reply = collect(socket);
    socket.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
      'Content-Length: 5\r\nContent-Length: 50\r\n\r\n{"a":1}');
    const { text } = await reply;
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

  test('a client over its connection cap gets 429; another client is still served', async () => {
    /** @type {net.Socket[]} */
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await connect(c.url, '127.0.0.2'));
    try {
      const extra = await connect(c.url, '127.0.0.2');
      const refused = collect(extra);
      extra.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
      const { text } = await refused;
      assert.match(text, /^HTTP\/1\.1 429 /);
      assert.match(text, /collector\.too_many_connections/);

      const other = await connect(c.url, '127.0.0.3');
      const served = collect(other);
      other.write('GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
      assert.match((await served).text, /^HTTP\/1\.1 200 /);
    } finally {
      for (const s of held) s.destroy();
    }
    // Once its connections are closed, the client is served again.
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(c.url, '127.0.0.2');
    const served = collect(again);
    again.write('GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
    assert.match((await served).text, /^HTTP\/1\.1 200 /);
  });
});
