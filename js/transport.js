// HTTP transport for response payloads: one POST that never throws and reports what happened (issue 5).

/** Request timeout in ms (issue 5: 10 s). */
export const TIMEOUT_MS = 10000;
/** At most this many characters of a server's error body go into an `error` event. */
export const MESSAGE_MAX = 300;
/**
 * Bytes of keepalive bodies we allow in flight: browsers cap all keepalive/beacon requests of a
 * page at 64 KB together (Fetch standard, "keepalive" quota); keep a margin for others' beacons.
 */
export const KEEPALIVE_BUDGET = 48 * 1024;

/**
 * @typedef {{ status: number, retryAfter: string | null, message: string }} HttpResult
 * @typedef {{ error: 'network' | 'timeout', message: string }} NetworkFailure
 */

let keepalive_in_flight = 0;

/**
 * POSTs `body` (JSON text) to `url` as `application/json` with `Idempotency-Key`, no cookies.
 * Uses `keepalive` when the body fits the page's keepalive budget, so a request already under way
 * survives the tab closing. Resolves with the HTTP status (and for failures the server's message,
 * capped) or with a network failure; never rejects.
 * @param {string} url
 * @param {string} body
 * @param {{ idempotencyKey: string, headers?: Record<string, string>, timeoutMs?: number,
 *           fetch?: typeof fetch, onStart?: (keepalive: boolean) => void }} options
 *   onStart: told synchronously, just before the request goes out, whether it is a keepalive
 *   request (one the browser carries on if the page unloads)
 * @returns {Promise<HttpResult | NetworkFailure>}
 */
export async function postJson(url, body, options) {
  const fetch_impl = options.fetch || globalThis.fetch;
  const timeout = options.timeoutMs ?? TIMEOUT_MS;
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of Object.entries(options.headers || {})) {
    if (typeof v === 'string') headers[k] = v;
  }
  headers['Content-Type'] = 'application/json';
  headers['Idempotency-Key'] = options.idempotencyKey;
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let timed_out = false;
  const timer = setTimeout(() => {
    timed_out = true;
    if (controller) controller.abort();
  }, timeout);
  const size = body.length;
  const keepalive = keepalive_in_flight + size <= KEEPALIVE_BUDGET;
  if (keepalive) keepalive_in_flight += size;
  try {
    if (typeof options.onStart === 'function') options.onStart(keepalive);
    const request = fetch_impl(url, {
      method: 'POST',
      body,
      headers,
      credentials: 'omit',
      mode: 'cors',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      keepalive,
      signal: controller ? controller.signal : undefined,
    });
    // Without AbortController the timeout still wins the race; the request is left to finish.
    const response = await Promise.race([
      request,
      new Promise((_, reject) => {
        if (!controller) setTimeout(() => reject(new Error('timeout')), timeout);
      }),
    ]);
    let message = '';
    if (response.status < 200 || response.status >= 300) {
      message = await read_message(response);
    } else if (response.body && typeof response.body.cancel === 'function') {
      // The body of a 2xx is not needed; release the connection.
      response.body.cancel().catch(() => {});
    }
    return {
      status: response.status,
      retryAfter: response.headers.get('Retry-After'),
      message,
    };
  } catch (err) {
    if (timed_out) return { error: 'timeout', message: 'no answer within ' + timeout + ' ms' };
    const m = err && typeof err === 'object' && 'message' in err ? String(err.message) : '';
    return { error: 'network', message: m || 'network error' };
  } finally {
    clearTimeout(timer);
    if (keepalive) keepalive_in_flight -= size;
  }
}

/**
 * Sends `body` while the page is being hidden or unloaded: `fetch` with `keepalive`, a `text/plain`
 * body (JSON inside) and no custom header, which makes it a CORS "simple request": no preflight,
 * so nothing waits for an OPTIONS answer that would come after the page is gone. No cookies
 * (`credentials: 'omit'`), unlike `sendBeacon`, which always sends them. The result is not awaited:
 * the entry stays queued and is confirmed (or re-sent, the endpoint upserting by responseId) later.
 * See docs/delivery.md for what we measured in Chromium.
 * @param {string} url
 * @param {string} body
 * @param {typeof fetch} [fetch_impl]
 * @returns {boolean} whether the browser accepted the request (false: over the keepalive quota)
 */
export function postOnUnload(url, body, fetch_impl) {
  const f = fetch_impl || globalThis.fetch;
  if (typeof f !== 'function') return false;
  if (keepalive_in_flight + body.length > KEEPALIVE_BUDGET) return false;
  keepalive_in_flight += body.length;
  const size = body.length;
  try {
    const p = f(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      mode: 'cors',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      keepalive: true,
    });
    Promise.resolve(p)
      .catch(() => {})
      .finally(() => {
        keepalive_in_flight -= size;
      });
    return true;
  } catch (_) {
    // Over the browser's keepalive quota: the entry waits for the next page view.
    keepalive_in_flight -= size;
    return false;
  }
}

/**
 * Reads a failed response's body: the `message` (or `error`) field of a JSON body, else the text,
 * whitespace collapsed and capped at MESSAGE_MAX characters.
 * @param {Response} response
 * @returns {Promise<string>}
 */
async function read_message(response) {
  let text = '';
  try {
    text = await response.text();
  } catch (_) {
    return '';
  }
  text = text.slice(0, 16384);
  try {
    const doc = JSON.parse(text);
    if (doc && typeof doc === 'object') {
      const m = doc.message ?? (doc.error && typeof doc.error === 'object' ? doc.error.message : doc.error);
      if (typeof m === 'string' && m) text = m;
    }
  } catch (_) {
    // Not JSON: the text itself is the message.
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MESSAGE_MAX ? text.slice(0, MESSAGE_MAX - 1) + '…' : text;
}
