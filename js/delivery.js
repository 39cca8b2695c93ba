// Delivers pepite.response/1 payloads to the shop's endpoint exactly once, through failures and closed tabs (issue 5).

import { attempt } from './attempt.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { newResponseId } from './ids.js';
import { toJson } from './json.js';
import { describe } from './errors.js';
import { createSchedule } from './flush-schedule.js';
import { createOutbox } from './outbox.js';
import { createOwner, REGISTRY_KEY } from './outbox-owner.js';
import { preparePayload } from './prepare-payload.js';
import { createStorage, safeStorage } from './storage.js';
import { postOnUnload, TIMEOUT_MS } from './transport.js';

/** Upper bound of requests in one flush pass (the outbox holds at most 50 entries). */
const PASS_MAX = 200;

/**
 * @typedef {object} DeliveryOptions
 * @property {string | ((payload: object) => Promise<void | boolean | { ok: boolean }>)} endpoint
 *   URL to POST to, or a function for shops with their own transport (resolving to nothing, true
 *   or `{ok: true}` acknowledges; false, `{ok: false}` or a rejection is retried).
 * @property {Record<string, string>} [headers] extra request headers (normal path only)
 * @property {(payload: object) => object | false | void | Promise<object | false | void>} [beforeSend] may return a modified payload, or false to cancel (or a promise of either)
 * @property {(type: 'sent' | 'error', detail: object) => void} emit fires widget events
 * @property {{ get(key: string): any, set(key: string, value: any): boolean, remove(key: string): void }} storage from js/storage.js
 * @property {number} [retryBaseMs] first retry delay (default 1000); tests lower it
 * @property {number} [retryCapMs] longest retry delay (default 60000)
 * @property {number} [timeoutMs] request timeout (default 10000)
 * @property {() => number} [random] jitter source in [0, 1) (default Math.random)
 * @property {() => number} [now] clock in ms since the epoch (default Date.now)
 * @property {typeof fetch} [fetch] fetch implementation (default globalThis.fetch)
 * @property {boolean} [autoFlush] flush the outbox at creation and on page hide/online (default true)
 */

/**
 * Creates the delivery service of one widget. Payloads go to this page's outbox in storage first,
 * then to the endpoint. Each page view has its own outbox, written by that page only (Chromium
 * propagates localStorage between tabs asynchronously, so two tabs rewriting one shared document
 * resurrect each other's acknowledged entries: measured, see docs/delivery.md). A page holds a Web
 * Lock on its outbox while it lives; another page adopts an outbox whose lock is free (its page is
 * gone) and sends what it held, so responses from earlier views go out when the script next loads.
 * Flushes: at creation, after `send`, on `online`, after backoff delays; on page hide, what is
 * still queued goes out with keepalive requests that survive the unload.
 * Never throws and never rejects; failures become `error` events.
 * @param {DeliveryOptions} options
 * @returns {{ send(payload: object): Promise<boolean>, flush(): Promise<void>, destroy(): void }}
 * @example
 * const delivery = createDelivery({ endpoint: '/api/feedback', emit, storage: createStorage('outbox') });
 * delivery.send(payload); // payload from the core's `act` result
 */
