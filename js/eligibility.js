// "Not asked twice": remembers answered/dismissed surveys per order, recontactDays and sampling.

import { DAY_MS, SEEN_MAX } from './constants.js';

/**
 * @typedef {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }} Store
 */

/**
 * Key of one survey + order (orderId may be absent: the survey alone).
 * @param {string} surveyId
 * @param {unknown} orderId
 */
function order_key(surveyId, orderId) {
  return `${surveyId}|${orderId === undefined || orderId === null ? '' : String(orderId)}`;
}

/**
 * Decides whether the card may be shown. Rules (issue 4): an order already answered or dismissed
 * is never asked again; within `recontactDays` of the last answer or dismissal of this survey no
 * order is asked; `sampling` is drawn once per visitor and survey and remembered (redrawn only
 * when the rate changes).
 * @param {{ seen: Store, sample: Store, surveyId: string, orderId?: unknown, recontactDays: number,
 *   sampling: number, now: number, random: () => number }} a
 * @returns {{ eligible: boolean, reason: 'ok' | 'answered' | 'dismissed' | 'recontact' | 'sampled_out' }}
 */
export function decide(a) {
  const orders = a.seen.get('orders') || {};
  const mine = orders[order_key(a.surveyId, a.orderId)];
  if (mine && (mine.state === 'answered' || mine.state === 'dismissed')) return { eligible: false, reason: mine.state };
  const last = (a.seen.get('last') || {})[a.surveyId];
  if (a.recontactDays > 0 && typeof last === 'number' && a.now - last < a.recontactDays * DAY_MS && a.now >= last) {
    return { eligible: false, reason: 'recontact' };
  }
  if (a.sampling < 1) {
    const all = a.sample.get('rates') || {};
    let entry = all[a.surveyId];
    if (!entry || entry.rate !== a.sampling) {
      entry = { rate: a.sampling, in: a.random() < a.sampling };
      all[a.surveyId] = entry;
      a.sample.set('rates', all);
    }
    if (!entry.in) return { eligible: false, reason: 'sampled_out' };
  }
  return { eligible: true, reason: 'ok' };
}

/**
 * Records that the shopper answered (a payload exists) or dismissed this survey for this order.
 * An answer is never downgraded to a dismissal.
 * @param {Store} seen
 * @param {string} surveyId
 * @param {unknown} orderId
 * @param {'answered' | 'dismissed'} state
 * @param {number} now
 */
export function remember(seen, surveyId, orderId, state, now) {
  const orders = seen.get('orders') || {};
  const key = order_key(surveyId, orderId);
  if (!(orders[key] && orders[key].state === 'answered' && state === 'dismissed')) orders[key] = { state, at: now };
  // Bounded: keep the most recent SEEN_MAX orders.
  const keys = Object.keys(orders).sort((x, y) => (orders[y].at || 0) - (orders[x].at || 0));
  for (const k of keys.slice(SEEN_MAX)) delete orders[k];
  seen.set('orders', orders);
  const last = seen.get('last') || {};
  last[surveyId] = now;
  seen.set('last', last);
}

/**
 * "Not asked twice" for one widget (split from js/widget.js, issue 15).
 * @param {{ seen: Store, sample: Store, options: { survey: unknown, properties: Record<string, any>, recontactDays: number, sampling: number } }} w
 */
export function createEligibility(w) {
  return {
    /**
     * Whether the card may be shown now for this survey and the current order.
     * @param {string} surveyId
     */
    decide: (surveyId) =>
      decide({
        seen: w.seen,
        sample: w.sample,
        surveyId,
        orderId: w.options.properties.orderId,
        recontactDays: w.options.recontactDays,
        sampling: w.options.sampling,
        now: Date.now(),
        random: Math.random,
      }),
    /**
     * Remembers the id of a survey given by URL, so a later page can decide before the download.
     * @param {string} surveyId
     */
    rememberId(surveyId) {
      const survey = w.options.survey;
      const url = typeof survey === 'string' ? survey.trim() : '';
      if (!url || url[0] === '{' || url[0] === '#' || !surveyId) return;
      const ids = w.seen.get('ids') || {};
      if (ids[url] === surveyId) return;
      const keys = Object.keys(ids);
      if (keys.length >= 20) delete ids[keys[0]];
      ids[url] = surveyId;
      w.seen.set('ids', ids);
    },
  };
}
