// Issue 17, the shopper's side after sending, against the real collector (SQLite, and PostgreSQL
// under scripts/with-postgres.sh): the status page `/s/{survey}/status?t=` (its refusals, the
// path received → contacted → resolved → reopened with dates, the promise, the notes marked for
// the shopper), and "is it solved?" (the follow-up survey served once the case is resolved, its
// answer through the normal POST, attached to the case and counted in /v1/stats).

import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { auth, makePayload, post, sql, startCollector } from './helpers.js';

const SECRET = 'status-page-secret-0123456789abcdef';

/** A token as docs/tokens.md says a shop's server makes one. */
function sign(/** @type {object} */ claims, secret = SECRET) {
  const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const inDays = (/** @type {number} */ d) => Math.floor(Date.now() / 1000) + d * 86400;
/** @type {Map<string, string>} */
const tokens = new Map();
/**
 * The order's token, signed once per order and language as a shop's link is: a response is bound
 * to the token its first version came with, and a token signed again a second later (another
 * expiry, other bytes) is another sender (`collector.not_your_response`, seen once under load).
 */
const token = (/** @type {string} */ o, l = 'fr') => {
  const key = `${o}\n${l}`;
  if (!tokens.has(key)) tokens.set(key, sign({ s: 'post-purchase', o, e: inDays(7), l }));
  return /** @type {string} */ (tokens.get(key));
};

/** The complaint of the demo survey, sent now (a detractor; `consent`: the call-back asked). */
function complaint(/** @type {string} */ order, consent = true, nps = 2) {
  const now = Date.now() - 10000;
  const p = makePayload({ nps, consent, comment: 'Colis abîmé', at: now });
  return { ...p, token: token(order), ...(consent ? { contact: { channel: 'email', value: 'client@example.org' } } : {}) };
}

/** An answer to the follow-up survey `post-purchase--solved`, as the card builds it. */
function followUp(/** @type {{ id?: string, order: string, solved: string, nps: number, comment?: string, status?: 'partial'|'complete' }} */ o) {
  const status = o.status || 'complete';
  const now = Date.now() - 5000;
  const answers = [{ questionId: 'solved', type: 'choice', value: o.solved }];
  if (o.comment) answers.push({ questionId: 'comment', type: 'text', value: o.comment });
  answers.push({ questionId: 'nps', type: 'nps', value: o.nps });
  const category = o.nps <= 6 ? 'detractor' : o.nps <= 8 ? 'passive' : 'promoter';
  return {
    schema: 'pepite.response/1',
    responseId: o.id || randomUUID(),
    surveyId: 'post-purchase--solved',
    status,
    answers,
    scores: { nps: o.nps, npsCategory: category, csat: null, csatSatisfied: null, ces: null, cesLowEffort: null },
    alert: null,
    callbackConsent: false,
    properties: {},
    context: {
      locale: 'fr',
      pageUrl: 'https://collector.example/s/post-purchase',
      startedAt: new Date(now - 4000).toISOString(),
      updatedAt: new Date(now).toISOString(),
      submittedAt: status === 'complete' ? new Date(now).toISOString() : null,
      durationMs: 4000,
    },
    token: token(o.order),
  };
}

describe('the status page and "is it solved?"', () => {
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let c;
  before(async () => {
    c = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET] });
  });
  after(async () => { await c?.stop(); });

  /** GET a page; `lang` the browser's. @param {string} p */
  const page = async (p, lang = 'en') => {
    const res = await fetch(c.url + p, { headers: { 'Accept-Language': lang } });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  /** @param {string} id @param {string} action @param {unknown} body */
  const change = async (id, action, body) => {
    const res = await fetch(`${c.url}/v1/cases/${id}/${action}`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const getCase = async (/** @type {string} */ id) => (await fetch(`${c.url}/v1/cases/${id}`, { headers: auth() })).json();
  /** The text of the page's steps, one per item, tags removed. @param {string} html */
  const steps = (html) => [...html.matchAll(/<li class="ph-step( ph-done)?"><span class="ph-step-name">([^<]*)<\/span><span class="ph-when">(.*?)<\/span><\/li>/g)]
    .map((m) => `${m[1] ? '✓' : '·'} ${m[2]} | ${m[3].replace(/<[^>]+>/g, '')}`);

  test('refusals: unknown survey, no token, bad, expired, another survey\'s, the follow-up\'s id, unknown order', async () => {
    const unknown = await page(`/s/no-such/status?t=${sign({ s: 'no-such', o: 'A', e: inDays(1) })}`, 'fr-FR');
    assert.equal(unknown.status, 404);
    assert.match(unknown.html, /<title>Où en est ma demande<\/title>/);
    assert.match(unknown.html, /Ce questionnaire n'existe pas/);
    const missing = await page('/s/post-purchase/status');
    assert.equal(missing.status, 400);
    assert.match(missing.html, /This link is incomplete/);
    const expired = await page(`/s/post-purchase/status?t=${sign({ s: 'post-purchase', o: 'A', e: inDays(-1) })}`);
    assert.equal(expired.status, 410);
    for (const bad of [sign({ s: 'post-purchase', o: 'A', e: inDays(1) }, 'another-secret-0123456789abcdef'), 'v1.x.y', sign({ s: 'exit', o: 'A', e: inDays(1) })]) {
      const r = await page(`/s/post-purchase/status?t=${bad}`);
      assert.equal(r.status, 403);
      assert.match(r.html, /This link is not valid/);
    }
    // The follow-up survey has no page of its own.
    const followUpPage = await page(`/s/post-purchase--solved/status?t=${sign({ s: 'post-purchase--solved', o: 'A', e: inDays(1) })}`);
    assert.equal(followUpPage.status, 404);
    const none = await page(`/s/post-purchase/status?t=${token('NO-ANSWER', 'en')}`);
    assert.equal(none.status, 404);
    assert.match(none.html, /We have not received an answer for this order yet/);
    assert.match(none.html, /href="\/s\/post-purchase\?t=v1\.[\w.-]+">Answer the survey</);
    for (const r of [unknown, missing, expired, none]) {
      assert.match(r.headers.get('content-security-policy') || '', /default-src 'none'; script-src 'self'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.ok(!r.html.includes('<script'), 'no script on the status pages');
    }
  });

  test('an answer without a case (a promoter) shows "received", honestly', async () => {
    const p = { ...makePayload({ nps: 10, at: Date.now() - 10000 }), token: token('ST-PROMOTER', 'en') };
    assert.equal((await post(c.url, p)).status, 200);
    const r = await page(`/s/post-purchase/status?t=${token('ST-PROMOTER', 'en')}`, 'fr');
    assert.equal(r.status, 200);
    assert.match(r.html, /<html lang="en">/);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Request received']);
    assert.match(r.html, /Thank you: your answer is received\. No call back was asked for this order\./);
    assert.ok(!r.html.includes('We contacted you'));
  });

  test('every card language: the token\'s, else the browser\'s (by q), ar and he right to left', async () => {
    const p = { ...makePayload({ nps: 10, at: Date.now() - 10000 }), token: token('ST-LANGS', 'en') };
    assert.equal((await post(c.url, p)).status, 200);
    /** lang → [dir, the "received" step, the page's title, a month of the date]. */
    const expected = {
      fr: ['', 'Demande reçue', 'Où en est ma demande'],
      en: ['', 'Request received', 'Where my request stands'],
      de: ['', 'Anfrage erhalten', 'Stand meiner Anfrage'],
      es: ['', 'Solicitud recibida', 'Estado de mi solicitud'],
      it: ['', 'Richiesta ricevuta', 'A che punto è la mia richiesta'],
      nl: ['', 'Verzoek ontvangen', 'Stand van mijn verzoek'],
      'pt-BR': ['', 'Solicitação recebida', 'Onde está minha solicitação'],
      pl: ['', 'Zgłoszenie przyjęte', 'Status mojego zgłoszenia'],
      sv: ['', 'Ärendet har tagits emot', 'Var mitt ärende står'],
      ja: ['', 'お問い合わせを受け付けました', 'お問い合わせの状況'],
      ar: [' dir="rtl"', 'تم استلام الطلب', 'حالة طلبي'],
      he: [' dir="rtl"', 'הפנייה התקבלה', 'מה מצב הפנייה שלי'],
    };
    const months = new Map(Object.keys(expected).map((l) => [l, new Intl.DateTimeFormat(l, { month: 'long', timeZone: 'UTC' }).format(new Date())]));
    for (const [lang, [dir, received, title]] of Object.entries(expected)) {
      // The token's locale wins over the browser's.
      const byToken = await page(`/s/post-purchase/status?t=${sign({ s: 'post-purchase', o: 'ST-LANGS', e: inDays(7), l: lang })}`, lang === 'fr' ? 'en' : 'fr');
      assert.equal(byToken.status, 200, lang);
      assert.ok(byToken.html.includes(`<html lang="${lang}"${dir}>`), `${lang}: ${byToken.html.slice(0, 80)}`);
      assert.ok(byToken.html.includes(`<title>${title}</title>`), lang);
      assert.deepEqual(steps(byToken.html).map((x) => x.split(' | ')[0]), [`✓ ${received}`], lang);
      // The date in the language's words (its month name; ar and ja as Intl writes them too).
      const when = steps(byToken.html)[0].split(' | ')[1];
      if (!['ar', 'ja', 'pl'].includes(lang)) assert.ok(when.toLowerCase().includes(String(months.get(lang)).toLowerCase()), `${lang}: ${when}`);
      assert.match(when, new RegExp(`${new Date().getUTCFullYear()}.* UTC$`), lang);
      // Without a locale in the token: the browser's language among the twelve.
      const byBrowser = await page(`/s/post-purchase/status?t=${sign({ s: 'post-purchase', o: 'ST-LANGS', e: inDays(7) })}`, `zh-CN, ${lang};q=0.8, en;q=0.1`);
      assert.ok(byBrowser.html.includes(`<html lang="${lang}"${dir}>`), `${lang} by Accept-Language`);
      assert.ok(byBrowser.html.includes(received), lang);
    }
    // pt and pt-PT read as the Brazilian texts; a language the card does not speak: English.
    for (const [l, want] of [['pt', 'pt-BR'], ['pt-PT', 'pt-BR'], ['zh', 'en'], ['AR-eg', 'ar']]) {
      const r = await page(`/s/post-purchase/status?t=${sign({ s: 'post-purchase', o: 'ST-LANGS', e: inDays(7), l })}`, 'en');
      assert.match(r.html, new RegExp(`<html lang="${want}"`), l);
    }
    // The refusals too: an expired link in Japanese, a missing one by the browser's Swedish.
    const expired = await page(`/s/post-purchase/status?t=${sign({ s: 'post-purchase', o: 'A', e: inDays(-1), l: 'ja' })}`, 'ja-JP');
    assert.equal(expired.status, 410);
    assert.match(expired.html, /このリンクは有効期限が切れています/);
    const missing = await page('/s/post-purchase/status', 'sv-SE,sv;q=0.9');
    assert.match(missing.html, /<html lang="sv">/);
    assert.match(missing.html, /Länken är ofullständig/);
  });

  test('a complaint\'s path: received, contacted, resolved, reopened, with dates, the promise and the notes for the shopper', async () => {
    const p = complaint('ST-PATH');
    assert.equal((await post(c.url, p)).status, 200);
    const link = `/s/post-purchase/status?t=${token('ST-PATH')}`;
    let r = await page(link);
    assert.equal(r.status, 200);
    assert.match(r.html, /<html lang="fr">/, 'the token\'s language wins over the browser\'s');
    assert.match(r.html, /<h1>Où en est ma demande<\/h1>/);
    assert.match(r.html, /Commande n° ST-PATH/);
    const received = steps(r.html);
    assert.equal(received.length, 3);
    assert.match(received[0], /^✓ Demande reçue \| \d{1,2} [a-zéû]+ \d{4} à \d\d:\d\d UTC$/);
    assert.deepEqual(received.slice(1), ['· Nous vous avons contacté·e | À venir', '· Demande résolue | À venir']);
    // The definition's promise, in the core's sentence, and the due time (received + 24 h).
    assert.match(r.html, /Nous vous rappelons sous 24 h\. Au plus tard le <time datetime="(\S+)">/);
    const due = /Au plus tard le <time datetime="([^"]+)"/.exec(r.html)?.[1] || '';
    const { case: kase } = await getCase(p.responseId);
    assert.equal(due, kase.dueAt);
    assert.ok(!r.html.includes('dépassé'), 'not overdue yet');

    assert.equal((await change(p.responseId, 'status', { status: 'contacted' })).status, 200);
    assert.equal((await change(p.responseId, 'notes', { text: 'Un nouveau colis part demain.', forShopper: true })).status, 200);
    assert.equal((await change(p.responseId, 'notes', { text: 'Client agacé, geste commercial <b>10 €</b>', forShopper: false })).status, 200);
    r = await page(link);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Demande reçue', '✓ Nous vous avons contacté·e', '· Demande résolue']);
    assert.ok(!r.html.includes('Nous vous rappelons'), 'the promise is kept: no longer shown');
    assert.match(r.html, /<h2>Messages de notre équipe<\/h2>/);
    assert.match(r.html, /Un nouveau colis part demain\./);
    assert.ok(!r.html.includes('geste commercial'), 'a note not marked for the shopper stays in the team');

    assert.equal((await change(p.responseId, 'status', { status: 'resolved' })).status, 200);
    r = await page(link, 'en');
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Demande reçue', '✓ Nous vous avons contacté·e', '✓ Demande résolue']);
    assert.equal(steps(r.html).filter((s) => s.includes('À venir')).length, 0);
    // Reopened, then resolved again: the path shows each move still in force.
    assert.equal((await change(p.responseId, 'status', { status: 'open' })).status, 200);
    r = await page(link);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]),
      ['✓ Demande reçue', '✓ Nous vous avons contacté·e', '✓ Demande résolue', '✓ Demande rouverte', '· Nous vous avons contacté·e', '· Demande résolue']);
    // An undone move leaves the path.
    const undo = await change(p.responseId, 'undo', {});
    assert.equal(undo.status, 200);
    r = await page(link);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Demande reçue', '✓ Nous vous avons contacté·e', '✓ Demande résolue']);
  });

  test('a detractor without consent: received, and the moves staff made, no promise', async () => {
    const p = complaint('ST-NOCONSENT', false, 4);
    assert.equal((await post(c.url, p)).status, 200);
    const link = `/s/post-purchase/status?t=${token('ST-NOCONSENT')}`;
    let r = await page(link);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Demande reçue']);
    assert.match(r.html, /Aucun rappel n'a été demandé/);
    assert.equal((await change(p.responseId, 'status', { status: 'resolved' })).status, 200);
    r = await page(link);
    assert.deepEqual(steps(r.html).map((s) => s.split(' | ')[0]), ['✓ Demande reçue', '✓ Demande résolue']);
    assert.ok(!r.html.includes('Nous vous rappelons'));
  });

  test('"is it solved?": asked once the case is resolved, stored through POST, on the case, in the KPIs', async () => {
    const order = 'ST-SOLVED';
    const p = complaint(order, true, 2);
    assert.equal((await post(c.url, p)).status, 200);
    const hosted = `/s/post-purchase?t=${token(order)}`;
    // Not resolved: the link says the answer is in, with the status link; a follow-up is refused.
    let r = await page(hosted);
    assert.match(r.html, /votre réponse pour cette commande est bien enregistrée/);
    assert.match(r.html, /href="\/s\/post-purchase\/status\?t=v1\.[\w.-]+">Suivre ma demande</);
    assert.ok(!r.html.includes('<script'));
    const early = await post(c.url, followUp({ order, solved: 'yes', nps: 9 }));
    assert.equal(early.status, 409);
    assert.equal((await early.json()).errors[0].code, 'collector.not_resolved');

    assert.equal((await change(p.responseId, 'status', { status: 'resolved' })).status, 200);
    r = await page(hosted);
    assert.match(r.html, /data-survey="\/pepite\/surveys\/post-purchase--solved\.json"/);
    assert.match(r.html, /data-token="v1\.[\w.-]+"/);
    assert.match(r.html, /<p id="ph-status" class="ph-status" data-when="sent" hidden>/);
    assert.match(r.html, /<script src="\/s\/status-link\.js"><\/script>/);
    // The follow-up definition is an ordinary one: yes / partly / no, a comment, the NPS again.
    const def = await (await fetch(`${c.url}/pepite/surveys/post-purchase--solved.json`)).json();
    assert.equal(def.schema, 'pepite.survey/1');
    assert.deepEqual(def.questions.map((/** @type {any} */ q) => `${q.id}:${q.type}`), ['solved:choice', 'comment:text', 'nps:nps']);
    assert.deepEqual(def.questions[0].options.map((/** @type {any} */ o) => o.id), ['yes', 'partly', 'no']);
    assert.equal(def.questions[2].text.fr, 'Recommanderiez-vous notre boutique à un proche ?', 'the base survey\'s wording');
    // In the card's twelve languages: the base's NPS wording where it has one, ours elsewhere, and
    // the core's own scale labels where the base has none.
    assert.deepEqual(def.locales, ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'ar', 'he']);
    for (const l of def.locales) {
      for (const text of [def.questions[0].text, def.questions[1].text, def.questions[2].text, def.questions[2].lowLabel, ...def.questions[0].options.map((/** @type {any} */ o) => o.label)]) {
        assert.ok(typeof text[l] === 'string' && text[l].length > 0, `${l}: ${JSON.stringify(text)}`);
      }
    }
    assert.equal(def.questions[0].text.de, 'Ist Ihr Problem gelöst?');
    assert.equal(def.questions[0].options[1].label.ja, '一部');
    assert.equal(def.questions[2].text.en, 'How likely are you to recommend our shop to a friend?');
    assert.equal(def.questions[2].text.es, '¿Recomendaría nuestra tienda a un amigo o familiar?');
    assert.equal(def.questions[2].lowLabel.fr, 'Pas du tout probable', 'the base survey\'s label');
    assert.equal(def.questions[2].lowLabel.de, 'Äußerst unwahrscheinlich', 'the core\'s label');
    assert.equal(def.thankYou, undefined, 'the core\'s own thanks');
    // The link in Arabic serves it right to left, the card in Arabic.
    const ar = await page(`/s/post-purchase?t=${sign({ s: 'post-purchase', o: order, e: inDays(7), l: 'ar' })}`);
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
    assert.match(ar.html, /data-survey="\/pepite\/surveys\/post-purchase--solved\.json"/);
    assert.match(ar.html, /data-locale="ar"/);
    assert.match(ar.html, /<p class="ph-order">الطلب رقم ST-SOLVED<\/p>/);
    // Without the order's token, with another order's, or one for another survey: refused.
    const { token: _t, ...anonymous } = followUp({ order, solved: 'yes', nps: 9 });
    const noToken = await post(c.url, anonymous);
    assert.equal(noToken.status, 403);
    assert.equal((await noToken.json()).errors[0].code, 'collector.token_required');
    const otherOrder = await post(c.url, followUp({ order: 'ST-NO-SUCH-ORDER', solved: 'yes', nps: 9 }));
    assert.equal(otherOrder.status, 409);
    // The shopper answers: a partial, then the complete (later versions of one response pass).
    const id = randomUUID();
    assert.equal((await post(c.url, followUp({ id, order, solved: 'partly', nps: 6, status: 'partial' }))).status, 200);
    r = await page(hosted);
    assert.ok(!r.html.includes('post-purchase--solved'), 'asked once: a begun answer is not asked again');
    const done = await post(c.url, followUp({ id, order, solved: 'partly', nps: 7, comment: 'Reçu, mais en retard' }));
    assert.equal(done.status, 200, await done.clone().text());
    assert.equal((await done.json()).result, 'stored');
    // A replay is stored once; a second answer for the order is refused.
    assert.equal((await post(c.url, followUp({ id, order, solved: 'partly', nps: 7, comment: 'Reçu, mais en retard' }))).status, 200);
    const second = await post(c.url, followUp({ order, solved: 'yes', nps: 10 }));
    assert.equal(second.status, 409);
    assert.equal((await second.json()).errors[0].code, 'collector.order_already_answered');

    // On the case: the answer, the comment, the NPS after, when; and one event by the shopper.
    const kase = await getCase(p.responseId);
    assert.equal(kase.case.resolution.answer, 'partly');
    assert.equal(kase.case.resolution.comment, 'Reçu, mais en retard');
    assert.equal(kase.case.resolution.npsAfter, 7);
    assert.match(kase.case.resolution.answeredAt, /^\d{4}-\d\d-\d\dT/);
    const events = kase.events.filter((/** @type {any} */ e) => e.kind === 'resolution');
    assert.equal(events.length, 1);
    assert.equal(events[0].actor, 'shopper');
    assert.equal(events[0].to, 'partly');
    // The shopper's answer is not a change a manager can undo: undo takes back the resolution.
    assert.notEqual(kase.case.lastEvent, events[0].id);
    // The follow-up has no case of its own and stays out of the unfiltered list.
    const list = await (await fetch(`${c.url}/v1/responses?limit=500`, { headers: auth() })).json();
    assert.ok(!list.items.some((/** @type {any} */ x) => x.responseId === id));
    const own = await (await fetch(`${c.url}/v1/responses?survey=post-purchase--solved`, { headers: auth() })).json();
    assert.deepEqual(own.items.map((/** @type {any} */ x) => x.responseId), [id]);
    const queue = await (await fetch(`${c.url}/v1/cases?queue=read&limit=200`, { headers: auth() })).json();
    assert.ok(!queue.items.some((/** @type {any} */ x) => x.responseId === id));
    // The status page tells what the shopper said; the link shows no survey again.
    r = await page(`/s/post-purchase/status?t=${token(order)}`);
    assert.ok(steps(r.html).some((s) => s.startsWith('✓ Vous nous avez répondu : problème résolu en partie')));
    r = await page(hosted);
    assert.match(r.html, /votre réponse pour cette commande est bien enregistrée/);
    assert.ok(!r.html.includes('<script'));
    // Reopened and resolved again: not asked a second time (docs/collector.md).
    assert.equal((await change(p.responseId, 'status', { status: 'open' })).status, 200);
    assert.equal((await change(p.responseId, 'status', { status: 'resolved' })).status, 200);
    r = await page(hosted);
    assert.ok(!r.html.includes('post-purchase--solved'));

    // The KPIs: one confirmation (partly), NPS 2 → 7 (a detractor, then a passive).
    const stats = await (await fetch(`${c.url}/v1/stats`, { headers: auth() })).json();
    const k = stats.complaints;
    assert.deepEqual([k.resolutionConfirmed.yes, k.resolutionConfirmed.partly, k.resolutionConfirmed.no], [0, 1, 0]);
    assert.equal(k.resolutionConfirmed.count, 1);
    assert.equal(k.resolutionConfirmed.value, 0);
    assert.deepEqual([k.npsBeforeResolution.value, k.npsBeforeResolution.count], [-100, 1]);
    assert.deepEqual([k.npsAfterResolution.value, k.npsAfterResolution.count], [0, 1]);
    // The follow-up is not counted among the answers of the unfiltered figures.
    assert.equal(stats.responses, Number(sql(c.db, 'SELECT count(*) FROM responses')) - 1);
  });

  test('the order page: the first-view route given the token serves "is it solved?" once resolved, never shared', async () => {
    const order = 'ST-ORDER-PAGE';
    const p = complaint(order, true, 3);
    assert.equal((await post(c.url, p)).status, 200);
    /** GET the route as pepite.js does on the shop's page. @param {string} query @param {Record<string, string>} [headers] */
    const fv = async (query, headers = {}) => {
      const res = await fetch(`${c.url}/v1/surveys/post-purchase/first-view${query}`, { headers });
      return { status: res.status, headers: res.headers, body: res.status === 200 ? await res.json() : null };
    };
    const t = token(order);
    const open = await fv('?locales=fr');
    assert.equal(open.headers.get('cache-control'), 'public, max-age=300');
    // Not resolved yet: the survey itself, but the reply is the order's: private, its own tag.
    let r = await fv(`?locales=fr&t=${t}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.id, 'post-purchase');
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    assert.notEqual(r.headers.get('etag'), open.headers.get('etag'));
    assert.equal(r.headers.get('etag'), open.headers.get('etag')?.replace(/"$/, '-t"'));
    // A cache holding the public tag gets no 304 for the order's reply.
    assert.equal((await fv(`?locales=fr&t=${t}`, { 'If-None-Match': String(open.headers.get('etag')) })).status, 200);

    assert.equal((await change(p.responseId, 'status', { status: 'resolved' })).status, 200);
    r = await fv(`?locales=de,en&t=${t}`);
    assert.equal(r.body.id, 'post-purchase--solved');
    assert.deepEqual(Object.keys(r.body.firstView.views), ['de']);
    assert.equal(r.body.firstView.views.de.questions[0].text, 'Ist Ihr Problem gelöst?');
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    assert.match(String(r.headers.get('etag')), new RegExp(`^"${r.body.firstView.definitionHash}-de-t"$`));
    // Its own tag: a revalidation with it is answered 304, still private.
    const again = await fv(`?locales=de,en&t=${t}`, { 'If-None-Match': String(r.headers.get('etag')) });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('cache-control'), 'private, no-store');
    // Everyone else still gets the survey: no token, another order's, a forged or expired one.
    assert.equal((await fv('?locales=de')).body.id, 'post-purchase');
    for (const other of [token('ST-NOT-ANSWERED'), sign({ s: 'post-purchase', o: order, e: inDays(7) }, 'another-secret-0123456789abcdef'),
      sign({ s: 'post-purchase', o: order, e: inDays(-1) }), sign({ s: 'exit', o: order, e: inDays(7) }), 'v1.x.y']) {
      r = await fv(`?locales=de&t=${other}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.id, 'post-purchase', other);
      assert.equal(r.headers.get('cache-control'), 'private, no-store');
    }
    // Answered through the order page's card: asked once, the survey again afterwards.
    assert.equal((await post(c.url, followUp({ order, solved: 'yes', nps: 9 }))).status, 200);
    r = await fv(`?locales=fr&t=${t}`);
    assert.equal(r.body.id, 'post-purchase');
    assert.equal((await getCase(p.responseId)).case.resolution.answer, 'yes');
  });

  test('/s/status-link.js is served as a script of this origin', async () => {
    const res = await fetch(`${c.url}/s/status-link.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /text\/javascript/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await res.text(), /pepite\('on', 'sent'/);
  });
});

describe('webhooks carry the shopper\'s status page (--public-url)', () => {
  test('alert.created and case.changed: statusUrl and a line in the Slack text; none without a token', { timeout: 60000 }, async () => {
    /** @type {any[]} */
    const bodies = [];
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (d) => { text += d; });
      req.on('end', () => { bodies.push(JSON.parse(text)); res.end('ok'); });
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', () => r(undefined)));
    const port = /** @type {import('node:net').AddressInfo} */ (receiver.address()).port;
    const c = await startCollector({
      args: ['--rate-limit', '0', '--token-secret', SECRET, '--webhook', `http://127.0.0.1:${port}/hook`,
        '--webhook-secret', 'hook-secret-0123456789', '--webhook-retry', '200', '--public-url', 'https://avis.shop.example/pepite/'],
    });
    try {
      const p = complaint('WH-ORDER');
      assert.equal((await post(c.url, p)).status, 200);
      const plain = makePayload({ nps: 1, consent: false, at: Date.now() - 10000 });
      assert.equal((await post(c.url, plain)).status, 200);
      const res = await fetch(`${c.url}/v1/cases/${p.responseId}/status`, {
        method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'contacted' }),
      });
      assert.equal(res.status, 200);
      const wanted = (/** @type {(b: any) => boolean} */ f) => bodies.find(f);
      for (let i = 0; i < 150 && !(wanted((b) => b.type === 'case.changed') && bodies.filter((b) => b.type === 'alert.created').length === 2); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const alert = wanted((b) => b.type === 'alert.created' && b.data.responseId === p.responseId);
      // Not the shopper's own token (never stored, and an alert's body is built when it is sent):
      // one the collector signs for the same order, as for case.changed.
      assert.match(alert.data.statusUrl, /^https:\/\/avis\.shop\.example\/pepite\/s\/post-purchase\/status\?t=v1\.[\w-]+\.[\w-]+$/);
      assert.notEqual(new URL(alert.data.statusUrl).searchParams.get('t'), p.token);
      assert.ok(alert.text.endsWith(`\nShopper's status page: ${alert.data.statusUrl}`), alert.text);
      const alertPage = await fetch(`${c.url}/s/post-purchase/status?t=${new URL(alert.data.statusUrl).searchParams.get('t')}`);
      assert.equal(alertPage.status, 200);
      const unbound = wanted((b) => b.type === 'alert.created' && b.data.responseId === plain.responseId);
      assert.equal(unbound.data.statusUrl, undefined, 'no token, no link');
      assert.ok(!unbound.text.includes('status page'));
      const changed = wanted((b) => b.type === 'case.changed');
      assert.match(changed.data.statusUrl, /^https:\/\/avis\.shop\.example\/pepite\/s\/post-purchase\/status\?t=v1\.[\w-]+\.[\w-]+$/);
      assert.ok(changed.text.endsWith(`\nShopper's status page: ${changed.data.statusUrl}`));
      // The collector's own token for the same order opens the same page.
      const t = new URL(changed.data.statusUrl).searchParams.get('t');
      const statusPage = await fetch(`${c.url}/s/post-purchase/status?t=${t}`);
      assert.equal(statusPage.status, 200);
      assert.match(await statusPage.text(), /Commande n° WH-ORDER/);
      // Resolved, then the shopper says it is not: the team hears it (case.changed, `resolution`).
      const resolve = await fetch(`${c.url}/v1/cases/${p.responseId}/status`, {
        method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'resolved' }),
      });
      assert.equal(resolve.status, 200);
      assert.equal((await post(c.url, followUp({ order: 'WH-ORDER', solved: 'no', nps: 3, comment: 'Toujours rien reçu' }))).status, 200);
      for (let i = 0; i < 150 && !wanted((b) => b.type === 'case.changed' && b.data.change === 'resolution'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const said = wanted((b) => b.type === 'case.changed' && b.data.change === 'resolution');
      assert.ok(said, 'a case.changed for the shopper\'s answer');
      assert.equal(said.data.actor, 'shopper');
      assert.equal(said.data.to, 'no');
      assert.equal(said.data.note, 'Toujours rien reçu');
      assert.match(said.text, /^Case of order WH-ORDER: the shopper says “not solved”\n“Toujours rien reçu” \(by shopper\)\nShopper.s status page: https:/);
    } finally {
      await c.stop();
      receiver.close();
    }
  });

  test('a --public-url that is not an http(s) address stops the start', async () => {
    for (const bad of ['ftp://x', 'https://', 'https://a.example/?q=1', 'https://a b']) {
      await assert.rejects(startCollector({ args: ['--public-url', bad] }), /collector exited/);
    }
  });
});

describe('which surveys get a follow-up', () => {
  test('only with --token-secret, never for a follow-up, and not when the id leaves no room', async () => {
    const c = await startCollector({ args: ['--rate-limit', '0'] });
    try {
      assert.equal((await fetch(`${c.url}/pepite/surveys/post-purchase--solved.json`)).status, 404, 'no tokens, no follow-up');
    } finally {
      await c.stop();
    }
    const s = await startCollector({ args: ['--rate-limit', '0', '--token-secret', SECRET] });
    try {
      const { items } = await (await fetch(`${s.url}/v1/surveys`, { headers: auth() })).json();
      const ids = items.map((/** @type {any} */ i) => i.id);
      for (const id of ids.filter((/** @type {string} */ i) => !i.endsWith('--solved'))) {
        assert.equal(ids.includes(`${id}--solved`), `${id}--solved`.length <= 40, id);
      }
      assert.ok(!ids.some((/** @type {string} */ i) => i.endsWith('--solved--solved')));
      assert.match(s.output(), /survey post-purchase--solved: "is it solved\?" after post-purchase/);
    } finally {
      await s.stop();
    }
  });
});
