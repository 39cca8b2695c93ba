// Unit tests for js/config.js: data-* attributes, option normalisation, definition loading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefinition, normalizeOptions, readScriptConfig, surveyIdNow } from '../../js/config.js';

/** A script element stand-in: only getAttribute is read. */
const tag = (attrs) => ({ getAttribute: (n) => (n in attrs ? attrs[n] : null) });

test('data-* attributes become init options', () => {
  const { options, problems } = readScriptConfig(tag({
    'data-survey': '/s.json',
    'data-endpoint': 'https://shop.example/api/feedback',
    'data-locale': 'fr',
    'data-order-id': 'A-10023',
    'data-properties': '{"channel":"web"}',
    'data-position': 'center',
    'data-delay': '2000',
    'data-sampling': '0.5',
    'data-recontact-days': '30',
    'data-theme': 'dark',
    'data-accent': '#0a7d55',
    'data-wasm': '/x/core.wasm',
    'data-auto-show': 'false',
  }));
  assert.deepEqual(problems, []);
  assert.deepEqual(options, {
    survey: '/s.json',
    endpoint: 'https://shop.example/api/feedback',
    locale: 'fr',
    position: 'center',
    wasmUrl: '/x/core.wasm',
    delayMs: 2000,
    sampling: 0.5,
    recontactDays: 30,
    properties: { channel: 'web', orderId: 'A-10023' },
    theme: { scheme: 'dark', accent: '#0a7d55' },
    autoShow: false,
  });
});

test('bad data-properties and data-theme are reported, not thrown', () => {
  const { options, problems } = readScriptConfig(tag({ 'data-properties': '{oops', 'data-theme': '[1' }));
  assert.equal(problems.length, 2);
  assert.equal(options.properties, undefined);
  assert.deepEqual(readScriptConfig(null), { options: {}, problems: [] });
});

test('normalizeOptions fills defaults and rejects bad values', () => {
  const { options, problems } = normalizeOptions({ survey: '#s', position: 'top', delayMs: -5, sampling: 2, orderId: 42, theme: 'light' });
  assert.equal(options.position, 'bottom-right');
  assert.equal(options.delayMs, 0);
  assert.equal(options.sampling, 1);
  assert.equal(options.recontactDays, 0);
  assert.equal(options.locale, 'auto');
  assert.equal(options.autoShow, true);
  assert.deepEqual(options.properties, { orderId: '42' });
  assert.deepEqual(options.theme, { scheme: 'light' });
  assert.equal(problems.length, 3);
  assert.ok(normalizeOptions(undefined).problems.includes('survey is required'));
});

test('loadDefinition accepts objects and JSON text, fetches URLs without credentials', async (t) => {
  assert.deepEqual(await loadDefinition({ id: 'x' }), { text: '{"id":"x"}' });
  assert.deepEqual(await loadDefinition(' {"id":"y"}'), { text: '{"id":"y"}' });
  assert.equal((await loadDefinition('')).error.code, 'survey.missing');
  assert.equal((await loadDefinition('#nope')).error.code, 'survey.not_found');
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    if (req.url === '/s.json') res.end('{"id":"z"}');
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  assert.deepEqual(await loadDefinition(base + '/s.json'), { text: '{"id":"z"}' });
  const missing = await loadDefinition(base + '/missing.json');
  assert.equal(missing.error.code, 'survey.fetch_failed');
  assert.match(missing.error.message, /404/);
});

/**
 * A real HTTP server on 127.0.0.1 that answers every request with a tiny definition and records
 * the URLs asked, closed when the test ends.
 * @param {import('node:test').TestContext} t
 */
