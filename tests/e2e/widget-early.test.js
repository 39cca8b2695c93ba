// End-to-end: the card drawn before the core arrives (issue 19). For every fixture survey and
// language, the first view `pepite-check --first-view` computed is drawn while pepite-core.wasm
// is held back, and the core, once there, leaves it as it is; a first view that does not match the
// core's is replaced (with a warning); a score clicked and a text typed before the core are kept
// and sent; a core that fails takes the early card away and says so; strict CSP and axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, open, postedFor, ROOT, setup, until, waitEvent } from './lib/browser.js';

const OUT = join(ROOT, 'build/e2e-first-view');
const CORE = '**/dist/pepite-core.wasm';
const VIEWPORT = { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' };

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
/** @type {Array<{ name: string, locale: string, url: string }>} */
const cases = [];

/** The native tool that computes first views. */
function check_binary() {
  const found = [process.env.PEPITE_CHECK, join(ROOT, 'build/native/pepite-check')].find((p) => p && existsSync(p));
  if (!found) throw new Error('pepite-check not built (cmake --build build/native --target pepite-check)');
  return found;
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const dir = join(ROOT, 'tests/fixtures/surveys');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const def = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const locale of [...new Set([def.defaultLocale, ...(def.locales || [])])]) {
      const r = spawnSync(check_binary(), ['--first-view', '--locale', locale, join(dir, file)], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const name = `${file.replace(/\.json$/, '')}.${locale}.json`;
      writeFileSync(join(OUT, name), r.stdout);
      cases.push({ name: file, locale, url: `/build/e2e-first-view/${name}` });
    }
  }
  env = await setup();
});
after(async () => {
  await env.close();
});

/**
 * Holds pepite-core.wasm back until `release()` (or answers `fail` instead): the early card is on
 * screen alone meanwhile.
 * @param {import('playwright-core').BrowserContext} context
 * @param {boolean} [fail]
 */
async function hold_core(context, fail) {
  /** @type {() => void} */
  let release = () => {};
  const gate = new Promise((r) => {
    release = () => r(undefined);
  });
  await context.route(CORE, async (route) => {
    await gate;
    if (fail) await route.fulfill({ status: 404, body: 'gone' }).catch(() => {});
    else await route.continue().catch(() => {});
  });
  return release;
}

/**
 * Holds tests/e2e/pages/held.js back until `parse()`: early-parsing.html's parser waits for it,
 * after pepite.js has run.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<() => void>}
 */
async function hold_parsing(context) {
  /** @type {() => void} */
  let parse = () => {};
  const held = new Promise((r) => {
    parse = () => r(undefined);
  });
  await context.route('**/pages/held.js', async (route) => {
    await held;
    await route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.__held = 1;' }).catch(() => {});
  });
  return parse;
}

/** The card's shadow DOM as text, without the busy state the early card shows (Send waits). @param {import('playwright-core').Page} page */
function card_html(page) {
  return page.evaluate(() => {
    const host = document.querySelector('pepite-survey');
    const root = host && host.shadowRoot;
    const card = root && root.querySelector('.pp-card');
    if (!card) return '';
    return card.outerHTML.replace(/ aria-(busy|disabled)="true"/g, '').replace(/\u2026/g, '');
  });
}

/** @param {import('playwright-core').Page} page */
const events = (page) => page.evaluate(() => (/** @type {any} */ (window).__events || []).map((/** @type {any} */ e) => e.type));

/** @param {string} url @param {string} locale @param {string} [extra] */
const page_url = (url, locale, extra = '') => `${env.server.url}/tests/e2e/pages/plain.html?survey=${encodeURIComponent(url)}&lang=${locale}&locale=${locale}${extra}`;

