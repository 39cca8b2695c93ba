// Issue 17 in Chromium, the shopper's side after sending: e-mail link → hosted page → a detractor
// asks to be called back → the page shows the status link (/s/status-link.js, the widget's `sent`
// event) → the status page says "received" → a manager (a user's token, the case API) marks the
// case contacted, then resolved → the status page follows → the link asks "is it solved?" once →
// its answer is on the case, in /v1/stats and on the dashboard. French on a 390 px phone, English on a desktop;
// the status page also on a 320 px phone; axe: no violation; strict CSP: no violation.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { chromium } from 'playwright-core';

import { auth, axeViolations, collectorBinary, LAUNCH, makePayload, post, ROOT, startCollector, watchPage } from './helpers.js';

const SECRET = 'status-e2e-secret-0123456789abcdef';

/** A token as docs/tokens.md says a shop's server makes one. */
function sign(/** @type {object} */ claims) {
  const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}
const inDays = (/** @type {number} */ d) => Math.floor(Date.now() / 1000) + d * 86400;

const TEXTS = {
  fr: {
    offer: 'Souhaitez-vous être recontacté·e sous 24 h ?',
    contact: 'Numéro de téléphone',
    follow: 'Suivre ma demande',
    title: 'Où en est ma demande',
    received: 'Demande reçue',
    contacted: 'Nous vous avons contacté·e',
    resolved: 'Demande résolue',
    notYet: 'À venir',
    promise: 'Nous vous rappelons sous 24 h.',
    note: 'Un nouveau colis part demain.',
    yes: 'Oui',
    told: 'Vous nous avez répondu : problème résolu',
    answered: /votre réponse pour cette commande est bien enregistrée/,
  },
  en: {
    offer: 'Shall we get back to you within 24 hours?',
    contact: 'Phone number',
    follow: 'Follow my request',
    title: 'Where my request stands',
    received: 'Request received',
    contacted: 'We contacted you',
    resolved: 'Request resolved',
    notYet: 'Not yet',
    promise: 'We will call you back within 24 hours.',
    note: 'A new parcel leaves tomorrow.',
    yes: 'Yes',
    told: 'You told us: problem solved',
    answered: /your answer for this order is recorded/,
  },
};

const CASES = [
  { lang: /** @type {const} */ ('fr'), name: 'phone', viewport: { width: 390, height: 844 }, browserLocale: 'en-US' },
  { lang: /** @type {const} */ ('en'), name: 'desktop', viewport: { width: 1280, height: 800 }, browserLocale: 'fr-FR' },
];

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let c;
/** @type {import('playwright-core').Browser} */
let browser;
let manager = '';

/** A shop on an origin of its own: its order page with the script tag, pepite.js from its own files. */
const shop = createServer((req, res) => {
  const url = new URL(String(req.url), 'http://shop');
  if (url.pathname.startsWith('/pepite/')) {
    const file = path.join(ROOT, 'dist', path.basename(url.pathname));
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/plain; charset=utf-8';
    try {
      res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
    return;
  }
  // The token the shop's server signed for this order, in the script tag (docs/platforms.md).
  const token = String(url.searchParams.get('t')).replace(/[^\w.-]/g, '');
  // `?from=collector`: docs/platforms.md's generic template and the WooCommerce and PrestaShop
  // snippets, where pepite.js, its wasm files and the definition all come from the collector.
  const script = url.searchParams.get('from') === 'collector'
    ? `async src="${c.url}/pepite/pepite.js" data-survey="${c.url}/pepite/surveys/post-purchase.json"`
    : `src="/pepite/pepite.js" data-survey="${c.url}/v1/surveys/post-purchase/first-view"`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commande confirmée</title></head><body><main><h1>Merci pour votre commande</h1><div id="card"></div></main>
<script ${script} data-endpoint="${c.url}/v1/responses"
 data-token="${token}" data-locale="fr" data-position="inline" data-target="#card" data-delay="0"></script></body></html>`);
});
let shopUrl = '';

before(async () => {
  await new Promise((r) => shop.listen(0, '127.0.0.1', () => r(null)));
  shopUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (shop.address()).port}`;
  c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET, '--allow-origin', shopUrl] });
  browser = await chromium.launch(LAUNCH);
  // The manager signs in with a user's token (pepite-collector user add).
  const added = spawnSync(collectorBinary(), ['user', 'add', 'Lina', '--db', c.db], { encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);
  manager = /: ([0-9a-f]{64})/.exec(added.stdout)?.[1] || '';
  assert.ok(manager);
});
after(async () => {
  shop.close();
  await browser?.close();
  await c?.stop();
});