export function createDelivery(options) {
  const o = options && typeof options === 'object' ? options : /** @type {any} */ ({});
  const endpoint = o.endpoint;
  const now = typeof o.now === 'function' ? o.now : Date.now;
  const timeout = positive(o.timeoutMs, TIMEOUT_MS);
  const retry_options = { baseMs: o.retryBaseMs, capMs: o.retryCapMs, random: o.random };
  // An id for this page's delivery instance (not sent anywhere).
  const self = newResponseId();
  const storage = safeStorage(o.storage && typeof o.storage.get === 'function' ? o.storage : createStorage('delivery-' + self, undefined, true));
  const outbox = createOutbox(storage, { now, key: 'outbox:' + self });
  const auto = o.autoFlush !== false;

  let destroyed = false;
  /** set on `pagehide`: the page is going (or frozen); cleared when `pageshow` restores it */
  let leaving = false;
  /** responseIds whose `sent` event fired here */
  const sent_ids = new Set();
  /** `${id}:${rev}` of requests under way from this page (keepalive: they survive unload) */
  const in_flight = new Set();
  /** responseId → rev already handed to the unload path */
  const unload_sent = new Map();
  /** whether the current failure streak was reported */
  let streak_reported = false;

  /**
   * Whether normal requests are over for this page: it is going, and what is left went out on the
   * unload path (URL endpoints; a shop's own transport function decides for itself).
   */
  function stopped() {
    return leaving && typeof endpoint === 'string';
  }

  /** @param {'sent' | 'error'} type @param {object} detail */
  function fire(type, detail) {
    if (destroyed || typeof o.emit !== 'function') return;
    try {
      o.emit(type, detail);
    } catch (_) {
      // A throwing listener must not stop delivery.
    }
  }

  /** @param {string} code @param {string} message @param {object} [extra] */
  function fail(code, message, extra) {
    fire('error', Object.assign({ code, message }, extra || {}));
  }

  /** @param {import('./outbox.js').Eviction[]} evicted */
  function report_evictions(evicted) {
    for (const { entry, reason } of evicted) {
      fail('delivery.evicted', 'response ' + entry.id + ' (' + entry.status + ') dropped from the outbox: ' + reason, {
        responseId: entry.id,
        reason,
      });
    }
  }

  const owner = createOwner({
    storage,
    self,
    now,
    outbox,
    report: report_evictions,
    adopted: () => flush(true),
    gone: () => destroyed,
  });

  /** @param {string} id @param {object} payload */
  function announce_sent(id, payload) {
    if (sent_ids.has(id)) return;
    sent_ids.add(id);
    fire('sent', { responseId: id, payload });
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
      headers: o.headers,
      timeoutMs: timeout,
      fetch: o.fetch,
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

  /**
   * One flush pass over this page's outbox: sends every due entry, oldest first.
   * @param {boolean} force ignore the backoff delay (not a server's Retry-After)
   * @param {Set<string>} tried `id:rev` of the versions this flush sent already (skipped)
   */
  async function pass(force, tried) {
    for (let i = 0; i < PASS_MAX && !destroyed; i++) {
      if (stopped()) return;
      const { state, evicted } = outbox.load();
      report_evictions(evicted);
      if (state.retry.notBefore > now() && (!force || state.retry.hard)) return;
      const entry = state.entries.find((e) => !tried.has(e.id + ':' + e.rev));
      if (!entry) return;
      tried.add(entry.id + ':' + entry.rev);
      if (!(await deliver(entry))) return;
      // Only the first request of a forced pass ignores the backoff; after a success none is set.
      force = false;
    }
  }

  const schedule = createSchedule({
    async round(force, tried) {
      owner.heartbeat();
      owner.watchOthers();
      await pass(force, tried);
    },
    due() {
      const { state } = outbox.load();
      return state.entries.length ? Math.max(state.retry.notBefore - now(), 50) : null;
    },
    gone: () => destroyed,
    stopped,
    failed: (err) => fail('delivery.internal', 'delivery failed: ' + describe(err)),
  });
  const flush = schedule.flush;

  /**
   * The page is being hidden or closed: hand what is still queued to keepalive requests that
   * survive the unload (see transport.postOnUnload and docs/delivery.md).
   */
  function flush_on_unload() {
    if (destroyed) return;
    owner.closing();
    if (typeof endpoint !== 'string') {
      flush(true);
      return;
    }
    // Offline, the request cannot leave; the next page view (or the `online` event) sends it.
    if (typeof navigator === 'object' && navigator && navigator.onLine === false) return;
    const { state } = outbox.load();
    for (const e of state.entries) {
      if (in_flight.has(e.id + ':' + e.rev)) continue; // already a keepalive request: it survives
      // A keepalive request for this version with no answer yet: it may well arrive (the browser
      // carries it through the unload); the page that adopts this outbox sends it again.
      if (e.sending && e.sending.rev === e.rev && e.sending.keepalive) continue;
      if (unload_sent.get(e.id) === e.rev) continue;
      if (!postOnUnload(endpoint, toJson(e.payload), o.fetch)) break;
      unload_sent.set(e.id, e.rev);
    }
  }

  /** @param {Event} ev */
  function on_hide(ev) {
    if (ev.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
    flush_on_unload();
    if (ev.type === 'pagehide') {
      // Unloading (or entering the back/forward cache): a request started now would be cut from
      // the page before its answer is read. Nothing new goes out until `pageshow` brings it back.
      leaving = true;
      schedule.stop();
    }
  }
  /** @param {PageTransitionEvent} ev back from the back/forward cache */
  function on_show(ev) {
    if (!ev.persisted || !leaving) return;
    leaving = false;
    owner.heartbeat();
    flush(true);
  }
  function on_online() {
    flush(true);
  }
  /** Another tab listed its outbox: wait for its lock, to adopt what it leaves when it closes. */
  function on_storage(/** @type {StorageEvent} */ ev) {
    if (typeof ev.key === 'string' && ev.key.endsWith(':' + REGISTRY_KEY)) owner.watchOthers();
  }

  const has_window = typeof window === 'object' && window !== null && typeof window.addEventListener === 'function';
  if (auto && has_window) {
    window.addEventListener('pagehide', on_hide);
    window.addEventListener('pageshow', on_show);
    window.addEventListener('online', on_online);
    window.addEventListener('storage', on_storage);
    if (typeof document === 'object' && document) document.addEventListener('visibilitychange', on_hide);
  }

  const ready = owner.ready;
  ready
    .then(() => {
      if (destroyed) return;
      owner.register();
      if (auto) flush(true);
    })
    .catch((err) => fail('delivery.internal', 'delivery failed: ' + describe(err)));

  return {
    /**
     * Queues a payload (after `beforeSend`) and starts sending it. Resolves true once it is in
     * the outbox, false when cancelled, invalid, or a partial arriving after its complete.
     * @param {object} payload a pepite.response/1 payload from the core
     * @returns {Promise<boolean>}
     */
    async send(payload) {
      try {
        if (destroyed) return false;
        const p = await preparePayload(payload, o.beforeSend, typeof endpoint !== 'string' && typeof endpoint !== 'function', fail);
        if (!p) return false;
        const res = outbox.put(p, self);
        report_evictions(res.evicted);
        if (!res.queued) return false;
        await ready;
        owner.register();
        // Queued while the page is going: only the unload path can still get it out.
        if (stopped()) flush_on_unload();
        else if (typeof endpoint === 'string' || typeof endpoint === 'function') flush(true);
        return true;
      } catch (err) {
        fail('delivery.internal', 'delivery failed: ' + describe(err));
        return false;
      }
    },

    /**
     * Sends whatever is due in the outbox; resolves when done (never rejects).
     * @returns {Promise<void>}
     */
    async flush() {
      await ready;
      return flush(false);
    },

    /**
     * Stops timers and listeners and releases this page's outbox: what is still queued there is
     * adopted by the next page (or instance) that loads.
     */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      schedule.stop();
      if (has_window) {
        window.removeEventListener('pagehide', on_hide);
        window.removeEventListener('pageshow', on_show);
        window.removeEventListener('online', on_online);
        window.removeEventListener('storage', on_storage);
        if (typeof document === 'object' && document) document.removeEventListener('visibilitychange', on_hide);
      }
      try {
        const { state } = outbox.load();
        if (state.entries.length === 0) {
          outbox.clear();
          owner.unregister(self);
        } else owner.closing();
      } catch (_) {
        // Storage gone: nothing to release.
      }
      owner.release();
    },
  };
}

/** @param {unknown} v @param {number} fallback @returns {number} */
function positive(v, fallback) {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