test('every fixture survey and language: the first view drawn before the core is the one the core draws', async () => {
  assert.ok(cases.length >= 20, `${cases.length} first views`);
  for (const c of cases) {
    const context = await env.browser.newContext(VIEWPORT);
    try {
      const release = await hold_core(context);
      const { page, pageErrors, warnings } = await open(context, page_url(c.url, c.locale));
      await page.waitForSelector('pepite-survey .pp-card', { timeout: 10000 });
      assert.deepEqual(await events(page), [], `${c.name} ${c.locale}: drawn before ready`);
      const early = await card_html(page);
      assert.ok(early.length > 200, `${c.name} ${c.locale}: a card`);
      // The nodes of the early card carry a mark: a redraw would replace them.
      await page.evaluate(() => {
        for (const el of /** @type {ShadowRoot} */ (document.querySelector('pepite-survey').shadowRoot).querySelectorAll('*')) /** @type {any} */ (el).__early = 1;
      });
      release();
      await waitEvent(page, 'shown');
      assert.deepEqual((await events(page)).slice(0, 2), ['ready', 'shown'], `${c.name} ${c.locale}`);
      assert.equal(await card_html(page), early, `${c.name} ${c.locale}: the core's view is the one drawn`);
      const unmarked = await page.evaluate(() => [...(/** @type {ShadowRoot} */ (document.querySelector('pepite-survey').shadowRoot).querySelectorAll('*'))].filter((el) => !(/** @type {any} */ (el).__early)).length);
      assert.equal(unmarked, 0, `${c.name} ${c.locale}: no node drawn again`);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), [], `${c.name} ${c.locale}`);
    } finally {
      await context.close();
    }
  }
});

test('a first view that is not the core\'s is replaced by the core\'s view, with a warning', async () => {
  const withView = JSON.parse(readFileSync(join(OUT, 'post-purchase.en.json'), 'utf8'));
  const view = withView.firstView.views.en;
  view.questions[0].text = 'An outdated question?';
  writeFileSync(join(OUT, 'stale.en.json'), JSON.stringify(withView));
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    const { page, warnings } = await open(context, page_url('/build/e2e-first-view/stale.en.json', 'en'));
    await page.waitForSelector('pepite-survey .pp-card');
    assert.match(await page.locator('pepite-survey .pp-card').textContent(), /An outdated question\?/);
    release();
    await waitEvent(page, 'shown');
    const text = await page.locator('pepite-survey .pp-card').textContent();
    assert.doesNotMatch(text, /An outdated question/);
    assert.match(text, /How likely/);
    await until(() => warnings.some((w) => w.includes('first_view.replaced')), 'the warning');
  } finally {
    await context.close();
  }
});

test('a score clicked on the compact first step before the core is ready is kept, replayed and sent', async () => {
  // The first step is the score alone (issue 19's look): before the core there is no follow-up
  // to type into; the core, once ready, takes the kept score and opens the follow-up.
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    const c = cases.find((x) => x.name === 'three-long-texts.json');
    assert.ok(c);
    const { page, pageErrors } = await open(context, page_url(c.url, c.locale, '&order=E-19&endpoint=/collect'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="9"]');
    assert.equal(await page.locator('pepite-survey textarea').count(), 0, 'the score alone before the core');
    assert.deepEqual(await events(page), []);
    release();
    await waitEvent(page, 'shown');
    const score = await waitEvent(page, 'score');
    assert.ok(score, 'score event from the core');
    assert.equal(await page.locator('pepite-survey .pp-opt[data-value="9"]').getAttribute('aria-checked'), 'true', 'the score drawn');
    const area = page.locator('pepite-survey textarea').first();
    await area.fill('Parcel came early');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.deepEqual(payload.answers.find((/** @type {any} */ a) => a.type === 'nps').value, 9);
    assert.ok(payload.answers.some((/** @type {any} */ a) => a.type === 'text' && /Parcel came early/.test(a.value)), JSON.stringify(payload.answers));
    await until(() => postedFor(env.server, 'E-19').some((b) => b.status === 'complete'), 'the payload posted');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a text typed and a score clicked before the core is ready are kept, replayed and sent', async () => {
  // A survey whose score is optional opens whole: its text field is on the early card. The
  // definition and its first view are changed alike, so the core's view is the one drawn.
  const withView = JSON.parse(readFileSync(join(OUT, 'three-long-texts.en.json'), 'utf8'));
  withView.questions[0].required = false;
  for (const q of withView.firstView.views.en.questions) if (q.id === withView.questions[0].id) q.required = false;
  writeFileSync(join(OUT, 'optional-score.en.json'), JSON.stringify(withView));
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    const { page, pageErrors, warnings } = await open(context, page_url('/build/e2e-first-view/optional-score.en.json', 'en', '&order=E-30&endpoint=/collect'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="9"]');
    const area = page.locator('pepite-survey textarea').first();
    await area.click();
    await area.pressSequentially('Parcel came early');
    // Send waits for the core: nothing leaves before it.
    assert.equal(await page.locator('pepite-survey .pp-submit').getAttribute('aria-disabled'), 'true');
    assert.deepEqual(await events(page), []);
    release();
    await waitEvent(page, 'shown');
    // The text is still in its field, with the focus; the score is the core's answer now.
    assert.equal(await area.inputValue(), 'Parcel came early');
    assert.equal(await page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a ? a.tagName : '';
    }), 'TEXTAREA');
    assert.equal(await page.locator('pepite-survey .pp-opt[data-value="9"]').getAttribute('aria-checked'), 'true', 'the score drawn');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.deepEqual(payload.answers.find((/** @type {any} */ a) => a.type === 'nps').value, 9);
    assert.ok(payload.answers.some((/** @type {any} */ a) => a.type === 'text' && /Parcel came early/.test(a.value)), JSON.stringify(payload.answers));
    await until(() => postedFor(env.server, 'E-30').some((b) => b.status === 'complete'), 'the payload posted');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(warnings.filter((w) => w.includes('first_view.replaced')), [], 'the core drew the same card');
  } finally {
    await context.close();
  }
});

