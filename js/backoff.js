// Retry timing for delivery: exponential backoff with jitter and `Retry-After` parsing (issue 5).

/** Delay before the first retry, in ms (issue 5: "about 1 s, 2 s, 4 s …"). */
export const RETRY_BASE_MS = 1000;
/** Longest delay between two attempts, in ms (issue 5: "capped at 60 s"). */
export const RETRY_CAP_MS = 60000;
/** Longest `Retry-After` we honour, in ms: a server asking for more is retried after a day. */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * Delay before retry number `attempt` (0 for the first retry): `base · 2^attempt`, capped, then
 * multiplied by a jitter factor in [0.5, 1.5) so that many clients failing together spread out,
 * and capped again. `random` is injectable so tests get a fixed schedule.
 * @param {number} attempt failures so far minus one (0, 1, 2, …)
 * @param {{ baseMs?: number, capMs?: number, random?: () => number }} [options]
 * @returns {number} milliseconds, an integer in [0, capMs]
 * @example backoffDelay(2, { random: () => 0.5 }) // 4000
 */
export function backoffDelay(attempt, options = {}) {
  const base = positive(options.baseMs, RETRY_BASE_MS);
  const cap = Math.max(base, positive(options.capMs, RETRY_CAP_MS));
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2^n overflows nothing here: past the cap the exponent no longer matters.
  const nominal = Math.min(cap, base * Math.pow(2, Math.min(n, 40)));
  let r = 0.5;
  try {
    const v = typeof options.random === 'function' ? Number(options.random()) : Math.random();
    if (Number.isFinite(v)) r = Math.min(Math.max(v, 0), 0.999999);
  } catch (_) {
    // A broken random source must not stop delivery: fall back to no jitter.
  }
  return Math.round(Math.min(cap, nominal * (0.5 + r)));
}

/**
 * Parses an HTTP `Retry-After` header value: delay-seconds (`"2"`) or an HTTP-date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`), per RFC 9110 §10.2.3.
 * @param {string | null | undefined} value the header value
 * @param {number} nowMs the current time in ms since the epoch (for HTTP-dates)
 * @returns {number | null} the delay in ms (0 for a date in the past), or null when absent/invalid
 */
export function parseRetryAfter(value, nowMs) {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  // Only HTTP-date shapes: a bare number with a sign or decimals is invalid, not a date.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - nowMs), RETRY_AFTER_MAX_MS);
}

/**
 * @param {unknown} v
 * @param {number} fallback
 * @returns {number}
 */
export function positive(v, fallback) {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
