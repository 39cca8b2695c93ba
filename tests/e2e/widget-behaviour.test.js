// End-to-end: failures never break the host, not asked twice, SPA navigation, destroy, modal focus, embeddings (issue 4).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventTypes, focused, open, setup, waitEvent } from './lib/browser.js';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const page_url = (q) => `${env.server.url}/tests/e2e/pages/plain.html?${q}`;
const VIEWPORT = { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' };

/** The failure became an error event, a [pepite] warning, no card, and the host still works. */
async function assert_failed_safely(page, warnings, pageErrors, code) {
  const error = await waitEvent(page, 'error');
  assert.match(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(warnings.some((w) => w.includes('[pepite]') && w.includes(error.code)), 'console.warn with the code');
  assert.deepEqual(pageErrors, [], 'nothing thrown into the page');
  await page.click('#host-button');
  assert.equal(await page.textContent('#host-output'), 'host works 1');
  return error;
}

test('a broken definition gives an error event and leaves the host page working', async () => {
  const { context, page, warnings, pageErrors } = await open(env.browser, page_url('survey=/tests/e2e/pages/broken-survey.json'), VIEWPORT);
  try {
    const error = await assert_failed_safely(page, warnings, pageErrors, /^definition\./);
    assert.ok(Array.isArray(error.errors) && error.errors.length >= 1);
    await page.waitForTimeout(200);
    assert.equal(await page.locator('pepite-survey').count(), 0);
    assert.deepEqual(await page.evaluate(() => window.pepite('show')), false);
  } finally {
    await context.close();
  }
});

test('a missing survey file gives survey.fetch_failed', async () => {
  const { context, page, warnings, pageErrors } = await open(env.browser, page_url('survey=/nope/survey.json'), VIEWPORT);
  try {
    await assert_failed_safely(page, warnings, pageErrors, /^survey\.fetch_failed$/);
  } finally {
    await context.close();
  }
});

test('a missing wasm gives core.load_failed and leaves the host page working', async () => {
  const { context, page, warnings, pageErrors } = await open(env.browser, page_url('wasm=/nope/pepite-core.wasm'), VIEWPORT);
  try {
    await assert_failed_safely(page, warnings, pageErrors, /^core\.load_failed$/);
    assert.equal(await page.locator('pepite-survey').count(), 0);
  } finally {
    await context.close();
  }
});

test('a connection dropped during the core download, then a 503 for the survey: each tried once more, the card shows without an error', async () => {
  // A phone's network: the first GET of pepite-core.wasm is reset, the survey's server answers
  // 503 once. The widget waits a second and tries each again; the shopper sees the card.
  const context = await env.browser.newContext(VIEWPORT);
  const tries = { core: 0, survey: 0 };
  await context.route('**/pepite-core.wasm', (route) => (++tries.core === 1 ? route.abort('connectionreset') : route.continue()));
  await context.route('**/surveys/post-purchase.json', (route) => (++tries.survey === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  const { page, warnings, pageErrors } = await open(context, page_url('lang=en'));
  try {
    await waitEvent(page, 'shown');
    assert.deepEqual(tries, { core: 2, survey: 2 });
    assert.ok(!(await eventTypes(page)).includes('error'), 'no error event');
    assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a missing wasm is not asked for again: one request, then core.load_failed', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  let tries = 0;
  context.on('request', (r) => {
    if (new URL(r.url()).pathname === '/nope/pepite-core.wasm') tries += 1;
  });
  const { page, warnings, pageErrors } = await open(context, page_url('wasm=/nope/pepite-core.wasm'));
  try {
    await assert_failed_safely(page, warnings, pageErrors, /^core\.load_failed$/);
    await page.waitForTimeout(1500);
    assert.equal(tries, 1, 'a 404 is not tried again');
  } finally {
    await context.close();
  }
});

test('a throwing localStorage gives an error event; the card still works from memory', async () => {
  const { context, page, warnings, pageErrors } = await open(env.browser, page_url('throwStorage=1&lang=en'), VIEWPORT);
  try {
    await assert_failed_safely(page, warnings, pageErrors, /^storage\.unavailable$/);
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="8"]');
    await page.click('pepite-survey .pp-submit');
    assert.equal((await waitEvent(page, 'submit')).status, 'complete');
  } finally {
    await context.close();
  }
});

test('the same order is not asked twice after answering', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const first = await open(context, page_url('order=N-1'));
    await waitEvent(first.page, 'shown');
    await first.page.click('[data-pepite-score="10"]');
    await first.page.click('pepite-survey .pp-submit');
    await waitEvent(first.page, 'submit');
    await first.page.click('pepite-survey .pp-close');
    assert.equal(await first.page.evaluate(() => window.pepite('show')), false, 'not again on the same page either');
    await first.page.close();
    /** @type {string[]} */
    const wasm_requests = [];
    context.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasm_requests.push(r.url());
    });
    const again = await open(context, page_url('order=N-1'));
    assert.deepEqual(await waitEvent(again.page, 'ready'), { surveyId: 'post-purchase', eligible: false, reason: 'answered' });
    await again.page.waitForTimeout(300);
    assert.equal(await again.page.locator('pepite-survey').count(), 0);
    // The survey's id was remembered from the first page: the core is not even downloaded.
    assert.deepEqual(wasm_requests, [], 'no wasm download for an order already answered');
    assert.equal(await again.page.evaluate(() => window.pepite('show')), false);
    // A forced show still loads the core and draws the card.
    assert.equal(await again.page.evaluate(() => window.pepite('show', { force: true })), true);
    assert.equal(wasm_requests.length, 1);
    await again.page.locator('pepite-survey [data-pepite-score="5"]').waitFor();
    const other = await open(context, page_url('order=N-2'));
    assert.equal((await waitEvent(other.page, 'ready')).eligible, true);
    await waitEvent(other.page, 'shown');
  } finally {
    await context.close();
  }
});

