// The dashboard in Chromium: hostile comments stay inert text, the CSP reports no violation, the
// work queue works (contacted with a note, the tabs' counts and the figures follow), the language
// toggle switches to French, and the survey / date filters drive every panel. Then QA's defects,
// on the queue (issue 16 made it the only list): a queue past 500 cases, a stale page (a
// colleague's change, 409, note size in bytes), long and zalgo text, a 375 px phone, the NPS
// margin's wording, screen-reader names, right-to-left text and chart label sizes; the delivery
// log and the countdowns refresh by themselves.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { auth, axeViolations, LAUNCH, makePayload, post, ROOT, startCollector, TOKEN, watchPage } from './helpers.js';

const HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

/**
 * A case of the work queue shown, by its response id.
 * @param {import('playwright-core').Page} page
 * @param {{responseId: string}} p
 */
const caseOf = (page, p) => page.locator(`#pd-queue li[data-case-id="${p.responseId}"]`);

/**
 * One case as the API returns it (status, assignee, notes).
 * @param {string} url
 * @param {string} id
 */
async function apiCase(url, id) {
  return (await (await fetch(`${url}/v1/cases/${id}`, { headers: auth() })).json()).case;
}

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
 * @param {{url?: string, viewport?: {width: number, height: number}}} [o] another collector, a
 *   phone's viewport
 */
async function open(locale = 'en-US', o = {}) {
  const context = await browser.newContext({ locale, ...(o.viewport ? { viewport: o.viewport } : {}),
    ...(o.timezoneId ? { timezoneId: o.timezoneId } : {}) });
  const page = await context.newPage();
  const problems = await watchPage(page);
  await page.goto(`${o.url || c.url}/dashboard`);
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
  const item = caseOf(page, hostile);
  await item.waitFor({ timeout: 10000 });

  assert.equal(await item.locator('.pd-comment').textContent(), HOSTILE);
  assert.equal(await page.locator('#pd-login').isVisible(), false, 'token form hidden once signed in');
  assert.equal(await item.locator('.pd-meta bdi').first().textContent(), 'CMD-<b>42</b>');
  assert.equal(await page.locator('#pd-queue img, #pd-queue script, #pd-queue b').count(), 0);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined);
  // Consent given, no contact left: said so on the case (no link to follow).
  assert.match(await item.locator('.pd-contact').textContent() || '', /No contact given/);
  assert.equal(await page.locator('#pd-callback, #pd-callback-title').count(), 0, 'one list: the queue');

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

