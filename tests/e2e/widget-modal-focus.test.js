// End-to-end: where focus goes when the centre modal opens (issue 20): no focus ring on "0" on a phone; a keyboard user still lands on the scale.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { focused, open, setup, waitEvent } from './lib/browser.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' };

/** The focused element of the card and the outline it draws. @param {import('playwright-core').Page} page */
function ring(page) {
  return page.locator('pepite-survey').evaluate((host) => {
    const a = /** @type {HTMLElement} */ (host.shadowRoot?.activeElement);
    if (!a) return null;
    const cs = getComputedStyle(a);
    return { className: a.className, role: a.getAttribute('role'), outline: cs.outlineStyle === 'none' || cs.outlineWidth === '0px' ? 'none' : `${cs.outlineWidth} ${cs.outlineStyle}` };
  });
}

test('a centre modal opened by itself on a phone focuses its title, with no ring on "0"', async () => {
  const url = `${env.server.url}/tests/e2e/pages/plain.html?position=center&lang=en&locale=en`;
  const { context, page } = await open(env.browser, url, PHONE);
  try {
    await waitEvent(page, 'shown');
    const r = await ring(page);
    // The title names the dialog without showing above the question (issue 19): pp-sr.
    assert.deepEqual(r, { className: 'pp-title pp-sr', role: null, outline: 'none' });
    // Focus is inside the dialog: the first Tab reaches its controls, not the page behind.
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^button\.pp-/);
  } finally {
    await context.close();
  }
});

test('a centre modal a keyboard user opens focuses "0", with its ring', async () => {
  const url = `${env.server.url}/tests/e2e/pages/plain.html?position=center&manual=1&lang=en&locale=en`;
  const { context, page } = await open(env.browser, url, PHONE);
  try {
    await waitEvent(page, 'ready');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'button[host-button]');
    await page.evaluate(() => /** @type {any} */ (window).pepite('show'));
    await waitEvent(page, 'shown');
    const r = await ring(page);
    assert.equal(r && r.role, 'radio');
    assert.equal(await focused(page), 'button.pp-opt[0]');
    assert.notEqual(r && r.outline, 'none');
  } finally {
    await context.close();
  }
});
