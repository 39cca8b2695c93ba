// The dashboard's inbox (issue 16) in Chromium on a real collector: the overview first, then the
// work queue. A consented detractor with a phone contact is first in "To call back" with its
// answers by label, "other" text, topics and the other response of its order; it is assigned,
// contacted, resolved, then the last change is undone (back to contacted), each change drawn in
// place; a colleague's change since makes the undo a plain "changed by someone else" message; a
// detractor without consent is in "To read"; the history is searchable; each tab shows its count
// (overdue call-backs among them) and the counts and figures follow each change. In English on a
// desktop (1280×800) and in French on a phone (390×844, the first case visible without scrolling,
// the filters folded), where the whole case is handled again; the countdown ticks with the
// clock. axe-core finds no WCAG A/AA violation on each screen, the CSP none either.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { chromium } from 'playwright-core';

import { auth, collectorBinary, LAUNCH, makePayload, post, ROOT, sql, startCollector, TOKEN, watchPage } from './helpers.js';

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** @param {import('playwright-core').Page} page */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  });
}

/** A detractor as the card sends it with consent and a phone number, "other" text and topics. */
function consented() {
  const p = /** @type {any} */ (makePayload({ nps: 1, consent: true, other: 'Colis ouvert', comment: 'Jamais reçu le bon article',
    orderId: 'CMD-INBOX-1', at: Date.now() - 3600e3 }));
  p.contact = { channel: 'phone', value: '06 12 34 56 78' };
  p.topics = ['delivery_delay'];
  return p;
}