/** No horizontal scroll at the page's width. @param {import('playwright-core').Page} page */
async function fits(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `page ${scroll} px wide in a ${width} px viewport`);
}

/** The status page's steps as "✓ name" / "· name". @param {import('playwright-core').Page} page */
const steps = (page) => page.$$eval('.ph-step', (items) => items.map((li) =>
  `${li.classList.contains('ph-done') ? '✓' : '·'} ${li.querySelector('.ph-step-name')?.textContent}`));

/** The response stored for `order`, once complete. @param {string} order @param {string} [survey] */
async function storedFor(order, survey = 'post-purchase') {
  for (let i = 0; i < 100; i++) {
    const { items } = await (await fetch(`${c.url}/v1/responses?limit=500&survey=${survey}`, { headers: auth() })).json();
    const found = items.find((/** @type {any} */ r) => r.orderId === order && r.status === 'complete');
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing complete stored for ${order}`);
}

/** @param {string} id @param {object} body @param {string} action */
async function change(id, action, body) {
  const res = await fetch(`${c.url}/v1/cases/${id}/${action}`, {
    method: 'POST', headers: { ...auth(manager), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

describe('the shopper\'s side after sending', () => {
  for (const { lang, name, viewport, browserLocale } of CASES) {
    const t = TEXTS[lang];
    test(`link → complaint → status → contacted → resolved → "is it solved?" once (${lang}, ${name})`, { timeout: 180000 }, async () => {
      const order = `TRACK-${lang}-${name}`;
      const token = sign({ s: 'post-purchase', o: order, e: inDays(7), l: lang });
      const context = await browser.newContext({ locale: browserLocale, viewport, isMobile: name === 'phone', hasTouch: name === 'phone', reducedMotion: 'reduce' });
      const page = await context.newPage();
      const problems = await watchPage(page);
      const hosted = `${c.url}/s/post-purchase?t=${token}`;

      // 1. The e-mail link: a detractor asks to be called back.
      await page.goto(hosted);
      await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
      assert.equal(await page.locator('#ph-status').isVisible(), false, 'no status link before sending');
      await page.click('[data-pepite-score="2"]');
      await page.fill('pepite-survey textarea', lang === 'fr' ? 'Colis abîmé.' : 'Damaged parcel.');
      await page.getByRole('checkbox', { name: t.offer }).check();
      await page.getByLabel(t.contact).fill('06 12 34 56 78');
      await page.click('pepite-survey .pp-submit');
      await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
      // 2. Once the collector acknowledged it, the page shows where to follow the request.
      const link = page.getByRole('link', { name: t.follow });
      await link.waitFor({ state: 'visible', timeout: 15000 });
      await fits(page);
      assert.deepEqual(await axeViolations(page), []);
      const response = await storedFor(order);

      // 3. The status page: received, the promise, what is still to come.
      await link.click();
      await page.waitForURL(/\/s\/post-purchase\/status\?t=/);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.textContent('h1'), t.title);
      assert.deepEqual(await steps(page), [`✓ ${t.received}`, `· ${t.contacted}`, `· ${t.resolved}`]);
      assert.match(await page.textContent('main') || '', new RegExp(t.promise.replace(/[.?]/g, '\\$&')));
      await fits(page);
      assert.deepEqual(await axeViolations(page), []);

      // 4. The manager calls, leaves a note for the shopper, then resolves: the page follows.
      await change(response.responseId, 'status', { status: 'contacted' });
      await change(response.responseId, 'notes', { text: t.note, forShopper: true });
      await change(response.responseId, 'notes', { text: 'internal only', forShopper: false });
      await page.reload();
      assert.deepEqual(await steps(page), [`✓ ${t.received}`, `✓ ${t.contacted}`, `· ${t.resolved}`]);
      assert.equal(await page.locator('.ph-note', { hasText: t.note }).count(), 1);
      assert.ok(!(await page.textContent('main'))?.includes('internal only'));
      const resolved = await change(response.responseId, 'status', { status: 'resolved' });
      assert.equal(resolved.case.status, 'resolved');
      await page.reload();
      assert.deepEqual(await steps(page), [`✓ ${t.received}`, `✓ ${t.contacted}`, `✓ ${t.resolved}`]);
      await fits(page);
      assert.deepEqual(await axeViolations(page), []);
      // On the smallest phone too.
      await page.setViewportSize({ width: 320, height: 640 });
      await fits(page);
      await page.setViewportSize(viewport);

      // 5. The same link again: "is it solved?", an ordinary card from the same core and shell.
      await page.goto(hosted);
      await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
      await page.click('pepite-survey .pp-choice:has(input[value="yes"])');
      await page.fill('pepite-survey textarea', lang === 'fr' ? 'Merci, tout est arrivé.' : 'Thanks, all arrived.');
      await page.click('[data-pepite-score="9"]');
      await page.click('pepite-survey .pp-submit');
      await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
      await page.getByRole('link', { name: t.follow }).waitFor({ state: 'visible', timeout: 15000 });
      await fits(page);
      assert.deepEqual(await axeViolations(page), []);
      await storedFor(order, 'post-purchase--solved');

      // 6. Asked once: the link now says the answer is in; the status page tells what was said.
      await page.goto(hosted);
      assert.match(await page.textContent('main') || '', t.answered);
      assert.equal(await page.locator('script').count(), 0);
      await page.getByRole('link', { name: t.follow }).click();
      await page.waitForURL(/\/status\?t=/);
      assert.deepEqual((await steps(page)).at(-1), `✓ ${t.told}`);
      assert.deepEqual(await axeViolations(page), []);

      // 7. On the case (the manager's API) and in the complaint KPIs.
      const kase = await (await fetch(`${c.url}/v1/cases/${response.responseId}`, { headers: auth(manager) })).json();
      assert.equal(kase.case.resolution.answer, 'yes');
      assert.equal(kase.case.resolution.npsAfter, 9);
      assert.equal(kase.case.resolution.comment, lang === 'fr' ? 'Merci, tout est arrivé.' : 'Thanks, all arrived.');
      assert.equal(kase.events.filter((/** @type {any} */ e) => e.kind === 'resolution').length, 1);
      const stats = await (await fetch(`${c.url}/v1/stats`, { headers: auth(manager) })).json();
      const k = stats.complaints;
      const expected = lang === 'fr' ? 1 : 2;  // the tests run in order on one collector
      assert.equal(k.resolutionConfirmed.yes, expected);
      assert.equal(k.resolutionConfirmed.value, 1);
      assert.deepEqual([k.npsBeforeResolution.value, k.npsBeforeResolution.count], [-100, expected]);
      assert.deepEqual([k.npsAfterResolution.value, k.npsAfterResolution.count], [100, expected]);

      // 8. The manager's dashboard shows it on the case (history) and in the overview.
      await page.goto(`${c.url}/dashboard`);
      await page.fill('#pd-token', manager);
      await page.click('#pd-login button[type=submit]');
      await page.locator('#pd-ov-complaints .pd-figure').first().waitFor({ timeout: 10000 });
      await page.click('#pd-tab-history');
      const said = page.locator(`#pd-queue [data-case-id="${response.responseId}"] .pd-resolution`);
      await said.waitFor({ timeout: 10000 });
      // The browser's language is the other one: the dashboard speaks it.
      assert.match(await said.textContent() || '', lang === 'fr' ? /asked “is it solved\?” .*: solved, NPS after 9/ : /« est-ce résolu \? » .*: résolu, NPS après 9/);
      assert.match(await page.locator('#pd-ov-complaints').textContent() || '',
        lang === 'fr' ? new RegExp(`Confirmed solved by the shopper.*yes ${expected} · partly 0 · no 0`) : new RegExp(`Résolution confirmée par le client.*oui ${expected} · en partie 0 · non 0`));

      assert.deepEqual(problems, [], 'no CSP violation, no page error');
      await context.close();
    });
  }
});

