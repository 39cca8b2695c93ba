// A webhook receiver on 127.0.0.1 for the collector's suites (webhooks.test.js, migrate.test.js),
// and a wait on a condition.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

/**
 * A webhook receiver on 127.0.0.1. `answer(n, body)` picks what the nth request gets: a status,
 * a status with headers, or 'hang' (no answer: the collector's deadline fires).
 * @param {(n: number, body: any) => number | 'hang' | {status: number, headers: Record<string, string>}} [answer]
 */
export async function startReceiver(answer = () => 200, tls = undefined) {
  /** @type {{headers: import('node:http').IncomingHttpHeaders, raw: Buffer, body: any, status: number | 'hang', at: number}[]} */
  const requests = [];
  /** @type {Set<import('node:http').ServerResponse>} */
  const hanging = new Set();
  /** @type {import('node:http').RequestListener} */
  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8'));
      const answered = answer(requests.length, body);
      const status = typeof answered === 'object' ? answered.status : answered;
      requests.push({ headers: req.headers, raw, body, status, at: Date.now() });
      if (status === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(status, { 'Content-Type': 'text/plain', ...(typeof answered === 'object' ? answered.headers : {}) });
      res.end('ok');
    });
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}/hooks/pepite`,
    requests,
    /** Ids answered with a 2xx, with how many times. */
    delivered() {
      /** @type {Map<string, number>} */
      const ids = new Map();
      for (const r of requests) if (typeof r.status === 'number' && r.status < 300) ids.set(r.body.id, (ids.get(r.body.id) || 0) + 1);
      return ids;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
    },
  };
}

/** @param {() => boolean} done @param {number} ms @param {string} what */
export async function until(done, ms, what) {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
