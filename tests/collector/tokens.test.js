// Issue 17 against the real collector: signed order tokens (`pepite-collector token`,
// --token-secret, --require-token, one response per order) and nobody rewriting someone else's
// answer (senderKey, submittedAt from the future, "stored" / "superseded").

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { auth, collectorBinary, makePayload, post, POSTGRES, startCollector } from './helpers.js';

const SECRET = 'shop-secret-for-tests-0123456789';

/** A token made as docs/tokens.md says, independently of the collector's code. */
function sign(/** @type {object} */ claims, secret = SECRET) {
  const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const inDays = (/** @type {number} */ d) => Math.floor(Date.now() / 1000) + d * 86400;

/** `pepite-collector token …` */
function cli(/** @type {string[]} */ args) {
  return spawnSync(collectorBinary(), ['token', ...args], { encoding: 'utf8' });
}

/** A key as the shell makes one: 32 random bytes, base64url. */
const newKey = () => randomBytes(32).toString('base64url');

describe('order tokens', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET] });
  });
  after(async () => { await c.stop(); });

  const row = async (/** @type {string} */ id) => {
    const { items } = await (await fetch(`${c.url}/v1/responses?limit=500&payload=1`, { headers: auth() })).json();
    return items.find((/** @type {any} */ r) => r.responseId === id);
  };

  test('a token from `pepite-collector token` is accepted; its order, locale and properties win', async () => {
    const made = cli(['--survey', 'post-purchase', '--order', 'WC-4711', '--token-secret', SECRET,
      '--expires', '2d', '--locale', 'en', '--property', 'channel=email', '--property', 'shop=lyon']);
    assert.equal(made.status, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const p = { ...makePayload({ nps: 9, orderId: 'FORGED-1' }), token };
    const res = await post(c.url, p);
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { ok: true, responseId: p.responseId, status: 'complete', result: 'stored' });
    const r = await row(p.responseId);
    assert.equal(r.orderId, 'WC-4711');
    assert.equal(r.locale, 'en');
    const stored = r.payload;
    assert.deepEqual(stored.properties, { orderId: 'WC-4711', channel: 'email', shop: 'lyon' });
    assert.equal(stored.context.locale, 'en');
    assert.equal(stored.token, undefined, 'the token is not stored in the payload');
    const csv = await (await fetch(`${c.url}/v1/export.csv`, { headers: auth() })).text();
    assert.ok(!csv.includes(token) && !csv.includes(token.split('.')[2]));
  });

  test('the CLI refuses what it could not sign', () => {
    assert.equal(cli(['--survey', 'post-purchase', '--order', 'A-1']).status, 2);
    assert.equal(cli(['--survey', 'Bad Id', '--order', 'A-1', '--token-secret', SECRET]).status, 2);
    assert.equal(cli(['--survey', 'post-purchase', '--order', 'A-1', '--token-secret', 'short']).status, 2);
    assert.equal(cli(['--survey', 'post-purchase', '--order', 'A-1', '--token-secret', SECRET, '--expires', '12x']).status, 2);
    const dir = mkdtempSync(path.join(tmpdir(), 'pepite-secret-'));
    writeFileSync(path.join(dir, 'secret'), `${SECRET}\n`);
    const fromFile = cli(['--survey', 'post-purchase', '--order', 'A-1', '--token-secret-file', path.join(dir, 'secret')]);
    rmSync(dir, { recursive: true });
    assert.equal(fromFile.status, 0, fromFile.stderr);
    const claims = JSON.parse(Buffer.from(fromFile.stdout.trim().split('.')[1], 'base64url').toString());
    assert.equal(claims.s, 'post-purchase');
    assert.equal(claims.o, 'A-1');
    assert.ok(Math.abs(claims.e - inDays(30)) < 60, 'expires in 30 days by default');
    // Signed with the file's secret without its newline: the same token as with the flag.
    assert.equal(fromFile.stdout.trim(), sign(claims));
  });

  /** Each bad token: its status and code, and nothing stored. */
  const refusals = [
    ['expired', () => sign({ s: 'post-purchase', o: 'A-2', e: inDays(-1) }), 403, 'collector.token_expired'],
    ['wrong secret', () => sign({ s: 'post-purchase', o: 'A-3', e: inDays(1) }, 'another-secret-0123456789abcdef'), 403, 'collector.token_bad_signature'],
    ['altered order', () => {
      const [v, , mac] = sign({ s: 'post-purchase', o: 'A-4', e: inDays(1) }).split('.');
      return `${v}.${Buffer.from(JSON.stringify({ s: 'post-purchase', o: 'A-5', e: inDays(1) })).toString('base64url')}.${mac}`;
    }, 403, 'collector.token_bad_signature'],
    ['wrong survey', () => sign({ s: 'exit-survey', o: 'A-6', e: inDays(1) }), 403, 'collector.token_wrong_survey'],
    ['malformed', () => 'v1.not-a-token', 400, 'collector.token_malformed'],
    ['bad characters', () => 'v1.a b.c', 400, 'payload.bad_token'],
  ];
  for (const [name, make, status, code] of refusals) {
    test(`a token refused: ${name} (${code}), nothing stored`, async () => {
      const p = { ...makePayload({ nps: 9 }), token: /** @type {() => string} */ (make)() };
      const res = await post(c.url, p);
      assert.equal(res.status, status);
      const body = await res.json();
      assert.equal(body.errors[0].code, code);
      assert.equal(await row(p.responseId), undefined);
    });
  }

  test('one response per order and survey: a second responseId is refused, later versions pass', async () => {
    const token = sign({ s: 'post-purchase', o: 'ORDER-REPLAY', e: inDays(1) });
    const id = randomUUID();
    const partial = { ...makePayload({ id, nps: 2, status: 'partial' }), token };
    assert.equal((await post(c.url, partial)).status, 200);
    const complete = { ...makePayload({ id, nps: 2, comment: 'Colis abîmé', at: Date.UTC(2026, 10, 25, 9, 0, 2) }), token };
    const later = await post(c.url, complete);
    assert.equal(later.status, 200);
    assert.equal((await later.json()).result, 'stored');
    const replayed = { ...makePayload({ nps: 10, comment: 'Super' }), token };
    const res = await post(c.url, replayed);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).errors[0].code, 'collector.order_already_answered');
    assert.equal(await row(replayed.responseId), undefined);
    const r = await row(id);
    assert.equal(r.nps, 2);
    assert.equal(r.comment, 'Colis abîmé');
  });

  test('the token binds the response: a later version without it is refused', async () => {
    const token = sign({ s: 'post-purchase', o: 'ORDER-BIND', e: inDays(1) });
    const id = randomUUID();
    assert.equal((await post(c.url, { ...makePayload({ id, nps: 2, status: 'partial' }), token })).status, 200);
    const forged = makePayload({ id, nps: 10, at: Date.UTC(2026, 10, 25, 9, 0, 3) });
    for (const attempt of [forged, { ...forged, senderKey: newKey() }]) {
      const res = await post(c.url, attempt);
      assert.equal(res.status, 403);
      assert.equal((await res.json()).errors[0].code, 'collector.not_your_response');
    }
    assert.equal((await row(id)).nps, 2);
  });

  // The payload contract allows 20 properties, the order id among them (docs/contracts.md).
  const props = (/** @type {number} */ n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));

  test('a token never pushes a payload past the contract\'s 20 properties', async () => {
    // At `pepite-collector token` time: 19 properties and the order id make 20; a 20th is refused.
    const flags = (/** @type {number} */ n) => Object.entries(props(n)).flatMap(([k, v]) => ['--property', `${k}=${v}`]);
    const base = ['--survey', 'post-purchase', '--order', 'A-PROPS', '--token-secret', SECRET];
    assert.equal(cli([...base, ...flags(19)]).status, 0);
    const refused = cli([...base, ...flags(20)]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /at most 19 properties: with the order id they make the 20 a payload may carry/);
    assert.equal(refused.stdout, '');
    // A token signed elsewhere with 20 properties: malformed, nothing stored.
    const twenty = { ...makePayload({ nps: 9 }), token: sign({ s: 'post-purchase', o: 'A-PROPS-20', e: inDays(1), p: props(20) }) };
    const malformed = await post(c.url, twenty);
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).errors[0].code, 'collector.token_malformed');
    assert.equal(await row(twenty.responseId), undefined);
    // 19 token properties + the payload's `channel` + orderId = 21: a clear 400, nothing stored.
    const merged = { ...makePayload({ nps: 9 }), token: sign({ s: 'post-purchase', o: 'A-PROPS-21', e: inDays(1), p: props(19) }) };
    const tooMany = await post(c.url, merged);
    assert.equal(tooMany.status, 400);
    const error = (await tooMany.json()).errors[0];
    assert.equal(error.code, 'collector.too_many_properties');
    assert.equal(error.path, 'properties');
    assert.match(error.message, /make 21 properties; a payload carries at most 20/);
    assert.equal(await row(merged.responseId), undefined);
    // 18 + channel + orderId = 20: stored, every property kept; the order is still free.
    const fits = { ...makePayload({ nps: 9 }), token: sign({ s: 'post-purchase', o: 'A-PROPS-21', e: inDays(1), p: props(18) }) };
    const ok = await post(c.url, fits);
    assert.equal(ok.status, 200, await ok.clone().text());
    const stored = (await row(fits.responseId)).payload.properties;
    assert.equal(Object.keys(stored).length, 20);
    assert.equal(stored.orderId, 'A-PROPS-21');
    assert.equal(stored.k17, 'v17');
  });
});