describe('the shopper\'s pages in the card\'s other languages', () => {
  test('Arabic (right to left) and Japanese on a 320 px phone: status page and "is it solved?", no horizontal scroll, axe clean', { timeout: 120000 }, async () => {
    const pages = {
      ar: { received: 'تم استلام الطلب', resolved: 'تم حل الطلب', question: 'هل تم حل مشكلتك؟', yes: 'نعم' },
      ja: { received: 'お問い合わせを受け付けました', resolved: '解決しました', question: '問題は解決しましたか？', yes: 'はい' },
    };
    for (const [lang, t] of Object.entries(pages)) {
      // A complaint with a call-back asked, answered by the collector's API, then resolved.
      const order = `TRACK-${lang}-320`;
      const token = sign({ s: 'post-purchase', o: order, e: inDays(7), l: lang });
      const sent = { ...makePayload({ nps: 2, consent: true, comment: 'Colis abîmé', at: Date.now() - 10000 }), token, contact: { channel: 'email', value: 'client@example.org' } };
      assert.equal((await post(c.url, sent)).status, 200);
      await change(sent.responseId, 'status', { status: 'resolved' });

      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const problems = await watchPage(page);
      await page.goto(`${c.url}/s/post-purchase/status?t=${token}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : null);
      assert.deepEqual(await steps(page), [`✓ ${t.received}`, `✓ ${t.resolved}`]);
      await fits(page);
      assert.deepEqual(await axeViolations(page), [], `${lang} status page`);

      // The link again: "is it solved?" in the token's language, drawn by the same card.
      await page.goto(`${c.url}/s/post-purchase?t=${token}`);
      await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
      await page.getByText(t.question).waitFor({ timeout: 15000 });
      assert.equal(await page.locator('pepite-survey .pp-choice', { hasText: t.yes }).count(), 1);
      await fits(page);
      assert.deepEqual(await axeViolations(page), [], `${lang} "is it solved?"`);
      assert.deepEqual(problems, [], 'no CSP violation, no page error');
      await context.close();
    }
  });
});

describe('the order page with the same token (issue 17)', () => {
  test('the widget from the collector, on a shop of another origin (docs/platforms.md): the wasm files and the definition are readable, the answer is stored', { timeout: 60000 }, async () => {
    // Before: /pepite/ and /pepite/surveys/ sent no CORS header, so the shop's page could run
    // pepite.js but not fetch the core or the definition: core.load_failed, nothing asked.
    const order = 'CROSS-origin-widget';
    const token = sign({ s: 'post-purchase', o: order, e: inDays(7), l: 'fr' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = await watchPage(page);
    /** @type {string[]} */
    const blocked = [];
    page.on('console', (m) => {
      if (/CORS|Access-Control|Cross-Origin/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${shopUrl}/order?from=collector&t=${token}`);
    await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
    await page.click('[data-pepite-score="2"]');
    await page.getByRole('checkbox', { name: TEXTS.fr.offer }).check();
    await page.getByLabel(TEXTS.fr.contact).fill('06 12 34 56 78');
    await page.click('pepite-survey .pp-submit');
    await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
    assert.equal((await storedFor(order)).orderId, order);
    // The comment analysis too (pepite-text.wasm, fetched on the first answer).
    await page.waitForLoadState('networkidle');
    assert.deepEqual(blocked, [], 'nothing blocked by CORS');
    assert.deepEqual(problems, [], 'no page error');
    await context.close();
  });

  test('a shop page with the script tag: the survey, then once the case is resolved "is it solved?", once', { timeout: 120000 }, async () => {
    const order = 'TRACK-shop-page';
    const t = TEXTS.fr;
    const token = sign({ s: 'post-purchase', o: order, e: inDays(7), l: 'fr' });
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = await watchPage(page);
    const orderPage = `${shopUrl}/order?t=${token}`;

    // The order page: the survey; a detractor asks to be called back.
    await page.goto(orderPage);
    await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
    await page.click('[data-pepite-score="2"]');
    await page.getByRole('checkbox', { name: t.offer }).check();
    await page.getByLabel(t.contact).fill('06 12 34 56 78');
    await page.click('pepite-survey .pp-submit');
    await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
    const response = await storedFor(order);
    assert.equal(response.orderId, order);

    // Resolved by the team: the same order page, in the same browser, asks "is it solved?".
    await change(response.responseId, 'status', { status: 'resolved' });
    await page.goto(orderPage);
    await page.getByText('Votre problème est-il résolu ?').waitFor({ timeout: 15000 });
    await page.click('pepite-survey .pp-choice:has(input[value="partly"])');
    await page.click('[data-pepite-score="8"]');
    await page.click('pepite-survey .pp-submit');
    await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
    await storedFor(order, 'post-purchase--solved');
    const kase = await (await fetch(`${c.url}/v1/cases/${response.responseId}`, { headers: auth(manager) })).json();
    assert.equal(kase.case.resolution.answer, 'partly');
    assert.equal(kase.case.resolution.npsAfter, 8);

    // Asked once: the order page shows no card any more (the survey, already answered here).
    await page.goto(orderPage);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('pepite-survey .pp-card').count(), 0);
    assert.deepEqual(problems, [], 'no page error');
    await context.close();
  });
});
