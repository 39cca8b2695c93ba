// The abuses of issue 18, each driven against a running collector and reported as measurements
// (never asserted here): tests/collector/attacks.test.js asserts them, bench/collector-attacks.mjs
// prints them for any binary, the old server included. Every attack stops by itself.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

import { makePayload } from './helpers.js';

export const MB = 1 << 20;

/**
 * Resident and peak resident memory of a process, in bytes.
 * @param {number} pid
 */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (/** @type {string} */ name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * Opens a connection (from `localAddress` when given) and resolves once connected.
 * @param {string} url
 * @param {string} [localAddress]
 * @returns {Promise<net.Socket>}
 */
export function connect(url, localAddress) {
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
export function collect(socket, ms = 15000) {
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
 * Writes up to `total` bytes made by `piece()` as fast as the socket takes them; stops when the
 * server closes. Resolves with the bytes written.
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

/**
 * Sends `head`, then floods `total` bytes of `piece`, and reads the reply; with the process's
 * peak RSS growth over the attack.
 * @param {{url: string, pid: number}} c
 * @param {string} head
 * @param {number} total
 * @param {Buffer} piece
 */
async function floodAttack(c, head, total, piece) {
  const before = memory(c.pid).rss;
  const socket = await connect(c.url);
  const reply = collect(socket, 60000);
  socket.on('error', () => {});
  socket.write(head);
  const sent = await flood(socket, total, () => piece);
  if (socket.writable) socket.end('\r\n');
  const { text } = await reply;
  return { status: text.slice(0, 12), text, sent, grown: memory(c.pid).peak - before };
}

/**
 * A `size`-byte chunked body sent in 1 MB chunks.
 * @param {{url: string, pid: number}} c
 * @param {number} size
 */
export function chunkedBody(c, size) {
  const block = Buffer.alloc(MB, 'x');
  const chunk = Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  return floodAttack(c, 'POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n', size, chunk);
}

/**
 * `count` header lines of 8 bytes.
 * @param {{url: string, pid: number}} c
 * @param {number} count
 */
export function manyHeaders(c, count) {
  return floodAttack(c, 'GET /healthz HTTP/1.1\r\nHost: t\r\n', count * 8, Buffer.from('X-A: b\r\n'.repeat(10000)));
}

/**
 * A POST of `size` bytes with its Content-Length, through Node's HTTP client: the reply it reads,
 * or the error it sees.
 * @param {string} url
 * @param {number} size
 * @returns {Promise<{status?: number, text?: string, nosniff?: string, error?: string}>}
 */
export function bigPost(url, size) {
  const { port } = new URL(url);
  const body = Buffer.alloc(size, 'x');
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/v1/responses',
      headers: { 'Content-Type': 'text/plain', 'Content-Length': body.length } }, (r) => {
      let text = '';
      r.on('data', (d) => { text += d; });
      r.on('end', () => resolve({ status: r.statusCode, text, nosniff: /** @type {string} */ (r.headers['x-content-type-options']) }));
      r.on('error', (e) => resolve({ error: e.message }));
    });
    req.setTimeout(15000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(body);
  });
}

/**
 * `count` connections sending one header line every 2 s (from `addresses` source addresses in
 * turn), while /healthz and valid POSTs are timed one after the other for `ms`. Each timed request
 * gives up after 2 s (counted as failed).
 * @param {string} url
 * @param {{count: number, addresses: number, ms: number}} o
 */
export async function slowClients(url, o) {
  /** @type {net.Socket[]} */
  const slow = [];
  for (let i = 0; i < o.count; i++) {
    const socket = await connect(url, `127.0.0.${2 + (i % o.addresses)}`);
    socket.on('error', () => {});
    socket.write('POST /v1/responses HTTP/1.1\r\nHost: t\r\n');
    slow.push(socket);
  }
  const ticker = setInterval(() => { for (const s of slow) if (s.writable) s.write(`X-Slow: ${Date.now()}\r\n`); }, 2000);
  /** @type {number[]} */
  const ms = [];
  let failed = 0;
  const timed = async (/** @type {() => Promise<Response>} */ send) => {
    const t = performance.now();
    try {
      const res = await send();
      await res.arrayBuffer();
      if (res.status === 200) ms.push(performance.now() - t);
      else failed++;
    } catch {
      failed++;
    }
  };
  let open = 0;
  try {
    const until = Date.now() + o.ms;
    while (Date.now() < until) {
      await timed(() => fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }));
      await timed(() => fetch(`${url}/v1/responses`, {
        method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(makePayload()),
        signal: AbortSignal.timeout(2000),
      }));
    }
    open = slow.filter((s) => !s.destroyed).length;
  } finally {
    clearInterval(ticker);
    for (const s of slow) s.destroy();
  }
  ms.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))] ?? NaN;
  return { answered: ms.length, failed, p50: at(0.5), p99: at(0.99), open };
}

/**
 * A head sent one line every 500 ms: how long the server keeps the connection (up to `ms`).
 * @param {string} url
 * @param {number} ms
 */
export async function tricklingHead(url, ms) {
  const socket = await connect(url);
  const cut = collect(socket, ms);
  socket.write('GET /healthz HTTP/1.1\r\n');
  const ticker = setInterval(() => { if (socket.writable) socket.write('X-Slow: 1\r\n'); }, 500);
  const result = await cut;
  clearInterval(ticker);
  return result;
}

/**
 * Sends raw bytes on a fresh connection and reads the reply until the server closes (or `ms`).
 * @param {string} url
 * @param {string} bytes
 * @param {number} [ms]
 */
export async function raw(url, bytes, ms = 15000) {
  const socket = await connect(url);
  const reply = collect(socket, ms);
  socket.write(bytes);
  return reply;
}
