// End-to-end: the card as a shopper on a phone sees it (issue 19), on the demo shop's real order
// page (demo/index.html, shop.css, the script tag as shipped) at 1280 × 800, 390 × 844 and
// 320 × 568: compact first step, the NPS scale on one line, out of the page's h1 and of what the
// shop names in `keepClear`, the page's font, text colour and background scheme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, open, ROOT, setup, STRICT_CSP, waitEvent } from './lib/browser.js';
import { decodePng } from './lib/png.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const SIZES = /** @type {const} */ ([
  ['desktop', { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }],
  ['phone 390', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' }],
  ['phone 320', { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' }],
]);

const TYPES = { html: 'text/html', css: 'text/css', js: 'text/javascript', json: 'application/json', wasm: 'application/wasm', svg: 'image/svg+xml', txt: 'text/plain' };

/**
 * Opens the demo shop's order page as the collector serves it (`/` the demo, `/pepite/` the
 * build, `/pepite/surveys/` the demo's surveys), from the files of this checkout; the script
 * tag gets `attrs` and shows at once. `csp`: served under the strict policy, violations recorded.
 * @param {object} context_options
 * @param {{ attrs?: string, csp?: boolean }} [o]
 */
async function demo(context_options, o = {}) {
  const context = await env.browser.newContext(context_options);
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await context.route('http://shop.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/v1/responses') return route.fulfill({ status: 204 });
    const file = path === '/' ? 'demo/index.html' : path.startsWith('/pepite/surveys/') ? 'demo' + path.slice(7) : path.startsWith('/pepite/') ? 'dist' + path.slice(7) : 'demo' + path;
    let body = readFileSync(join(ROOT, file));
    if (path === '/') body = Buffer.from(String(body).replace('data-delay="1000"', `data-delay="0" ${o.attrs || ''}`));
    const headers = path === '/' && o.csp ? { 'content-security-policy': STRICT_CSP } : {};
    return route.fulfill({ body, headers, contentType: /** @type {any} */ (TYPES)[file.split('.').pop() || ''] || 'application/octet-stream' });
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto('http://shop.test/');
  await page.locator('pepite-survey .pp-card').waitFor();
  return { context, page, pageErrors };
}

/**
 * What the shopper sees: the card's box, the NPS buttons, the page's h1 and named elements.
 * @param {import('playwright-core').Page} page
 * @param {string} [keep] selectors of what the card must not cover, besides h1
 */
function look(page, keep) {
  return page.evaluate((sel) => {
    const root = /** @type {ShadowRoot} */ (/** @type {Element} */ (document.querySelector('pepite-survey')).shadowRoot);
    const card = /** @type {HTMLElement} */ (root.querySelector('.pp-card'));
    const box = (/** @type {Element} */ e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const c = box(card);
    const covered = [...document.querySelectorAll(sel ? 'h1,' + sel : 'h1')]
      .map((e) => ({ what: e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''), r: box(e) }))
      .filter(({ r }) => r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)
      .map(({ what, r }) => `${what} ${Math.round(r.top)}–${Math.round(r.bottom)} under the card ${Math.round(c.top)}–${Math.round(c.bottom)}`);
    const nps = [...root.querySelectorAll('[data-question="nps"] .pp-opt')];
    const ends = [...root.querySelectorAll('[data-question="nps"] .pp-ends span')].map(box);
    return {
      card: c,
      covered,
      // In the page's flow after the order summary (no place on the screen for a floating card).
      inline: getComputedStyle(card).position === 'relative',
      pageScroll: document.documentElement.scrollWidth,
      cardScroll: [card.scrollWidth, card.clientWidth],
      tops: [...new Set(nps.map((b) => /** @type {HTMLElement} */ (b).offsetTop))],
      buttons: nps.map(box),
      ends,
      title: getComputedStyle(/** @type {Element} */ (root.querySelector('.pp-title'))).width,
      shown: [...root.querySelectorAll('[data-question]')].map((e) => e.getAttribute('data-question')),
      submit: !(/** @type {HTMLElement} */ (root.querySelector('.pp-submit')).closest('[hidden]') || /** @type {HTMLElement} */ (root.querySelector('.pp-submit')).hidden),
      vh: innerHeight,
      vw: innerWidth,
    };
  }, keep || '');
}

/** The checks every state of the card passes at every size. @param {Awaited<ReturnType<typeof look>>} m */
function assert_common(m) {
  assert.ok(m.pageScroll <= m.vw, `the page scrolls sideways: ${m.pageScroll} > ${m.vw}`);
  assert.ok(m.cardScroll[0] <= m.cardScroll[1], `the card scrolls sideways: ${m.cardScroll}`);
  assert.equal(m.buttons.length, 11);
  assert.equal(m.tops.length, 1, `the NPS scale wraps: rows at ${m.tops}`);
  // WCAG 2.2 target size (minimum, 2.5.8): at least 24 × 24 px; 44 px high.
  for (const b of m.buttons) assert.ok(b.width >= 24 && b.height >= 44, `an NPS button is ${b.width} × ${b.height}`);
  // The 0 and 10 labels at the ends of the scale.
  assert.equal(m.ends.length, 2);
  assert.ok(Math.abs(m.ends[0].left - m.buttons[0].left) <= 1, `the 0 label starts at ${m.ends[0].left}, the 0 button at ${m.buttons[0].left}`);
  assert.ok(Math.abs(m.ends[1].right - m.buttons[10].right) <= 1, `the 10 label ends at ${m.ends[1].right}, the 10 button at ${m.buttons[10].right}`);
  if (m.inline) assert.ok(m.card.left >= 0 && m.card.right <= m.vw + 0.5, 'the card is within the screen\'s width');
  else assert.ok(m.card.left >= 0 && m.card.right <= m.vw + 0.5 && m.card.top >= 0 && m.card.bottom <= m.vh + 0.5, 'the card is on screen');
}

for (const [name, options] of SIZES) {
  test(`demo order page, ${name}: compact score first, one-line neutral scale, h1 and the total kept clear, strict CSP`, async () => {
    const { context, page, pageErrors } = await demo(options, { attrs: 'data-keep-clear=".shop-total"', csp: true });
    try {
      const phone = options.viewport.width < 480;
      // At 320 × 568 the demo page is too short for any floating place: its h1 (93–208 px) and
      // its total (550–587 px) leave less room than the 150 px the card takes at least (it
      // covered the h1, the total before that). There the card goes into the page after the
      // total, covering neither; elsewhere it floats.
      const keep = '.shop-total';
      await page.waitForTimeout(100);
      const first = await look(page, keep);
      assert_common(first);
      assert.equal(first.inline, options.viewport.width === 320, 'inline at 320 × 568 only');
      if (first.inline) {
        const total = await page.locator('.shop-total').boundingBox();
        assert.ok(total && first.card.top >= total.y + total.height, `the card ${first.card.top} is not after the total`);
      }
      assert.deepEqual(first.shown, ['nps'], 'the first step is the score alone');
      assert.equal(first.submit, false, 'no Send button before the score');
      assert.equal(first.title, '1px', 'no visible title above the question');
      if (phone) assert.ok(first.card.height <= first.vh / 3, `the first step takes ${first.card.height} px of ${first.vh}`);
      assert.deepEqual(first.covered, []);
      // Neutral colours: every unanswered score looks the same (no red-to-green scale).
      const colours = await page.locator('pepite-survey [data-question="nps"] .pp-opt').evaluateAll((bs) => [...new Set(bs.map((b) => getComputedStyle(b).backgroundColor + ' ' + getComputedStyle(b).borderColor + ' ' + getComputedStyle(b).color))]);
      assert.equal(colours.length, 1, `the scores differ in colour: ${colours.join(' / ')}`);

      // A detractor's score: the follow-up appears, the card grows within limits.
      await page.click('[data-pepite-score="3"]');
      await page.locator('pepite-survey [data-question="wrong"]').waitFor();
      await page.waitForTimeout(150);
      const grown = await look(page, keep);
      assert_common(grown);
      assert.deepEqual(grown.shown, ['nps', 'wrong', 'comment']);
      assert.equal(grown.submit, true);
      assert.deepEqual(grown.covered, [], 'the grown card covers the h1 or the total');
      // The page stays usable: the card scrolls inside instead of covering the screen (an inline
      // card covers nothing: it grows in the page's flow).
      assert.equal(grown.inline, first.inline, 'it stays where it went');
      if (!grown.inline) assert.ok(grown.card.height <= (phone ? 0.6 : 0.7) * grown.vh + 1, `the card takes ${grown.card.height} px of ${grown.vh}`);
      await page.waitForTimeout(100);
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });

  test(`demo order page, ${name}: zero axe violations before and after the score`, async () => {
    const { context, page } = await demo(options);
    try {
      assert.deepEqual(await axe(page), []);
      await page.click('[data-pepite-score="9"]');
      await page.locator('pepite-survey [data-question="liked"]').waitFor();
      assert.deepEqual(await axe(page), []);
    } finally {
      await context.close();
    }
  });

  test(`a named element in the card's corner, ${name}: the card moves away, and again on scroll`, async () => {
    // #host-output fixed along the bottom edge: the card goes to the top edge, below nothing
    // (the page's h1 is pushed down). Then the page scrolls the h1 up under the card: it moves back.
    const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&keepClear=%23host-output&css=keep-clear.css`, options);
    try {
      await waitEvent(page, 'shown');
      await page.waitForTimeout(100);
      const m = await look(page, '#host-output');
      assert.deepEqual(m.covered, []);
      assert.ok(m.card.top < m.vh / 2, `the card moved to the top: ${m.card.top}`);
      await page.evaluate(() => scrollTo(0, 400));
      await page.waitForFunction(() => {
        const card = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card').getBoundingClientRect();
        return card.top > innerHeight / 2;
      }, null, { timeout: 3000 });
      assert.deepEqual((await look(page, '#host-output')).covered, [], 'after scrolling');
    } finally {
      await context.close();
    }
  });
}

test('keepClear: a selector that does not parse is said and left out; the card still keeps the h1 clear', async () => {
  const { context, page, warnings } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&keepClear=${encodeURIComponent('#a[')}`, SIZES[0][1]);
  try {
    await waitEvent(page, 'shown');
    assert.ok(warnings.some((w) => /keepClear #a\[ is left out/.test(w)), warnings.join('\n'));
    assert.deepEqual((await look(page)).covered, []);
  } finally {
    await context.close();
  }
});

test("the card takes the page's font family and text colour, and its scheme from the page's background", async () => {
  // The demo shop: Georgia, #2b2118 on #fbf7f1, under a dark system setting: a light card.
  const shop = await demo({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  try {
    const got = await shop.page.evaluate(() => {
      const card = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card');
      const cs = getComputedStyle(card);
      return { font: cs.fontFamily, color: cs.color, bg: cs.backgroundColor, page: getComputedStyle(document.body).fontFamily };
    });
    assert.equal(got.font, got.page);
    assert.match(got.font, /Georgia/);
    assert.equal(got.color, 'rgb(43, 33, 24)');
    assert.equal(got.bg, 'rgb(255, 255, 255)', 'the system is dark, the page is light: a light card');
  } finally {
    await shop.context.close();
  }
  // A dark page under a light system: a dark card, the page's light text and font.
  const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&css=dark.css`, { viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  try {
    await waitEvent(page, 'shown');
    const got = await page.evaluate(() => {
      const cs = getComputedStyle(/** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card'));
      return { font: cs.fontFamily, color: cs.color, bg: cs.backgroundColor };
    });
    assert.deepEqual(got, { font: '"Courier New", monospace', color: 'rgb(232, 230, 227)', bg: 'rgb(27, 30, 35)' });
    assert.deepEqual(await axe(page), []);
    // The focus ring is the accent.
    await page.focus('[data-pepite-score="5"]');
    await page.keyboard.press('ArrowRight');
    const ring = await page.evaluate(() => {
      const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
      const cs = getComputedStyle(root.activeElement);
      return { style: cs.outlineStyle, color: cs.outlineColor, accent: getComputedStyle(root.querySelector('.pp-root')).getPropertyValue('--a').trim() };
    });
    assert.equal(ring.style, 'solid');
    assert.equal(ring.color, 'rgb(138, 180, 255)', `the ring is the accent ${ring.accent}`);
  } finally {
    await context.close();
  }
});

test('the page look is read before the card goes in: its first style already has the final colours, one canvas at most (issue 19)', async () => {
  // The look used to be fitted after the host was in the page (a microtask after widget-ready):
  // a second style pass, a canvas per ancestor, 12 ms at 1× CPU and 70 ms at 4× in the card's task.
  const theme = encodeURIComponent(JSON.stringify({ accent: '#ffeb3b' }));
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__canvases = 0;
    const create = document.createElement;
    document.createElement = function (/** @type {string} */ tag, /** @type {any} */ o) {
      if (String(tag).toLowerCase() === 'canvas') w.__canvases++;
      return create.call(this, tag, o);
    };
    const mark = performance.mark;
    performance.mark = function (/** @type {string} */ name, /** @type {any} */ o) {
      if (name === 'widget-ready') w.__atReady = w.__cardLook();
      return mark.call(this, name, o);
    };
    w.__cardLook = () => {
      const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
      const card = getComputedStyle(root.querySelector('.pp-card'));
      const wrap = root.querySelector('.pp-root');
      return { classes: wrap.className, font: card.fontFamily, color: card.color, bg: card.backgroundColor, onAccent: getComputedStyle(wrap).getPropertyValue('--o').trim() };
    };
  });
  const { page } = await open(context, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&css=dark.css&theme=${theme}`);
  try {
    await waitEvent(page, 'shown');
    await page.waitForTimeout(200);
    const got = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { atReady: w.__atReady, after: w.__cardLook(), canvases: w.__canvases };
    });
    assert.deepEqual(got.atReady, { classes: got.atReady.classes, font: '"Courier New", monospace', color: 'rgb(232, 230, 227)', bg: 'rgb(27, 30, 35)', onAccent: '#000' });
    assert.match(got.atReady.classes, /\bpp-dark\b/);
    assert.deepEqual(got.after, got.atReady, 'no restyle after the card went in');
    assert.ok(got.canvases <= 1, `${got.canvases} canvases made to read colours`);
  } finally {
    await context.close();
  }
});

test("an accent the canvas cannot read (var() of the page's own property) still gets readable text on it", async () => {
  const theme = encodeURIComponent(JSON.stringify({ accent: 'var(--shop-accent)' }));
  const { context, page, pageErrors } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&css=accent-var.css&theme=${theme}`, SIZES[0][1]);
  try {
    await waitEvent(page, 'shown');
    await page.waitForTimeout(100);
    const got = await page.evaluate(() => {
      const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
      return { accent: getComputedStyle(root.querySelector('.pp-submit')).backgroundColor, on: getComputedStyle(root.querySelector('.pp-root')).getPropertyValue('--o').trim() };
    });
    assert.deepEqual(got, { accent: 'rgb(255, 235, 59)', on: '#000' });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test("a translucent page text colour (rgba(0, 0, 0, 0.87)) is taken opaque: the card draws and checks rgb() alone", async () => {
  const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&css=translucent.css`, SIZES[0][1]);
  try {
    await waitEvent(page, 'shown');
    await page.waitForTimeout(100);
    const color = await page.evaluate(() => getComputedStyle(/** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.querySelector('.pp-card')).color);
    assert.equal(color, 'rgb(0, 0, 0)');
    assert.deepEqual(await axe(page, 'pepite-survey'), []);
  } finally {
    await context.close();
  }
});

test("the shop's accent colours the focus ring", async () => {
  const theme = encodeURIComponent(JSON.stringify({ accent: '#7a3e00' }));
  const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&theme=${theme}`, SIZES[0][1]);
  try {
    await waitEvent(page, 'shown');
    await page.focus('[data-pepite-score="5"]');
    await page.keyboard.press('ArrowRight');
    const color = await page.evaluate(() => getComputedStyle(/** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot.activeElement).outlineColor);
    assert.equal(color, 'rgb(122, 62, 0)');
  } finally {
    await context.close();
  }
});

test('a title the definition sets (ui.title) shows above the question, in the head beside Close; the built-in one only names the dialog', async () => {
  for (const [name, options] of SIZES) {
    const { context, page, pageErrors } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=fr&survey=/tests/fixtures/surveys/own-title.json`, options);
    try {
      await waitEvent(page, 'shown');
      await page.waitForTimeout(100);
      const m = await look(page);
      assert_common(m);
      const t = await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (/** @type {Element} */ (document.querySelector('pepite-survey')).shadowRoot);
        const title = /** @type {HTMLElement} */ (root.querySelector('.pp-title'));
        const card = /** @type {HTMLElement} */ (root.querySelector('.pp-card'));
        const r = (/** @type {Element} */ e) => e.getBoundingClientRect();
        const named = root.getElementById(String(card.getAttribute('aria-labelledby')));
        return {
          text: title.textContent, className: title.className, width: r(title).width,
          titleBottom: r(title).bottom, questionTop: r(/** @type {Element} */ (root.querySelector('.pp-q-text'))).top,
          close: [r(/** @type {Element} */ (root.querySelector('.pp-close'))).top, r(/** @type {Element} */ (root.querySelector('.pp-close'))).bottom],
          titleTop: r(title).top, name: named && named.textContent,
        };
      });
      assert.equal(t.text, 'Votre commande en deux questions', name);
      assert.equal(t.className, 'pp-title', `${name}: the title is shown`);
      assert.ok(t.width > 100, `${name}: the title is ${t.width} px wide`);
      assert.ok(t.titleBottom <= t.questionTop, `${name}: the title (to ${t.titleBottom}) is above the question (from ${t.questionTop})`);
      assert.ok(t.close[0] < t.titleBottom && t.titleTop < t.close[1], `${name}: Close is beside the title`);
      assert.equal(t.name, t.text, `${name}: the shown title names the dialog`);
      assert.deepEqual(m.shown, ['nps'], `${name}: still the score alone first`);
      // The title the shop asked for costs one row (the close button's 44 px): at 390 × 844 the
      // first step stays within a third of the screen; at 320 × 568, with this two-line title and
      // two-line question, it takes 202 px (a third is 189): the shop's choice, still no scroll.
      if (options.viewport.width === 390) assert.ok(m.card.height <= m.vh / 3, `${name}: the first step takes ${m.card.height} px of ${m.vh}`);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  }
});

/** @param {number[]} rgb @returns {number} WCAG relative luminance */
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : Math.pow((c / 255 + 0.055) / 1.055, 2.4)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** @param {number[]} a @param {number[]} b @returns {number} their WCAG contrast ratio */
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

// WCAG 1.4.11 (3:1 for non-text) and 2.4.13 (focus appearance): a light accent on a white card
// (#ffeb3b: 1.2:1) must not leave a ring nobody sees. Measured on the pixels Chromium paints
// above a focused score (the 8 px between the question text and the scale).
for (const [accent, css, card_bg] of [['#ffeb3b', '', [255, 255, 255]], ['#1a56db', '', [255, 255, 255]], ['#0b1f66', 'dark.css', [27, 30, 35]]]) {
  test(`the focus ring keeps 3:1 against the card with the accent ${accent}${css ? ' on a dark card' : ''}`, async () => {
    const theme = encodeURIComponent(JSON.stringify({ accent }));
    const { context, page } = await open(env.browser, `${env.server.url}/tests/e2e/pages/plain.html?lang=en&theme=${theme}${css ? '&css=' + css : ''}`, SIZES[0][1]);
    try {
      await waitEvent(page, 'shown');
      await page.focus('[data-pepite-score="5"]');
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(200);
      const box = await page.evaluate(() => {
        const root = /** @type {any} */ (document.querySelector('pepite-survey')).shadowRoot;
        const r = root.activeElement.getBoundingClientRect();
        return { score: root.activeElement.getAttribute('data-pepite-score'), x: Math.round(r.left + r.width / 2), top: Math.round(r.top), bg: getComputedStyle(root.querySelector('.pp-card')).backgroundColor };
      });
      assert.equal(box.score, '6');
      assert.equal(box.bg, `rgb(${card_bg.join(', ')})`);
      // The column of 6 px above the button: the card's background before focus, the ring now.
      const png = decodePng(await page.screenshot({ clip: { x: box.x, y: box.top - 6, width: 1, height: 6 } }));
      const column = png.rows.map((row) => [row[0], row[1], row[2]]);
      const ring = column.filter((p) => p.some((c, i) => Math.abs(c - card_bg[i]) > 8));
      assert.ok(ring.length >= 3, `the ring is ${ring.length} px thick: ${JSON.stringify(column)}`);
      const best = Math.max(...ring.map((p) => contrast(p, card_bg)));
      assert.ok(best >= 3, `the ring's best contrast on the card is ${best.toFixed(2)}:1: ${JSON.stringify(column)}`);
      // The ring still carries the shop's accent.
      const want = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16));
      assert.ok(ring.some((p) => p.every((c, i) => Math.abs(c - want[i]) <= 8)), `no ${accent} in the ring: ${JSON.stringify(column)}`);
    } finally {
      await context.close();
    }
  });
}