test('closed before the core: the card goes at once; the core hears the answer, then the dismissal', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    const c = cases.find((x) => x.name === 'post-purchase.json' && x.locale === 'en');
    assert.ok(c);
    const { page, pageErrors } = await open(context, page_url(c.url, 'en', '&order=E-21&endpoint=/collect'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="4"]');
    await page.click('pepite-survey .pp-close');
    assert.equal(await page.locator('pepite-survey').count(), 0, 'gone at once');
    release();
    await waitEvent(page, 'close');
    const types = await events(page);
    assert.deepEqual(types.filter((t) => t !== 'error'), ['ready', 'shown', 'answer', 'score', 'dismiss', 'close']);
    await until(() => postedFor(env.server, 'E-21').length > 0, 'the partial payload');
    const posted = postedFor(env.server, 'E-21');
    assert.equal(posted[posted.length - 1].status, 'partial');
    assert.equal(posted[posted.length - 1].answers.find((/** @type {any} */ a) => a.type === 'nps').value, 4);
    assert.equal(await page.locator('pepite-survey').count(), 0, 'not drawn again');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('hidden before the core, shown again: the kept answer is there; destroyed before the core: nothing left', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    const c = cases.find((x) => x.name === 'post-purchase.json' && x.locale === 'en');
    assert.ok(c);
    const { page, pageErrors } = await open(context, page_url(c.url, 'en', '&order=E-22'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="8"]');
    await page.evaluate(() => /** @type {any} */ (window).pepite('hide'));
    assert.equal(await page.locator('pepite-survey').count(), 0);
    release();
    await waitEvent(page, 'ready');
    assert.equal(await page.locator('pepite-survey').count(), 0, 'stays hidden');
    // Shown again later than a session waits for its card (1 s): the answer given keeps it.
    await page.waitForTimeout(1300);
    await page.evaluate(() => /** @type {any} */ (window).pepite('show'));
    await page.waitForSelector('pepite-survey .pp-opt[data-value="8"][aria-checked="true"]');
    // Hidden before it was `shown`: no `close`; `shown` when show() drew it.
    assert.deepEqual((await events(page)).filter((t) => t !== 'error'), ['ready', 'answer', 'score', 'shown']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
  const second = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(second);
    const c = cases.find((x) => x.name === 'post-purchase.json' && x.locale === 'en');
    const { page, pageErrors, warnings } = await open(second, page_url(/** @type {any} */ (c).url, 'en', '&order=E-23&endpoint=/collect'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="2"]');
    await page.evaluate(() => /** @type {any} */ (window).pepite('destroy'));
    assert.equal(await page.locator('pepite-survey').count(), 0);
    release();
    await page.waitForTimeout(1500);
    assert.deepEqual(await events(page), []);
    assert.deepEqual(postedFor(env.server, 'E-23'), []);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), []);
  } finally {
    await second.close();
  }
});

test('a core that cannot load takes the early card away and says so', async () => {
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context, true);
    const c = cases.find((x) => x.name === 'post-purchase.json' && x.locale === 'en');
    assert.ok(c);
    const { page } = await open(context, page_url(c.url, 'en', '&order=E-20&endpoint=/collect'));
    await page.waitForSelector('pepite-survey .pp-card');
    await page.click('pepite-survey .pp-opt[data-value="3"]');
    release();
    const error = await waitEvent(page, 'error');
    assert.equal(error.code, 'core.load_failed');
    assert.match(error.message, /card drawn before it is taken away \(nothing was sent\)/);
    assert.equal(await page.locator('pepite-survey').count(), 0);
    assert.deepEqual(postedFor(env.server, 'E-20'), []);
  } finally {
    await context.close();
  }
});

