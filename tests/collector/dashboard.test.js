// The dashboard in Chromium: hostile comments stay inert text, the CSP reports no violation, the
// call-back list works (mark contacted with a note), the language toggle switches to French, and
// the survey / date filters drive every panel.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
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

/**
 * axe-core's WCAG A/AA violations on the page, as `id: nodes` strings. Evaluated through the
 * DevTools protocol, so the page's CSP (no inline script) still holds.
 * @param {import('playwright-core').Page} page
 */
async function axe_violations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.length}`);
  });
}

test('axe-core finds no WCAG A/AA violation on the signed-in dashboard', { timeout: 60000 }, async () => {
  await post(c.url, makePayload({ nps: 3, comment: 'Emballage déchiré', consent: true }));
  const { context, page } = await open('fr-FR');
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  await page.locator('.pd-item').first().waitFor();
  await page.locator('#pd-distribution svg').waitFor();
  assert.deepEqual(await axe_violations(page), []);
  await context.close();
});

test('survey and date filters drive the call-back list, scores, charts and export', { timeout: 90000 }, async () => {
  // A second collector with two surveys: post-purchase and a copy under another id.
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const surveys = mkdtempSync(path.join(tmpdir(), 'pepite-surveys-'));
  const definition = JSON.parse(readFileSync(path.join(ROOT, 'demo/surveys/post-purchase.json'), 'utf8'));
  writeFileSync(path.join(surveys, 'post-purchase.json'), JSON.stringify(definition));
  writeFileSync(path.join(surveys, 'after-delivery.json'), JSON.stringify({ ...definition, id: 'after-delivery' }));
  const c2 = await startCollector({ args: ['--rate-limit', '0', '--surveys', surveys] });
  const ctx = { context: /** @type {import('playwright-core').BrowserContext | undefined} */ (undefined) };
  try {
    const purchase = makePayload({ nps: 2, comment: 'Colis abîmé' });
    const delivery = { ...makePayload({ nps: 5, comment: 'Livreur en retard' }), surveyId: 'after-delivery' };
    for (const p of [purchase, delivery, makePayload({ nps: 10 }), makePayload({ nps: 9 })]) {
      assert.equal((await post(c2.url, p)).status, 200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const day = 86400000;
    const tomorrow = new Date(Date.now() + day).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - day).toISOString().slice(0, 10);

    const context = await browser.newContext({ locale: 'en-US' });
    ctx.context = context;
    // The list answers later than the figures: the page must still never show the summary of
    // one filter above the list of another (CI once counted the list in between).
    await context.route('**/v1/responses?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${c2.url}/dashboard`);
    await page.fill('#pd-token', TOKEN);
    await page.click('#pd-login button[type=submit]');
    const items = page.locator('#pd-callback .pd-item');
    const summary = page.locator('#pd-f-summary');
    await summary.filter({ hasText: 'All responses: 4 responses' }).waitFor();
    assert.equal(await items.count(), 2);
    // The select lists both surveys; the first option means "all".
    assert.deepEqual(await page.locator('#pd-f-survey option').allTextContents(),
      ['All surveys', 'after-delivery', 'post-purchase']);

    // Keyboard only: Tab from the header's last button reaches the survey select first.
    await page.focus('#pd-logout');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pd-f-survey');
    await page.keyboard.press('ArrowDown');  // "after-delivery"
    await summary.filter({ hasText: 'after-delivery: 1 response' }).waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await items.first().getAttribute('data-response-id'), delivery.responseId);
    assert.equal(await page.locator('#pd-nps').textContent(), '-100');
    assert.equal(await page.locator('#pd-distribution svg rect').count(), 11);
    assert.match(await page.locator('#pd-distribution svg title').textContent() || '', /5: 1, 6: 0/);
    assert.match(page.url(), /\?survey=after-delivery$/);

    await page.selectOption('#pd-f-survey', 'post-purchase');
    await summary.filter({ hasText: 'post-purchase: 3 responses' }).waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await items.first().getAttribute('data-response-id'), purchase.responseId);
    assert.equal(await page.locator('#pd-nps').textContent(), '33.3');

    // Dates: from tomorrow matches nothing; today matches everything; a reversed range is refused.
    await page.fill('#pd-f-from', tomorrow);
    await summary.filter({ hasText: `post-purchase, from ${tomorrow}: 0 responses` }).waitFor();
    assert.equal(await items.count(), 0);
    assert.equal(await page.locator('#pd-callback-empty').isVisible(), true);
    assert.equal(await page.locator('#pd-trend svg circle').count(), 0);
    await page.fill('#pd-f-to', yesterday);
    await page.locator('#pd-f-error').filter({ hasText: 'after the end date' }).waitFor();
    assert.equal(await page.getAttribute('#pd-f-to', 'aria-invalid'), 'true');
    await page.fill('#pd-f-from', today);
    await page.fill('#pd-f-to', today);
    await summary.filter({ hasText: `post-purchase, from ${today}, to ${today}: 3 responses` }).waitFor();
    assert.equal(await page.locator('#pd-f-error').textContent(), '');
    assert.equal(await page.locator('#pd-trend svg circle').count(), 1);

    // The export carries the same filters.
    const exported = page.waitForResponse((r) => r.url().includes('/v1/export.csv'));
    await page.click('#pd-export');
    const csv = await exported;
    const asked = new URL(csv.url());
    assert.equal(asked.search, `?survey=post-purchase&from=${today}&to=${today}`);
    const rows = await (await fetch(`${c2.url}${asked.pathname}${asked.search}`, { headers: auth() })).text();
    assert.equal(rows.trim().split('\r\n').length, 4);  // header + 3 rows

    // The filters survive a reload (query string) and switch language with the page.
    await page.reload();
    await summary.filter({ hasText: `post-purchase, from ${today}, to ${today}: 3 responses` }).waitFor();
    assert.equal(await page.inputValue('#pd-f-survey'), 'post-purchase');
    await page.click('#pd-lang');
    await summary.filter({ hasText: `post-purchase, du ${today}, au ${today} : 3 réponses` }).waitFor();
    assert.equal(await page.locator('label[for=pd-f-survey]').textContent(), 'Questionnaire');
    assert.equal(await page.locator('#pd-f-survey option').first().textContent(), 'Tous les questionnaires');

    // Reset (keyboard: Enter on the focused button) shows everything again.
    await page.focus('#pd-f-reset');
    await page.keyboard.press('Enter');
    await summary.filter({ hasText: 'Toutes les réponses : 4 réponses' }).waitFor();
    assert.equal(await items.count(), 2);
    assert.equal(new URL(page.url()).search, '');

    // axe-core on the filtered, French page.
    assert.deepEqual(await axe_violations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.context?.close();
    await c2.stop();
    rmSync(surveys, { recursive: true, force: true });
  }
});
