// End-to-end: an inline card drawn below the fold is `shown` when the shopper sees it, not when
// it is drawn, and its response counts from then (startedAt, durationMs). With and without a first
// view drawn before the core; a floating card is `shown` at once as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventTypes, open, postedFor, ROOT, setup, until, waitEvent } from './lib/browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' };
const OUT = join(ROOT, 'build/e2e-seen');

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;

before(async () => {
  // The same survey with its first view, as `pepite-check --first-view` writes it.
  const check = [process.env.PEPITE_CHECK, join(ROOT, 'build/native/pepite-check')].find((p) => p && existsSync(p));
  if (!check) throw new Error('pepite-check not built (cmake --build build/native --target pepite-check)');
  const r = spawnSync(check, ['--first-view', '--locale', 'en', join(ROOT, 'tests/fixtures/surveys/post-purchase.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'post-purchase.en.json'), r.stdout);
  env = await setup();
});
after(async () => {
  await env.close();
});

/** @param {Record<string, string>} q */
const url = (q) => `${env.server.url}/tests/e2e/pages/plain.html?${new URLSearchParams({ lang: 'en', locale: 'en', endpoint: '/collect', ...q })}`;

/** Where the card's box is against the screen. @param {import('playwright-core').Page} page */
const card_box = (page) =>
  page.evaluate(() => {
    const host = document.querySelector('pepite-survey');
    const card = host && host.shadowRoot && host.shadowRoot.querySelector('.pp-card');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, screen: innerHeight };
  });

for (const [what, survey] of [
  ['drawn by the core', '/tests/fixtures/surveys/post-purchase.json'],
  ['drawn early from its first view', '/build/e2e-seen/post-purchase.en.json'],
]) {
  test(`an inline card below the fold (${what}) is shown once scrolled to; its response counts from then`, async () => {
    const order = `SEEN-${survey.includes('e2e-seen') ? 'EARLY' : 'CORE'}`;
    const { context, page, pageErrors } = await open(env.browser, url({ survey, order, position: 'inline', target: '#inline-target', css: 'below-fold.css' }), PHONE);
    try {
      await waitEvent(page, 'ready');
      await page.waitForFunction(() => !!document.querySelector('#inline-target pepite-survey'));
      const box = await card_box(page);
      assert.ok(box && box.top > box.screen, `the card is drawn below the first screen (top ${box && box.top} of ${box && box.screen})`);
      // Longer than the widget lets a session wait for its card (1 s): the session must count from the scroll.
      await page.waitForTimeout(1600);
      assert.ok(!(await eventTypes(page)).includes('shown'), 'no `shown` while the card is out of sight');
      const scrolled = await page.evaluate(() => {
        document.getElementById('inline-target').scrollIntoView({ block: 'center' });
        return Date.now();
      });
      const shown = await waitEvent(page, 'shown');
      assert.match(shown.responseId, /^[0-9a-f-]{36}$/);
      await page.click('[data-pepite-score="9"]');
      await page.click('pepite-survey .pp-submit');
      const payload = await waitEvent(page, 'submit');
      assert.equal(payload.responseId, shown.responseId, 'the response is the one `shown` named');
      const started = Date.parse(payload.context.startedAt);
      assert.ok(started >= scrolled - 50, `startedAt ${payload.context.startedAt} is when the card was scrolled to (${new Date(scrolled).toISOString()}), not when it was drawn`);
      assert.ok(payload.context.durationMs < Date.now() - scrolled + 50, `durationMs ${payload.context.durationMs} counts from the scroll`);
      await until(() => postedFor(env.server, order).some((b) => b.status === 'complete'), 'the complete response posted');
      const types = await eventTypes(page);
      assert.equal(types.filter((t) => t === 'shown').length, 1, 'shown once');
      assert.ok(types.indexOf('ready') < types.indexOf('shown'), 'ready, then shown');
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

test('an inline card below the fold is shown when the keyboard takes focus into it, before the shopper scrolls', async () => {
  const { context, page } = await open(env.browser, url({ order: 'SEEN-KEYS', position: 'inline', target: '#inline-target', css: 'below-fold.css' }), PHONE);
  try {
    await waitEvent(page, 'ready');
    await page.waitForFunction(() => !!document.querySelector('#inline-target pepite-survey'));
    assert.ok(!(await eventTypes(page)).includes('shown'));
    // Focus alone (no scroll by the test): a keyboard or screen reader user reached the card.
    await page.evaluate(() => {
      const root = /** @type {ShadowRoot} */ (document.querySelector('pepite-survey').shadowRoot);
      /** @type {HTMLElement} */ (root.querySelector('[data-pepite-score="5"]')).focus({ preventScroll: true });
    });
    await waitEvent(page, 'shown');
  } finally {
    await context.close();
  }
});

test('an inline card in sight, and a floating card, are shown at once', async () => {
  for (const q of [{ position: 'inline', target: '#inline-target' }, { position: 'bottom-right' }]) {
    const { context, page } = await open(env.browser, url({ order: `SEEN-AT-ONCE-${q.position}`, ...q }), PHONE);
    try {
      await waitEvent(page, 'ready');
      await waitEvent(page, 'shown');
      const box = await card_box(page);
      assert.ok(box && box.top < box.screen, `${q.position}: on the first screen`);
    } finally {
      await context.close();
    }
  }
});
