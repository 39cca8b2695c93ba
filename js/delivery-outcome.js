// What one delivery attempt's outcome does to the outbox (split from js/delivery.js, issue 15):
// acknowledged, refused for good, or retried after a backoff; the `sent` event once per response
// and one `delivery.retrying` per failure streak. The attempt itself is js/attempt.js.

import { attempt } from './attempt.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';

/**
 * @param {{ outbox: ReturnType<typeof import('./outbox.js').createOutbox>, self: string, now: () => number,
 *           endpoint: any, headers?: Record<string, string>, fetch?: typeof fetch, timeout: number,
 *           retry: { baseMs?: number, capMs?: number, random?: () => number },
 *           fire: (type: 'sent' | 'error', detail: object) => void,
 *           fail: (code: string, message: string, extra?: object) => void }} d
 */
export function createOutcomes(d) {
  const { outbox, self, now, endpoint, fail } = d;
  const timeout = d.timeout;
  const retry_options = d.retry;
  /** responseIds whose `sent` event fired here */
  const sent_ids = new Set();
  /** `${id}:${rev}` of requests under way from this page (keepalive: they survive unload) */
  const in_flight = new Set();
  /** whether the current failure streak was reported */
  let streak_reported = false;

  /** @param {string} id @param {object} payload */
  function announce_sent(id, payload) {
    if (sent_ids.has(id)) return;
    sent_ids.add(id);
    d.fire('sent', { responseId: id, payload });
  }

  /**
   * Delivers one version; returns false when the endpoint is failing (stop the pass).
   * @param {import('./outbox.js').OutboxEntry} entry
   * @returns {Promise<boolean>}
   */
  async function deliver(entry) {
    const { id, rev, status, payload } = entry;
    const key = id + ':' + rev;
    in_flight.add(key);
    // Recorded in the outbox before the request goes out and kept until an HTTP answer is read:
    // if this page goes first, the version's outcome is unknown (see flush_on_unload and adopt).
    const until = now() + timeout;
    const outcome = await attempt(entry, {
      endpoint,
      headers: d.headers,
      timeoutMs: timeout,
      fetch: d.fetch,
      onStart: (keepalive) => outbox.mark(id, rev, self, until, keepalive),
    });
    in_flight.delete(key);

    if (outcome.ok) {
      outbox.settle(id, rev, true, status);
      const { state } = outbox.load();
      if (state.retry.attempt !== 0 || state.retry.notBefore !== 0) outbox.setRetry({ attempt: 0, notBefore: 0, hard: false });
      streak_reported = false;
      if (status === 'complete') announce_sent(id, payload);
      return true;
    }
    if (!outcome.retry) {
      outbox.settle(id, rev, false, status);
      fail(
        'delivery.rejected',
        'the endpoint refused the ' + status + ' version of response ' + id + ' (HTTP ' + outcome.status + ')' + (outcome.message ? ': ' + outcome.message : ''),
        { status: outcome.status, responseId: id, serverMessage: outcome.message },
      );
      return true;
    }
    // An HTTP answer says the endpoint did not take it; after a network error or a timeout the
    // outcome stays unknown (the mark stays). That includes a keepalive request cut from the page
    // as it unloads, which the browser still delivers (Chromium rejects the page's promise a few
    // ms before `pagehide`; measured, see docs/delivery.md).
    if (outcome.status) outbox.mark(id, rev, self, 0);
    const { state } = outbox.load();
    const after = outcome.retryAfter != null ? parseRetryAfter(outcome.retryAfter, now()) : null;
    const delay = after != null ? after : backoffDelay(state.retry.attempt, retry_options);
    outbox.setRetry({ attempt: state.retry.attempt + 1, notBefore: now() + delay, hard: after != null });
    if (!streak_reported) {
      streak_reported = true;
      const what = outcome.status ? 'HTTP ' + outcome.status + (outcome.message ? ': ' + outcome.message : '') : outcome.message;
      fail('delivery.retrying', 'could not deliver response ' + id + ' (' + what + '); retrying in ' + delay + ' ms', {
        status: outcome.status,
        responseId: id,
      });
    }
    return false;
  }

  return {
    deliver,
    /** @param {string} key `${id}:${rev}` @returns {boolean} a request for it is under way from this page */
    inFlight: (key) => in_flight.has(key),
  };
}
