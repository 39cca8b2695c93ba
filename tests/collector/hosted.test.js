// The hosted survey page of issue 17 in Chromium: an e-mail link (`/s/post-purchase?t=…`) opens
// the card as a whole page under a strict CSP, the answer is stored with the token's order id,
// in French and English, on a 390 px phone and a desktop, with no axe violation and no CSP
// violation. Then the pages that say why not: unknown survey, no token, bad or expired token.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { chromium } from 'playwright-core';

import { auth, LAUNCH, ROOT, startCollector, watchPage } from './helpers.js';

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SECRET = 'hosted-page-secret-0123456789abcdef';

/** A token as docs/tokens.md says a shop's server makes one. */
function sign(/** @type {object} */ claims, secret = SECRET) {
  const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const inDays = (/** @type {number} */ d) => Math.floor(Date.now() / 1000) + d * 86400;

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let c;
/** @type {import('playwright-core').Browser} */
let browser;

// The demo survey with the shop's theme in its definition: the hosted page applies it.
const SURVEYS = mkdtempSync(path.join(tmpdir(), 'pepite-hosted-'));
const THEME = { accent: '#0a7d55', scheme: 'light' };

before(async () => {
  const definition = JSON.parse(readFileSync(path.join(ROOT, 'demo/surveys/post-purchase.json'), 'utf8'));
  writeFileSync(path.join(SURVEYS, 'post-purchase.json'), JSON.stringify({ ...definition, theme: THEME }));
  c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET, '--surveys', SURVEYS] });
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  await browser?.close();
  await c?.stop();
  rmSync(SURVEYS, { recursive: true, force: true });
});

async function stored(/** @type {string} */ orderId) {
  for (let i = 0; i < 100; i++) {
    const { items } = await (await fetch(`${c.url}/v1/responses?limit=500&payload=1`, { headers: auth() })).json();
    const found = items.filter((/** @type {any} */ r) => r.orderId === orderId);
    if (found.length && found[0].status === 'complete') return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

const CASES = [
  { lang: 'fr', name: 'phone', viewport: { width: 390, height: 844 }, browserLocale: 'en-US', title: 'Votre avis sur votre commande' },
  { lang: 'en', name: 'desktop', viewport: { width: 1280, height: 800 }, browserLocale: 'fr-FR', title: 'Your opinion on your order' },
];

describe('the hosted survey page', () => {
  for (const { lang, name, viewport, browserLocale, title } of CASES) {
    test(`e-mail link → page → answer → stored with the token's order (${lang}, ${name})`, { timeout: 90000 }, async () => {
      const order = `MAIL-${lang}-${name}`;
      // The token's locale wins over the browser's language.
      const token = sign({ s: 'post-purchase', o: order, e: inDays(7), l: lang, p: { channel: 'email' } });
      const context = await browser.newContext({ locale: browserLocale, viewport, isMobile: name === 'phone', hasTouch: name === 'phone' });
      const page = await context.newPage();
      const problems = await watchPage(page);
      const res = await page.goto(`${c.url}/s/post-purchase?t=${token}`);
      assert.equal(res?.status(), 200);
      assert.match(res?.headers()['content-security-policy'] || '', /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
      assert.equal(res?.headers()['referrer-policy'], 'no-referrer');
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.textContent('h1'), title);
      await page.locator('pepite-survey .pp-card').waitFor({ timeout: 15000 });
      // Readable on the phone: nothing wider than the screen.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `page ${width} px wide in a ${viewport.width} px viewport`);
      // The theme of the definition: the accent on the submit button, the light scheme.
      const submitColour = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (/** @type {Element} */ (document.querySelector('pepite-survey')).shadowRoot);
        return getComputedStyle(/** @type {Element} */ (root.querySelector('.pp-submit'))).backgroundColor;
      });
      assert.equal(submitColour, 'rgb(10, 125, 85)');
      await page.click('[data-pepite-score="9"]');
      await page.fill('pepite-survey textarea', lang === 'fr' ? 'Très bien emballé.' : 'Well packed.');
      await page.click('pepite-survey .pp-submit');
      await page.locator('pepite-survey .pp-thanks').waitFor({ timeout: 15000 });
      const rows = await stored(order);
      assert.equal(rows.length, 1, 'stored once, with the token\'s order id');
      assert.equal(rows[0].nps, 9);
      assert.equal(rows[0].locale, lang);
      assert.equal(rows[0].payload.properties.channel, 'email');
      assert.equal(rows[0].payload.token, undefined);
      assert.equal(rows[0].payload.senderKey, undefined);
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const r = await /** @type {any} */ (window).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
          resultTypes: ['violations'],
        });
        return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.length}`);
      });
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
      // The link opened again: the answer is in, no second card.
      await page.goto(`${c.url}/s/post-purchase?t=${token}`);
      assert.match(await page.textContent('main') || '', lang === 'fr' ? /votre réponse pour cette commande est bien enregistrée/ : /your answer for this order is recorded/);
      assert.equal(await page.locator('script').count(), 0);
      await context.close();
    });
  }

  test('pages that say why not, in the browser\'s language', async () => {
    const get = (/** @type {string} */ p, lang = 'fr-FR,fr;q=0.9') => fetch(c.url + p, { headers: { 'Accept-Language': lang } });
    const unknown = await get(`/s/no-such-survey?t=${sign({ s: 'no-such-survey', o: 'A', e: inDays(1) })}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /Ce questionnaire n'existe pas/);
    const missing = await get('/s/post-purchase', 'en');
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /This link is incomplete/);
    const expired = await get(`/s/post-purchase?t=${sign({ s: 'post-purchase', o: 'A', e: inDays(-1) })}`);
    assert.equal(expired.status, 410);
    assert.match(await expired.text(), /Ce lien a expiré/);
    for (const bad of [sign({ s: 'post-purchase', o: 'A', e: inDays(1) }, 'another-secret-0123456789abcdef'), 'v1.x.y', sign({ s: 'exit', o: 'A', e: inDays(1) })]) {
      const res = await get(`/s/post-purchase?t=${bad}`, 'en');
      assert.equal(res.status, 403);
      const text = await res.text();
      assert.match(text, /This link is not valid/);
      assert.ok(!text.includes('<script'), 'no widget on a refused link');
    }
    const page = await get(`/s/post-purchase?t=${sign({ s: 'post-purchase', o: '<b>"x"</b>', e: inDays(1) })}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('&lt;b&gt;&quot;x&quot;&lt;/b&gt;') && !html.includes('<b>'), 'the order id is escaped');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const css = await fetch(`${c.url}/s/hosted.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') || '', /text\/css/);
  });

  test('without --token-secret the route says links are not enabled', async () => {
    const plain = await startCollector({ args: ['--rate-limit', '0'] });
    try {
      const res = await fetch(`${plain.url}/s/post-purchase?t=v1.a.b`, { headers: { 'Accept-Language': 'en' } });
      assert.equal(res.status, 404);
      assert.match(await res.text(), /Survey links are not enabled/);
    } finally {
      await plain.stop();
    }
  });
});
