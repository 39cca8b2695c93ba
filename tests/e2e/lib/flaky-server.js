// Scriptable misbehaving HTTP endpoint on 127.0.0.1 for delivery tests: counts what it stores per responseId.

import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/**
 * @typedef {object} Rule what the endpoint does with the next POSTs (rules are used in order)
 * @property {'status' | 'drop' | 'slow' | 'random'} mode
 *   status: answer `status` (with `headers`, `body`), without storing, after `delayMs` if given;
 *   drop: destroy the socket mid-request, without answering (stores nothing);
 *   slow: store, then answer 200 after `delayMs` (a client timing out sees a failure although
 *   the server stored: the idempotency case);
 *   random: fail `rate` of requests (half 503, half dropped connections) from a seeded generator.
 * @property {number} [times] how many requests the rule applies to (default 1; Infinity allowed)
 * @property {number} [status]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {number} [delayMs]
 * @property {number} [rate]
 * @property {number} [seed]
 */

/**
 * Starts the server on two ports of 127.0.0.1: `origin` serves the repository's files (pages,
 * js/, dist/) and the endpoint; `cross` serves the endpoint only, with CORS, so a page on
 * `origin` exercises cross-origin delivery (same host, other port: cross-origin, same-site).
 * Endpoint: `POST /collect` (JSON body, `application/json` or `text/plain`); `GET /set-cookie`
 * sets a cookie so tests can check none is sent.
 * @param {{ corsMaxAge?: number, preflightDelayMs?: number }} [options]
 */
