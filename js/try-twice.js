// One more try, after a pause, for a download whose failure may be passing (a phone's network).

import { fetchSoon } from './fetch-soon.js';

/** Pause before the second try. */
export const RETRY_DELAY_MS = 1000;

/**
 * The failure of a GET is worth one more try when the network dropped, before or during the
 * download (fetch or the body rejected with a TypeError), or the server said 408, 429 or 5xx. Not
 * for other answers (404: the file is not there), a file that does not compile (a wrong URL
 * answering HTML, or a CSP without 'wasm-unsafe-eval': the same again), nor our own timeout (the
 * shopper would wait twice as long).
 * @param {unknown} err
 * @returns {boolean}
 */
export function mayPass(err) {
  const e = /** @type {any} */ (err);
  if (!e) return false;
  if (e.name === 'AbortError') return false;
  if (typeof e.status === 'number') return e.status === 408 || e.status === 429 || e.status >= 500;
  return e instanceof TypeError;
}

/**
 * Runs `attempt`; if it fails in a way that may pass, waits `delayMs` and runs it once more.
 * @template T
 * @param {() => Promise<T>} attempt
 * @param {number} [delayMs]
 * @returns {Promise<T>}
 */
export async function tryTwice(attempt, delayMs = RETRY_DELAY_MS) {
  try {
    return await attempt();
  } catch (err) {
    if (!mayPass(err)) throw err;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return attempt();
  }
}

/**
 * The error for an HTTP answer that is not 2xx, with its status for `mayPass`.
 * @param {string} url
 * @param {number} status
 */
export function httpError(url, status) {
  return Object.assign(new Error(`GET ${url} answered ${status}`), { status });
}

/**
 * GETs `url` and reads the answer with `read`, tried twice as above. `timeoutMs` aborts an attempt
 * (download and read) still unfinished after that long.
 * @template T
 * @param {string} url
 * @param {{ credentials: RequestCredentials, timeoutMs?: number }} how
 * @param {(res: Response) => Promise<T>} read
 * @returns {Promise<T>}
 */
export function getTwice(url, how, read) {
  return tryTwice(async () => {
    const ctrl = how.timeoutMs && typeof AbortController === 'function' ? new AbortController() : null;
    const timer = ctrl ? setTimeout(() => ctrl.abort(), how.timeoutMs) : 0;
    try {
      const res = await fetchSoon(url, { credentials: how.credentials, signal: ctrl ? ctrl.signal : undefined });
      if (!res.ok) throw httpError(url, res.status);
      return await read(res);
    } finally {
      clearTimeout(timer);
    }
  });
}
