// deploy/nginx.conf, run as shipped (only its ports, certificate, logs and pid moved into a
// temporary folder): TLS with a self-signed certificate made here, the 32 KB body limit, the
// balancer over two collectors on one PostgreSQL (PEPITE_TEST_DB), and a collector killed with
// kill -9 while nginx keeps answering through the other.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { POSTGRES, ROOT, auth, createDatabase, makePayload, startCollector } from './helpers.js';

assert.ok(POSTGRES, 'nginx.test.js needs PEPITE_TEST_DB (run it through scripts/with-postgres.sh)');

/** A free loopback port. */
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/**
 * One request; resolves {status, headers, body}.
 * @param {typeof https | typeof http} lib
 * @param {Record<string, unknown>} options
 * @param {string} [body]
 */
function request(lib, options, body) {
  return new Promise((resolve, reject) => {
    const req = lib.request({ host: '127.0.0.1', agent: false, ...options }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('deploy/nginx.conf: TLS, body limit, balancer over two collectors, one killed', { timeout: 90000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pepite-nginx-'));
  const db = createDatabase();
  const args = ['--trust-proxy', '--rate-limit', '0'];
  const a = await startCollector({ db, args });
  const b = await startCollector({ db, args });
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let nginx;
  try {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
    { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const [tlsPort, plainPort] = [await freePort(), await freePort()];
    const portOf = (/** @type {string} */ url) => new URL(url).port;
    const shipped = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
    const conf = [
      ['listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`],
      ['listen 80;', `listen 127.0.0.1:${plainPort};`],
      ['127.0.0.1:8081', `127.0.0.1:${portOf(a.url)}`],
      ['127.0.0.1:8082', `127.0.0.1:${portOf(b.url)}`],
      ['/etc/pepite/tls/fullchain.pem', cert],
      ['/etc/pepite/tls/privkey.pem', key],
      ['/run/nginx-pepite.pid', path.join(dir, 'nginx.pid')],
      ['/var/log/nginx/', `${dir}/`],
    ].reduce((text, [from, to]) => {
      assert.ok(text.includes(from), `deploy/nginx.conf no longer has ${from}`);
      return text.replaceAll(from, to);
    }, shipped);
    writeFileSync(path.join(dir, 'nginx.conf'), conf);
    const checked = spawnSync('nginx', ['-t', '-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stderr);
    nginx = spawn('nginx', ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    const ca = readFileSync(cert);
    const tls = (/** @type {Record<string, unknown>} */ o, /** @type {string} */ body = '') =>
      request(https, { port: tlsPort, ca, servername: 'localhost', ...o }, body);
    const postThrough = (/** @type {unknown} */ payload) => {
      const body = JSON.stringify(payload);
      return tls({ method: 'POST', path: '/v1/responses', headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) } }, body);
    };
    for (let i = 0; i < 50; i++) {
      try {
        await tls({ path: '/healthz' });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    // TLS with the certificate made above (the client checks it against it: no verification off).
    const health = await tls({ path: '/healthz' });
    assert.equal(health.status, 200);
    assert.match(String(health.headers['strict-transport-security']), /max-age=/);
    // Plain HTTP is sent to HTTPS.
    const plain = await request(http, { port: plainPort, path: '/dashboard' });
    assert.equal(plain.status, 301);
    assert.match(String(plain.headers.location), /^https:\/\//);

    // Twenty POSTs, spread over both collectors, all stored.
    const ids = [];
    for (let i = 0; i < 20; i++) {
      const p = makePayload({ nps: i % 11 });
      assert.equal((await postThrough(p)).status, 200);
      ids.push(p.responseId);
    }
    const seenBy = (/** @type {{output: () => string}} */ c) => c.output().split('\n').filter((l) => l.includes('POST /v1/responses')).length;
    assert.ok(seenBy(a) > 0 && seenBy(b) > 0, `a ${seenBy(a)}, b ${seenBy(b)}`);
    const listed = await tls({ path: '/v1/responses?limit=100', headers: auth() });
    assert.deepEqual(JSON.parse(listed.body).items.map((/** @type {{responseId: string}} */ r) => r.responseId).sort(), [...ids].sort());

    // Over 32 KB: nginx answers 413 itself, readable by the client.
    const big = JSON.stringify(makePayload({ comment: 'x'.repeat(40000) }));
    const refused = await tls({ method: 'POST', path: '/v1/responses', headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(big) } }, big);
    assert.equal(refused.status, 413);

    // One collector killed: every POST still gets its 200 from the other, and is stored.
    await a.kill9();
    for (let i = 0; i < 10; i++) {
      const p = makePayload({ nps: 3 });
      assert.equal((await postThrough(p)).status, 200);
      ids.push(p.responseId);
    }
    const after = await tls({ path: '/v1/responses?count=1&limit=1', headers: auth() });
    assert.equal(JSON.parse(after.body).total, 30);
  } finally {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx?.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await b.stop(true);
    await a.stop(true);
    rmSync(dir, { recursive: true, force: true });
  }
});
