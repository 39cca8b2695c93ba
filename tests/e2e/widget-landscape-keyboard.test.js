// End-to-end: a phone in landscape with the on-screen keyboard open (issue 20): the card uses the whole visible height left, not 83 px of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, setup, waitEvent } from './lib/browser.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const LANDSCAPE = { viewport: { width: 667, height: 375 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' };
/** What a keyboard leaves visible in landscape (iPhone SE: 375 px high, 260 px of keyboard). */
const VISIBLE = 115;

test(`landscape, keyboard open (${VISIBLE} px visible): the card fills what is visible`, async () => {
  const context = await env.browser.newContext(LANDSCAPE);
  // Headless Chromium has no on-screen keyboard: the visual viewport it would leave, as the page sees it.
  await context.addInitScript((visible) => {
    const vv = new EventTarget();
    for (const [k, v] of Object.entries({ width: 667, height: visible, offsetTop: 0, offsetLeft: 0, pageTop: 0, pageLeft: 0, scale: 1 })) {
      Object.defineProperty(vv, k, { get: () => v });
    }
    Object.defineProperty(window, 'visualViewport', { get: () => vv });
  }, VISIBLE);
  const { page } = await open(context, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&locale=en`);
  try {
    await waitEvent(page, 'shown');
    const box = await page.locator('pepite-survey .pp-card').boundingBox();
    assert.ok(box);
    assert.ok(box.y >= 0, `the card's top is on screen: ${box.y}`);
    assert.ok(box.y + box.height <= VISIBLE + 0.5, `the card ends above the keyboard: ${box.y + box.height}`);
    assert.ok(box.height >= VISIBLE - 1, `the card is ${box.height} px high of ${VISIBLE} visible`);
  } finally {
    await context.close();
  }
});