describe('the inbox', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  /** @type {import('playwright-core').Browser} */
  let browser;
  const a = consented();
  const sameOrder = makePayload({ nps: 8, orderId: 'CMD-INBOX-1', at: Date.now() - 7200e3 });
  const b = makePayload({ nps: 2, comment: 'Pas content du tout', orderId: 'CMD-INBOX-2', at: Date.now() - 1800e3 });

  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0'] });
    const added = spawnSync(collectorBinary(), ['user', 'add', 'Lina', '--db', c.db], { encoding: 'utf8' });
    assert.equal(added.status, 0, added.stderr);
    for (const p of [a, sameOrder, b]) assert.equal((await post(c.url, p)).status, 200);
    // The detractor without consent was due three hours ago (its promise broken): "overdue by 3 h".
    const past = new Date(Date.now() - 3 * 3600e3 - 60e3).toISOString();
    sql(c.db, `UPDATE cases SET due_at = '${past}' WHERE response_id = '${b.responseId}'`);
    browser = await chromium.launch(LAUNCH);
  });
  after(async () => {
    await browser?.close();
    await c?.stop();
  });

  /**
   * @param {string} locale
   * @param {{width: number, height: number}} viewport
   */
  async function open(locale, viewport) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(`${c.url}/dashboard`);
    await page.fill('#pd-token', TOKEN);
    await page.click('#pd-login button[type=submit]');
    await page.locator('#pd-queue .pd-case').first().waitFor({ timeout: 10000 });
    await page.locator('#pd-ov-complaints .pd-figure').first().waitFor();
    return { context, page, problems };
  }

  /** @param {string} id */
  const apiCase = async (id) => (await (await fetch(`${c.url}/v1/cases/${id}`, { headers: auth() })).json());

  test('desktop, English: overview first, the case handled from the queue, undo', { timeout: 120000 }, async () => {
    const { context, page, problems } = await open('en-US', DESKTOP);
    // The overview comes before the queue, on the page and on the screen.
    const overview = await page.locator('#pd-overview').boundingBox();
    const inbox = await page.locator('#pd-inbox').boundingBox();
    assert.ok(overview && inbox && overview.y < inbox.y, 'overview above the queue');
    assert.equal(await page.locator('#pd-filters').isVisible(), true, 'filters shown on a desktop');
    assert.equal(await page.locator('#pd-filters-toggle').isVisible(), false);
    const figures = await page.locator('#pd-ov-figures').textContent() || '';
    assert.match(figures, /NPS/);
    assert.match(figures, /1 promoters · 1 passives · 2 detractors|0 promoters · 1 passives · 2 detractors/);
    const complaints = await page.locator('#pd-ov-complaints').textContent() || '';
    assert.match(complaints, /Complaint share/);
    assert.match(complaints, /NPS after resolution\s*not yet measured\s*0 answers/);
    assert.match(complaints, /NPS before resolution\s*not yet measured\s*0 answers/);
    // Nobody contacted yet: no time to first contact, said as a dash, with its count.
    assert.match(complaints, /Median time to first contact\s*–\s*0 answers/);
    assert.match(complaints, /not enough answers yet for a trend/);
    assert.match(await page.locator('#pd-ov-topics').textContent() || '', /late or not delivered 1 response/);
    assert.match(await page.locator('#pd-trend-note').textContent() || '', /Not enough answers yet/);
    assert.equal(await page.locator('#pd-kpi-csat').isVisible(), false, 'no CSAT question, no CSAT');

    // "To call back": the consented detractor first, with everything it said.
    const first = page.locator('#pd-queue .pd-case').first();
    assert.equal(await first.getAttribute('data-case-id'), a.responseId);
    const text = await first.textContent() || '';
    assert.match(text, /What went wrong\?/);
    assert.match(text, /Late delivery, Other — Colis ouvert/);
    assert.match(text, /Jamais reçu le bon article/);
    assert.match(text, /late or not delivered/);
    // The core's tiers: a detractor naming a late delivery is urgent, with its reasons.
    assert.match(text, /high urgency/);
    assert.match(text, /detractor/);
    assert.match(text, /due in \d+ (h|min)/);
    assert.match(text, /Locale fr/);
    assert.match(text, /CMD-INBOX-1/);
    assert.equal(await first.locator('a.pd-contact-link').getAttribute('href'), 'tel:0612345678');
    assert.equal(await first.locator('a.pd-contact-link').textContent(), '06 12 34 56 78');
    assert.match(await first.locator('.pd-same-order summary').textContent() || '', /Other responses for this order \(1\)/);
    // Everything but the score sits in the card's text column, not squeezed under the score.
    const score = await first.locator('.pd-score').boundingBox();
    for (const part of ['.pd-case-topics', '.pd-same-order', '.pd-case-actions']) {
      const box = await first.locator(part).boundingBox();
      assert.ok(score && box && box.x >= score.x + score.width && box.width > 400, `${part}: ${JSON.stringify(box)}`);
    }
    assert.equal(await page.locator(`#pd-queue [data-case-id="${b.responseId}"]`).count(), 0, 'no consent: not to call back');
    // Each tab with its count: one to call back, one to read (the detractor without consent; the
    // passive said nothing), none handled yet.
    assert.equal(await page.locator('#pd-tab-callback').textContent(), 'To call back (1)');
    assert.equal(await page.locator('#pd-tab-read').textContent(), 'To read (1)');
    assert.equal(await page.locator('#pd-tab-history').textContent(), 'Contacted / Resolved (0)');
    assert.deepEqual(await axeViolations(page), []);

    // Assign, contacted, resolved: each drawn in place, each recorded.
    await first.locator('select.pd-assign').selectOption('Lina');
    await first.locator('.pd-assign-button').click();
    await first.filter({ hasText: 'Assigned to Lina' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.assignee, 'Lina');
    await first.locator('.pd-to-contacted').click();
    await first.locator('.pd-case-status').filter({ hasText: 'contacted' }).waitFor();
    // It moved tab: the counts and the complaint figures follow at once, the case stays here.
    await page.locator('#pd-tab-callback').filter({ hasText: 'To call back (0)' }).waitFor();
    await page.locator('#pd-tab-history').filter({ hasText: 'Contacted / Resolved (1)' }).waitFor();
    await page.locator('#pd-ov-complaints').filter({ hasText: /Median time to first contact\s*\d/ }).waitFor();
    assert.match(await first.locator('.pd-moved-note').textContent() || '', /Now in “Contacted \/ Resolved”/);
    await first.locator('.pd-case-note').fill('Rappelée, renvoi du colis');
    await first.locator('.pd-add-note').click();
    await first.locator('.pd-notes').filter({ hasText: 'Rappelée, renvoi du colis' }).waitFor();
    await first.locator('.pd-to-resolved').click();
    await first.locator('.pd-case-status').filter({ hasText: 'resolved' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.status, 'resolved');
    assert.match(await page.locator('#pd-status').textContent() || '', /Saved \(change #\d+\)/);

    // Undo: back to contacted, on the screen and in the API.
    await first.locator('.pd-undo').click();
    await first.locator('.pd-case-status').filter({ hasText: 'contacted' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.status, 'contacted');
    await page.locator('#pd-status').filter({ hasText: 'Change undone.' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    // A colleague changes the case meanwhile: this screen's undo is a conflict, said plainly.
    const other = await fetch(`${c.url}/v1/cases/${a.responseId}/status`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"status":"resolved"}' });
    assert.equal(other.status, 200);
    await first.locator('.pd-undo').click();
    await first.locator('.pd-case-error').filter({ hasText: 'changed by someone else' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.status, 'resolved', 'the conflicting undo changed nothing');

    // "To read": the detractor without consent, with its words.
    await page.click('#pd-tab-read');
    const read = page.locator(`#pd-queue [data-case-id="${b.responseId}"]`);
    await read.waitFor();
    assert.match(await read.textContent() || '', /Pas content du tout/);
    assert.match(await read.textContent() || '', /No call-back consent/);
    assert.match(await read.locator('.pd-overdue').textContent() || '', /^overdue by 3 h$/);
    assert.equal(await page.getAttribute('#pd-tab-read', 'aria-selected'), 'true');
    assert.deepEqual(await axeViolations(page), []);

    // "Contacted / Resolved": searchable.
    await page.click('#pd-tab-history');
    await page.locator(`#pd-queue [data-case-id="${a.responseId}"]`).waitFor();
    await page.fill('#pd-q', 'nothing-like-this');
    await page.click('#pd-q-form button[type=submit]');
    await page.locator('#pd-queue-empty').filter({ hasText: 'No case handled yet.' }).waitFor();
    await page.fill('#pd-q', 'renvoi du colis');
    await page.click('#pd-q-form button[type=submit]');
    await page.locator(`#pd-queue [data-case-id="${a.responseId}"]`).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    // The queue follows the filters: from tomorrow, nothing.
    const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
    await page.fill('#pd-f-from', tomorrow);
    await page.locator('#pd-queue-empty').filter({ hasText: 'No case handled yet.' }).waitFor();
    assert.equal(await page.locator('#pd-queue .pd-case').count(), 0);

    assert.deepEqual(problems, []);
    await context.close();
  });

  test('phone, French: the first case of "À rappeler" on the first screen, filters folded', { timeout: 120000 }, async () => {
    // Back to open, so the case is in the call-back queue again.
    if ((await apiCase(a.responseId)).case.status !== 'open') {
      const reopen = await fetch(`${c.url}/v1/cases/${a.responseId}/status`, {
        method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"status":"open"}' });
      assert.equal(reopen.status, 200);
    }
    const { context, page, problems } = await open('fr-FR', PHONE);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.locator('#pd-tab-callback').textContent(), 'À rappeler (1)');
    const first = page.locator('#pd-queue .pd-case').first();
    assert.equal(await first.getAttribute('data-case-id'), a.responseId);
    // Without scrolling: the case's score, its answers and the number to call are on screen.
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    for (const part of ['.pd-score', '.pd-answers', 'a.pd-contact-link']) {
      const box = await first.locator(part).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height, `${part} on the first screen: ${JSON.stringify(box)}`);
    }
    assert.match(await first.textContent() || '', /Qu'est-ce qui n'a pas été \?/);
    assert.match(await first.textContent() || '', /Livraison en retard, Autre/);
    assert.match(await first.textContent() || '', /échéance dans|en retard de/);
    assert.equal(await page.locator('#pd-filters').isVisible(), false, 'filters folded');
    await page.click('#pd-filters-toggle');
    assert.equal(await page.locator('#pd-filters').isVisible(), true, 'filters behind their button');
    assert.equal(await page.getAttribute('#pd-filters-toggle', 'aria-expanded'), 'true');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width, 'no sideways scroll');
    assert.match(await page.locator('#pd-ov-complaints').textContent() || '', /pas encore mesuré/);
    assert.deepEqual(await axeViolations(page), []);

    await page.click('#pd-filters-toggle');

    // The whole case on the phone, in French: assign, contacted, resolved, undo.
    await first.locator('select.pd-assign').selectOption('Lina');
    await first.locator('.pd-assign-button').click();
    await first.filter({ hasText: 'Assigné à Lina' }).waitFor();
    await first.locator('.pd-to-contacted').click();
    await first.locator('.pd-case-status').filter({ hasText: 'contacté' }).waitFor();
    await page.locator('#pd-tab-callback').filter({ hasText: 'À rappeler (0)' }).waitFor();
    assert.match(await first.locator('.pd-moved-note').textContent() || '', /Désormais dans « Contactés \/ Résolus »/);
    await first.locator('.pd-to-resolved').click();
    await first.locator('.pd-case-status').filter({ hasText: 'résolu' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.status, 'resolved');
    await first.locator('.pd-undo').click();
    await first.locator('.pd-case-status').filter({ hasText: 'contacté' }).waitFor();
    await page.locator('#pd-status').filter({ hasText: 'Modification annulée.' }).waitFor();
    assert.equal((await apiCase(a.responseId)).case.status, 'contacted');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width, 'no sideways scroll');
    assert.deepEqual(await axeViolations(page), []);

    // "À lire" on the phone: the detractor without consent, overdue.
    await page.click('#pd-tab-read');
    const read = page.locator(`#pd-queue [data-case-id="${b.responseId}"]`);
    await read.waitFor();
    assert.match(await read.textContent() || '', /Pas d’accord pour un rappel/);
    assert.match(await read.locator('.pd-overdue').textContent() || '', /^en retard de 3 h$/);
    assert.deepEqual(await axeViolations(page), []);

    // The language toggle: English on the same phone.
    await page.click('#pd-lang');
    await page.locator('#pd-tab-read').filter({ hasText: 'To read (1)' }).waitFor();
    await page.click('#pd-tab-callback');
    await page.locator('#pd-queue-empty').filter({ hasText: 'Nobody to call back.' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the countdown ticks with the clock: "due in" becomes "overdue by", counted among the call-backs', { timeout: 60000 }, async () => {
    const reopen = await fetch(`${c.url}/v1/cases/${a.responseId}/status`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"status":"open"}' });
    assert.equal(reopen.status, 200);
    const context = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
    await context.clock.install({ time: new Date() });
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(`${c.url}/dashboard`);
    await page.fill('#pd-token', TOKEN);
    await page.click('#pd-login button[type=submit]');
    const badge = page.locator(`#pd-queue [data-case-id="${a.responseId}"] [data-due-at]`);
    await badge.waitFor({ timeout: 10000 });
    assert.match(await badge.textContent() || '', /^due in \d+ h$/);
    assert.equal(await page.locator('#pd-tab-callback').textContent(), 'To call back (1)');
    // A day later on the manager's clock (the promise is 24 h): the badge turns without a reload.
    await page.clock.fastForward('25:00:00');
    await badge.filter({ hasText: /^overdue by \d+ h$/ }).waitFor();
    assert.equal(await badge.getAttribute('class'), 'pd-badge pd-overdue');
    // The server's clock says it too once it is due: the count names the overdue call-back.
    const kase = (await apiCase(a.responseId)).case;
    sql(c.db, `UPDATE cases SET due_at = '${new Date(Date.now() - 60e3).toISOString()}' WHERE response_id = '${a.responseId}'`);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.locator('#pd-tab-callback').filter({ hasText: 'To call back (1, 1 overdue)' }).waitFor();
    sql(c.db, `UPDATE cases SET due_at = '${kase.dueAt}' WHERE response_id = '${a.responseId}'`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
