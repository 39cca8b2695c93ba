// End-to-end: the call-back offer on the step where a detractor explains, before sending (issue 16):
// consent, channel and contact leave in their own payload field, unredacted, while the comment is.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, open, postedFor, setup, until, waitEvent } from './lib/browser.js';
import { checkPayload } from './lib/core-node.js';

const SURVEY = 'tests/fixtures/surveys/post-purchase.json';
const VIEWPORT = { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' };
const TEXTS = {
  fr: {
    offer: 'Souhaitez-vous être recontacté·e sous 24 h ?',
    phone: 'Téléphone',
    contact: 'Numéro de téléphone',
    error: 'Indiquez un numéro de téléphone ou une adresse e-mail où vous joindre.',
    promise: 'Nous vous rappelons sous 24 h.',
  },
  en: {
    offer: 'Shall we get back to you within 24 hours?',
    phone: 'Phone',
    contact: 'Phone number',
    error: 'Enter a phone number or e-mail address where we can reach you.',
    promise: 'We will call you back within 24 hours.',
  },
};
const NUMBER = '06 12 34 56 78';

/** @type {Awaited<ReturnType<typeof setup>>} */
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env.close();
});

const page_url = (/** @type {string} */ lang, /** @type {string} */ order) =>
  `${env.server.url}/tests/e2e/pages/plain.html?lang=${lang}&locale=${lang}&endpoint=/collect&order=${order}`;

/** @param {import('playwright-core').Page} page @param {(root: ShadowRoot) => any} fn */
const in_card = (page, fn) => page.evaluate(`(${fn})(document.querySelector('pepite-survey').shadowRoot)`);

for (const lang of /** @type {const} */ (['fr', 'en'])) {
  const t = TEXTS[lang];
  test(`${lang}: a detractor ticks the offer, picks the phone, types a number and sends`, async () => {
    const order = `CB-${lang}`;
    const { context, page, pageErrors, warnings } = await open(env.browser, page_url(lang, order), VIEWPORT);
    try {
      await waitEvent(page, 'shown');
      const offer = page.getByRole('checkbox', { name: t.offer });
      assert.equal(await offer.count(), 0, 'no offer before a score');
      await page.click('[data-pepite-score="2"]');
      await offer.waitFor();
      assert.equal(await offer.isChecked(), false);
      // Channel and contact only once ticked.
      assert.equal(await page.getByLabel(t.contact).isVisible(), false);
      await page.fill('pepite-survey textarea', `Colis abîmé, rappelez-moi au ${NUMBER}.`);
      // By keyboard: Space ticks it, and focus stays on it across the redraw.
      await offer.focus();
      await page.keyboard.press('Space');
      await page.getByLabel(t.contact).waitFor();
      assert.equal(await offer.isChecked(), true);
      assert.equal(await in_card(page, (root) => root.activeElement && root.activeElement.getAttribute('type')), 'checkbox');
      assert.equal(await page.getByRole('radio', { name: t.phone }).isChecked(), true, 'phone is the channel until another is picked');
      const field = page.getByLabel(t.contact);
      assert.equal(await field.getAttribute('autocomplete'), 'tel');
      assert.equal(await field.getAttribute('inputmode'), 'tel');
      assert.equal(await field.getAttribute('type'), 'tel');
      assert.deepEqual(await axe(page), [], 'axe with the offer ticked');

      // No contact: the card says so next to the field, and nothing complete leaves.
      await page.click('pepite-survey .pp-submit');
      const error = page.locator('pepite-survey .pp-error:not([hidden])');
      await error.waitFor();
      assert.equal(await error.textContent(), t.error);
      const described = await field.getAttribute('aria-describedby');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal(await in_card(page, (root) => root.activeElement && root.activeElement.getAttribute('type')), 'tel', 'focus goes to the contact field');
      assert.equal(await in_card(page, new Function('root', `return root.getElementById(${JSON.stringify(described)}).textContent`)), t.error);
      assert.deepEqual(await axe(page), [], 'axe with the contact error');
      await page.waitForTimeout(300);
      assert.equal(postedFor(env.server, order).filter((b) => b.status === 'complete').length, 0, 'nothing complete was sent');

      await field.fill(NUMBER);
      await page.click('pepite-survey .pp-submit');
      const payload = await waitEvent(page, 'submit');
      await until(() => postedFor(env.server, order).some((b) => b.status === 'complete'), 'the complete POST');
      const posted = postedFor(env.server, order).find((b) => b.status === 'complete');
      for (const body of [payload, posted]) {
        assert.equal(body.callbackConsent, true);
        assert.deepEqual(body.contact, { channel: 'phone', value: NUMBER });
        const comment = body.answers.find((/** @type {any} */ a) => a.questionId === 'comment');
        assert.equal(comment.value, 'Colis abîmé, rappelez-moi au [phone].');
      }
      const check = await checkPayload(posted, SURVEY);
      assert.deepEqual(check.errors, []);
      // The thank-you words the promise as a commitment, and asks nothing more.
      await page.locator('pepite-survey .pp-thanks').waitFor();
      assert.match(await page.locator('pepite-survey .pp-thanks').textContent(), new RegExp(t.promise.replace('.', '\\.')));
      assert.equal(await page.locator('pepite-survey .pp-thanks input').count(), 0);
      assert.deepEqual(await axe(page), [], 'axe on the thank-you');
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(warnings.filter((w) => w.includes('[pepite]')), []);
    } finally {
      await context.close();
    }
  });
}