test('nor after dismissing within recontactDays', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const first = await open(context, page_url('order=D-1&recontact=30'));
    await waitEvent(first.page, 'shown');
    await first.page.keyboard.press('Tab');
    await first.page.keyboard.press('Tab');
    await first.page.keyboard.press('Escape');
    assert.equal((await waitEvent(first.page, 'close')).reason, 'dismiss');
    assert.ok((await eventTypes(first.page)).includes('dismiss'));
    await first.page.close();
    const same = await open(context, page_url('order=D-1&recontact=30'));
    assert.equal((await waitEvent(same.page, 'ready')).reason, 'dismissed');
    const next_order = await open(context, page_url('order=D-2&recontact=30'));
    assert.equal((await waitEvent(next_order.page, 'ready')).reason, 'recontact');
    const no_recontact = await open(context, page_url('order=D-3&recontact=0'));
    assert.equal((await waitEvent(no_recontact.page, 'ready')).eligible, true);
  } finally {
    await context.close();
  }
});

test('a delayed card does not appear after a single-page navigation', async () => {
  const { context, page } = await open(env.browser, page_url('delay=600'), VIEWPORT);
  try {
    await waitEvent(page, 'ready');
    await page.evaluate(() => history.pushState({}, '', '/shop/next-page'));
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('pepite-survey').count(), 0);
    assert.equal((await eventTypes(page)).includes('shown'), false);
    // Without navigation the same page shows it after the delay.
    await page.goto(page_url('delay=300'));
    await waitEvent(page, 'shown');
  } finally {
    await context.close();
  }
});

test('a card shown after its delay times the response from the moment it was shown', async () => {
  const { context, page } = await open(env.browser, page_url('delay=1600&order=T-1'), VIEWPORT);
  try {
    await waitEvent(page, 'ready');
    await waitEvent(page, 'shown');
    const shown_at = await page.evaluate(() => Date.now());
    await page.click('[data-pepite-score="9"]');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    // The session that checked the definition at `ready` was started again when the card opened.
    const started = Date.parse(payload.context.startedAt);
    assert.ok(shown_at - started < 1000, `startedAt ${payload.context.startedAt} is ${shown_at - started} ms before the card was on screen`);
    assert.ok(payload.context.durationMs < 5000, `durationMs ${payload.context.durationMs}`);
  } finally {
    await context.close();
  }
});