export async function startFlakyServer(options = {}) {
  /** @type {Rule[]} */
  let rules = [];
  /** @type {Map<string, { status: string, payload: any, writes: number, inserts: number }>} */
  const stored = new Map();
  /** @type {any[]} */
  const requests = [];
  /** @type {any[]} */
  const preflights = [];
  let rng = 1;
  const sockets = new Set();

  function next_random() {
    // mulberry32: small, seeded, good enough to pick failures.
    rng = (rng + 0x6d2b79f5) | 0;
    let t = rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** @returns {Rule | null} */
  function take_rule() {
    while (rules.length) {
      const r = rules[0];
      const times = r.times ?? 1;
      if (times <= 0) {
        rules.shift();
        continue;
      }
      r.times = times - 1;
      return r;
    }
    return null;
  }

  function store(payload) {
    const id = payload.responseId;
    const old = stored.get(id);
    if (!old) {
      stored.set(id, { status: payload.status, payload, writes: 1, inserts: 1 });
      return;
    }
    old.writes += 1;
    // Upsert by responseId, never downgrading complete to partial (docs/contracts.md).
    if (!(old.status === 'complete' && payload.status === 'partial')) {
      old.status = payload.status;
      old.payload = payload;
    }
  }

  /** @param {http.IncomingMessage} req @param {boolean} cross */
  function cors(req, cross) {
    if (!cross || !req.headers.origin) return {};
    return {
      'Access-Control-Allow-Origin': req.headers.origin,
      // Without this a cross-origin page cannot read Retry-After (not a CORS-safelisted header).
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    };
  }

  /** @param {boolean} cross */
  function handler(cross) {
    return (req, res) => {
      const url = new URL(req.url || '/', 'http://127.0.0.1');
      if (req.method === 'OPTIONS' && url.pathname === '/collect') {
        preflights.push({
          at: Date.now(),
          method: req.headers['access-control-request-method'],
          headers: req.headers['access-control-request-headers'] || '',
          cookie: req.headers.cookie || null,
        });
        const answer = () => {
          res.writeHead(204, {
            ...cors(req, cross),
            'Access-Control-Allow-Methods': 'POST',
            'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, X-Shop-Key',
            'Access-Control-Max-Age': String(options.corsMaxAge ?? 0),
          });
          res.end();
        };
        if (options.preflightDelayMs) setTimeout(answer, options.preflightDelayMs);
        else answer();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/collect') {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let payload = null;
          try {
            payload = JSON.parse(text);
          } catch (_) {
            payload = null;
          }
          const record = {
            at: Date.now(),
            port: cross ? 'cross' : 'origin',
            contentType: req.headers['content-type'] || null,
            idempotencyKey: req.headers['idempotency-key'] || null,
            cookie: req.headers.cookie || null,
            referer: req.headers.referer || null,
            origin: req.headers.origin || null,
            extra: req.headers['x-shop-key'] || null,
            responseId: payload && payload.responseId,
            status: payload && payload.status,
            tag: url.searchParams.get('tag'),
            outcome: 'pending',
          };
          requests.push(record);
          const send = (status, headers = {}, body = '') => {
            record.outcome = status;
            res.writeHead(status, { ...cors(req, cross), 'Content-Type': 'application/json', ...headers });
            res.end(body);
          };
          if (!payload || typeof payload.responseId !== 'string') {
            send(400, {}, JSON.stringify({ message: 'body is not a pepite.response/1 payload' }));
            return;
          }
          const rule = take_rule();
          if (rule && rule.mode === 'random') {
            rule.times = Infinity; // stays in force until the next script()
            if (next_random() < (rule.rate ?? 0.3)) {
              if (next_random() < 0.5) send(503, {}, '{"message":"try later"}');
              else {
                record.outcome = 'dropped';
                req.socket.destroy();
              }
              return;
            }
          } else if (rule && rule.mode === 'status') {
            const answer = () => send(rule.status ?? 503, rule.headers || {}, rule.body ?? '');
            if (rule.delayMs) setTimeout(answer, rule.delayMs);
            else answer();
            return;
          } else if (rule && rule.mode === 'drop') {
            record.outcome = 'dropped';
            req.socket.destroy();
            return;
          } else if (rule && rule.mode === 'slow') {
            store(payload);
            record.outcome = 'slow';
            setTimeout(() => {
              if (!res.destroyed) send(200, {}, '{"ok":true}');
            }, rule.delayMs ?? 15000);
            return;
          }
          store(payload);
          send(200, {}, '{"ok":true}');
        });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/set-cookie') {
        res.writeHead(200, { 'Set-Cookie': 'pepite_test_sid=secret; Path=/; SameSite=Lax', 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (!cross && req.method === 'GET') {
        serve_file(url.pathname, res);
        return;
      }
      res.writeHead(404);
      res.end();
    };
  }

  /** @param {string} pathname @param {http.ServerResponse} res */
  function serve_file(pathname, res) {
    const file = path.resolve(ROOT, '.' + decodeURIComponent(pathname));
    if (!file.startsWith(ROOT + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  }

  /** @param {boolean} cross @returns {Promise<http.Server>} */
  function listen(cross) {
    const server = http.createServer(handler(cross));
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
  }

  const a = await listen(false);
  const b = await listen(true);
  const port_a = /** @type {any} */ (a.address()).port;
  const port_b = /** @type {any} */ (b.address()).port;

  return {
    /** base URL of the origin server (pages and endpoint) */
    origin: 'http://127.0.0.1:' + port_a,
    /** base URL of the cross-origin endpoint server */
    cross: 'http://127.0.0.1:' + port_b,
    /** @param {Rule[]} list replaces the script */
    script(list) {
      rules = list.map((r) => ({ ...r }));
      const seed = list.find((r) => r.seed !== undefined);
      if (seed) rng = seed.seed | 0;
    },
    stored,
    requests,
    preflights,
    /** @param {string} id @returns {any[]} the POSTs received for a responseId */
    requestsFor(id) {
      return requests.filter((r) => r.responseId === id);
    },
    reset() {
      rules = [];
      stored.clear();
      requests.length = 0;
      preflights.length = 0;
    },
    /** Waits until `predicate()` holds, polling every 20 ms, at most `ms`. */
    async until(predicate, ms = 10000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (predicate()) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return predicate();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([a, b].map((s) => new Promise((r) => s.close(() => r(undefined)))));
    },
  };
}

/** Chromium flags that work on these machines (docs/architecture.md, "Toolchain facts"). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium through playwright-core (no browser download). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * Traces deliveries across page views, for tests where a page is reloaded or left mid-delivery:
 * every document of `context` gets a random id (`window.__tracePage`), keeps the widget/delivery
 * events it logs (`pepite-event <type> <responseId>` console lines, see
 * tests/e2e/pages/delivery-*.js) in its origin's localStorage, and tags its requests to the
 * endpoint with `?tag=<id>` (the server's `tag`). Playwright's `console` listener is not enough: it
 * drops the messages of a document being destroyed, such as a `sent` fired by the old page in its
 * last milliseconds before a reload (it looked like "`sent` fired in neither page").
 * @param {import('playwright-core').BrowserContext} context
 */
export async function traceAcrossPages(context) {
  await context.addInitScript(() => {
    const page = Math.random().toString(36).slice(2, 8);
    const w = /** @type {any} */ (window);
    w.__tracePage = page;
    const log = console.log;
    console.log = function (...args) {
      const m = args[0];
      if (typeof m === 'string' && m.startsWith('pepite-event ')) {
        try {
          const k = 'pepite-test:events';
          localStorage.setItem(k, (localStorage.getItem(k) || '') + page + ' ' + m.slice(13) + '\n');
        } catch (_) {
          // about:blank and friends have no storage: nothing to record there.
        }
      }
      return log.apply(this, args);
    };
    const fetch = w.fetch;
    w.fetch = function (input, init) {
      if (typeof input === 'string' && /\/collect$/.test(input)) input += '?tag=' + page;
      return fetch.call(this, input, init);
    };
  });
}

/**
 * The events recorded by traceAcrossPages, read through `page` (same origin).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ page: string, type: string, responseId: string }[]>} page: the document's id
 */
export async function recordedEvents(page) {
  const text = await page.evaluate(() => localStorage.getItem('pepite-test:events') || '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [p, type, responseId = ''] = l.split(' ');
      return { page: p, type, responseId };
    });
}

/**
 * The id traceAcrossPages gave the document now in `page`.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string>}
 */
export function tracedPage(page) {
  return page.evaluate(() => /** @type {any} */ (window).__tracePage);
}

/**
 * After a page (`before`) was replaced by a reload (`after`): waits for `sent`, then checks that
 * the response was stored once, `sent` fired exactly once in either page, at most one POST came
 * from each page and none on the unload path; the new page sends only if the old one did not
 * read the 2xx (a request cut by the unload has an unknown outcome: the one duplicate accepted).
 * @param {{ stored: Map<string, any>, requestsFor(id: string): any[] }} server
 * @param {import('playwright-core').Page} page the current page
 * @param {string} id responseId
 * @param {string} before tag of the old page
 * @param {string} after tag of the new page
 * @param {number} waitMs how long to wait for `sent`
 */
export async function assertDeliveredOnceAcrossReload(server, page, id, before, after, waitMs) {
  const sent = async () => (await recordedEvents(page)).filter((e) => e.type === 'sent' && e.responseId === id);
  const end = Date.now() + waitMs;
  while ((await sent()).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(server.stored.get(id).inserts, 1);
  assert.equal(server.stored.get(id).status, 'complete');
  const fired = await sent();
  assert.equal(fired.length, 1, JSON.stringify(fired));
  const reqs = server.requestsFor(id);
  const show = JSON.stringify(reqs.map((r) => [r.tag === before ? 'old' : r.tag === after ? 'new' : r.tag, r.contentType, r.outcome]));
  assert.ok(reqs.every((r) => r.contentType === 'application/json' && r.outcome === 200), show);
  const old_posts = reqs.filter((r) => r.tag === before).length;
  const new_posts = reqs.filter((r) => r.tag === after).length;
  assert.equal(old_posts + new_posts, reqs.length, show);
  assert.ok(old_posts <= 1 && new_posts <= 1 && reqs.length >= 1, show);
  assert.equal(new_posts, fired[0].page === before ? 0 : 1, show + ' sent in ' + (fired[0].page === before ? 'old' : 'new'));
}

/**
 * The flaky server of one test file: started before its tests, reset before each, closed after.
 * Returns a stand-in that forwards to the running server (`server.origin`, `server.script(…)`).
 * @param {Parameters<typeof startFlakyServer>[0]} [options]
 * @returns {Awaited<ReturnType<typeof startFlakyServer>>}
 */
export function useFlakyServer(options) {
  /** @type {any} */
  let live = null;
  before(async () => {
    live = await startFlakyServer(options);
  });
  after(() => live.close());
  beforeEach(() => live.reset());
  return /** @type {any} */ (new Proxy({}, { get: (_, key) => live[key] }));
}
