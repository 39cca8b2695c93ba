// The abuses of issue 18 against one or more collector binaries (not a test): prints, per binary,
// what each attack got back and what it cost the process. Usage:
//   node bench/collector-attacks.mjs [binary…]   (default: build/native/collector/pepite-collector)
// Works on the cpp-httplib collector too (only the flags both know are passed); each attack stops
// by itself (bounded bytes, 2 s per timed request, 15-60 s per reply).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { bigPost, chunkedBody, manyHeaders, MB, raw, slowClients, tricklingHead } from '../tests/collector/attack-lib.js';
import { startCollector } from '../tests/collector/helpers.js';

const binaries = process.argv.slice(2);
if (!binaries.length) binaries.push('build/native/collector/pepite-collector');

const widget = mkdtempSync(path.join(tmpdir(), 'pepite-widget-'));
writeFileSync(path.join(widget, 'pepite.js'), 'console.log("pepite");\n');

/** @param {string} text */
const first = (text) => (text.split('\r\n')[0] || '(no reply)').slice(0, 40);

for (const bin of binaries) {
  process.env.PEPITE_COLLECTOR = bin;
  console.log(`\n== ${bin}`);
  const run = async (/** @type {string} */ name, /** @type {(c: any) => Promise<string>} */ attack) => {
    const c = await startCollector({ args: ['--rate-limit', '0', '--no-access-log', '--widget', widget] });
    const target = { url: c.url, pid: c.proc.pid };
    const started = Date.now();
    try {
      console.log(`${name.padEnd(34)} ${await attack(target)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } finally {
      await c.stop();
    }
  };
  const mb = (/** @type {number} */ n) => `${(n / MB).toFixed(0)} MB`;
  await run('1 GiB chunked body', async (t) => {
    const r = await chunkedBody(t, 1024 * MB);
    return `${first(r.text)}; sent ${mb(r.sent)}; peak RSS +${mb(r.grown)}`;
  });
  await run('2,000,000 headers', async (t) => {
    const r = await manyHeaders(t, 2_000_000);
    return `${first(r.text)}; sent ${mb(r.sent)}; peak RSS +${mb(r.grown)}`;
  });
  await run('10 MB POST', async (t) => {
    const r = await bigPost(t.url, 10 * MB);
    return r.error ? `client error: ${r.error}` : `client read ${r.status}`;
  });
  await run('1,000 slow clients, 8 s', async (t) => {
    const r = await slowClients(t.url, { count: 1000, addresses: 8, ms: 8000 });
    return `${r.answered} answered, ${r.failed} failed (2 s timeout), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.open} slow still open`;
  });
  await run('head trickled, a line / 500 ms', async (t) => {
    const r = await tricklingHead(t.url, 20000);
    return `closed after ${(r.ms / 1000).toFixed(1)} s${r.ms >= 19900 ? ' (gave up waiting)' : ''}`;
  });
  await run('two Content-Length', async (t) =>
    first((await raw(t.url, 'POST /v1/responses HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n' +
      'Content-Length: 5\r\nContent-Length: 50\r\n\r\n{"a":1}', 3000)).text));
  await run('/pepite/pepite.js%00.html', async (t) => {
    const res = await fetch(`${t.url}/pepite/pepite.js%00.html`);
    return `${res.status} ${res.headers.get('content-type')}`;
  });
}