test('destroy removes every node, listener and pending timer', async () => {
  const { context, page } = await open(env.browser, 'about:blank', VIEWPORT);
  try {
    // Count listeners the widget leaves on window, visualViewport and navigation.
    await page.addInitScript(() => {
      /** @type {Map<Function, Map<string, number>>} live listener count per function and type */
      const live = new Map();
      const targets = () => [window, window.visualViewport, /** @type {any} */ (window).navigation].filter(Boolean);
      const add = EventTarget.prototype.addEventListener;
      const remove = EventTarget.prototype.removeEventListener;
      /** @param {Function} fn @param {string} type @param {number} d */
      const count = (fn, type, d) => {
        const m = live.get(fn) || new Map();
        m.set(type, Math.max(0, (m.get(type) || 0) + d));
        live.set(fn, m);
      };
      EventTarget.prototype.addEventListener = function (type, fn, o) {
        // Only the widget's own listeners: added from a stack frame in pepite.js.
        if (targets().includes(this) && /\/dist\/pepite\.js/.test(String(new Error().stack))) count(fn, type, 1);
        return add.call(this, type, fn, o);
      };
      EventTarget.prototype.removeEventListener = function (type, fn, o) {
        if (targets().includes(this) && live.has(fn)) count(fn, type, -1);
        return remove.call(this, type, fn, o);
      };
      /** @type {any} */ (window).__liveNames = () => [...live.values()].flatMap((m) => [...m].filter(([, n]) => n > 0).map(([t]) => t)).sort();
    });
    await page.goto(page_url('delay=5000'));
    await waitEvent(page, 'ready');
    assert.ok((await page.evaluate(() => /** @type {any} */ (window).__liveNames())).includes('navigate'), 'pending show listens for navigation');
    await page.evaluate(() => window.pepite('show'));
    await waitEvent(page, 'shown');
    const while_shown = await page.evaluate(() => /** @type {any} */ (window).__liveNames());
    assert.ok(while_shown.includes('resize') && while_shown.includes('scroll'), 'the card follows visualViewport: ' + while_shown);
    await page.evaluate(() => window.pepite('destroy'));
    assert.equal(await page.locator('pepite-survey').count(), 0);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__liveNames()), [], 'no listener left behind');
    // A destroyed widget with a pending delayed show never shows.
    await page.goto(page_url('delay=300'));
    await waitEvent(page, 'ready');
    await page.evaluate(() => window.pepite('destroy'));
    await page.waitForTimeout(600);
    assert.equal(await page.locator('pepite-survey').count(), 0);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__liveNames()), []);
  } finally {
    await context.close();
  }
});

test('center modal: focus moves in, Tab is trapped, Esc dismisses and focus returns', async () => {
  const { context, page } = await open(env.browser, page_url('position=center&manual=1&lang=fr'), VIEWPORT);
  try {
    await waitEvent(page, 'ready');
    await page.focus('#host-button');
    await page.evaluate(() => window.pepite('show'));
    await waitEvent(page, 'shown');
    assert.equal(await focused(page), 'button.pp-opt[0]');
    assert.equal(await page.getAttribute('pepite-survey .pp-card', 'aria-modal'), 'true');
    assert.equal(await page.locator('pepite-survey .pp-backdrop').count(), 1);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      assert.notEqual(await focused(page), 'button[host-button]', 'focus stays in the card');
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.notEqual(await focused(page), 'button[host-button]', 'focus stays in the card');
    }
    await page.keyboard.press('Escape');
    await waitEvent(page, 'dismiss');
    assert.equal(await focused(page), 'button[host-button]', 'focus is back where it was');
  } finally {
    await context.close();
  }
});

test('script tag alone: data-* attributes and inline JSON, CSAT faces and CES', async () => {
  const { context, page, pageErrors } = await open(env.browser, `${env.server.url}/tests/e2e/pages/tag.html`, VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    const box = await page.locator('pepite-survey .pp-card').boundingBox();
    assert.ok(box.x < 100, 'bottom-left');
    const accent = await page.locator('pepite-survey .pp-submit').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(accent, 'rgb(10, 107, 74)', 'theme accent applied');
    assert.match(await page.locator('pepite-survey .pp-card').textContent(), /satisfait/);
    await page.click('pepite-survey [data-question="csat"] [data-value="4"]');
    await page.click('pepite-survey [data-question="ces"] [data-value="6"]');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.deepEqual(payload.properties, { channel: 'web', orderId: 'T-1' });
    assert.deepEqual(payload.answers.map((a) => a.value), [4, 6]);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(await page.evaluate(() => Object.keys(window).filter((k) => /pepite|createPepiteCore|Module/i.test(k))), ['pepite', '__events'].filter((k) => k !== '__events'));
  } finally {
    await context.close();
  }
});

