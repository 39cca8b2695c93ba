// End-to-end: the card in each of its twelve languages at 320 px and 1280 px (issue 20): its own texts, no overflow, no clipped text, axe, Arabic and Hebrew mirrored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, open, setup, waitEvent } from './lib/browser.js';
import { uiTexts } from './lib/core-node.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const SURVEY = '/tests/fixtures/surveys/twelve-locales.json';
const LOCALES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'ar', 'he'];
const RTL = new Set(['ar', 'he']);
const SIZES = {
  320: { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce' },
  1280: { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' },
};

/**
 * What the test checks in the page: texts, direction, positions, overflow and clipping.
 * @param {import('playwright-core').Page} page
 */
function inspect(page) {
  return page.locator('pepite-survey').evaluate((host) => {
    const root = /** @type {ShadowRoot} */ (host.shadowRoot);
    const card = /** @type {HTMLElement} */ (root.querySelector('.pp-card'));
    const box = card.getBoundingClientRect();
    const x = (/** @type {string} */ sel) => {
      const el = root.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return r.left + r.width / 2;
    };
    const clipped = [];
    const outside = [];
    for (const el of card.querySelectorAll('*')) {
      if (el.closest('.pp-sr') || /** @type {HTMLElement} */ (el).hidden) continue;
      const h = /** @type {HTMLElement} */ (el);
      const r = h.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) outside.push(`${h.tagName}.${h.className} ${Math.round(r.left)}-${Math.round(r.right)}`);
      const own_text = [...h.childNodes].some((n) => n.nodeType === 3 && /\S/.test(String(n.textContent)));
      // Clipped: wider than its box, or taller than a box that hides its overflow (a glyph's ink
      // over a line-height of 1 is drawn, not clipped).
      const hides = getComputedStyle(h).overflowY !== 'visible';
      if (own_text && h.clientWidth > 0 && (h.scrollWidth > h.clientWidth + 1 || (hides && h.scrollHeight > h.clientHeight + 1))) {
        clipped.push(`${h.tagName}.${h.className} "${h.textContent}" ${h.scrollWidth}x${h.scrollHeight} in ${h.clientWidth}x${h.clientHeight}`);
      }
    }
    // The comment's count reads "0 / 500" left to right in every language ("500 / 0" in a
    // right-to-left line unless isolated).
    const count = /** @type {Text | null} */ (root.querySelector('.pp-count')?.firstChild ?? null);
    const at = (/** @type {number} */ i) => {
      const r = document.createRange();
      r.setStart(/** @type {Text} */ (count), i);
      r.setEnd(/** @type {Text} */ (count), i + 1);
      return r.getBoundingClientRect().left;
    };
    const said = count ? String(count.textContent) : '';
    const countOrder = count ? (at(said.indexOf('0')) < at(said.indexOf('5')) ? 'n, max' : 'max, n') : null;
    const wrap = /** @type {HTMLElement} */ (root.querySelector('[data-pepite="card"]'));
    return {
      lang: wrap.getAttribute('lang'),
      dir: getComputedStyle(card).direction,
      title: root.querySelector('.pp-title')?.textContent,
      submit: root.querySelector('.pp-actions button:not([hidden]):last-of-type')?.textContent,
      ends: [...root.querySelectorAll('[data-question="nps"] .pp-ends span')].map((s) => s.textContent),
      faces: [...root.querySelectorAll('[data-question="order"] .pp-opt .pp-sr')].map((s) => s.textContent),
      x: { zero: x('[data-question="nps"] .pp-opt[data-value="0"]'), ten: x('[data-question="nps"] .pp-opt[data-value="10"]'), low: x('[data-question="nps"] .pp-ends span:first-child'), high: x('[data-question="nps"] .pp-ends span:last-child'), label: x('.pp-q-text'), close: x('.pp-close') },
      countOrder,
      cardScroll: [card.scrollWidth, card.clientWidth],
      pageScroll: document.documentElement.scrollWidth,
      clipped,
      outside,
    };
  });
}

for (const locale of LOCALES) {
  for (const width of [320, 1280]) {
    test(`${locale} at ${width} px: the card's own texts in ${locale}, fits, nothing clipped, axe clean${RTL.has(locale) ? ', mirrored' : ''}`, async () => {
      const url = `${env.server.url}/tests/e2e/pages/plain.html?${new URLSearchParams({ lang: locale, locale, survey: SURVEY })}`;
      const { context, page, pageErrors, warnings } = await open(env.browser, url, /** @type {any} */ (SIZES)[width]);
      try {
        await waitEvent(page, 'shown');
        const t = await uiTexts(locale);
        // The first step is the score alone (issue 19): the rest of the card comes with it.
        await page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="9"]').click();
        await page.locator('pepite-survey [data-question="order"]').waitFor();
        const m = await inspect(page);
        assert.equal(m.lang, locale);
        assert.equal(m.title, t.title);
        assert.deepEqual(m.ends, [t.npsLow, t.npsHigh]);
        assert.deepEqual(m.faces.map((f) => f.replace(/^\d – /, '')), [t.csat1, t.csat2, t.csat3, t.csat4, t.csat5]);
        assert.ok(m.submit && m.submit.startsWith(t.submit), `submit reads ${m.submit}`);
        assert.equal(m.countOrder, 'n, max', 'the count reads "0 / 500"');
        assert.ok(m.cardScroll[0] <= m.cardScroll[1], `the card scrolls sideways: ${m.cardScroll}`);
        assert.ok(m.pageScroll <= width, `the page scrolls sideways: ${m.pageScroll}`);
        assert.deepEqual(m.outside, [], 'elements outside the card');
        assert.deepEqual(m.clipped, [], 'clipped text');
        // The title names the dialog without showing (issue 19): the close button is placed
        // against the first question's label instead.
        const { zero, ten, low, high, label, close } = /** @type {Record<string, number>} */ (m.x);
        if (RTL.has(locale)) {
          assert.equal(m.dir, 'rtl');
          // 0 → 10 in reading order: 0 on the right, its label under it; the close button on the left.
          assert.ok(zero > ten, `0 at ${zero} is right of 10 at ${ten}`);
          assert.ok(low > high, `the low label at ${low} is right of the high one at ${high}`);
          assert.ok(close < label, 'the close button is on the left');
        } else {
          assert.equal(m.dir, 'ltr');
          assert.ok(zero < ten && low < high && close > label, `left to right: ${JSON.stringify(m.x)}`);
        }
        assert.deepEqual(await axe(page), []);
        // The thank-you screen in the same language.
        await page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="9"]').click();
        await page.locator('pepite-survey .pp-actions button:not([hidden]):last-of-type').click();
        await waitEvent(page, 'submit');
        await page.waitForFunction((want) => document.querySelector('pepite-survey')?.shadowRoot?.querySelector('.pp-title')?.textContent === want, t.thanksTitle, { timeout: 5000 });
        const done = await inspect(page);
        assert.deepEqual(done.clipped, [], 'clipped text on the thank-you screen');
        assert.ok(done.pageScroll <= width);
        assert.deepEqual(await axe(page), []);
        assert.deepEqual(pageErrors, []);
        assert.deepEqual(warnings.filter((w) => /pepite/i.test(w)), []);
      } finally {
        await context.close();
      }
    });
  }
}