describe('--require-token and collectors without a secret', () => {
  test('--require-token stores only responses with a valid token', async () => {
    const c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET, '--require-token'] });
    try {
      const bare = await post(c.url, makePayload());
      assert.equal(bare.status, 403);
      assert.equal((await bare.json()).errors[0].code, 'collector.token_required');
      const withKey = await post(c.url, { ...makePayload(), senderKey: newKey() });
      assert.equal(withKey.status, 403);
      const ok = await post(c.url, { ...makePayload(), token: sign({ s: 'post-purchase', o: 'R-1', e: inDays(1) }) });
      assert.equal(ok.status, 200);
      const { total } = await (await fetch(`${c.url}/v1/responses?count=1`, { headers: auth() })).json();
      assert.equal(total, 1);
    } finally {
      await c.stop();
    }
  });

  test('a token sent to a collector without --token-secret is refused, not trusted', async () => {
    const c = await startCollector({ args: ['--rate-limit', '0'] });
    try {
      const res = await post(c.url, { ...makePayload(), token: sign({ s: 'post-purchase', o: 'N-1', e: inDays(1) }) });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).errors[0].code, 'collector.token_not_configured');
    } finally {
      await c.stop();
    }
  });

  test('bad token flags stop the start with a message', () => {
    const run = (/** @type {string[]} */ args) => spawnSync(collectorBinary(), ['--port', '0', '--db', ':memory:', ...args], { encoding: 'utf8', timeout: 5000 });
    const noSecret = run(['--require-token']);
    assert.equal(noSecret.status, 2);
    assert.match(noSecret.stderr, /--require-token needs --token-secret/);
    const short = run(['--token-secret', 'short']);
    assert.equal(short.status, 2);
    assert.match(short.stderr, /at least 16 bytes/);
    const both = run(['--token-secret', SECRET, '--token-secret-file', '/etc/hostname']);
    assert.equal(both.status, 2);
    const missing = run(['--token-secret-file', '/nonexistent/secret']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});

describe('nobody rewrites someone else\'s answer (issue 17)', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0'] });
  });
  after(async () => { await c.stop(); });

  const stored = async (/** @type {string} */ id) => {
    const { items } = await (await fetch(`${c.url}/v1/responses?limit=500&payload=1`, { headers: auth() })).json();
    return items.filter((/** @type {any} */ r) => r.responseId === id);
  };
  const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

  test('the attack of the issue and its variants are refused, nothing changed', async () => {
    const key = newKey();
    const id = randomUUID();
    const genuine = { ...makePayload({ id, nps: 2, consent: true, comment: 'Colis abîmé, rappelez-moi' }), senderKey: key };
    const first = await post(c.url, genuine);
    assert.equal(first.status, 200);
    assert.equal((await first.json()).result, 'stored');
    const [before] = await stored(id);
    assert.ok(!JSON.stringify(before).includes(key), 'the key is never given back');
    assert.equal(before.payload.senderKey, undefined);

    const attacks = {
      'same timestamp, no key': makePayload({ id, nps: 10, comment: 'Super boutique !' }),
      'same timestamp, another key': { ...makePayload({ id, nps: 10, comment: 'Super boutique !' }), senderKey: newKey() },
      'newer, another key': { ...makePayload({ id, nps: 10, comment: 'Super', at: T0 + 60000 }), senderKey: newKey() },
      'downgrade to partial, another key': { ...makePayload({ id, nps: 10, status: 'partial', at: T0 + 60000 }), senderKey: newKey() },
    };
    for (const [name, attack] of Object.entries(attacks)) {
      const res = await post(c.url, attack);
      assert.equal(res.status, 403, name);
      assert.equal((await res.json()).errors[0].code, 'collector.not_your_response', name);
    }
    // Frozen by a version from 2099: refused before anything else, even with the right key.
    for (const senderKey of [newKey(), key]) {
      const future = { ...makePayload({ id, nps: 10, at: Date.UTC(2099, 0, 1) }), senderKey };
      const res = await post(c.url, future);
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.equal(body.errors[0].code, 'collector.submitted_in_future');
      assert.equal(body.errors[0].path, 'context.submittedAt');
    }
    const [after] = await stored(id);
    assert.deepEqual(after, before, 'nothing changed');
    // The genuine sender still gets through afterwards.
    const update = await post(c.url, { ...makePayload({ id, nps: 2, consent: true, comment: 'Toujours rien', at: T0 + 120000 }), senderKey: key });
    assert.equal(update.status, 200);
    assert.equal((await update.json()).result, 'stored');
    assert.equal((await stored(id))[0].comment, 'Toujours rien');
  });

  test('a genuine partial then complete is stored once; a late partial is "superseded"', async () => {
    const key = newKey();
    const id = randomUUID();
    const partial = await post(c.url, { ...makePayload({ id, nps: 3, status: 'partial' }), senderKey: key });
    assert.deepEqual(await partial.json(), { ok: true, responseId: id, status: 'partial', result: 'stored' });
    const complete = await post(c.url, { ...makePayload({ id, nps: 3, comment: 'Trop lent', at: T0 + 1000 }), senderKey: key });
    assert.deepEqual(await complete.json(), { ok: true, responseId: id, status: 'complete', result: 'stored' });
    // The partial sent again by a retrying outbox, after the complete: not stored, and said so.
    const late = await post(c.url, { ...makePayload({ id, nps: 3, status: 'partial' }), senderKey: key });
    assert.equal(late.status, 200);
    assert.deepEqual(await late.json(), { ok: true, responseId: id, status: 'complete', result: 'superseded' });
    const rows = await stored(id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'complete');
    assert.equal(rows[0].comment, 'Trop lent');
    // A replay of the complete is the stored version.
    const replay = await post(c.url, { ...makePayload({ id, nps: 3, comment: 'Trop lent', at: T0 + 1000 }), senderKey: key });
    assert.equal((await replay.json()).result, 'stored');
  });

  test('submittedAt up to 5 minutes ahead of the clock is accepted, beyond is refused', async () => {
    const ahead = (/** @type {number} */ ms) => makePayload({ at: Date.now() + ms - 8000 });
    assert.equal((await post(c.url, ahead(2 * 60000))).status, 200);
    const res = await post(c.url, ahead(10 * 60000));
    assert.equal(res.status, 400);
    assert.equal((await res.json()).errors[0].code, 'collector.submitted_in_future');
    const partial = makePayload({ status: 'partial', at: Date.now() + 10 * 60000 });
    const refused = await post(c.url, partial);
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).errors[0].path, 'context.updatedAt');
  });

  test('a malformed senderKey is a 400 from the core', async () => {
    const res = await post(c.url, { ...makePayload(), senderKey: 'short' });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).errors[0].code, 'payload.bad_sender_key');
  });

  test('unbound responses (older widgets) behave as before', async () => {
    const id = randomUUID();
    assert.equal((await post(c.url, makePayload({ id, nps: 4, status: 'partial' }))).status, 200);
    const res = await post(c.url, makePayload({ id, nps: 4, comment: 'ok', at: T0 + 1000 }));
    assert.equal(res.status, 200);
    assert.equal((await stored(id))[0].status, 'complete');
  });
});

if (POSTGRES) test('runs on PostgreSQL', () => assert.ok(POSTGRES.startsWith('postgres')));
