// One more try for downloads whose failure may pass (js/try-twice.js), through the real loaders and a real HTTP server on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { compileWasm } from '../../js/compile-wasm.js';
import { loadDefinition } from '../../js/config.js';
import { httpError, mayPass, tryTwice } from '../../js/try-twice.js';

const wasm = readFileSync(new URL('../../dist/pepite-text.wasm', import.meta.url));
const survey = readFileSync(new URL('../fixtures/surveys/post-purchase.json', import.meta.url), 'utf8');

/** Requests seen per path; each path's script says how to answer its n-th request. */
const seen = new Map();
/** @type {Record<string, (n: number, res: http.ServerResponse) => void>} */
const scripts = {
  // Connection reset on the first request, the file on the second.
  '/reset-once.wasm': (n, res) => (n === 1 ? res.socket.destroy() : res.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm)),
  // The connection drops halfway through the body the first time, then the whole file.
  '/short-once.wasm': (n, res) => {
    res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': String(wasm.length) });
    if (n > 1) {
      res.end(wasm);
      return;
    }
    res.write(wasm.subarray(0, wasm.length >> 1), () => setTimeout(() => res.socket.destroy(), 20));
  },
  // Answers 200 with something that is not wasm (a shop's HTML fallback): compiling fails again.
  '/not-wasm.wasm': (n, res) => res.writeHead(200, { 'content-type': 'application/wasm' }).end('<!doctype html><p>shop</p>'),
  '/missing.wasm': (n, res) => res.writeHead(404).end('not here'),
  '/gated.wasm': (n, res) => res.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm),
  '/gated-late.wasm': (n, res) => res.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm),
  '/down.wasm': (n, res) => res.writeHead(503).end('busy'),
  '/busy-once.json': (n, res) => (n === 1 ? res.writeHead(503).end('busy') : res.writeHead(200, { 'content-type': 'application/json' }).end(survey)),
  '/missing.json': (n, res) => res.writeHead(404).end('not here'),
};
let base = '';
const server = http.createServer((req, res) => {
  const path = String(req.url);
  const n = (seen.get(path) || 0) + 1;
  seen.set(path, n);
  const answer = scripts[path];
  if (answer) answer(n, res);
  else res.writeHead(404).end();
});
before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  base = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;
});
after(() => server.close());

test('which failures may pass', () => {
  assert.equal(mayPass(new TypeError('Failed to fetch')), true, 'network dropped');
  assert.equal(mayPass(new WebAssembly.CompileError('not wasm')), false, 'the same file would not compile either');
  assert.equal(mayPass(httpError('/x', 503)), true);
  assert.equal(mayPass(httpError('/x', 429)), true);
  assert.equal(mayPass(httpError('/x', 408)), true);
  assert.equal(mayPass(httpError('/x', 404)), false, 'the file is not there');
  assert.equal(mayPass(httpError('/x', 403)), false);
  assert.equal(mayPass(Object.assign(new Error('aborted'), { name: 'AbortError' })), false, 'our own timeout');
  assert.equal(mayPass(new Error('other')), false);
  assert.equal(mayPass(null), false);
});

test('tryTwice: once more for a passing failure, never a third time, not at all for others', async () => {
  let calls = 0;
  assert.equal(await tryTwice(async () => (++calls === 1 ? Promise.reject(new TypeError('drop')) : 'ok'), 0), 'ok');
  assert.equal(calls, 2);
  calls = 0;
  await assert.rejects(tryTwice(async () => Promise.reject(new TypeError(`drop ${++calls}`)), 0), /drop 2/);
  assert.equal(calls, 2);
  calls = 0;
  const missing = async () => {
    calls += 1;
    throw httpError('/x', 404);
  };
  await assert.rejects(tryTwice(missing, 0), /answered 404/);
  assert.equal(calls, 1);
});