test('contacted with a note: stored, the case leaves the tab\'s count, the figures follow', { timeout: 60000 }, async () => {
  const p = makePayload({ nps: 4, comment: 'Toujours pas livré', consent: true });
  await post(c.url, p);
  const { context, page, problems } = await open();
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
  const item = caseOf(page, p);
  await item.waitFor();
  const counts = await (await fetch(`${c.url}/v1/cases/counts`, { headers: auth() })).json();
  const callbackCount = page.locator('#pd-tab-callback-count');
  await callbackCount.filter({ hasText: `(${counts.callback})` }).waitFor();
  await page.locator('#pd-tab-history-count').filter({ hasText: `(${counts.history})` }).waitFor();
  // The note typed goes with the move, saved first.
  await item.locator('input.pd-case-note').fill('Appelé, colis renvoyé');
  const figures = page.waitForRequest((r) => r.url().includes('/v1/stats'));
  await item.locator('.pd-to-contacted').click();
  await item.locator('.pd-case-status').filter({ hasText: 'contacted' }).waitFor();
  // It stays in place with its undo at hand, saying where it went; the counts move at once.
  assert.match(await item.locator('.pd-moved-note').textContent() || '', /Contacted \/ Resolved/);
  await callbackCount.filter({ hasText: `(${counts.callback - 1})` }).waitFor();
  await page.locator('#pd-tab-history-count').filter({ hasText: `(${counts.history + 1})` }).waitFor();
  await figures;
  const kase = await apiCase(c.url, p.responseId);
  assert.equal(kase.status, 'contacted');
  assert.deepEqual(kase.notes.map((/** @type {any} */ n) => n.text), ['Appelé, colis renvoyé']);
  assert.match(await item.locator('.pd-notes').textContent() || '', /Appelé, colis renvoyé/);
  // Reloaded, the tab no longer lists it.
  await page.reload();
  await page.locator('#pd-tab-callback-count').filter({ hasText: `(${counts.callback - 1})` }).waitFor();
  assert.equal(await caseOf(page, p).count(), 0);
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
  await page.locator('#pd-tab-callback').filter({ hasText: 'À rappeler' }).waitFor();
  await page.click('#pd-lang');
  await page.locator('#pd-tab-callback').filter({ hasText: 'To call back' }).waitFor();
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
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('survey and date filters drive the queue and its counts, scores, charts and export', { timeout: 90000 }, async () => {
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
    const purchase = makePayload({ nps: 2, comment: 'Colis abîmé', consent: true });
    const delivery = { ...makePayload({ nps: 5, comment: 'Livreur en retard', consent: true }), surveyId: 'after-delivery' };
    for (const p of [purchase, delivery, makePayload({ nps: 10 }), makePayload({ nps: 9 })]) {
      assert.equal((await post(c2.url, p)).status, 200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const day = 86400000;
    const tomorrow = new Date(Date.now() + day).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - day).toISOString().slice(0, 10);

    const context = await browser.newContext({ locale: 'en-US' });
    ctx.context = context;
    // The queue answers later than the figures: the page must still never show the summary of
    // one filter above the queue of another (CI once counted the list in between).
    await context.route('**/v1/cases?*', async (route) => {
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
    const items = page.locator('#pd-queue .pd-item');
    const summary = page.locator('#pd-f-summary');
    const count = page.locator('#pd-tab-callback-count');
    await summary.filter({ hasText: 'All responses: 4 responses' }).waitFor();
    assert.equal(await items.count(), 2);
    assert.equal(await count.textContent(), '(2)');
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
    assert.equal(await count.textContent(), '(1)');
    assert.equal(await items.first().getAttribute('data-case-id'), delivery.responseId);
    assert.equal(await page.locator('#pd-nps').textContent(), '-100');
    assert.equal(await page.locator('#pd-distribution svg rect').count(), 11);
    assert.match(await page.locator('#pd-distribution svg title').textContent() || '', /5: 1, 6: 0/);
    assert.match(page.url(), /\?survey=after-delivery$/);

    await page.selectOption('#pd-f-survey', 'post-purchase');
    await summary.filter({ hasText: 'post-purchase: 3 responses' }).waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await items.first().getAttribute('data-case-id'), purchase.responseId);
    assert.equal(await page.locator('#pd-nps').textContent(), '33.3');

    // Dates: from tomorrow matches nothing; today matches everything; a reversed range is refused.
    await page.fill('#pd-f-from', tomorrow);
    await summary.filter({ hasText: `post-purchase, from ${tomorrow}: 0 responses` }).waitFor();
    assert.equal(await items.count(), 0);
    assert.equal(await page.locator('#pd-queue-empty').isVisible(), true);
    assert.equal(await count.textContent(), '(0)');
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
    // The page's days are the browser's (UTC here): sent as the instants they span.
    assert.equal(asked.search, `?survey=post-purchase&from=${encodeURIComponent(`${today}T00:00:00.000Z`)}&to=${encodeURIComponent(`${today}T23:59:59.999Z`)}`);
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
    assert.equal(await count.textContent(), '(2)');
    assert.equal(new URL(page.url()).search, '');

    // axe-core on the filtered, French page.
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.context?.close();
    await c2.stop();
    rmSync(surveys, { recursive: true, force: true });
  }
});

const PHONE = { width: 375, height: 667 };

/**
 * Starts a collector of its own for one test (the shared one holds the other tests' responses),
 * runs `body`, then stops it.
 * @param {(url: string) => Promise<void>} body
 */
async function withCollector(body) {
  const own = await startCollector({ args: ['--rate-limit', '0'] });
  try {
    await body(own.url);
  } finally {
    await own.stop();
  }
}

/**
 * Posts payloads, `batch` at a time; each must be stored.
 * @param {string} url
 * @param {ReturnType<typeof makePayload>[]} payloads
 */
async function postAll(url, payloads, batch = 25) {
  for (let i = 0; i < payloads.length; i += batch) {
    const answers = await Promise.all(payloads.slice(i, i + batch).map((p) => post(url, p)));
    for (const res of answers) assert.equal(res.status, 200);
  }
}

/** @param {import('playwright-core').Page} page */
async function signIn(page) {
  await page.fill('#pd-token', TOKEN);
  await page.click('#pd-login button[type=submit]');
}

/**
 * Changes a case as a colleague would, from another page.
 * @param {string} url
 * @param {string} id
 * @param {string} action `status`, `notes`…
 * @param {Record<string, string>} body
 */
async function colleagueCase(url, id, action, body) {
  const res = await fetch(`${url}/v1/cases/${id}/${action}`, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

test('the queue counts every open case and "Show more" reaches past 500, in the API\'s order', { timeout: 180000 }, async () => {
  await withCollector(async (url) => {
    // 520 consented detractors: more than ten pages of the queue (50) and than the API's 500.
    const payloads = Array.from({ length: 520 }, (_, i) => makePayload({ nps: 2, comment: `Colis n° ${i}`, consent: true }));
    await postAll(url, payloads);
    const { context, page, problems } = await open('en-US', { url });
    /** @type {string[]} */
    const asked = [];
    page.on('request', (r) => { if (r.url().includes('/v1/cases?')) asked.push(new URL(r.url()).search); });
    await signIn(page);
    const items = page.locator('#pd-queue .pd-item');
    const count = page.locator('#pd-tab-callback-count');
    const more = page.locator('#pd-queue-more');
    await count.filter({ hasText: '(520)' }).waitFor({ timeout: 30000 });
    await items.nth(49).waitFor();
    assert.equal(await items.count(), 50);
    // The first page only, not every open case.
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^\?queue=callback&limit=50&offset=0&/);

    for (let shown = 50; shown < 520; shown += 50) {
      await more.click();
      await items.nth(Math.min(shown + 49, 519)).waitFor();
      // Focus goes to the first case drawn, so a keyboard user carries on from there.
      assert.equal(await page.evaluate(() => [...document.querySelectorAll('#pd-queue .pd-item')]
        .indexOf(/** @type {Element} */ (document.activeElement))), shown);
      assert.match(asked.at(-1) || '', new RegExp(`[?&]offset=${shown}&`));
    }
    assert.equal(await items.count(), 520);
    assert.equal(await more.isVisible(), false);
    const ids = await items.evaluateAll((lis) => lis.map((li) => /** @type {HTMLElement} */ (li).dataset.caseId));
    assert.equal(new Set(ids).size, 520, 'no case twice');
    assert.deepEqual(new Set(ids), new Set(payloads.map((p) => p.responseId)));
    // In the API's order (most urgent, then soonest due), read here page after page too.
    /** @type {string[]} */
    const expected = [];
    for (let offset = 0; offset !== null;) {
      const res = await fetch(`${url}/v1/cases?queue=callback&limit=200&offset=${offset}`, { headers: auth() });
      const body = await res.json();
      expected.push(...body.items.map((/** @type {any} */ r) => r.responseId));
      offset = body.nextOffset;
    }
    assert.deepEqual(ids, expected);

    // Contacted: counted out at once; French says it too.
    await items.first().locator('.pd-to-contacted').click();
    await count.filter({ hasText: /^\(519\)$/ }).waitFor();
    await page.locator('#pd-tab-history-count').filter({ hasText: /^\(1\)$/ }).waitFor();
    await page.click('#pd-lang');
    await page.locator('#pd-tab-callback').filter({ hasText: 'À rappeler (519)' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// QA's stale.cjs: two managers on the same queue.
test('a stale page keeps a colleague\'s note, says a 409 plainly, limits notes in bytes', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    const [a, b, c3] = Array.from({ length: 3 },
      (_, i) => makePayload({ nps: 3, comment: `Retard ${i}`, orderId: `CMD-${i}`, consent: true }));
    await postAll(url, [a, b, c3], 1);
    const { context, page, problems } = await open('en-US', { url });
    /** @type {{path: string, body: any}[]} */
    const changes = [];
    page.on('request', (r) => {
      if (r.method() !== 'POST' || !r.url().includes('/v1/cases/')) return;
      changes.push({ path: new URL(r.url()).pathname, body: JSON.parse(r.postData() || 'null') });
    });
    await signIn(page);
    const item = (/** @type {{responseId: string}} */ p) => caseOf(page, p);
    await item(a).waitFor();

    // A colleague contacted A and wrote a note; the manager's stale page marks it contacted
    // too: refused plainly (a case is contacted once), the colleague's note kept.
    await colleagueCase(url, a.responseId, 'notes', { text: 'Colleague: refund of 25 EUR promised' });
    await colleagueCase(url, a.responseId, 'status', { status: 'contacted' });
    await item(a).locator('.pd-to-contacted').click();
    await item(a).locator('.pd-case-error').filter({ hasText: 'not possible from the case’s current status' }).waitFor();
    assert.deepEqual(changes.at(-1), { path: `/v1/cases/${a.responseId}/status`, body: { status: 'contacted' } });
    assert.deepEqual((await apiCase(url, a.responseId)).notes.map((/** @type {any} */ n) => n.text),
      ['Colleague: refund of 25 EUR promised']);

    // A colleague changed B meanwhile: this page's undo is a conflict, said as such.
    await item(b).locator('.pd-to-contacted').click();
    await item(b).locator('.pd-case-status').filter({ hasText: 'contacted' }).waitFor();
    await colleagueCase(url, b.responseId, 'status', { status: 'resolved' });
    await item(b).locator('.pd-undo').click();
    await item(b).locator('.pd-case-error').filter({ hasText: 'changed by someone else' }).waitFor();
    assert.equal((await apiCase(url, b.responseId)).status, 'resolved');

    // 1001 × "é" is 1001 characters but 2002 bytes: refused in the page, never sent.
    const note = item(c3).locator('input.pd-case-note');
    await note.fill('é'.repeat(1001));
    const sent = changes.length;
    await item(c3).locator('.pd-add-note').click();
    await item(c3).locator('.pd-case-error').filter({ hasText: '2000 bytes' }).waitFor();
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('pd-case-note')), true);
    // Nor with a move: the note goes first, so the move waits for it.
    await item(c3).locator('.pd-to-contacted').click();
    await page.waitForTimeout(300);
    assert.equal(changes.length, sent);
    assert.equal((await apiCase(url, c3.responseId)).status, 'open');
    // 1000 × "é" fits; Enter in the note adds it.
    await note.fill('é'.repeat(1000));
    assert.equal(await item(c3).locator('.pd-case-error').textContent(), '');
    await note.press('Enter');
    await item(c3).locator('.pd-notes').waitFor();
    assert.deepEqual((await apiCase(url, c3.responseId)).notes.map((/** @type {any} */ n) => n.text), ['é'.repeat(1000)]);

    // The same 409 in French.
    await page.click('#pd-lang');
    await page.locator('#pd-tab-callback').filter({ hasText: 'À rappeler' }).waitFor();
    await colleagueCase(url, c3.responseId, 'status', { status: 'resolved' });
    await item(c3).locator('input.pd-case-note').fill('Rappelée');
    await item(c3).locator('.pd-to-contacted').click();
    await item(c3).locator('.pd-case-error').filter({ hasText: 'pas possible depuis le statut actuel' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/**
 * Whether a screenshot of `clip` (page coordinates) has only near-white pixels (nothing drawn there). Decoded in a
 * blank page of the same browser, out of the dashboard's CSP.
 * @param {import('playwright-core').Page} page
 * @param {{x: number, y: number, width: number, height: number}} clip
 */
async function blank(page, clip) {
  const png = (await page.screenshot({ clip, fullPage: true })).toString('base64');
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(async (b64) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(image.width, image.height);
      const g = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
      g.drawImage(image, 0, 0);
      const { data } = g.getImageData(0, 0, image.width, image.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) return false;
      }
      return true;
    }, png);
  } finally {
    await scratch.close();
  }
}

test('a 200-character order id and zalgo comments stay inside their cards', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    const marks = (/** @type {number} */ from) =>
      Array.from({ length: 40 }, (_, i) => String.fromCodePoint(from + (i % 16))).join('');
    const zalgo = [...'Colis perdu'].map((ch) => ch + marks(0x300) + marks(0x316)).join('');
    const oldest = makePayload({ nps: 2, comment: 'Colis abîmé' });
    const wild = makePayload({ nps: 1, comment: zalgo });
    const long = makePayload({ nps: 3, comment: 'Numéro de commande très long', orderId: `CMD-${'7'.repeat(196)}` });
    const newest = makePayload({ nps: 4, comment: 'Livreur en retard' });
    await postAll(url, [oldest, wild, long, newest], 1);

    for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
      const { context, page, problems } = await open('en-US', { url, viewport });
      await signIn(page);
      // No consent: "To read", newest first.
      await page.locator('#pd-queue-empty').filter({ hasText: 'Nobody to call back.' }).waitFor();
      await page.click('#pd-tab-read');
      await page.locator('#pd-queue .pd-item').nth(3).waitFor();
      const layout = await page.evaluate(() => {
        const list = /** @type {HTMLElement} */ (document.getElementById('pd-queue')).getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          cards: [...document.querySelectorAll('#pd-queue .pd-item')].map((li) => {
            const r = li.getBoundingClientRect();
            return { right: r.right, listRight: list.right, scroll: li.scrollWidth, client: li.clientWidth };
          }),
        };
      });
      assert.ok(layout.scrollWidth <= viewport.width, `${viewport.width}px: page ${layout.scrollWidth}px wide`);
      for (const card of layout.cards) {
        assert.ok(card.right <= card.listRight + 0.5, `${viewport.width}px: a card overflows the list`);
        assert.ok(card.scroll <= card.client, `${viewport.width}px: a card's content is wider than the card`);
      }
      // Nothing of the zalgo comment is drawn in the gaps around its card (newest first: it is the 3rd).
      const boxes = await page.locator('#pd-queue .pd-item').evaluateAll((lis) => lis.map((li) => {
        const r = li.getBoundingClientRect();
        return { left: r.left + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width };
      }));
      const [, above, card, below] = boxes;
      const third = page.locator('#pd-queue .pd-item').nth(2);
      assert.equal(await third.getAttribute('data-case-id'), wild.responseId);
      for (const [y0, y1] of [[above.bottom, card.top], [card.bottom, below.top]]) {
        const clip = { x: card.left + 8, y: y0 + 1, width: card.width - 16, height: y1 - y0 - 2 };
        assert.ok(clip.height >= 4, 'the cards are apart');
        assert.ok(await blank(page, clip), `${viewport.width}px: zalgo marks drawn between the cards`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
});

/** @param {import('playwright-core').Page} page */
const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('the header and the page fit a 375 px phone in French and English, empty or not', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    const { context, page, problems } = await open('fr-FR', { url, viewport: PHONE });
    assert.ok(await pageWidth(page) <= 375, 'token form');
    await signIn(page);
    await page.locator('#pd-queue-empty').filter({ hasText: 'Personne à rappeler.' }).waitFor();
    const check = async (/** @type {string} */ what) => {
      await page.locator('#pd-status').filter({ hasText: /^$/ }).waitFor();
      assert.ok(await pageWidth(page) <= 375, `${what}: page ${await pageWidth(page)}px wide`);
      for (const id of ['pd-lang', 'pd-export', 'pd-logout']) {
        const box = await page.locator(`#${id}`).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${what}: #${id} cut`);
      }
    };
    await check('French, empty');
    await page.click('#pd-lang');
    await page.locator('#pd-queue-empty').filter({ hasText: 'Nobody to call back.' }).waitFor();
    await check('English, empty');

    await postAll(url, [
      makePayload({ nps: 2, comment: 'Arrivé ouvert, il manquait la moitié de la commande.', consent: true }),
      makePayload({ nps: 9 }), makePayload({ nps: 7 }),
      makePayload({ nps: 0, comment: 'Remboursez-moi ou je porte plainte !', orderId: 'CMD-2026-000123456' }),
    ], 1);
    await page.reload();
    await page.locator('#pd-queue .pd-item').first().waitFor();
    await page.locator('#pd-tab-read-count').filter({ hasText: '(1)' }).waitFor();
    await check('English, with data');
    await page.click('#pd-lang');
    await page.locator('#pd-tab-callback').filter({ hasText: 'À rappeler (1)' }).waitFor();
    await check('French, with data');
    await page.click('#pd-tab-read');
    await page.locator('#pd-queue .pd-item').filter({ hasText: 'CMD-2026-000123456' }).waitFor();
    await check('French, to read');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('figures: no margin for one response, plurals agree, a margin over 100 is too wide', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    await postAll(url, [makePayload({ nps: 2 })]);
    const { context, page, problems } = await open('en-US', { url });
    await signIn(page);
    const detail = page.locator('#pd-nps-detail');
    await page.locator('#pd-nps').filter({ hasText: '-100' }).waitFor();
    assert.equal(await detail.textContent(), '1 response');
    await page.click('#pd-lang');
    await detail.filter({ hasText: /^1 réponse$/ }).waitFor();

    // A detractor and a promoter: NPS 0 ± 138.6, which says nothing on a -100..100 scale.
    await postAll(url, [makePayload({ nps: 10 })]);
    const stats = await (await fetch(`${url}/v1/stats`, { headers: auth() })).json();
    assert.ok(stats.nps.margin95 > 100);
    await page.reload();
    await detail.filter({ hasText: '2 réponses' }).waitFor();
    assert.equal(await detail.textContent(), 'marge trop large (95 %), 2 réponses');
    await page.click('#pd-lang');
    await detail.filter({ hasText: 'margin too wide' }).waitFor();
    assert.equal(await detail.textContent(), 'margin too wide (95%), 2 responses');

    // Enough answers: the margin in figures.
    await postAll(url, Array.from({ length: 20 }, (_, i) => makePayload({ nps: [10, 9, 8, 3][i % 4] })));
    await page.reload();
    await detail.filter({ hasText: '22 responses' }).waitFor();
    assert.match(await detail.textContent() || '', /^± \d+(\.\d)? \(95%\), 22 responses$/);
    await page.click('#pd-lang');
    await detail.filter({ hasText: '22 réponses' }).waitFor();
    assert.match(await detail.textContent() || '', /^± \d+(,\d)? \(95 %\), 22 réponses$/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// Screen readers, right-to-left text, a phone's charts.
test('buttons name their entry, comments have dir=auto, chart text >= 10 px', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    const arabic = makePayload({ nps: 2, comment: 'الطلب وصل متأخرا، شكرا', orderId: 'CMD-AR-77', consent: true });
    const rlo = makePayload({ nps: 1, comment: '\u202Eexe.ecruos', orderId: 'CMD-\u202E4321', consent: true });
    await postAll(url, [arabic, rlo, makePayload({ nps: 9 }), makePayload({ nps: 7 })], 1);
    const { context, page, problems } = await open('en-US', { url, viewport: PHONE });
    await signIn(page);
    await page.locator('#pd-distribution svg').waitFor();
    const item = caseOf(page, arabic);
    await item.waitFor();

    // Each button's accessible name starts with its visible text and names the order and date.
    const button = item.locator('.pd-to-contacted');
    const date = await item.locator('.pd-meta').filter({ hasText: 'CMD-AR-77' }).first()
      .evaluate((p) => /** @type {string} */ (p.textContent).split(' · ')[2]);
    assert.match(date, /\d/);
    assert.equal(await button.getAttribute('aria-label'), `Contacted, order CMD-AR-77, ${date}`);
    assert.equal(await page.getByRole('button', { name: `Contacted, order CMD-AR-77, ${date}` }).count(), 1);
    assert.equal(await page.getByRole('textbox', { name: `New note on order CMD-AR-77, ${date}` }).count(), 1);
    const names = await page.locator('#pd-queue button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.equal(new Set(names).size, names.length, 'no two buttons with the same name');

    // Comments take the direction of their text; an RLO in an order id stays inside it.
    assert.equal(await item.locator('.pd-comment').getAttribute('dir'), 'auto');
    assert.equal(await item.locator('.pd-comment').evaluate((p) => getComputedStyle(p).direction), 'rtl');
    const other = caseOf(page, rlo);
    assert.equal(await other.locator('.pd-comment').getAttribute('dir'), 'auto');
    assert.equal(await other.locator('.pd-meta bdi').first().textContent(), 'CMD-\u202E4321');

    // No chart text under 10 px on the phone.
    const sizes = await page.evaluate(() => [...document.querySelectorAll('.pd-chart svg')].flatMap((s) => {
      const svg = /** @type {SVGSVGElement} */ (s);
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    }));
    assert.ok(sizes.length >= 22 + 3);
    assert.ok(Math.min(...sizes) >= 10, `chart text at ${Math.min(...sizes).toFixed(1)} px`);
    assert.ok(await pageWidth(page) <= 375);

    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('the "other" text a shopper typed is shown with its answer, as text, dir=auto', { timeout: 90000 }, async () => {
  await withCollector(async (url) => {
    const both = makePayload({ nps: 2, comment: 'Très déçu', other: HOSTILE, orderId: 'CMD-1', consent: true });
    const arabic = makePayload({ nps: 1, other: 'الكرتون كان مفتوحا', orderId: 'CMD-2', consent: true });
    const plain = makePayload({ nps: 3, comment: 'Retard', orderId: 'CMD-3', consent: true });
    await postAll(url, [both, arabic, plain], 1);
    const { context, page, problems } = await open('en-US', { url });
    await signIn(page);
    const item = (/** @type {{responseId: string}} */ p) => caseOf(page, p);
    await item(plain).waitFor();

    // With the choice it completes ("What went wrong?"), inert: the markup is text, nothing runs.
    const answer = item(both).locator('.pd-answers dd').filter({ has: page.locator('.pd-other-text') });
    assert.equal(await item(both).locator('.pd-comment').textContent(), 'Très déçu');
    assert.equal(await answer.count(), 1);
    assert.equal(await answer.textContent(), `Late delivery, Other — ${HOSTILE}`);
    assert.equal(await answer.locator('.pd-other-text').textContent(), HOSTILE);
    assert.equal(await answer.locator('.pd-other-text').getAttribute('dir'), 'auto');
    assert.equal(await page.locator('#pd-queue img, #pd-queue script').count(), 0);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined);

    // Without a comment the words are still there, in their own direction.
    assert.equal(await item(arabic).locator('.pd-comment').textContent(), 'No comment.');
    const arabicText = item(arabic).locator('.pd-other-text');
    assert.equal(await arabicText.textContent(), 'الكرتون كان مفتوحا');
    assert.equal(await arabicText.getAttribute('dir'), 'auto');
    assert.equal(await arabicText.evaluate((s) => getComputedStyle(s).direction), 'rtl');
    assert.equal(await item(plain).locator('.pd-other-text').count(), 0);

    await page.click('#pd-lang');
    await item(arabic).locator('.pd-answers dd').filter({ hasText: 'Livraison en retard, Autre — ' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a day picked in the page is a day of the manager\'s clock, not of UTC', { timeout: 60000 }, async () => {
  // QA: a row received at 23:30 UTC showed as 00:30 the next day in Paris, but that day listed
  // nothing. A time zone whose date differs from UTC's right now (12 hours behind before noon
  // UTC, 14 ahead after), so the test means the same whenever it runs.
  const timezoneId = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Etc/GMT-14';
  const p = makePayload({ nps: 1, comment: 'fuseau horaire', consent: true });
  assert.equal((await post(c.url, p)).status, 200);
  const { context, page } = await open('en-US', { timezoneId });
  try {
    await page.fill('#pd-token', TOKEN);
    await page.click('#pd-login button[type=submit]');
    await page.locator('#pd-queue .pd-item').first().waitFor();
    const local = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
    assert.notEqual(local, new Date().toISOString().slice(0, 10), 'the zone must move the date');
    // The trend's day is that day too (it was the UTC day: the chart and the filter disagreed).
    const trend = await page.locator('#pd-trend title').first().textContent();
    assert.ok(trend && trend.includes(local) && !trend.includes(new Date().toISOString().slice(0, 10)), trend || '');
    await page.goto(`${c.url}/dashboard?from=${local}&to=${local}`);
    await caseOf(page, p).waitFor({ timeout: 10000 });
  } finally {
    await context.close();
  }
});

test('with --webhook, the delivery log panel lists failed attempts; axe and CSP clean', { timeout: 60000 }, async () => {
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(500); res.end(); });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', () => r(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (receiver.address()).port;
  const own = await startCollector({ args: ['--rate-limit', '0', '--webhook', `http://127.0.0.1:${port}/hook`,
    '--webhook-secret', 'dashboard-secret', '--webhook-retry', '60000'] });
  try {
    await post(own.url, makePayload({ nps: 2, comment: 'Jamais livré' }));
    // The page reads the log once, when it opens: wait for the worker's first attempt (its first
    // round can come after the page's read on a loaded machine, on PostgreSQL especially).
    for (let started = Date.now(); ;) {
      const log = await (await fetch(`${own.url}/v1/webhooks/deliveries`, { headers: auth() })).json();
      if (log.items.length > 0) break;
      assert.ok(Date.now() - started < 20000, 'no delivery attempt within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const { context, page, problems } = await open('fr-FR', { url: own.url });
    await signIn(page);
    await page.locator('#pd-hooks tr').first().waitFor();
    assert.equal(await page.locator('#pd-hooks-panel').isVisible(), true);
    assert.equal(await page.locator('#pd-hooks-title').textContent(), 'Envois des webhooks');
    assert.match(await page.locator('#pd-hooks-summary').textContent() || '', /^1 événement en attente/);
    const row = await page.locator('#pd-hooks tr').first().textContent() || '';
    assert.match(row, /alert\.created · essai 1/);
    assert.match(row, /http:\/\/127\.0\.0\.1:\d+\/hook/);
    assert.match(row, /HTTP 500 · \d+ ms/);
    assert.deepEqual(await axeViolations(page), []);
    // The log follows without a reload: a second alert's attempt shows when the window comes
    // back (and every 30 s).
    await post(own.url, makePayload({ nps: 1, comment: 'Toujours rien' }));
    for (let started = Date.now(); ;) {
      const log = await (await fetch(`${own.url}/v1/webhooks/deliveries`, { headers: auth() })).json();
      if (log.items.length > 1) break;
      assert.ok(Date.now() - started < 20000, 'no second attempt within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.locator('#pd-hooks tr').nth(1).waitFor();
    assert.match(await page.locator('#pd-hooks-summary').textContent() || '', /^2 événements en attente/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await own.stop();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(() => r(undefined)));
  }
});

test('without --webhook the delivery log panel stays hidden', { timeout: 60000 }, async () => {
  const { context, page } = await open('en-US');
  await signIn(page);
  await page.locator('#pd-distribution svg').waitFor();
  assert.equal(await page.locator('#pd-hooks-panel').isHidden(), true);
  await context.close();
});
