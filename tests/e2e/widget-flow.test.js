// End-to-end: a shopper answers in French and English, by mouse and keyboard only, on desktop and phone (issue 4).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, eventTypes, focused, open, setup, waitEvent } from './lib/browser.js';
import { checkPayload } from './lib/core-node.js';

const SURVEY = 'tests/fixtures/surveys/post-purchase.json';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
const TEXTS = {
  fr: { question: 'Recommanderiez-vous', submit: 'Envoyer', close: 'Fermer' },
  en: { question: 'How likely', submit: 'Send', close: 'Close' },
};

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

/** @param {import('playwright-core').Page} page @param {string} step */
async function assert_accessible(page, step) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `axe violations at step "${step}"`);
}

/**
 * Checks the card layout: no horizontal scroll, touch targets at least 44 × 44 px, except the
 * eleven NPS buttons, on one line since issue 19: 44 px high and at least 24 px wide (WCAG 2.2
 * target size minimum, 2.5.8).
 */
async function assert_layout(page, viewport) {
  const m = await page.evaluate(() => {
    const root = /** @type {ShadowRoot} */ (document.querySelector('pepite-survey').shadowRoot);
    const card = root.querySelector('.pp-card').getBoundingClientRect();
    const small = [];
    for (const el of root.querySelectorAll('button, .pp-choice, textarea, a')) {
      const r = el.getBoundingClientRect();
      const least = el.closest('.pp-n11') ? 24 : 44;
      if (r.width > 0 && (r.width < least || r.height < 44)) small.push(`${el.className} ${r.width}x${r.height}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, card: { left: card.left, right: card.right, bottom: card.bottom, width: card.width }, small };
  });
  assert.ok(m.scrollWidth <= viewport.width, `horizontal scroll: ${m.scrollWidth} > ${viewport.width}`);
  assert.deepEqual(m.small, [], 'touch targets under 44 × 44 px');
  assert.ok(m.card.left >= 0 && m.card.right <= viewport.width, 'card inside the viewport');
  if (viewport.width < 480) {
    assert.equal(Math.round(m.card.width), viewport.width, 'bottom sheet is full width');
    assert.equal(Math.round(m.card.bottom), viewport.height, 'bottom sheet sits on the bottom edge');
  }
}

/** Common end of a flow: the submit payload is valid for the core, events in order, host intact. */
async function assert_submitted(page, pageErrors, warnings) {
  const payload = await waitEvent(page, 'submit');
  assert.equal(payload.status, 'complete');
  assert.equal(payload.properties.orderId, 'A-10023');
  const check = await checkPayload(payload, SURVEY);
  assert.deepEqual(check.errors, []);
  assert.equal(check.ok, true);
  const types = await eventTypes(page);
  for (const t of ['ready', 'shown', 'answer', 'score', 'submit']) assert.ok(types.includes(t), `event ${t} fired`);
  assert.ok(types.indexOf('ready') < types.indexOf('shown') && types.indexOf('shown') < types.indexOf('submit'));
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), []);
  await page.click('#host-button');
  assert.equal(await page.textContent('#host-output'), 'host works 1');
  return payload;
}

for (const lang of ['fr', 'en']) {
  for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${lang} ${device}: mouse`, async () => {
      const { context, page, pageErrors, warnings } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=${lang}`, { viewport, reducedMotion: 'reduce' });
      try {
        await waitEvent(page, 'shown');
        assert.equal(await page.evaluate(() => performance.getEntriesByName('widget-ready', 'mark').length), 1, 'performance mark widget-ready');
        const card = page.locator('pepite-survey .pp-card');
        assert.match(await card.textContent(), new RegExp(TEXTS[lang].question));
        assert.equal(await page.locator('pepite-survey .pp-close').getAttribute('aria-label'), TEXTS[lang].close);
        await assert_layout(page, viewport);
        // The end labels are the descriptions of the 0 and 10 buttons (read by screen readers).
        const ends = await page.evaluate(() => {
          const root = document.querySelector('pepite-survey').shadowRoot;
          const described = (/** @type {string} */ v) => root.getElementById(root.querySelector(`[data-pepite-score="${v}"]`).getAttribute('aria-describedby')).textContent;
          return [described('0'), described('10')];
        });
        assert.deepEqual(ends, lang === 'fr' ? ['Pas du tout probable', 'Très probable'] : ['Not at all likely', 'Extremely likely']);
        await assert_accessible(page, 'open');
        // A detractor score: the follow-up appears in the same card.
        await page.click('[data-pepite-score="3"]');
        const score = await waitEvent(page, 'score');
        assert.equal(score.category, 'detractor');
        await page.locator('pepite-survey [data-question="wrong"]').waitFor();
        assert.equal(await page.getAttribute('[data-pepite-score="3"]', 'aria-checked'), 'true');
        await page.click('pepite-survey .pp-choice:has(input[value="late"])');
        await page.click('pepite-survey .pp-choice:has(input[value="other"])');
        const other = page.locator('pepite-survey [data-question="wrong"] input[type="text"]');
        await other.fill(lang === 'fr' ? 'carton ouvert' : 'box opened');
        assert.equal(await other.getAttribute('aria-label'), lang === 'fr' ? 'Autre' : 'Other');
        await page.fill('pepite-survey textarea', lang === 'fr' ? 'Colis arrivé en retard.' : 'The parcel was late.');
        await assert_layout(page, viewport);
        await assert_accessible(page, 'follow-up shown');
        await page.click('pepite-survey .pp-submit');
        const payload = await assert_submitted(page, pageErrors, warnings);
        assert.deepEqual(payload.answers.map((a) => a.questionId), ['nps', 'wrong', 'comment']);
        assert.deepEqual(payload.answers[1].value, ['late', 'other']);
        assert.equal(payload.answers[1].otherText, lang === 'fr' ? 'carton ouvert' : 'box opened');
        assert.equal(payload.context.locale, lang);
        await page.locator('pepite-survey .pp-thanks').waitFor();
        await assert_accessible(page, 'thank-you');
        await page.click('pepite-survey .pp-close');
        await waitEvent(page, 'close');
        assert.equal(await page.locator('pepite-survey').count(), 0);
      } finally {
        await context.close();
      }
    });
  }
}

for (const [device, viewport, lang] of [['desktop', DESKTOP, 'fr'], ['phone', PHONE, 'en']]) {
  test(`${lang} ${device}: keyboard only`, async () => {
    const { context, page, pageErrors, warnings } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=${lang}`, { viewport, reducedMotion: 'reduce' });
    try {
      await waitEvent(page, 'shown');
      // Tab from the top of the page into the card: host button, close button, then the scale.
      let steps = 0;
      while (!(await focused(page)).startsWith('button.pp-opt') && steps++ < 15) await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button.pp-opt[0]', 'the radio group is one tab stop, entered on 0');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(page), 'button.pp-opt[2]');
      await page.keyboard.press('End');
      assert.equal(await focused(page), 'button.pp-opt[10]');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await focused(page), 'button.pp-opt[10]', 'arrows wrap around');
      await page.keyboard.press('ArrowLeft');
      assert.equal((await eventTypes(page)).includes('answer'), false, 'arrows move, they do not select');
      await page.keyboard.press('Space');
      const score = await waitEvent(page, 'score');
      assert.equal(score.nps, 9);
      assert.equal(await focused(page), 'button.pp-opt[9]', 'focus stays on the chosen score');
      // Promoter follow-up: "liked" radios, then the comment.
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /^input\[price\]/);
      await page.keyboard.press('ArrowDown');
      await waitEvent(page, 'answer', 2);
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /^textarea/);
      await page.keyboard.type('Parfait !');
      // The count is shown at once and announced politely, throttled.
      assert.equal(await page.textContent('pepite-survey .pp-count'), '9 / 1000');
      await page.waitForFunction(() => document.querySelector('pepite-survey').shadowRoot.querySelector('[aria-live="polite"]').textContent === '9 / 1000', null, { timeout: 3000 });
      await assert_accessible(page, 'keyboard follow-up');
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /pp-submit/);
      await page.keyboard.press('Enter');
      await waitEvent(page, 'submit');
      assert.match(await focused(page), /^h2\.pp-title/, 'focus moves to the thank-you title');
      await assert_accessible(page, 'keyboard thank-you');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await waitEvent(page, 'close');
      assert.equal(await page.locator('pepite-survey').count(), 0);
      const payload = await assert_submitted(page, pageErrors, warnings);
      assert.deepEqual(payload.answers.map((a) => [a.questionId, a.value]), [['nps', 9], ['liked', 'speed'], ['comment', 'Parfait !']]);
    } finally {
      await context.close();
    }
  });
}
