// End-to-end: what a screen reader gets at each step (open, follow-up, thank-you), read from Chromium's accessibility tree (issue 20).
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

const DESKTOP = { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' };
const NPS = 'How likely are you to recommend our shop to a friend?';

/**
 * The accessible nodes Chromium exposes, with their role, name, description and live setting.
 * @param {import('playwright-core').Page} page
 */
async function ax_nodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  /** @param {any} n @param {string} name */
  const prop = (n, name) => (n.properties || []).find((/** @type {any} */ p) => p.name === name)?.value?.value;
  return nodes
    .filter((/** @type {any} */ n) => !n.ignored)
    .map((/** @type {any} */ n) => ({ role: n.role?.value, name: n.name?.value ?? '', description: n.description?.value ?? '', live: prop(n, 'live') ?? '', checked: prop(n, 'checked') }));
}

const PAGE = () => `${env.server.url}/tests/e2e/pages/plain.html?lang=en&locale=en`;
/** The card's accessibility tree as Playwright writes it (the shadow root is crossed). @param {import('playwright-core').Page} page */
const snapshot = (page) => page.locator('pepite-survey .pp-card').ariaSnapshot();

test('open: a dialog named by its title; the NPS is one radio group named by its question, 0 and 10 described by the end labels', async () => {
  const { context, page } = await open(env.browser, PAGE(), DESKTOP);
  try {
    await waitEvent(page, 'shown');
    assert.equal(
      await snapshot(page),
      [
        '- dialog "Your opinion matters":',
        '  - heading "Your opinion matters" [level=2]',
        '  - button "Close"',
        `  - text: ${NPS}`,
        `  - radiogroup "${NPS}":`,
        ...Array.from({ length: 11 }, (_, i) => `    - radio "${i}"`),
        // The first step is the score alone (issue 19); the title names the dialog, unseen.
        '  - text: Not at all likely Extremely likely',
        '  - status',
      ].join('\n'),
    );
    const nodes = await ax_nodes(page);
    assert.equal(nodes.filter((n) => n.role === 'radiogroup').length, 1, 'one radio group');
    const radios = nodes.filter((n) => n.role === 'radio');
    assert.deepEqual(radios.map((r) => r.name), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    assert.deepEqual(radios.map((r) => r.description), ['Not at all likely', ...Array(9).fill(''), 'Extremely likely']);
    // The status region is there, empty, before anything is said in it (a live region must exist first).
    assert.deepEqual(nodes.filter((n) => n.role === 'status').map((n) => [n.name, n.live]), [['', 'polite']]);
  } finally {
    await context.close();
  }
});

test('follow-up: its appearance is said in the status region; a missing answer is an alert', async () => {
  const { context, page } = await open(env.browser, PAGE(), DESKTOP);
  try {
    await waitEvent(page, 'shown');
    // A detractor's score shows "What went wrong?" and the comment box (the first step was the
    // score alone, issue 19): both said without moving focus there.
    await page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="3"]').click();
    await page.waitForFunction(() => document.querySelector('pepite-survey')?.shadowRoot?.querySelector('[data-question="wrong"]'));
    assert.match(await snapshot(page), /\n {2}- status: What went wrong\? Anything to add\?$/);
  } finally {
    await context.close();
  }
  // Next with the required NPS unanswered (a survey in steps: Next shows from the start): its
  // error is an assertive alert, gone with the answer.
  const steps = await open(env.browser, `${PAGE()}&survey=/tests/e2e/pages/steps-survey.json`, DESKTOP);
  try {
    await waitEvent(steps.page, 'shown');
    await steps.page.locator('pepite-survey .pp-actions button:not(.pp-submit):not(.pp-btn-2)').click();
    await steps.page.waitForFunction(() => !document.querySelector('pepite-survey')?.shadowRoot?.querySelector('[data-question="nps"] .pp-error')?.hidden);
    assert.match(await snapshot(steps.page), /\n {2}- alert: This question is required\.\n/);
    assert.ok((await ax_nodes(steps.page)).some((n) => n.role === 'alert' && n.live === 'assertive'), 'an assertive live region');
    await steps.page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="3"]').click();
    await steps.page.waitForFunction(() => document.querySelector('pepite-survey')?.shadowRoot?.querySelector('[data-question="nps"] .pp-error')?.hidden);
    assert.doesNotMatch(await snapshot(steps.page), /- alert/, 'the error is gone with the answer');
  } finally {
    await steps.context.close();
  }
});

test('thank-you: its title and body are said, and focus is on its title', async () => {
  const { context, page } = await open(env.browser, PAGE(), DESKTOP);
  try {
    await waitEvent(page, 'shown');
    await page.locator('pepite-survey [data-question="nps"] .pp-opt[data-value="10"]').click();
    await page.locator('pepite-survey .pp-submit').click();
    await waitEvent(page, 'submit');
    await page.waitForFunction(() => !document.querySelector('pepite-survey')?.shadowRoot?.querySelector('.pp-thanks')?.hidden);
    const tree = await snapshot(page);
    const title = String(await page.locator('pepite-survey .pp-title').textContent());
    const said = String(await page.locator('pepite-survey .pp-card > [role="status"]').textContent());
    assert.ok(said.startsWith(title) && said.length > title.length, `the status region says "${said}"`);
    // YAML quotes a text with a colon in it.
    assert.ok(tree.endsWith(`- status: ${said}`) || tree.endsWith(`- status: ${JSON.stringify(said)}`), tree);
    const focused = await page.evaluate(() => document.querySelector('pepite-survey')?.shadowRoot?.activeElement?.className);
    assert.equal(focused, 'pp-title');
  } finally {
    await context.close();
  }
});
