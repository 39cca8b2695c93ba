// End-to-end: the card resists a hostile host stylesheet, does not leak CSS, and runs under a strict CSP (issue 4).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, open, setup, waitEvent } from './lib/browser.js';
import { diffPng } from './lib/png.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

/** Screenshot of the card alone (focus and animations out of the way). */
async function card_shot(url, viewport) {
  const { context, page } = await open(env.browser, url, { viewport, reducedMotion: 'reduce' });
  try {
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="2"]');
    await page.locator('pepite-survey [data-question="wrong"]').waitFor();
    // Same state in both pages: nothing focused, mouse away.
    await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement).blur());
    await page.mouse.move(0, 0);
    const card = page.locator('pepite-survey .pp-card');
    const box = await card.boundingBox();
    const png = await card.screenshot();
    if (process.env.PEPITE_SHOTS) (await import("node:fs")).writeFileSync(`/tmp/card-${url.includes("hostile") ? "hostile" : "plain"}-${viewport.width}.png`, png);
    return { png, box };
  } finally {
    await context.close();
  }
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 375, height: 667 }]]) {
  test(`hostile CSS page shows the same card as a plain page (${name})`, async () => {
    // The card takes the page's font family and text colour (issue 19): the plain page is given
    // the ones hostile.css gives (hostile-look.css), without its resets.
    const plain = await card_shot(`${env.server.url}/tests/e2e/pages/plain.html?lang=fr&css=hostile-look.css`, viewport);
    const hostile = await card_shot(`${env.server.url}/tests/e2e/pages/hostile.html?lang=fr`, viewport);
    assert.deepEqual(hostile.box, plain.box, 'same position and size');
    assert.ok(plain.png.length > 1000);
    // Anti-aliasing may move by a unit or two; the rounded corners show the host page behind.
    const diff = diffPng(plain.png, hostile.png, { tolerance: 8, inset: 12 });
    assert.equal(diff.sameSize, true);
    assert.equal(diff.differing, 0, `pixels differing: ${diff.differing} (max delta ${diff.maxDelta})`);
  });
}

test('the card does not change the host page styles', async () => {
  const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&manual=1`, { viewport: { width: 1280, height: 800 } });
  try {
    await waitEvent(page, 'ready');
    const styles = () => page.evaluate(() => {
      const out = {};
      for (const sel of ['html', 'body', 'main', 'h1', 'p', '#host-button', '#inline-target']) {
        const cs = getComputedStyle(/** @type {Element} */ (document.querySelector(sel)));
        out[sel] = ['font-family', 'font-size', 'color', 'background-color', 'margin', 'padding', 'border', 'display', 'line-height', 'box-sizing'].map((k) => cs.getPropertyValue(k)).join('|');
      }
      return { out, sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length, styleElements: document.querySelectorAll('style').length };
    });
    const before_show = await styles();
    const host_shot = await page.locator('main').screenshot();
    await page.evaluate(() => window.pepite('show'));
    await waitEvent(page, 'shown');
    const after_show = await styles();
    assert.deepEqual(after_show, before_show);
    assert.equal(after_show.styleElements, 0, 'no <style> element in the host document');
    assert.ok((await page.locator('main').screenshot()).equals(host_shot), 'host content pixel-identical');
  } finally {
    await context.close();
  }
});

// The auto scheme follows the page's own background since issue 19, no longer the system's
// setting: a dark page (dark.css) under a light system.
test('dark page (auto theme): dark card, zero axe violations', async () => {
  const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=fr&css=dark.css`, { viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
  try {
    await waitEvent(page, 'shown');
    const bg = await page.locator('pepite-survey .pp-card').evaluate((c) => getComputedStyle(c).backgroundColor);
    assert.equal(bg, 'rgb(27, 30, 35)');
    assert.equal(await page.locator('pepite-survey .pp-card').evaluate((c) => getComputedStyle(c).animationName), 'none', 'reduced motion: no animation');
    assert.deepEqual(await axe(page), []);
    await page.click('[data-pepite-score="0"]');
    await page.locator('pepite-survey [data-question="wrong"]').waitFor();
    assert.deepEqual(await axe(page), []);
  } finally {
    await context.close();
  }
});

test('strict CSP page: the card works with zero securitypolicyviolation', async () => {
  const { context, page, pageErrors } = await open(env.browser, `${env.server.url}/tests/e2e/pages/csp.html?lang=fr`, { viewport: { width: 1280, height: 800 } });
  try {
    const res = await page.request.get(`${env.server.url}/tests/e2e/pages/csp.html`);
    assert.match(res.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="10"]');
    await page.fill('pepite-survey textarea', 'Très bien, écrivez-moi à marie@exemple.fr');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.equal(payload.status, 'complete');
    // pepite-text.wasm compiled and ran under the same policy: the address was redacted.
    assert.equal(payload.answers.find((a) => a.questionId === 'comment').value, 'Très bien, écrivez-moi à [email]');
    // A styled card proves the constructable stylesheet applied.
    const bg = await page.locator('pepite-survey .pp-submit').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, 'rgb(26, 86, 219)');
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
