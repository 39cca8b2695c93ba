// What goes into the outbox for a payload the core gave (issue 5, split from js/delivery.js in
// issue 15): checked, its page URL without query or fragment, through the shop's beforeSend.

import { describe } from './errors.js';

/**
 * @param {any} payload a pepite.response/1 payload from the core
 * @param {((payload: object) => any) | undefined} beforeSend may return a modified payload, or false to cancel (or a promise of either)
 * @param {boolean} noEndpoint no endpoint is configured: said once the payload is known valid
 * @param {(code: string, message: string, extra?: object) => void} fail reports why nothing is queued
 * @returns {Promise<any>} the payload to queue, or null (cancelled or refused: `fail` said why)
 */
export async function preparePayload(payload, beforeSend, noEndpoint, fail) {
  if (!payload || typeof payload !== 'object' || typeof payload.responseId !== 'string') {
    fail('delivery.invalid_payload', 'send() needs a pepite.response/1 payload with a responseId');
    return null;
  }
  const id = payload.responseId;
  const status = payload.status;
  if (status !== 'partial' && status !== 'complete') {
    fail('delivery.invalid_payload', 'payload status must be "partial" or "complete"', { responseId: id });
    return null;
  }
  if (noEndpoint) fail('delivery.no_endpoint', 'no endpoint configured: response ' + id + ' kept in the outbox', { responseId: id });
  let p = strip_url(payload);
  if (typeof beforeSend !== 'function') return p;
  let r;
  try {
    // An async hook (it looks something up first) is awaited: a rejection is a throw.
    r = await beforeSend(p);
  } catch (err) {
    // Privacy first: a hook that failed may have been meant to remove something.
    fail('delivery.before_send_failed', 'beforeSend threw, response not sent: ' + describe(err), { responseId: id });
    return null;
  }
  if (r === false) return null;
  if (r && typeof r === 'object') p = r;
  if (p.responseId !== id || p.status !== status) {
    fail('delivery.before_send_failed', 'beforeSend may not change responseId or status', { responseId: id });
    return null;
  }
  return p;
}

/**
 * Removes the query string and fragment of `context.pageUrl` (issue 5: they often hold e-mails or
 * tokens). The core strips them already; this keeps the promise when a hook or an old payload did not.
 * @param {any} payload
 * @returns {any}
 */
function strip_url(payload) {
  const c = payload.context;
  if (!c || typeof c !== 'object' || typeof c.pageUrl !== 'string') return payload;
  const cut = c.pageUrl.search(/[?#]/);
  if (cut < 0) return payload;
  return Object.assign({}, payload, { context: Object.assign({}, c, { pageUrl: c.pageUrl.slice(0, cut) }) });
}