async function recordingServer(t) {
  const { createServer } = await import('node:http');
  /** @type {string[]} */
  const asked = [];
  const server = createServer((req, res) => {
    asked.push(String(req.url));
    res.end('{"id":"s"}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  t.after(() => server.close());
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { asked, base: `http://127.0.0.1:${address.port}` };
}

test('loadDefinition asks the collector\'s first-view route for the shopper\'s languages (issue 19)', async (t) => {
  const { asked, base } = await recordingServer(t);
  assert.deepEqual(await loadDefinition(`${base}/v1/surveys/s/first-view`, ['fr-CA', 'fr', 'en']), { text: '{"id":"s"}' });
  await loadDefinition(`${base}/v1/surveys/s/first-view`, 'de');
  // A URL that names its own query, or another route, is fetched as given.
  await loadDefinition(`${base}/v1/surveys/s/first-view?locales=it`, ['fr']);
  await loadDefinition(`${base}/surveys/s.json`, ['fr']);
  await loadDefinition(`${base}/v1/surveys/s/first-view`);
  assert.deepEqual(asked, [
    '/v1/surveys/s/first-view?locales=fr-CA,fr,en',
    '/v1/surveys/s/first-view?locales=de',
    '/v1/surveys/s/first-view?locales=it',
    '/surveys/s.json',
    '/v1/surveys/s/first-view',
  ]);
});

test('loadDefinition gives the first-view route the order\'s token, and no other URL (issue 17)', async (t) => {
  const { asked, base } = await recordingServer(t);
  await loadDefinition(`${base}/v1/surveys/s/first-view`, ['fr'], 'v1.abc.def');
  await loadDefinition(`${base}/v1/surveys/s/first-view`, ['fr'], '');
  await loadDefinition(`${base}/surveys/s.json`, ['fr'], 'v1.abc.def');
  assert.deepEqual(asked, ['/v1/surveys/s/first-view?locales=fr&t=v1.abc.def', '/v1/surveys/s/first-view?locales=fr', '/surveys/s.json']);
});

test('surveyIdNow knows the id without waiting, or says it does not', () => {
  assert.equal(surveyIdNow({ id: 'a' }), 'a');
  assert.equal(surveyIdNow('{"id":"b","questions":[]}'), 'b');
  assert.equal(surveyIdNow('{"id":'), '', 'broken JSON: not known (the core will report it)');
  assert.equal(surveyIdNow('/surveys/s.json'), '', 'a URL never seen');
  assert.equal(surveyIdNow('/surveys/s.json', { '/surveys/s.json': 'c' }), 'c', 'a URL seen on an earlier page');
  assert.equal(surveyIdNow(' /surveys/s.json ', { '/surveys/s.json': 'c' }), 'c');
  assert.equal(surveyIdNow('#nowhere'), '', 'no document under Node');
  assert.equal(surveyIdNow({ id: 3 }), '');
  assert.equal(surveyIdNow(null), '');
});

test('a header fetch() refuses is left out with a problem, the others kept', () => {
  // QA: 'Pépite ✓' made every delivery fail as a "network" error, retried forever.
  const { options, problems } = normalizeOptions({ survey: '#s', headers: { 'X-Shop': 'Pépite ✓', 'X-Ok': 'yes', 'bad name': '1' } });
  assert.deepEqual(options.headers, { 'X-Ok': 'yes' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /header 'X-Shop' is left out/);
  assert.match(problems[1], /header 'bad name' is left out/);
});

test('theme.accentText is kept (it was documented and dropped)', () => {
  const { options } = normalizeOptions({ survey: '#s', theme: { accent: 'rgb(0, 128, 0)', accentText: 'rgb(255, 255, 0)', radius: '4px' } });
  assert.deepEqual(options.theme, { accent: 'rgb(0, 128, 0)', accentText: 'rgb(255, 255, 0)', radius: '4px', scheme: 'auto' });
});

test('data-token and the token option reach the options (issue 17)', () => {
  const token = 'v1.eyJzIjoicG9zdC1wdXJjaGFzZSJ9.abc_-';
  assert.equal(readScriptConfig(tag({ 'data-survey': '/s.json', 'data-token': token })).options.token, token);
  assert.equal(normalizeOptions({ survey: '/s.json', token }).options.token, token);
  assert.equal(normalizeOptions({ survey: '/s.json', token: '' }).options.token, undefined);
  assert.equal(normalizeOptions({ survey: '/s.json', token: 42 }).options.token, undefined);
});

test('data-keep-clear becomes the keepClear option (issue 19), as written', () => {
  const { options, problems } = readScriptConfig(tag({ 'data-survey': '/s.json', 'data-keep-clear': '.order-total, #summary' }));
  assert.deepEqual(problems, []);
  assert.equal(options.keepClear, '.order-total, #summary');
  assert.equal(normalizeOptions(options).options.keepClear, '.order-total, #summary');
  assert.equal(normalizeOptions({ survey: '/s.json' }).options.keepClear, undefined);
});