for (const csp of [true, false]) {
  test(csp ? 'the early card under the strict CSP: zero violations' : 'the early card: axe zero violations', async () => {
    const context = await env.browser.newContext(VIEWPORT);
    try {
      const release = await hold_core(context);
      const c = cases.find((x) => x.name === 'post-purchase.json' && x.locale === 'fr');
      assert.ok(c);
      const { page, pageErrors } = await open(context, `${env.server.url}/tests/e2e/pages/${csp ? 'csp' : 'plain'}.html?survey=${encodeURIComponent(c.url)}&lang=fr&locale=fr`);
      await page.waitForSelector('pepite-survey .pp-card');
      // axe goes in through the DevTools protocol (tests/e2e/lib/browser.js), which the strict
      // policy does not see: the early card is checked under it too.
      assert.deepEqual(await axe(page), [], 'axe on the early card');
      release();
      await waitEvent(page, 'shown');
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await context.close();
    }
  });
}

test('pepite.js run while the parser waits for a later script: the first view is drawn once the page is parsed, before the core', async () => {
  // The widget benchmark at 4× CPU: the async script ran before the parser had finished, the early
  // card was skipped, and the card waited for the core (ready 438 ms against 258 ms for the
  // core's own draw). Here the parser waits for held.js, the core is held back.
  const context = await env.browser.newContext(VIEWPORT);
  try {
    const release = await hold_core(context);
    let core_asked = false;
    await context.route('**/dist/pepite-core.wasm', (route) => {
      core_asked = true;
      return route.fallback();
    });
    const parse = await hold_parsing(context);
    const page = await context.newPage();
    const pageErrors = /** @type {string[]} */ ([]);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${env.server.url}/tests/e2e/pages/early-parsing.html`, { waitUntil: 'commit' });
    // pepite.js has run and asked for the core while the document is still being parsed.
    await until(() => core_asked, 'the core asked for');
    assert.equal(await page.evaluate(() => document.readyState), 'loading');
    parse();
    await page.waitForSelector('pepite-survey .pp-card', { timeout: 5000 });
    assert.deepEqual(await events(page), [], 'drawn before the core is ready');
    assert.equal(await page.evaluate(() => document.querySelector('pepite-survey').parentElement.id), 'parsing-target');
    release();
    await waitEvent(page, 'shown');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the core downloads beside the early card and compiles after it is drawn (issue 19)', async () => {
  // The widget benchmark: the core's streaming compilation, started as its answer arrived, slowed
  // the early card by 10-20 ms at 1× CPU (2 cores). Here the core has fully arrived while the
  // parser still waits (held.js); nothing compiles before the card is drawn.
  const context = await env.browser.newContext(VIEWPORT);
  try {
    await context.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__compiles = [];
      const { compile, compileStreaming } = WebAssembly;
      const note = (/** @type {string} */ how) => w.__compiles.push({ how, at: performance.now(), card: !!document.querySelector('pepite-survey') });
      WebAssembly.compile = (/** @type {any} */ b) => (note('compile'), compile(b));
      WebAssembly.compileStreaming = (/** @type {any} */ r) => (note('streaming'), compileStreaming(r));
    });
    const parse = await hold_parsing(context);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/tests/e2e/pages/early-parsing.html`, { waitUntil: 'commit' });
    // The core's whole answer is in while the document is still being parsed.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /pepite-core\.wasm$/.test(e.name) && /** @type {PerformanceResourceTiming} */ (e).responseEnd > 0));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await page.evaluate(() => document.readyState), 'loading');
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__compiles), [], 'nothing compiled before the card is drawn');
    parse();
    await waitEvent(page, 'shown');
    const compiles = await page.evaluate(() => /** @type {any} */ (window).__compiles);
    const drawn = await page.evaluate(() => performance.getEntriesByName('widget-ready')[0].startTime);
    assert.equal(compiles.length, 1, JSON.stringify(compiles));
    assert.equal(compiles[0].how, 'compile', 'the bytes read meanwhile are compiled whole');
    assert.ok(compiles[0].card && compiles[0].at >= drawn, `compiled at ${compiles[0].at} ms, card drawn at ${drawn} ms`);
  } finally {
    await context.close();
  }
});
