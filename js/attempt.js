// One delivery attempt: a payload version in, its outcome out (issue 15: split from js/delivery.js,
// which owns the outbox and the schedule). Never throws.

import { describe } from './errors.js';
import { toJson } from './json.js';
import { postJson } from './transport.js';

/**
 * @typedef {{ ok: true } | { ok: false, retry: boolean, status?: number, message: string, retryAfter?: string | null }} Outcome
 *   `retry`: a network failure, a timeout, 408, 429, 5xx or a failing endpoint function; any other
 *   4xx is final. `status` only when an HTTP answer was read.
 */

/**
 * Sends one version of a response to the endpoint.
 * @param {{ id: string, payload: object }} entry
 * @param {{ endpoint: string | ((payload: object) => any), headers?: Record<string, string>, timeoutMs: number,
 *           fetch?: typeof fetch, onStart: (keepalive: boolean) => void }} how
 *   onStart: told just before the request leaves, whether it survives the page (keepalive; always
 *   false for an endpoint function)
 * @returns {Promise<Outcome>}
 */
export async function attempt(entry, how) {
  const endpoint = how.endpoint;
  if (typeof endpoint === 'function') {
    how.onStart(false);
    try {
      const r = await endpoint(entry.payload);
      const ok = r === undefined || r === null || r === true || (typeof r === 'object' && r.ok !== false);
      return ok ? { ok: true } : { ok: false, retry: true, message: 'the endpoint function reported a failure' };
    } catch (err) {
      return { ok: false, retry: true, message: 'the endpoint function failed: ' + describe(err) };
    }
  }
  const res = await postJson(String(endpoint), toJson(entry.payload), {
    idempotencyKey: entry.id,
    headers: how.headers,
    timeoutMs: how.timeoutMs,
    fetch: how.fetch,
    onStart: how.onStart,
  });
  if ('error' in res) return { ok: false, retry: true, message: res.error + ': ' + res.message };
  if (res.status >= 200 && res.status < 300) return { ok: true };
  const retry = res.status === 408 || res.status === 429 || res.status >= 500;
  return { ok: false, retry, status: res.status, message: res.message, retryAfter: res.retryAfter };
}