test('a missing strings file: an error event, the card in English, nothing lost', async () => {
  const context = await env.browser.newContext(SIZES[1280]);
  await context.route('**/pepite-ui-de.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const url = `${env.server.url}/tests/e2e/pages/plain.html?${new URLSearchParams({ lang: 'de', locale: 'de', survey: SURVEY })}`;
  const { page } = await open(context, url);
  try {
    const error = await waitEvent(page, 'error');
    assert.equal(error.code, 'ui.load_failed');
    await waitEvent(page, 'shown');
    const m = await inspect(page);
    const en = await uiTexts('en');
    assert.equal(m.lang, 'de');
    assert.equal(m.title, en.title);
    assert.deepEqual(m.ends, [en.npsLow, en.npsHigh]);
  } finally {
    await context.close();
  }
});

test('right to left, ArrowLeft moves on to the next score and ArrowRight back (Hebrew)', async () => {
  const url = `${env.server.url}/tests/e2e/pages/plain.html?${new URLSearchParams({ lang: 'he', locale: 'he', survey: SURVEY })}`;
  const { context, page } = await open(env.browser, url, SIZES[1280]);
  try {
    await waitEvent(page, 'shown');
    const focused_value = () => page.evaluate(() => document.querySelector('pepite-survey')?.shadowRoot?.activeElement?.getAttribute('data-value'));
    await page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="0"]').focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused_value(), '1');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused_value(), '2');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused_value(), '1');
  } finally {
    await context.close();
  }
});
