// The dashboard in Chromium: hostile comments stay inert text, the CSP reports no violation, the
// call-back list works (mark contacted with a note), and the language toggle switches to French.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { auth, makePayload, post, ROOT, startCollector, TOKEN } from './helpers.js';

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let c;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  c = await startCollector({ args: ['--rate-limit', '0'] });
  browser = await chromium.launch(LAUNCH);
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

/**
 * Opens the dashboard, recording CSP violations and page errors.
 * @param {string} locale
 */
async function open(locale = 'en-US') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load: CSP violation ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${c.url}/dashboard`);
  return { context, page, problems };
}

test('hostile comments are shown as text and the CSP has zero violations', { timeout: 60000 }, async () => {
  const hostile = makePayload({ nps: 1, comment: HOSTILE, orderId: 'CMD-<b>42</b>', consent: true });
  assert.equal((await post(c.url, hostile)).status, 200);
  await post(c.url, makePayload({ nps: 10, comment: 'Parfait' }));
  await post(c.url, makePayload({ nps: 8 }));

  const { context, page, problems } = await open();
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  const item = page.locator(`li[data-response-id="${hostile.responseId}"]`);
  await item.waitFor({ timeout: 10000 });

  assert.equal(await item.locator('.pd-comment').textContent(), HOSTILE);
  assert.equal(await page.locator('#pd-login').isVisible(), false, 'token form hidden once signed in');
  assert.match(await item.locator('.pd-meta').first().textContent() || '', /CMD-<b>42<\/b>/);
  assert.equal(await page.locator('#pd-callback img, #pd-callback script, #pd-callback b').count(), 0);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined);
  assert.match(await item.textContent() || '', /Agreed to a call back/);

  // Headline and charts are drawn from the stats.
  await page.locator('#pd-distribution svg rect').first().waitFor({ state: 'attached' });
  assert.equal(await page.locator('#pd-distribution svg rect').count(), 11);
  assert.match(await page.locator('#pd-nps-detail').textContent() || '', /±/);
  assert.equal(await page.locator('#pd-trend svg circle').count(), 1);

  // The token stays in sessionStorage only.
  assert.equal(await page.evaluate(() => sessionStorage.getItem('pepite.adminToken')), TOKEN);
  assert.equal(await page.evaluate(() => localStorage.length), 0);

  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mark contacted with a note removes the entry and stores the follow-up', { timeout: 60000 }, async () => {
  const p = makePayload({ nps: 4, comment: 'Toujours pas livré' });
  await post(c.url, p);
  const { context, page, problems } = await open();
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  const item = page.locator(`li[data-response-id="${p.responseId}"]`);
  await item.waitFor();
  await item.locator('input.pd-note').fill('Appelé, colis renvoyé');
  await item.locator('button').click();
  await item.waitFor({ state: 'detached' });
  const res = await fetch(`${c.url}/v1/responses?followUp=contacted`, { headers: auth() });
  const row = (await res.json()).items.find((/** @type {any} */ r) => r.responseId === p.responseId);
  assert.equal(row.followUp, 'contacted');
  assert.equal(row.note, 'Appelé, colis renvoyé');
  assert.deepEqual(problems, []);
  await context.close();
});

test('French from Accept-Language, toggle to English, bad token refused', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open('fr-FR');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('#pd-login label').textContent(), 'Jeton d’administration');
  await page.fill('#pd-token', 'wrong-token');
  await page.click('#pd-login button[type=submit]');
  await page.locator('#pd-login-error').filter({ hasText: 'refusé' }).waitFor();
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  await page.locator('#pd-callback-title').filter({ hasText: 'À rappeler' }).waitFor();
  await page.click('#pd-lang');
  await page.locator('#pd-callback-title').filter({ hasText: 'To call back' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // The 401 of the wrong token is the only console noise; no CSP problem.
  assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
  await context.close();
});

test('axe-core finds no WCAG A/AA violation on the signed-in dashboard', { timeout: 60000 }, async () => {
  await post(c.url, makePayload({ nps: 3, comment: 'Emballage déchiré', consent: true }));
  const { context, page } = await open('fr-FR');
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  await page.locator('.pd-item').first().waitFor();
  await page.locator('#pd-distribution svg').waitFor();
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.length}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});