test('compileWasm: a reset connection and a download dropped halfway are tried again and compile', async () => {
  const t0 = Date.now();
  assert.ok((await compileWasm(`${base}/reset-once.wasm`)) instanceof WebAssembly.Module);
  assert.ok(Date.now() - t0 >= 900, 'after a pause of about a second');
  assert.equal(seen.get('/reset-once.wasm'), 2);
  assert.ok((await compileWasm(`${base}/short-once.wasm`)) instanceof WebAssembly.Module);
  assert.equal(seen.get('/short-once.wasm'), 2);
});

test('compileWasm: a 404 and a file that is not wasm are asked once; a 503 twice, then the error says which answer', async () => {
  await assert.rejects(compileWasm(`${base}/missing.wasm`), /answered 404/);
  assert.equal(seen.get('/missing.wasm'), 1);
  await assert.rejects(compileWasm(`${base}/down.wasm`), /answered 503/);
  assert.equal(seen.get('/down.wasm'), 2);
  await assert.rejects(compileWasm(`${base}/not-wasm.wasm`), WebAssembly.CompileError);
  assert.equal(seen.get('/not-wasm.wasm'), 1);
});

/**
 * Counts WebAssembly.compile and compileStreaming calls while `run` runs.
 * @template T @param {() => Promise<T>} run @param {{ compile: number, streaming: number }} calls
 */
async function counting(run, calls) {
  const { compile, compileStreaming } = WebAssembly;
  WebAssembly.compile = (/** @type {any} */ bytes) => ((calls.compile += 1), compile(bytes));
  WebAssembly.compileStreaming = (/** @type {any} */ res) => ((calls.streaming += 1), compileStreaming(res));
  try {
    return await run();
  } finally {
    Object.assign(WebAssembly, { compile, compileStreaming });
  }
}

test('compileWasm with `after` (issue 19): downloads at once, compiles only once `after` settles', async () => {
  // The core's compilation slowed the card drawn early (10-20 ms at 1× CPU in the widget bench).
  const calls = { compile: 0, streaming: 0 };
  /** @type {(v?: unknown) => void} */
  let open = () => {};
  const gate = new Promise((resolve) => (open = resolve));
  const module = await counting(async () => {
    const compiled = compileWasm(`${base}/gated.wasm`, undefined, gate);
    // The download has left and been read; nothing compiled while the gate is shut.
    for (let i = 0; i < 200 && !seen.get('/gated.wasm'); i += 1) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(seen.get('/gated.wasm'), 1);
    assert.deepEqual(calls, { compile: 0, streaming: 0 }, 'nothing compiled before `after`');
    open();
    return compiled;
  }, calls);
  assert.ok(module instanceof WebAssembly.Module);
  assert.deepEqual(calls, { compile: 1, streaming: 0 }, 'the bytes read while the gate was shut are compiled whole');
  // A gate already open when the answer arrives: compiled as it streams. A gate that fails opens too.
  const late = { compile: 0, streaming: 0 };
  const opened = Promise.resolve();
  await opened;
  assert.ok((await counting(() => compileWasm(`${base}/gated-late.wasm`, undefined, opened), late)) instanceof WebAssembly.Module);
  assert.deepEqual(late, { compile: 0, streaming: 1 });
  const refused = Promise.reject(new Error('the card failed'));
  refused.catch(() => {});
  assert.ok((await compileWasm(`${base}/gated-late.wasm`, undefined, refused)) instanceof WebAssembly.Module);
});

test('loadDefinition: a 503 once, then the survey; a 404 is an error at once', async () => {
  const got = await loadDefinition(`${base}/busy-once.json`);
  assert.equal(got.text, survey);
  assert.equal(seen.get('/busy-once.json'), 2);
  const missing = await loadDefinition(`${base}/missing.json`);
  assert.deepEqual(missing.error, { code: 'survey.fetch_failed', message: `GET ${base}/missing.json answered 404` });
  assert.equal(seen.get('/missing.json'), 1);
});