test('a detractor who does not tick the offer sends no contact and is promised nothing', async () => {
  const order = 'CB-none';
  const { context, page, pageErrors } = await open(env.browser, page_url('en', order), VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="1"]');
    await page.getByRole('checkbox', { name: TEXTS.en.offer }).waitFor();
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.equal(payload.callbackConsent, false);
    assert.equal('contact' in payload, false);
    await page.locator('pepite-survey .pp-thanks').waitFor();
    assert.doesNotMatch(await page.locator('pepite-survey .pp-thanks').textContent(), /call you back/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a promoter never sees the offer', async () => {
  const { context, page, pageErrors } = await open(env.browser, page_url('fr', 'CB-promoter'), VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="10"]');
    await page.locator('pepite-survey [data-question="liked"]').waitFor();
    assert.equal(await page.locator('pepite-survey input[type="checkbox"]:visible').count(), 0);
    assert.equal(await page.getByText(TEXTS.fr.offer).count(), 0);
    // From a detractor's score to a promoter's: the offer goes.
    await page.click('[data-pepite-score="3"]');
    await page.getByRole('checkbox', { name: TEXTS.fr.offer }).waitFor();
    await page.click('[data-pepite-score="9"]');
    await page.getByRole('checkbox', { name: TEXTS.fr.offer }).waitFor({ state: 'hidden' });
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.equal(payload.callbackConsent, false);
    assert.equal('contact' in payload, false);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('e-mail: the field follows the channel (label, type, autocomplete, inputmode) and the address leaves as typed', async () => {
  const order = 'CB-email';
  const { context, page, pageErrors } = await open(env.browser, page_url('en', order), VIEWPORT);
  try {
    await waitEvent(page, 'shown');
    await page.click('[data-pepite-score="0"]');
    await page.getByRole('checkbox', { name: TEXTS.en.offer }).check();
    await page.getByRole('radio', { name: 'E-mail' }).check();
    const field = page.getByLabel('E-mail address');
    await field.waitFor();
    for (const a of ['type', 'autocomplete', 'inputmode']) assert.equal(await field.getAttribute(a), 'email', a);
    await field.fill('lea@example');
    await page.click('pepite-survey .pp-submit');
    await page.locator('pepite-survey .pp-error:not([hidden])').waitFor();
    await field.fill('lea.martin@example.fr');
    await page.click('pepite-survey .pp-submit');
    const payload = await waitEvent(page, 'submit');
    assert.equal(payload.callbackConsent, true);
    assert.deepEqual(payload.contact, { channel: 'email', value: 'lea.martin@example.fr' });
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
