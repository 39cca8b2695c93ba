// End-to-end: the card on order pages built with real CSS frameworks as shops ship them (issue 19):
// Bootstrap 5, Bulma 1, Tailwind CSS 4, Pico CSS 2, UIkit 3, from node_modules (pinned
// devDependencies), linked as a shop links them, at 1280 × 800, 390 × 844 and 320 × 568. The card
// must look as it does on a bare page, keep the page's heading and total clear, cause no sideways
// scroll, pass axe, and take a whole answer by keyboard to the collector. Every page is served
// under the strictest policy of lib/browser.js (no inline style or script, nothing but the page's
// own origin, Trusted Types): zero `securitypolicyviolation`, the early card drawn from a
// precomputed first view included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compile } from 'tailwindcss';
import { axe, eventTypes, focused, open, postedFor, ROOT, setup, STRICTEST_CSP, until, waitEvent } from './lib/browser.js';

const FRAMEWORKS = ['bootstrap', 'bulma', 'tailwind', 'pico', 'uikit'];
/** The post-purchase survey with its first view (`pepite-check --first-view`), for the early card. */
const FIRST_VIEW = '/build/e2e-frameworks/post-purchase.en.json';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
/** Tailwind's utilities for the classes of tailwind.html, compiled by tailwindcss (offline). */
let tailwind_css = '';
before(async () => {
  env = await setup(Object.fromEntries(FRAMEWORKS.map((fw) => [`/tests/e2e/pages/frameworks/${fw}.html`, { 'content-security-policy': STRICTEST_CSP }])));
  const check = [process.env.PEPITE_CHECK, join(ROOT, 'build/native/pepite-check')].find((p) => p && existsSync(p));
  if (!check) throw new Error('pepite-check not built (cmake --build build/native --target pepite-check)');
  const r = spawnSync(check, ['--first-view', '--locale', 'en', join(ROOT, 'tests/fixtures/surveys/post-purchase.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  mkdirSync(join(ROOT, 'build/e2e-frameworks'), { recursive: true });
  writeFileSync(join(ROOT, FIRST_VIEW), r.stdout);
  const require = createRequire(import.meta.url);
  const tw = await compile('@import "tailwindcss";', {
    base: ROOT,
    loadStylesheet: async (id, base) => {
      const path = require.resolve(id === 'tailwindcss' ? 'tailwindcss/index.css' : id);
      return { path, base, content: readFileSync(path, 'utf8') };
    },
  });
  const html = readFileSync(join(ROOT, 'tests/e2e/pages/frameworks/tailwind.html'), 'utf8');
  const classes = [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/)).filter(Boolean);
  tailwind_css = tw.build(classes);
});
after(async () => {
  await env.close();
});

const SIZES = /** @type {const} */ ([
  ['desktop', { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }],
  ['phone 390', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' }],
  ['phone 320', { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' }],
]);

/**
 * Waits for the card on the page. Not for `shown`: at 320 × 568 the card goes into the page after
 * the order summary, below the fold, and is `shown` only once the shopper gets to it.
 * @param {import('playwright-core').Page} page
 */
async function card_drawn(page) {
  await waitEvent(page, 'ready');
  await page.waitForFunction(() => {
    const host = document.querySelector('pepite-survey');
    return !!(host && host.shadowRoot && host.shadowRoot.querySelector('.pp-card'));
  });
}

/**
 * Opens a page of tests/e2e/pages (query: host.js options); tailwind.built.css is compiled above.
 * @param {object} options context options
 * @param {string} path
 * @param {string} query
 */
async function open_page(options, path, query) {
  const context = await env.browser.newContext(options);
  await context.route('**/tailwind.built.css', (route) => route.fulfill({ body: tailwind_css, contentType: 'text/css' }));
  const opened = await open(context, `${env.server.url}/tests/e2e/pages/${path}?lang=en&${query}`);
  await card_drawn(opened.page);
  // Fonts and layout settle (a framework's web font, the placement's first check).
  await opened.page.waitForTimeout(150);
  return opened;
}

// What the card's look is made of, per element: everything a framework's rules could change
// (colours that follow the page's text colour, as designed, are compared separately).
const PROPS = ['box-sizing', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'text-transform', 'text-decoration-line', 'text-align',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-top-style', 'border-top-left-radius',
  'background-color', 'background-image', 'box-shadow', 'outline-style', 'appearance', 'cursor', 'display', 'vertical-align', 'opacity', 'filter', 'transform', 'transition-duration'];

/**
 * The card's computed look, the boxes that matter to the shopper and the page's own layout.
 * @param {import('playwright-core').Page} page
 */
function look(page) {
  return page.evaluate((props) => {
    const root = /** @type {ShadowRoot} */ (/** @type {Element} */ (document.querySelector('pepite-survey')).shadowRoot);
    const box = (/** @type {Element} */ e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    /** @type {Record<string, string>} */
    const styles = {};
    for (const sel of ['.pp-card', '.pp-close', '.pp-q-text', '.pp-opt', '.pp-ends', '.pp-choice', '.pp-choice input', '.pp-text', '.pp-count', '.pp-actions', '.pp-submit']) {
      const e = root.querySelector(sel);
      if (!e || /** @type {HTMLElement} */ (e).offsetParent === null) continue;
      const cs = getComputedStyle(e);
      for (const p of props) styles[`${sel} ${p}`] = cs.getPropertyValue(p);
      // The Send button's width follows its label in the page's font; the others are fixed.
      if (sel === '.pp-opt' || sel === '.pp-close') styles[`${sel} size`] = `${Math.round(box(e).width)}×${Math.round(box(e).height)}`;
      if (sel === '.pp-submit') styles[`${sel} height`] = `${Math.round(box(e).height)}`;
    }
    const card = /** @type {HTMLElement} */ (root.querySelector('.pp-card'));
    const c = box(card);
    const covered = [...document.querySelectorAll('h1, .order-total')]
      .map((e) => ({ what: e.tagName.toLowerCase(), r: box(e) }))
      .filter(({ r }) => r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)
      .map(({ what, r }) => `${what} ${Math.round(r.top)}–${Math.round(r.bottom)} under the card ${Math.round(c.top)}–${Math.round(c.bottom)}`);
    const nps = [...root.querySelectorAll('[data-question="nps"] .pp-opt')];
    const t = document.querySelector('.order-total');
    const total = t ? box(t) : { top: 0, bottom: 0 };
    return {
      styles,
      card: c,
      covered,
      // In the page's flow (no place on the screen for a floating card) or floating.
      inline: /** @type {HTMLElement} */ (card.parentElement).classList.contains('pp-inline'),
      position: getComputedStyle(card).position,
      total,
      font: [getComputedStyle(card).fontFamily, getComputedStyle(/** @type {Element} */ (document.querySelector('pepite-survey')).parentElement).fontFamily],
      pageScroll: document.documentElement.scrollWidth,
      cardScroll: [card.scrollWidth, card.clientWidth],
      rows: new Set(nps.map((b) => /** @type {HTMLElement} */ (b).offsetTop)).size,
      buttons: nps.map(box),
      shown: [...root.querySelectorAll('[data-question]')].map((e) => e.getAttribute('data-question')),
      vw: innerWidth,
      vh: innerHeight,
    };
  }, PROPS);
}

/** What the page's policy refused so far (host.js records `securitypolicyviolation`). @param {import('playwright-core').Page} page */
const violations = (page) => page.evaluate(() => /** @type {any} */ (window).__violations);

/**
 * The card's computed look against the bare page's, property by property. An inline card on a
 * phone (`band`) takes the screen's width, ruled above and below, where the bare page's inline
 * card keeps its column (whose scale wraps): those properties are checked by assert_shape.
 * @param {Record<string, string>} got @param {Record<string, string>} want @param {string} what @param {boolean} [band]
 */
function assert_same_look(got, want, what, band) {
  const placed = ['.pp-card margin-left', '.pp-card border-right-width', '.pp-card border-left-width', '.pp-card border-top-left-radius', '.pp-opt size'];
  const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].filter((k) => !(band && placed.includes(k)));
  const differ = keys.filter((k) => got[k] !== want[k]).map((k) => `${k}: ${got[k]} (bare page: ${want[k]})`);
  assert.deepEqual(differ, [], `${what} differs from the bare page's`);
}

/**
 * @param {Awaited<ReturnType<typeof look>>} m
 * @param {string} what
 */
function assert_shape(m, what) {
  assert.ok(m.pageScroll <= m.vw, `${what}: the page scrolls sideways (${m.pageScroll} > ${m.vw})`);
  assert.ok(m.cardScroll[0] <= m.cardScroll[1], `${what}: the card scrolls sideways (${m.cardScroll})`);
  assert.equal(m.buttons.length, 11, what);
  assert.equal(m.rows, 1, `${what}: the NPS scale wraps`);
  for (const b of m.buttons) assert.ok(b.width >= 24 && b.height >= 44, `${what}: an NPS button is ${b.width} × ${b.height}`);
  if (m.inline) {
    // In the page, right after the order summary: the shopper scrolls on past the total to it.
    assert.equal(m.position, 'relative', `${what}: an inline card is in the flow`);
    assert.ok(m.card.left >= 0 && m.card.right <= m.vw + 0.5, `${what}: the card is within the screen's width`);
    assert.ok(m.card.top >= m.total.bottom && m.card.top - m.total.bottom < 80, `${what}: the card ${m.card.top}–${m.card.bottom} is not right after the total ${m.total.top}–${m.total.bottom}`);
  } else {
    assert.equal(m.position, 'fixed', `${what}: a floating card`);
    assert.ok(m.card.left >= 0 && m.card.right <= m.vw + 0.5 && m.card.top >= 0 && m.card.bottom <= m.vh + 0.5, `${what}: the card is on screen`);
  }
  assert.equal(m.font[0], m.font[1], `${what}: the card takes the page's font`);
  assert.deepEqual(m.covered, [], `${what}: the card covers the heading or the total`);
}

/** The focus ring on a score reached with the arrows: style, colour, offset. @param {import('playwright-core').Page} page */
function ring(page) {
  return page.evaluate(() => {
    const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
    const cs = getComputedStyle(root.activeElement);
    // The inner ring is the card's text colour (the page's, where it reads on the card).
    const inner = cs.boxShadow === `${getComputedStyle(root.querySelector('.pp-card')).color} 0px 0px 0px 2px` ? 'inner ring of the text colour' : `inner ring ${cs.boxShadow}`;
    return `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} offset ${cs.outlineOffset}, ${inner}`;
  });
}

/**
 * The whole answer by keyboard: Tab into the scale, arrows to 9, Space, the follow-up, a comment,
 * Send. Returns the look after the score and the focus ring.
 * @param {import('playwright-core').Page} page
 */
async function answer_by_keyboard(page) {
  let steps = 0;
  while (!(await focused(page)).startsWith('button.pp-opt') && steps++ < 40) await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'button.pp-opt[0]', 'Tab reaches the scale');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'button.pp-opt[9]');
  const focus_ring = await ring(page);
  await page.keyboard.press('Space');
  assert.equal((await waitEvent(page, 'score')).nps, 9);
  await page.locator('pepite-survey [data-question="liked"]').waitFor();
  await page.waitForTimeout(150);
  const grown = await look(page);
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /^input\[price\]/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /^textarea/);
  await page.keyboard.type('Parfait');
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /pp-submit/);
  await page.keyboard.press('Enter');
  const payload = await waitEvent(page, 'submit');
  assert.deepEqual(payload.answers.map((/** @type {any} */ a) => [a.questionId, a.value]), [['nps', 9], ['liked', 'speed'], ['comment', 'Parfait']]);
  return { grown, focus_ring };
}

for (const [size, options] of SIZES) {
  /**
   * The card on the bare page (plain.html, host.css only) at this size, floating or (`inline`)
   * in the page's flow: what every framework page must match.
   * @type {Record<string, any>}
   */
  const bare = {};
  const bare_look = async (/** @type {boolean} */ inline) => {
    const key = String(inline);
    if (bare[key]) return bare[key];
    const { context, page } = await open_page(options, 'plain.html', `order=BARE-${options.viewport.width}-${key}&endpoint=/collect${inline ? '&position=inline&target=%23inline-target' : ''}`);
    try {
      const first = await look(page);
      const { grown, focus_ring } = await answer_by_keyboard(page);
      bare[key] = { first, grown, focus_ring };
      return bare[key];
    } finally {
      await context.close();
    }
  };

  for (const fw of FRAMEWORKS) {
    test(`${fw}, ${size}: the card looks as on a bare page, keeps the heading and total clear, passes axe, answers by keyboard`, async () => {
      const order = `FW-${fw}-${options.viewport.width}`;
      const { context, page, pageErrors } = await open_page(options, `frameworks/${fw}.html`, `order=${order}&endpoint=/collect`);
      try {
        // At 320 × 568 these pages leave a floating card no place: the fixed navbar and the
        // heading take the top, the total sits in the bottom third (the first step is 150 px; it
        // covered one of them). There the card goes into the page, after the order summary.
        const first = await look(page);
        assert_shape(first, 'first step');
        assert.equal(first.inline, options.viewport.width === 320, 'inline at 320 × 568 only');
        const want = await bare_look(first.inline);
        assert.deepEqual(first.shown, ['nps'], 'the score alone first');
        assert_same_look(first.styles, want.first.styles, 'the first step', first.inline);
        if (options.viewport.width < 480) assert.ok(first.card.height <= first.vh / 3, `the first step takes ${first.card.height} px of ${first.vh}`);
        assert.deepEqual(await axe(page, 'pepite-survey'), [], 'axe on the card, first step');

        const { grown, focus_ring } = await answer_by_keyboard(page);
        assert_shape(grown, 'after the score');
        assert.equal(grown.inline, first.inline, 'it stays where it went');
        assert.deepEqual(grown.shown, ['nps', 'liked', 'comment']);
        assert_same_look(grown.styles, want.grown.styles, 'the follow-up', grown.inline);
        assert.equal(focus_ring, want.focus_ring, 'the focus ring');
        assert.equal(focus_ring, 'solid 3px rgb(26, 86, 219) offset 2px, inner ring of the text colour', 'the focus ring is the accent');

        await until(() => postedFor(env.server, order).some((b) => b.status === 'complete'), 'the complete POST');
        const sent = postedFor(env.server, order).find((b) => b.status === 'complete');
        assert.deepEqual(sent.answers.map((/** @type {any} */ a) => [a.questionId, a.value]), [['nps', 9], ['liked', 'speed'], ['comment', 'Parfait']]);
        assert.deepEqual(await axe(page, 'pepite-survey'), [], 'axe on the card, thank-you screen');
        assert.deepEqual(await violations(page), [], 'the strict policy');
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }
}

// The smallest phone (320 × 568) when the shop names its total (`data-keep-clear`, the amount's
// cell): the card never covers it. Shown at load, no floating place leaves the heading and the
// total clear, so the card goes into the page after the order summary; it stays there when the
// follow-up grows. Shown once the shopper has scrolled to the end (a `delay`), a floating place is
// free: then the on-screen keyboard for the comment leaves 300 px visible, and the card stays
// within them, above the keyboard, the comment box in view, and scrolls inside instead of running
// off the screen.
const TOTAL = '.order-total > :last-child';
for (const fw of FRAMEWORKS) {
  for (const scrolled of [false, true]) {
    const name = scrolled ? 'shown after scrolling to the end: floating; with the keyboard open the card fits the 300 px left' : 'shown at load: inline after the summary, also once grown';
    test(`${fw}, 320 × 568, the total named: never covered; ${name}`, async () => {
      const context = await env.browser.newContext(SIZES[2][1]);
      await context.route('**/tailwind.built.css', (route) => route.fulfill({ body: tailwind_css, contentType: 'text/css' }));
      // Headless Chromium has no on-screen keyboard: the visual viewport it would leave, as the page
      // sees it (window.__keyboard(px) opens it).
      await context.addInitScript(() => {
        const vv = new EventTarget();
        let height = 568;
        for (const [k, v] of Object.entries({ width: () => 320, height: () => height, offsetTop: () => 0, offsetLeft: () => 0, pageTop: () => 0, pageLeft: () => 0, scale: () => 1 })) {
          Object.defineProperty(vv, k, { get: v });
        }
        Object.defineProperty(window, 'visualViewport', { get: () => vv });
        /** @type {any} */ (window).__keyboard = (/** @type {number} */ px) => {
          height = 568 - px;
          vv.dispatchEvent(new Event('resize'));
        };
      });
      const { page, pageErrors } = await open(context, `${env.server.url}/tests/e2e/pages/frameworks/${fw}.html?lang=en&keepClear=${encodeURIComponent(TOTAL)}${scrolled ? '&delay=1000' : ''}`);
      try {
        if (scrolled) await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
        await card_drawn(page);
        await page.waitForTimeout(150);
        const named = async () => page.evaluate((sel) => {
          const el = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card');
          const card = el.getBoundingClientRect();
          const total = /** @type {Element} */ (document.querySelector(sel)).getBoundingClientRect();
          return { card: [card.top, card.bottom], total: [total.top, total.bottom], covered: total.top < card.bottom && card.top < total.bottom, position: getComputedStyle(el).position };
        }, TOTAL);
        const first = await named();
        assert.equal(first.covered, false, `the card ${first.card} covers the named total ${first.total}`);
        assert.equal(first.position, scrolled ? 'fixed' : 'relative');
        if (!scrolled) assert.ok(first.card[0] >= first.total[1], `the card ${first.card} is not after the total ${first.total}`);
        if (!scrolled) {
          // Inline after the summary: `shown` once half of it is on the screen, not before.
          const in_sight = Math.min(first.card[1], 568) - Math.max(first.card[0], 0) >= (first.card[1] - first.card[0]) / 2;
          if (!in_sight) {
            await page.waitForTimeout(300);
            assert.ok(!(await eventTypes(page)).includes('shown'), `no \`shown\` while the card ${first.card} is below the fold`);
            await page.evaluate(() => /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card').scrollIntoView({ block: 'end' }));
          }
          await waitEvent(page, 'shown');
          if (!in_sight) await page.evaluate(() => scrollTo(0, 0));
        }
        assert.ok(first.card[1] - first.card[0] <= 568 / 3, `the first step takes ${first.card[1] - first.card[0]} px`);
        await page.click('[data-pepite-score="4"]');
        await page.locator('pepite-survey [data-question="wrong"]').waitFor();
        await page.waitForTimeout(150);
        const grown = await named();
        assert.equal(grown.covered, false, `after the score, the card ${grown.card} covers the named total ${grown.total}`);
        assert.equal(grown.position, first.position, 'it stays where it went');
        if (!scrolled) {
          // Scrolled back to the top: the heading and the total in view, the card below them.
          await page.evaluate(() => scrollTo(0, 0));
          await page.waitForTimeout(100);
          const top = await named();
          assert.equal(top.covered, false);
          assert.ok(top.card[0] >= top.total[1], `the card ${top.card} is not after the total ${top.total}`);
          assert.deepEqual(await violations(page), []);
          assert.deepEqual(pageErrors, []);
          return;
        }

        await page.focus('pepite-survey textarea');
        await page.evaluate(() => /** @type {any} */ (window).__keyboard(268));
        await page.waitForTimeout(200);
        const kb = await page.evaluate(() => {
          const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
          const card = root.querySelector('.pp-card');
          const c = card.getBoundingClientRect();
          const t = root.querySelector('textarea').getBoundingClientRect();
          return { top: c.top, bottom: c.bottom, scrolls: card.scrollHeight > card.clientHeight, overflow: getComputedStyle(card).overflowY, text: [t.top, t.bottom], sideways: document.documentElement.scrollWidth };
        });
        assert.ok(kb.top >= 0 && kb.bottom <= 300.5, `the card runs ${kb.top}–${kb.bottom} with 300 px visible`);
        assert.ok(kb.text[0] >= kb.top - 0.5 && kb.text[1] <= kb.bottom + 0.5, `the comment box ${kb.text} is out of the card's view ${kb.top}–${kb.bottom}`);
        assert.equal(kb.overflow, 'auto');
        assert.ok(kb.scrolls, 'the rest of the card is reached by scrolling inside it');
        assert.ok(kb.sideways <= 320, `the page scrolls sideways: ${kb.sideways}`);
        assert.deepEqual(await violations(page), []);
        assert.deepEqual(pageErrors, []);
      } finally {
        await context.close();
      }
    });
  }
}

// The early card (issue 19) on the same pages under the same policy: the first view computed
// ahead of time by pepite-check is drawn while pepite-core.wasm is held back, a score tapped then
// is kept, the core arrives, and the answer goes to the collector; no violation at any point,
// axe on the early card and on the thank-you screen.
for (const fw of FRAMEWORKS) {
  test(`${fw} under the strict CSP: the early card, a score before the core, delivered, zero violations`, async () => {
    const context = await env.browser.newContext(SIZES[1][1]);
    await context.route('**/tailwind.built.css', (route) => route.fulfill({ body: tailwind_css, contentType: 'text/css' }));
    /** @type {() => void} */
    let release = () => {};
    const gate = new Promise((r) => {
      release = () => r(undefined);
    });
    let core_asked = false;
    await context.route('**/dist/pepite-core.wasm', async (route) => {
      core_asked = true;
      await gate;
      await route.continue().catch(() => {});
    });
    const order = `FW-CSP-${fw}`;
    const url = `${env.server.url}/tests/e2e/pages/frameworks/${fw}.html`;
    const { page, pageErrors } = await open(context, `${url}?lang=en&order=${order}&endpoint=/collect&survey=${encodeURIComponent(FIRST_VIEW)}`);
    try {
      assert.equal((await page.request.get(url)).headers()['content-security-policy'], STRICTEST_CSP);
      await page.locator('pepite-survey [data-question="nps"]').waitFor();
      await until(() => core_asked, 'the core asked for');
      assert.ok(!(await page.evaluate(() => /** @type {any} */ (window).__events.some((/** @type {any} */ e) => e.type === 'ready'))), 'drawn before the core');
      assert.deepEqual(await violations(page), [], 'the early card');
      assert.deepEqual(await axe(page, 'pepite-survey'), [], 'axe on the early card');
      await page.click('[data-pepite-score="9"]');
      release();
      await waitEvent(page, 'ready');
      await page.locator('pepite-survey [data-question="liked"]').waitFor();
      await page.fill('pepite-survey textarea', 'Parfait');
      await page.click('pepite-survey .pp-submit');
      assert.equal((await waitEvent(page, 'submit')).status, 'complete');
      await until(() => postedFor(env.server, order).some((b) => b.status === 'complete'), 'the complete POST');
      const sent = postedFor(env.server, order).find((b) => b.status === 'complete');
      assert.deepEqual(sent.answers.map((/** @type {any} */ a) => [a.questionId, a.value]), [['nps', 9], ['comment', 'Parfait']]);
      assert.deepEqual(await axe(page, 'pepite-survey'), [], 'axe on the thank-you screen');
      await page.waitForTimeout(100);
      assert.deepEqual(await violations(page), [], 'after the answer');
      assert.deepEqual(pageErrors, []);
    } finally {
      release();
      await context.close();
    }
  });
}