test('ES module build: init() resolves a Widget; inline position; setLocale redraws; both wasm files found beside the module', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  /** @type {string[]} */
  const wasm = [];
  context.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  const { page, pageErrors } = await open(context, `${env.server.url}/tests/e2e/pages/module.html`);
  try {
    await waitEvent(page, 'shown');
    await page.waitForFunction(() => /** @type {any} */ (window).__widget);
    const host_parent = await page.evaluate(() => document.querySelector('pepite-survey').parentElement.id);
    assert.equal(host_parent, 'inline-target');
    assert.match(await page.locator('pepite-survey .pp-card').textContent(), /How likely/);
    await page.click('[data-pepite-score="6"]');
    await page.evaluate(() => /** @type {any} */ (window).__widget.setLocale('fr'));
    assert.match(await page.locator('pepite-survey .pp-card').textContent(), /Recommanderiez/);
    assert.equal(await page.getAttribute('[data-pepite-score="6"]', 'aria-checked'), 'true', 'answers survive the redraw');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.equal(payload.context.locale, 'fr');
    assert.equal(payload.properties.orderId, 'M-1');
    // new URL('./pepite-*.wasm', import.meta.url): what bundlers (Vite, webpack 5) follow.
    assert.deepEqual(wasm, ['/dist/pepite-core.wasm', '/dist/pepite-text.wasm']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('steps display: one question per step, Next blocked by a missing required answer, Back', async () => {
  const { context, page, pageErrors } = await open(env.browser, page_url('lang=en&survey=/tests/e2e/pages/steps-survey.json'), VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    const questions = () => page.locator('pepite-survey [data-question]').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));
    assert.deepEqual(await questions(), ['nps']);
    assert.equal(await page.textContent('pepite-survey .pp-step'), 'Question 1 of 3');
    // Definition text is text, never markup.
    assert.match(await page.textContent('pepite-survey .pp-q-text'), /<img src=x onerror=/);
    assert.equal(await page.locator('pepite-survey img').count(), 0);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__xss), undefined);
    const next = page.locator('pepite-survey .pp-actions button:not(.pp-submit):not(.pp-btn-2)');
    assert.equal(await next.isVisible(), true);
    await next.click();
    await page.locator('pepite-survey .pp-error:not([hidden])').waitFor();
    assert.equal(await focused(page), 'button.pp-opt[0]', 'focus goes to the question in error');
    assert.equal(await page.getAttribute('pepite-survey [role="radiogroup"]', 'aria-invalid'), 'true');
    await page.click('[data-pepite-score="7"]');
    await next.click();
    assert.deepEqual(await questions(), ['csat']);
    assert.equal(await focused(page), 'button.pp-opt[1]', 'focus moves to the new step');
    // Next and Send wait 400 ms after a step forward (a double-click on Next moves one step).
    await page.waitForTimeout(450);
    await page.click('pepite-survey [data-question="csat"] [data-value="3"]');
    const stars = await page.locator('pepite-survey .pp-stars .pp-on').count();
    assert.equal(stars, 3, 'stars up to the chosen one are lit');
    await page.click('pepite-survey .pp-btn-2');
    assert.deepEqual(await questions(), ['nps']);
    assert.equal(await page.getAttribute('[data-pepite-score="7"]', 'aria-checked'), 'true');
    await next.click();
    await page.waitForTimeout(450);
    await next.click();
    assert.deepEqual(await questions(), ['comment']);
    await page.fill('pepite-survey textarea', 'ok');
    await page.waitForTimeout(450);
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.deepEqual(payload.answers.map((a) => a.value), [7, 3, 'ok']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('with an endpoint, the partial then the complete payload are POSTed and `sent` fires', async () => {
  const before_count = env.server.posts.length;
  const { context, page, pageErrors } = await open(env.browser, page_url('lang=fr&order=P-1&endpoint=/collect'), VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="4"]');
    await page.click('pepite-survey .pp-submit');
    const submitted = await waitEvent(page, 'submit');
    const sent = await waitEvent(page, 'sent');
    assert.equal(sent.responseId, submitted.responseId);
    const mine = env.server.posts.slice(before_count).map((p) => JSON.parse(p.body)).filter((p) => p.responseId === submitted.responseId);
    assert.ok(mine.length >= 1);
    assert.equal(mine[mine.length - 1].status, 'complete');
    assert.deepEqual(mine[mine.length - 1], submitted);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('defer, and pepite.js included twice: one widget, a warning, no error', async () => {
  const { context, page, warnings, pageErrors } = await open(env.browser, `${env.server.url}/tests/e2e/pages/twice.html`, VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('pepite-survey').count(), 1);
    assert.ok(warnings.some((w) => w.includes('loaded twice')));
    await page.click('[data-pepite-score="9"]');
    await page.click('pepite-survey .pp-submit');
    assert.equal((await waitEvent(page, 'submit')).properties.orderId, 'W-1');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a script tag above its inline JSON and inline target still finds them', async () => {
  const { context, page, pageErrors, warnings } = await open(env.browser, `${env.server.url}/tests/e2e/pages/early.html`, VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    assert.equal(await page.evaluate(() => document.querySelector('pepite-survey').parentElement.id), 'late-target');
    assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
